import { describe, expect, it } from 'vitest';
import { checkFontCoverage, type SlideText } from './coverage.ts';
import { readFontFaces } from './font-faces.ts';

const inter = await readFontFaces('@fontsource/inter/400.css', process.cwd());
const emoji = await readFontFaces('@fontsource/noto-emoji/400.css', process.cwd());
const settings = { file: 'slides/deck.yml' };

const slide = (body: string): SlideText => ({
  file: 'slides/04-world.md',
  body,
  bodyLine: 6,
  html: `<section><h2>World</h2><p>${body.replaceAll('\n', ' ')}</p><aside class="notes">Notes.</aside></section>`,
});

describe('checkFontCoverage', () => {
  it('passes Latin, Cyrillic, Greek and Vietnamese text: Inter draws them', () => {
    expect(() => checkFontCoverage([slide('Привет · Γειά σου · Tiếng Việt')], inter, settings)).not.toThrow();
  });

  it('stops at the slide and line of an emoji, naming it and the font to add', () => {
    expect(() => checkFontCoverage([slide('Intro\nLaunch 🚀 now')], inter, settings)).toThrow(
      'slides/04-world.md:7: text: no font of the deck (Inter) draws "🚀" (U+1F680); add a font that does under "fonts:" in slides/deck.yml, e.g. `npm install @fontsource/noto-emoji` and `fonts: [\'@fontsource/noto-emoji/400.css\', \'@fontsource/noto-emoji/700.css\']`',
    );
  });

  it('names every missing character and suggests a font for their script', () => {
    expect(() => checkFontCoverage([slide('虚拟化 and مرحبا')], inter, settings)).toThrow(
      /draws "虚" \(U\+865A\), "拟" \(U\+62DF\), "化" \(U\+5316\), "م" .*npm install @fontsource\/noto-sans-sc/,
    );
  });

  it('passes an emoji once deck.yml adds a font that draws it', () => {
    expect(() => checkFontCoverage([slide('Launch 🚀 now')], [...inter, ...emoji], settings)).not.toThrow();
  });
});
