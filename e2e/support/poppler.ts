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

/** `pdffonts` rows: name and whether the font is embedded. */
export async function pdffonts(file: string): Promise<{ name: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells[0]!, embedded: cells.at(-5) === 'yes' };
    });
}
