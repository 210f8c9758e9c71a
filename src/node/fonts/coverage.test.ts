import { describe, expect, it } from 'vitest';
import { checkFontCoverage, type SlideText } from './coverage.ts';
import { packageInstalled, readFontFaces } from './font-faces.ts';

const inter = await readFontFaces('@fontsource/inter/400.css', process.cwd());
const emoji = await readFontFaces('@fontsource/noto-emoji/400.css', process.cwd());
const settings = { file: 'slides/deck.yml' };
/** As in a fresh clone of a deck without the package, and as in this project, which has it. */
const notInstalled = () => false;
const installed = (name: string) => name === '@fontsource/noto-emoji';

const slide = (body: string): SlideText => ({
  file: 'slides/04-world.md',
  body,
  bodyLine: 6,
  html: `<section><h2>World</h2><p>${body.replaceAll('\n', ' ')}</p><aside class="notes">Notes.</aside></section>`,
});

describe('checkFontCoverage', () => {
  it('passes Latin, Cyrillic, Greek and Vietnamese text: Inter draws them', () => {
    expect(() =>
      checkFontCoverage([slide('Привет · Γειά σου · Tiếng Việt')], inter, settings, installed),
    ).not.toThrow();
  });

  it('stops at the slide and line of an emoji, naming it and the font to add', () => {
    expect(() => checkFontCoverage([slide('Intro\nLaunch 🚀 now')], inter, settings, notInstalled)).toThrow(
      'slides/04-world.md:7: text: no font of the deck (Inter) draws "🚀" (U+1F680); add a font that does under "fonts:" in slides/deck.yml, e.g. `npm install @fontsource/noto-emoji` and `fonts: [\'@fontsource/noto-emoji/400.css\', \'@fontsource/noto-emoji/700.css\']` (README, "Fonts")',
    );
  });

  it('asks only to list the stylesheets of a font package that is installed already', () => {
    expect(() => checkFontCoverage([slide('Launch 🚀 now')], inter, settings, installed)).toThrow(
      'slides/04-world.md:6: text: no font of the deck (Inter) draws "🚀" (U+1F680); @fontsource/noto-emoji is installed: list its stylesheets under "fonts:" in slides/deck.yml, `fonts: [\'@fontsource/noto-emoji/400.css\', \'@fontsource/noto-emoji/700.css\']` (README, "Fonts")',
    );
  });

  it('names every missing character and suggests a font for their script', () => {
    expect(() => checkFontCoverage([slide('虚拟化 and مرحبا')], inter, settings, installed)).toThrow(
      /draws "虚" \(U\+865A\), "拟" \(U\+62DF\), "化" \(U\+5316\), "م" .*npm install @fontsource\/noto-sans-sc/,
    );
  });

  it('passes an emoji once deck.yml adds a font that draws it', () => {
    expect(() => checkFontCoverage([slide('Launch 🚀 now')], [...inter, ...emoji], settings, installed)).not.toThrow();
  });
});

describe('packageInstalled', () => {
  it('says whether the project can load a package: this project has Noto Emoji, not Noto Sans Thai', () => {
    expect(packageInstalled('@fontsource/noto-emoji', process.cwd())).toBe(true);
    expect(packageInstalled('@fontsource/noto-sans-thai', process.cwd())).toBe(false);
  });
});
