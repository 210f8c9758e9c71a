import { resolve } from 'node:path';
import { displayPath, DIST_DIR } from '../paths.ts';
import { ensureFreshSite } from './fresh-site.ts';
import { readDeckSettings, runCommand, UsageError, type CommandOption, type CommandSpec } from './command.ts';

const PPTX_COMMAND = {
  name: 'pptx',
  usage: 'npm run export:pptx --',
  summary:
    'Writes the deck as an editable PowerPoint file: titles, text, the tally as tables, the diagram as a vector picture, speaker notes; checked before it is kept.',
  options: {
    out: { type: 'string', value: 'file', description: `where to write it (default: ${DIST_DIR}/<slug>.pptx)` },
    fragments: {
      type: 'string',
      value: 'together|separate',
      default: 'together',
      description: 'separate: one slide per fragment step, as the PDF',
    },
  },
} as const satisfies CommandSpec<Record<string, CommandOption>>;

runCommand(import.meta.url, PPTX_COMMAND, async (values) => {
  if (values.fragments !== 'separate' && values.fragments !== 'together') {
    throw new UsageError(`--fragments: found "${values.fragments}"; allowed: together, separate`);
  }
  const settings = await readDeckSettings();
  // The writer (pptxgenjs, sharp, jszip) is loaded once the command line is known good: --help and
  // a usage error answer at once.
  const { describePptx, exportPptx } = await import('../export/pptx.ts');
  await ensureFreshSite('pptx');
  const out = resolve(values.out ?? `${DIST_DIR}/${settings.slug}.pptx`);
  console.info(`pptx: writing the deck in ${DIST_DIR}/ as PowerPoint slides`);
  const result = await exportPptx({
    siteDir: resolve(DIST_DIR),
    out,
    settings,
    separateFragments: values.fragments === 'separate',
  });
  for (const line of describePptx(result, displayPath(out))) console.info(line);
});
