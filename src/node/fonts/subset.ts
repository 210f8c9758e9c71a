import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { fontStack } from '../../shared/palette.ts';
import { contentKey, writeFileAtomic } from '../cache.ts';
import { draws, fontFamilies, type FontFace } from './font-faces.ts';
import type { FirstScreenCharacters } from './first-screen.ts';

const FILE_NAME_UNSAFE = /[^a-z0-9]+/g;
/** The lightest weight a bold face has (a browser picks it for `font-weight: bold` without a semibold). */
const BOLD = 600;
/** Zero-width joiner and emoji presentation selector: drawn by no glyph, but part of an emoji sequence. */
const JOINERS = '\u200d\ufe0f';

/** The characters the deck's fonts are cut down to. */
export interface DeckCharacters {
  /** What the first screen shows, by weight: downloaded before the deck is ready. */
  firstScreen: FirstScreenCharacters;
  /** What any slide, note or page shows: downloaded once the first screen is shown. */
  deck: string;
}

/** A face's descriptors, as the page's `FontFace` takes them. */
export interface FaceDescriptors {
  style: string;
  weight: string;
  unicodeRange: string;
}

/** The files `writeDeckFonts` writes, by path. */
export interface DeckFontFiles {
  /**
   * The stylesheet the page links: each face the first screen uses, cut down to its characters and
   * declared for those alone (`unicode-range`), and the deck's font stack (`--deck-font`).
   */
  stylesheet: string;
  /**
   * A module whose default export lists every face cut down to the whole deck's characters, for
   * the page to add once loaded (`virtual:deck-every-font`). Each draws the first screen's characters
   * as its first-screen subset does (the same font, the same glyphs and kerning): adding it shifts
   * nothing.
   */
  everyFont: string;
  /** What that module lists, with each face's file by path, in its order. */
  everyFace: { family: string; file: string; descriptors: FaceDescriptors }[];
}

/** `U+41,U+61-63`: a `unicode-range` of exactly `characters`, runs of code points joined. */
export function unicodeRangeOf(characters: string): string {
  const codes = [...new Set([...characters].map((character) => character.codePointAt(0)!))].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const code of codes) {
    const last = runs.at(-1);
    if (last && code === last[1] + 1) last[1] = code;
    else runs.push([code, code]);
  }
  const hex = (code: number): string => code.toString(16).toUpperCase();
  return runs.map(([start, end]) => (start === end ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end)}`)).join(',');
}

/** Writes `face` cut down to `drawn` (once: named by a hash of the font and the characters); returns its file name. */
async function writeSubset(face: FontFace, drawn: string, dir: string): Promise<string> {
  const font = await readFile(face.file);
  const name = `${face.family.toLowerCase().replace(FILE_NAME_UNSAFE, '-')}-${face.weight}-${contentKey(font, drawn)}.woff2`;
  if (!(await stat(join(dir, name)).catch(() => undefined))) {
    await writeFileAtomic(join(dir, name), await subsetFont(font, drawn, { targetFormat: 'woff2' }));
  }
  return name;
}

const LAST_ASCII = 0x7f;

/**
 * `face` cut down to the characters of `text` it draws, written once (`writeSubset`): its file name,
 * and the `unicode-range` it is declared for (those characters, and the joiners of the face's own
 * range: an emoji sequence is shaped in one font). Undefined if the page would never use it: it draws
 * none of them, or all it draws is ASCII that `before` (the faces of the families ahead of its own in
 * the font stack) draw, as an emoji font's digits, `#` and `*` are Inter's: the browser takes the
 * first family that draws a character, and a keycap brings its own U+20E3. Only ASCII, and only
 * faces that declare a `unicode-range`, which a face without one (all of Unicode) does not prove,
 * and beyond ASCII a character may come as an emoji (`©️`) that only the later font draws.
 */
async function cutFace(
  face: FontFace,
  text: string,
  dir: string,
  before: readonly FontFace[],
): Promise<{ name: string; unicodeRange: string } | undefined> {
  const drawnBy = (characters: string): string => [...characters].filter((c) => draws(face, c)).join('');
  const drawn = drawnBy(text);
  const drawnAhead = (c: string): boolean =>
    c.codePointAt(0)! <= LAST_ASCII &&
    before.some((earlier) => earlier.unicodeRange !== undefined && draws(earlier, c));
  if ([...drawn].every(drawnAhead)) return undefined;
  return { name: await writeSubset(face, drawn, dir), unicodeRange: unicodeRangeOf(drawn + drawnBy(JOINERS)) };
}

/** Writes `text` under a name made of its content (builds of different slides never share one file); returns the path. */
async function writeNamedByContent(dir: string, prefix: string, extension: string, text: string): Promise<string> {
  const path = join(dir, `${prefix}-${contentKey(text)}.${extension}`);
  await writeFileAtomic(path, text);
  return path;
}

/**
 * Writes the deck's fonts into `dir`: each face that draws some of the first screen's characters cut
 * down to those, in a stylesheet; and each face that draws some of the deck's cut down to those, in a
 * module. The fonts are cached by a hash of the font and the characters.
 */
export async function writeDeckFonts(
  faces: readonly FontFace[],
  characters: DeckCharacters,
  dir: string,
): Promise<DeckFontFiles> {
  await mkdir(dir, { recursive: true });
  const families = fontFamilies(faces);
  /** The faces of the families ahead of `face`'s in the font stack. */
  const before = (face: FontFace): FontFace[] =>
    faces.filter((other) => families.indexOf(other.family) < families.indexOf(face.family));
  const firstRules = await Promise.all(
    faces.map(async (face) => {
      const cut = await cutFace(
        face,
        face.weight >= BOLD ? characters.firstScreen.bold : characters.firstScreen.regular,
        dir,
        before(face),
      );
      if (!cut) return '';
      return `@font-face {\n  font-family: '${face.family}';\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n  font-display: swap;\n  src: url('./${cut.name}') format('woff2');\n  unicode-range: ${cut.unicodeRange};\n}\n`;
    }),
  );
  const everyFace = await Promise.all(
    faces.map(async (face) => {
      const cut = await cutFace(face, characters.deck, dir, before(face));
      if (!cut) return undefined;
      const descriptors: FaceDescriptors = {
        style: face.style,
        weight: String(face.weight),
        unicodeRange: cut.unicodeRange,
      };
      return { family: face.family, name: cut.name, descriptors };
    }),
  );
  const used = everyFace.filter((face) => face !== undefined);
  const stylesheet = `${firstRules.join('')}:root {\n  --deck-font: ${fontStack(fontFamilies(faces))};\n}\n`;
  const module = [
    ...used.map(({ name }, index) => `import font${index} from './${name}?url';`),
    `export default [\n${used
      .map(
        ({ family, descriptors }, index) =>
          `  { family: ${JSON.stringify(family)}, url: font${index}, descriptors: ${JSON.stringify(descriptors)} },\n`,
      )
      .join('')}];\n`,
  ].join('\n');
  return {
    stylesheet: await writeNamedByContent(dir, 'fonts', 'css', stylesheet),
    everyFont: await writeNamedByContent(dir, 'every-font', 'js', module),
    everyFace: used.map(({ family, name, descriptors }) => ({ family, file: join(dir, name), descriptors })),
  };
}
