import { mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { contentKey, writeFileAtomic } from '../cache.ts';
import { unescapeHtml } from '../deck/markdown.ts';

/** The deck's type: Inter, latin, the two weights the theme uses. */
export const DECK_FONTS = [
  { family: 'Inter', weight: 400, file: '@fontsource/inter/files/inter-latin-400-normal.woff2' },
  { family: 'Inter', weight: 700, file: '@fontsource/inter/files/inter-latin-700-normal.woff2' },
] as const;

/** Printable ASCII, kept in every subset: slide numbers, the dev warning and any text reveal adds. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** Characters CSS draws that are not in the text: list bullets. */
const GENERATED = '•';
const TAG = /<[^>]*>/g;
const NOTES = /<aside class="notes">[\s\S]*?<\/aside>/g;

/** Every character the slides show (speaker notes excluded: the speaker view has its own fonts), plus ASCII. */
export function fontCharacters(sectionsHtml: string): string {
  const text = unescapeHtml(sectionsHtml.replace(NOTES, '').replace(TAG, ''));
  return [...new Set(ASCII + GENERATED + text)]
    .filter((c) => c >= ' ')
    .sort()
    .join('');
}

/**
 * Writes the deck's fonts, cut down to `characters`, and a stylesheet declaring them, into `dir`;
 * returns the stylesheet's path. Subsets are cached by a hash of the font and the characters.
 */
export async function writeDeckFonts(characters: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const require = createRequire(import.meta.url);
  const faces = await Promise.all(
    DECK_FONTS.map(async ({ family, weight, file }) => {
      const font = await readFile(require.resolve(file));
      const name = `${family.toLowerCase()}-${weight}-${contentKey(font, characters)}.woff2`;
      if (!(await stat(join(dir, name)).catch(() => undefined))) {
        await writeFileAtomic(join(dir, name), await subsetFont(font, characters, { targetFormat: 'woff2' }));
      }
      return `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: ${weight};\n  font-display: swap;\n  src: url('./${name}') format('woff2');\n}\n`;
    }),
  );
  // Named by its content, so builds of different slides never share (or overwrite) one stylesheet.
  const text = faces.join('');
  const css = join(dir, `fonts-${contentKey(text)}.css`);
  await writeFileAtomic(css, text);
  return css;
}
