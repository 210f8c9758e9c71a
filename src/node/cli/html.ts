import { resolve } from 'node:path';
import { displayPath, DIST_DIR } from '../paths.ts';
import { exportHtml } from '../export/html.ts';
import { readDeckSettings, runCommand, type CommandOption, type CommandSpec } from './command.ts';

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
