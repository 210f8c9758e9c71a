import { relative, resolve } from 'node:path';
import { displayPath, DIST_DIR } from '../paths.ts';
import { serveStatic } from '../serve.ts';
import { exportPdf } from '../export/pdf.ts';
import { isBuildFresh } from '../export/freshness.ts';
import {
  positiveNumber,
  readDeckSettings,
  runCommand,
  UsageError,
  type CommandOption,
  type CommandSpec,
} from './command.ts';

const PDF_COMMAND = {
  name: 'pdf',
  usage: 'npm run export:pdf --',
  summary: 'Prints the deck to a PDF: one 16:9 page per slide, tagged, with bookmarks and metadata.',
  options: {
    out: {
      type: 'string',
      value: 'file',
      description: `where to write it (default: ${DIST_DIR}/<slug>.pdf, or ${DIST_DIR}/<slug>-notes.pdf with --notes)`,
    },
    url: { type: 'string', value: 'url', description: 'print a deck already being served there instead of dist/' },
    notes: { type: 'boolean', default: false, description: 'follow each slide with a page of its speaker notes' },
    fragments: {
      type: 'string',
      value: 'together|separate',
      default: 'together',
      description: 'separate: one page per fragment step',
    },
    timeout: { type: 'string', value: 'seconds', default: '60', description: "the whole export's time limit" },
    'with-site': {
      type: 'boolean',
      default: false,
      description: 'build the site first, with a "Download PDF" link to this PDF (npm run build:all)',
    },
  },
} as const satisfies CommandSpec<Record<string, CommandOption>>;

runCommand(import.meta.url, PDF_COMMAND, async (values) => {
  if (values.fragments !== 'separate' && values.fragments !== 'together') {
    throw new UsageError(`--fragments: found "${values.fragments}"; allowed: together, separate`);
  }
  const timeoutMs = positiveNumber('timeout', values.timeout) * 1000;
  const { slug } = await readDeckSettings();
  // The notes PDF has a name of its own: it must not overwrite the slides PDF.
  const out = resolve(values.out ?? `${DIST_DIR}/${slug}${values.notes ? '-notes' : ''}.pdf`);
  if (values['with-site']) {
    console.info(`pdf: building the site in ${DIST_DIR}/ with a "Download PDF" link`);
    // Vite is loaded only when a build is due: it is most of the command's start-up time.
    const { buildSite } = await import('../export/site.ts');
    await buildSite({ pdfFile: relative(resolve(DIST_DIR), out) });
  } else if (!values.url && !(await isBuildFresh())) {
    console.info(`pdf: ${DIST_DIR}/ is missing or older than the sources; building the site`);
    const { buildSite } = await import('../export/site.ts');
    await buildSite();
  }
  const server = values.url ? undefined : await serveStatic({ dir: DIST_DIR });
  try {
    const result = await exportPdf({
      url: values.url ?? server!.url,
      out,
      notes: values.notes,
      separateFragments: values.fragments === 'separate',
      timeoutMs,
      log: (line) => console.info(line),
    });
    console.info(
      `pdf: wrote ${displayPath(result.out)}: ${result.pages} pages, ${(result.bytes / 1024).toFixed(1)} KiB, in ${(result.ms / 1000).toFixed(1)} s`,
    );
  } finally {
    await server?.close();
  }
});
