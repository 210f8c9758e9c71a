import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDeckSettings, runCommand } from './command.ts';
import { buildSite } from './site.ts';

/** Builds the deck as one self-contained HTML file (script, styles, fonts, diagrams inside) at `out`. */
export async function exportHtml(out: string): Promise<{ out: string; bytes: number; ms: number }> {
  const started = performance.now();
  // Built apart: `vite build` empties its output folder, and dist/ is the hosted site's.
  const work = await mkdtemp(join(tmpdir(), 'deck-html-'));
  try {
    await buildSite({ outDir: work, singleFile: true });
    await mkdir(dirname(out), { recursive: true });
    await copyFile(join(work, 'index.html'), out);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { out, bytes: (await stat(out)).size, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? `dist/${(await readDeckSettings()).slug}.html`);
  console.info('html: building the deck as one file');
  const result = await exportHtml(out);
  console.info(
    `html: wrote ${relative(process.cwd(), result.out)}: ${(result.bytes / 1024).toFixed(1)} KiB, in ${(result.ms / 1000).toFixed(1)} s; open it in a browser, no server or network needed`,
  );
}

runCommand(import.meta.url, 'html', main);
