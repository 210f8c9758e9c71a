import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { fontStack } from '../../shared/palette.ts';
import { contentKey, writeFileAtomic } from '../cache.ts';
import { draws, fontFamilies, type FontFace } from './font-faces.ts';

const FILE_NAME_UNSAFE = /[^a-z0-9]+/g;

/**
 * Writes each face that draws some of `characters`, cut down to those, and a stylesheet declaring
 * them and the deck's font stack (`--deck-font`), into `dir`; returns the stylesheet's path. Faces
 * keep their `unicode-range`, so a page fetches only the ones its text needs. Subsets are cached by a
 * hash of the font and the characters.
 */
export async function writeDeckFonts(faces: readonly FontFace[], characters: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const rules = await Promise.all(
    faces.map(async (face) => {
      const drawn = [...characters].filter((character) => draws(face, character)).join('');
      if (!drawn) return '';
      const font = await readFile(face.file);
      const name = `${face.family.toLowerCase().replace(FILE_NAME_UNSAFE, '-')}-${face.weight}-${contentKey(font, drawn)}.woff2`;
      if (!(await stat(join(dir, name)).catch(() => undefined))) {
        await writeFileAtomic(join(dir, name), await subsetFont(font, drawn, { targetFormat: 'woff2' }));
      }
      const range = face.unicodeRange ? `  unicode-range: ${face.unicodeRange};\n` : '';
      return `@font-face {\n  font-family: '${face.family}';\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n  font-display: swap;\n  src: url('./${name}') format('woff2');\n${range}}\n`;
    }),
  );
  const text = `${rules.join('')}:root {\n  --deck-font: ${fontStack(fontFamilies(faces))};\n}\n`;
  // Named by its content, so builds of different slides never share (or overwrite) one stylesheet.
  const css = join(dir, `fonts-${contentKey(text)}.css`);
  await writeFileAtomic(css, text);
  return css;
}
