import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DECK_FONT_STYLESHEETS, readFontFaces } from './font-faces.ts';
import { unicodeRangeOf, writeDeckFonts } from './subset.ts';

describe('unicodeRangeOf', () => {
  it('joins runs of code points and names single ones, whatever the order', () => {
    expect(unicodeRangeOf('cab€ ')).toBe('U+20,U+61-63,U+20AC');
    expect(unicodeRangeOf('')).toBe('');
  });
});

describe('writeDeckFonts', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("declares the first screen's faces for its characters alone, and lists every face for the deck's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deck-fonts-'));
    dirs.push(dir);
    const faces = (await Promise.all(DECK_FONT_STYLESHEETS.map((sheet) => readFontFaces(sheet, process.cwd())))).flat();
    const files = await writeDeckFonts(
      faces,
      { firstScreen: { regular: ' Xen', bold: ' X' }, deck: ' Xen Keynote’' },
      dir,
    );
    const css = await readFile(files.stylesheet, 'utf8');
    // Latin only (Inter's other scripts draw none of these), in both weights.
    expect(css.match(/@font-face/g)).toHaveLength(2);
    // Each weight its own characters, and the joiner its own range has (an emoji sequence stays in one font).
    expect(css).toContain('font-weight: 400;\n  font-display: swap;\n  src: url(');
    expect(css).toContain('unicode-range: U+20,U+58,U+65,U+6E,U+200D;');
    expect(css).toContain('unicode-range: U+20,U+58,U+200D;');
    expect(css).toContain('--deck-font:');
    const module = await readFile(files.everyFont, 'utf8');
    expect(module.match(/\?url';/g)).toHaveLength(2);
    expect(module).toContain('"unicodeRange":"U+20,U+4B,U+58,U+65,U+6E-6F,U+74,U+79,U+200D,U+2019"');
    // Each file is named by its content: the first screen's fonts are not the deck's.
    const firstFonts = [...css.matchAll(/url\('\.\/([^']+)'\)/g)].map(([, name]) => name);
    const everyFonts = [...module.matchAll(/from '\.\/([^?]+)\?url'/g)].map(([, name]) => name);
    expect(firstFonts).toHaveLength(2);
    expect(everyFonts.some((name) => firstFonts.includes(name))).toBe(false);
  });
});

describe('a font listed after Inter', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const EMOJI = ['@fontsource/noto-emoji/400.css', '@fontsource/noto-emoji/700.css'];

  it('gets a face only where it draws a character Inter does not: an emoji, not the digits it also has', async () => {
    const faces = (
      await Promise.all([...DECK_FONT_STYLESHEETS, ...EMOJI].map((sheet) => readFontFaces(sheet, process.cwd())))
    ).flat();
    const cut = async (deck: string) => {
      const dir = await mkdtemp(join(tmpdir(), 'deck-fonts-'));
      dirs.push(dir);
      const files = await writeDeckFonts(faces, { firstScreen: { regular: deck, bold: deck }, deck }, dir);
      const css = await readFile(files.stylesheet, 'utf8');
      return {
        first: [...css.matchAll(/font-family: '([^']+)'[^}]*unicode-range: ([^;]+);/g)].map(([, family, range]) => ({
          family: family!,
          range: range!,
        })),
        every: files.everyFace.map(({ family, descriptors }) => ({ family, range: descriptors.unicodeRange })),
      };
    };
    // Noto Emoji declares the digits, # and * (keycaps) in one of its subsets: Inter, ahead of it, draws them.
    const plain = await cut(' 2006 #1 *');
    expect(plain.every.map(({ family }) => family)).toEqual(['Inter', 'Inter']);
    expect(plain.first.map(({ family }) => family)).toEqual(['Inter', 'Inter']);
    // With an emoji, only the subsets that draw it (two of Noto Emoji's have the rocket), in both weights.
    const withEmoji = await cut(' 2006 🚀');
    const emojiFaces = withEmoji.every.filter(({ family }) => family === 'Noto Emoji');
    expect(emojiFaces).toHaveLength(4);
    for (const { range } of emojiFaces) expect(range).toContain('U+1F680');
    expect(withEmoji.first).toEqual(withEmoji.every);
    // A keycap (#️⃣): its U+20E3 keeps the subset with the digits, which keeps them, so the sequence is shaped in one font.
    const keycap = await cut(' #\u20E3');
    const keycapFaces = keycap.every.filter(({ family }) => family === 'Noto Emoji');
    expect(keycapFaces).toHaveLength(2);
    for (const { range } of keycapFaces) expect(range).toMatch(/U\+23,.*U\+20E3/);
    // Beyond ASCII the later font stays where it draws a character too (© may come as an emoji, ©️).
    expect((await cut(' ©')).every.some(({ family, range }) => family === 'Noto Emoji' && range.includes('U+A9'))).toBe(
      true,
    );
  });
});
