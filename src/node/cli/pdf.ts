import { relative, resolve } from 'node:path';
import type { DeckSettings } from '../deck/schema.ts';
import { displayPath, DIST_DIR } from '../paths.ts';
import { serveStatic } from '../serve.ts';
import type { PdfExportOptions } from '../export/pdf.ts';
import { Chromium } from '../chromium.ts';
import {
  PAPER_SIZES,
  paperFor,
  SLIDES_PER_PAGE,
  type HandoutOptions,
  type Paper,
  type SlidesPerPage,
} from '../../shared/print-options.ts';
import {
  positiveNumber,
  readDeckSettings,
  runCommand,
  UsageError,
  type CommandOption,
  type CommandSpec,
} from './command.ts';

const PAPERS = Object.keys(PAPER_SIZES) as Paper[];

const PDF_COMMAND = {
  name: 'pdf',
  usage: 'npm run export:pdf --',
  summary:
    'Prints the deck to a PDF: one 16:9 page per slide, tagged, with bookmarks and metadata; or, with --handout, a handout to print on paper.',
  options: {
    out: {
      type: 'string',
      value: 'file',
      description: `where to write it (default: ${DIST_DIR}/<slug>.pdf, or ${DIST_DIR}/<slug>-handout.pdf with --handout)`,
    },
    url: { type: 'string', value: 'url', description: 'print a deck already being served there instead of dist/' },
    handout: {
      type: 'boolean',
      default: false,
      description: 'a handout: each slide with its speaker notes, on paper pages (npm run export:handout)',
    },
    paper: {
      type: 'string',
      value: PAPERS.join('|'),
      description: "the handout's paper (default: letter if deck.yml's lang names a Letter country, else a4)",
    },
    'per-page': { type: 'string', value: '1|2', default: '1', description: 'slides on each handout page' },
    fragments: {
      type: 'string',
      value: 'together|separate',
      default: 'together',
      description: 'separate: one page per fragment step (slides PDF)',
    },
    timeout: { type: 'string', value: 'seconds', default: '60', description: "each export's time limit" },
    'with-site': {
      type: 'boolean',
      default: false,
      description:
        'build the site first and put the slides PDF, the handout and the PowerPoint file in it, linked (npm run build:all)',
    },
  },
} as const satisfies CommandSpec<Record<string, CommandOption>>;

/** The handout's options from the command line, checked. */
function handoutOptions(
  values: { paper: string | undefined; 'per-page': string },
  settings: DeckSettings,
): HandoutOptions {
  const paper = values.paper ?? paperFor(settings.lang);
  if (!PAPERS.includes(paper as Paper))
    throw new UsageError(`--paper: found "${paper}"; allowed: ${PAPERS.join(', ')}`);
  const perPage = Number(values['per-page']);
  if (!SLIDES_PER_PAGE.includes(perPage as SlidesPerPage)) {
    throw new UsageError(`--per-page: found "${values['per-page']}"; allowed: ${SLIDES_PER_PAGE.join(', ')}`);
  }
  return { paper: paper as Paper, perPage: perPage as SlidesPerPage };
}

runCommand(import.meta.url, PDF_COMMAND, async (values) => {
  if (values.fragments !== 'separate' && values.fragments !== 'together') {
    throw new UsageError(`--fragments: found "${values.fragments}"; allowed: together, separate`);
  }
  const timeoutMs = positiveNumber('timeout', values.timeout) * 1000;
  // One browser for every PDF, started first: Chromium starts while the rest loads and the site is
  // checked or built. A failed start is said by the export that needs it.
  const browser = Chromium.start();
  browser.catch(() => undefined);
  let pptx: { out: string; settings: DeckSettings } | undefined;
  try {
    const settings = await readDeckSettings();
    const handout = handoutOptions(values, settings);
    const slidesOut = resolve(`${DIST_DIR}/${settings.slug}.pdf`);
    const handoutOut = resolve(`${DIST_DIR}/${settings.slug}-handout.pdf`);
    const pptxOut = resolve(`${DIST_DIR}/${settings.slug}.pptx`);
    if (values['with-site']) pptx = { out: pptxOut, settings };
    const exports: Omit<PdfExportOptions, 'url'>[] = values['with-site']
      ? [{ out: slidesOut }, { out: handoutOut, handout }]
      : [
          {
            out: resolve(values.out ?? (values.handout ? handoutOut : slidesOut)),
            ...(values.handout ? { handout } : {}),
          },
        ];
    if (values['with-site']) {
      console.info(
        `pdf: building the site in ${DIST_DIR}/ with "Download PDF", "Download handout" and "Download PPTX" links`,
      );
      // Vite is loaded only when a build is due: it is most of the command's start-up time.
      const { buildSite } = await import('../export/site.ts');
      const beside = (file: string): string => relative(resolve(DIST_DIR), file);
      await buildSite({ downloads: { pdf: beside(slidesOut), handout: beside(handoutOut), pptx: beside(pptxOut) } });
    } else if (!values.url) {
      const { ensureFreshSite } = await import('./fresh-site.ts');
      await ensureFreshSite('pdf');
    }
    const server = values.url ? undefined : await serveStatic({ dir: DIST_DIR });
    try {
      const { exportPdf } = await import('../export/pdf.ts');
      for (const options of exports) {
        const result = await exportPdf({
          ...options,
          browser,
          url: values.url ?? server!.url,
          separateFragments: values.fragments === 'separate',
          timeoutMs,
          log: (line) => console.info(line),
        });
        const { check } = result;
        console.info(
          `pdf: checked ${displayPath(result.out)}: ${check.pages} pages as laid out, ${check.outlineEntries} bookmarks (one per slide), text on every page, fonts all embedded outline fonts (${check.fonts.join(', ')})`,
        );
        console.info(
          `pdf: wrote ${displayPath(result.out)}: ${check.pages} pages, ${(result.bytes / 1024).toFixed(1)} KiB, in ${(result.ms / 1000).toFixed(1)} s`,
        );
      }
    } finally {
      await server?.close();
    }
  } finally {
    await (await browser.catch(() => undefined))?.close();
  }
  if (pptx) {
    // The PowerPoint writer (pptxgenjs, sharp) is loaded only by the command that writes one.
    const { describePptx, exportPptx } = await import('../export/pptx.ts');
    const result = await exportPptx({
      siteDir: resolve(DIST_DIR),
      out: pptx.out,
      settings: pptx.settings,
      separateFragments: values.fragments === 'separate',
    });
    for (const line of describePptx(result, displayPath(pptx.out))) console.info(line);
  }
});
