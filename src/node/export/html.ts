import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
