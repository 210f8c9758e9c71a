import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { displayPath, DIST_DIR } from '../build/paths.ts';
import { readDeckSettings, runCommand, type CommandOption, type CommandSpec } from './command.ts';
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

const HTML_COMMAND = {
  name: 'html',
  usage: 'npm run export:html --',
  summary: 'Writes the whole deck as one self-contained HTML file that presents from disk, offline.',
  options: {
    out: { type: 'string', value: 'file', description: `where to write it (default: ${DIST_DIR}/<slug>.html)` },
  },
} as const satisfies CommandSpec<Record<string, CommandOption>>;

runCommand(import.meta.url, HTML_COMMAND, async (values) => {
  const out = resolve(values.out ?? `${DIST_DIR}/${(await readDeckSettings()).slug}.html`);
  console.info('html: building the deck as one file');
  const result = await exportHtml(out);
  console.info(
    `html: wrote ${displayPath(result.out)}: ${(result.bytes / 1024).toFixed(1)} KiB, in ${(result.ms / 1000).toFixed(1)} s; open it in a browser, no server or network needed`,
  );
});
