import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** One `@font-face` rule of a font stylesheet: a WOFF2 file that draws some ranges of code points. */
export interface FontFace {
  family: string;
  weight: number;
  style: string;
  /** Absolute path of the WOFF2 file. */
  file: string;
  /** Inclusive code-point ranges from `unicode-range`; all of Unicode when the rule has none. */
  ranges: (readonly [number, number])[];
  /** The rule's `unicode-range` as written, kept for the subset's own rule. */
  unicodeRange: string | undefined;
}

/**
 * The deck's own type, always first: Inter in the two weights the theme uses. Fontsource splits each
 * weight by script (latin, Cyrillic, Greek, Vietnamese…) with `unicode-range`, so a browser fetches
 * only the scripts a page shows.
 */
export const DECK_FONT_STYLESHEETS = ['@fontsource/inter/400.css', '@fontsource/inter/700.css'] as const;

const FONT_FACE_RULE = /@font-face\s*\{([^}]*)\}/g;
const DESCRIPTOR = /([\w-]+)\s*:\s*([^;]+)/g;
const WOFF2_URL = /url\(\s*['"]?([^'")]+\.woff2)['"]?\s*\)/;
const RANGE = /^U\+([0-9a-f?]{1,6})(?:-([0-9a-f]{1,6}))?$/i;
const ALL_UNICODE = [0, 0x10ffff] as const;

/** The `@font-face` rules of a stylesheet, their font files resolved against `cssFile`'s folder. */
export function parseFontFaces(css: string, cssFile: string): FontFace[] {
  return [...css.matchAll(FONT_FACE_RULE)].map(([rule, body], index) => {
    const descriptors = new Map([...body!.matchAll(DESCRIPTOR)].map(([, name, value]) => [name!, value!.trim()]));
    const url = WOFF2_URL.exec(descriptors.get('src') ?? '')?.[1];
    if (!url) {
      throw new Error(`@font-face rule ${index + 1} has no WOFF2 source (src: url(….woff2)); found: ${rule.trim()}`);
    }
    const unicodeRange = descriptors.get('unicode-range');
    return {
      family: (descriptors.get('font-family') ?? '').replace(/^['"]|['"]$/g, ''),
      weight: Number(descriptors.get('font-weight') ?? 400),
      style: descriptors.get('font-style') ?? 'normal',
      file: resolve(dirname(cssFile), url),
      ranges: unicodeRange ? unicodeRange.split(',').map((part) => parseRange(part.trim())) : [ALL_UNICODE],
      unicodeRange,
    };
  });
}

function parseRange(text: string): readonly [number, number] {
  const match = RANGE.exec(text);
  if (!match) throw new Error(`unicode-range: "${text}" is not a range like U+0400-045F`);
  const [, start, end] = match;
  // `U+4??` is the range U+400–U+4FF.
  if (start!.includes('?'))
    return [parseInt(start!.replaceAll('?', '0'), 16), parseInt(start!.replaceAll('?', 'f'), 16)];
  return [parseInt(start!, 16), parseInt(end ?? start!, 16)];
}

/** The families of `faces`, each once, in order: the deck's font stack before the system's. */
export const fontFamilies = (faces: readonly FontFace[]): string[] => [...new Set(faces.map((face) => face.family))];

/** Whether `face` draws the character. */
export const draws = (face: FontFace, character: string): boolean => {
  const code = character.codePointAt(0)!;
  return face.ranges.some(([start, end]) => code >= start && code <= end);
};

/**
 * Reads a font stylesheet named the way `deck.yml` names it: a path from the project root
 * (`assets/fonts/my-font.css`) or a package's file (`@fontsource/noto-emoji/400.css`).
 */
export async function readFontFaces(stylesheet: string, root: string): Promise<FontFace[]> {
  const inProject = resolve(root, stylesheet);
  const file = await readFile(inProject, 'utf8').then(
    (css) => ({ css, path: inProject }),
    async () => {
      const path = createRequire(join(root, 'package.json')).resolve(stylesheet);
      return { css: await readFile(path, 'utf8'), path };
    },
  );
  return parseFontFaces(file.css, file.path);
}

/**
 * Whether the project can load the package `name` (`@fontsource/noto-emoji`): then an error's advice
 * names no `npm install` of it (which would turn its pinned version into a range).
 */
export function packageInstalled(name: string, root: string): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The faces of the deck's own type (Inter), which every deck draws in first. */
export async function readOwnFontFaces(root: string): Promise<FontFace[]> {
  return (await Promise.all(DECK_FONT_STYLESHEETS.map((stylesheet) => readFontFaces(stylesheet, root)))).flat();
}
