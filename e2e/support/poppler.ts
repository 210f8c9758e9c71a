import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `pdfinfo` as a record: "Page size" → "960 x 540 pts", "Tagged" → "yes", … */
export async function pdfinfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      }),
  );
}

/** The text of one page (1-based), as selectable in a viewer. */
export async function pdftotext(file: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

/** `pdffonts` rows: name, type (`CID TrueType`, `Type 3`, …) and whether the font is embedded. */
export async function pdffonts(file: string): Promise<{ name: string; type: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [file]);
  const [, rule, ...rows] = stdout.split('\n');
  // Cells are fixed-width, as wide as the dashes under the header; a type can hold spaces.
  const columns = [...rule!.matchAll(/-+/g)].map((dashes) => [dashes.index, dashes.index + dashes[0].length] as const);
  return rows
    .filter(Boolean)
    .map((line) => columns.map(([start, end]) => line.slice(start, end).trim()))
    .map(([name, type, , embedded]) => ({ name: name!, type: type!, embedded: embedded === 'yes' }));
}

/** Font types a PDF should hold: outline fonts (TrueType, or OpenType with CFF outlines), never Type 3. */
const OUTLINE_FONT_TYPE = /^(CID )?(TrueType|Type 1C|Type 0C|OpenType)\b/;

/** The fonts of a PDF that are not embedded outline fonts, as `name (type)`: empty when all are. */
export async function unfitFonts(file: string): Promise<string[]> {
  return (await pdffonts(file))
    .filter((font) => !font.embedded || !OUTLINE_FONT_TYPE.test(font.type))
    .map((font) => `${font.name} (${font.type}${font.embedded ? '' : ', not embedded'})`);
}

/** A word of a page as `pdftotext -bbox` places it, in points from the top left. */
export interface PdfWord {
  text: string;
  top: number;
  bottom: number;
}

const WORD = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g;

/** The words of one page (1-based) with their boxes. */
export async function pdfWords(file: string, page: number): Promise<PdfWord[]> {
  const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', file, '-']);
  return [...stdout.matchAll(WORD)].map(([, top, bottom, text]) => ({
    text: text!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>'),
    top: Number(top),
    bottom: Number(bottom),
  }));
}
