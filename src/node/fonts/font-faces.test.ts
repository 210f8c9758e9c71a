import { describe, expect, it } from 'vitest';
import { draws, parseFontFaces, readFontFaces } from './font-faces.ts';

describe('parseFontFaces', () => {
  it('reads family, weight, style, the WOFF2 file beside the stylesheet and the unicode ranges', () => {
    const [face] = parseFontFaces(
      "@font-face { font-family: 'Demo'; font-style: italic; font-weight: 700; src: url(./files/demo.woff2) format('woff2'), url(./files/demo.woff) format('woff'); unicode-range: U+0400-045F, U+2116, U+4??; }",
      '/fonts/demo/700.css',
    );
    expect(face).toMatchObject({ family: 'Demo', style: 'italic', weight: 700, file: '/fonts/demo/files/demo.woff2' });
    expect(['Ж', '№', 'ѐ'].map((c) => draws(face!, c))).toEqual([true, true, true]);
    expect(['A', '中'].map((c) => draws(face!, c))).toEqual([false, false]);
  });

  it('takes a rule without unicode-range to draw everything', () => {
    const [face] = parseFontFaces("@font-face { font-family: X; src: url('x.woff2') }", '/x.css');
    expect(draws(face!, '🚀')).toBe(true);
  });

  it('refuses a rule with no WOFF2 source, and a malformed range, saying what it expected', () => {
    expect(() => parseFontFaces('@font-face { font-family: X; src: url(x.ttf) }', '/x.css')).toThrow(
      '@font-face rule 1 has no WOFF2 source',
    );
    expect(() => parseFontFaces('@font-face { src: url(x.woff2); unicode-range: 0400 }', '/x.css')).toThrow(
      'unicode-range: "0400" is not a range like U+0400-045F',
    );
  });
});

describe('readFontFaces', () => {
  it("reads an installed package's stylesheet: Inter comes split by script", async () => {
    const faces = await readFontFaces('@fontsource/inter/400.css', process.cwd());
    expect(faces.length).toBeGreaterThan(1);
    for (const letter of ['A', 'Ж', 'Ω', 'ệ']) expect(faces.some((face) => draws(face, letter))).toBe(true);
    expect(faces.some((face) => draws(face, '🚀'))).toBe(false);
  });
});
