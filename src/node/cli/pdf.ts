import { relative, resolve } from 'node:path';
import type { DeckSettings } from '../deck/schema.ts';
import { displayPath, DIST_DIR } from '../paths.ts';
import { serveStatic } from '../serve.ts';
import { exportPdf, type PdfExportOptions } from '../export/pdf.ts';
import {
  changedSettings,
  readBuildManifest,
  rebuildEnvironment,
  type BuildEnvironment,
} from '../export/build-manifest.ts';
import { isBuildFresh } from '../export/freshness.ts';
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
      description: 'build the site first and put the slides PDF and the handout in it, linked (npm run build:all)',
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
  const settings = await readDeckSettings();
  const handout = handoutOptions(values, settings);
  const slidesOut = resolve(`${DIST_DIR}/${settings.slug}.pdf`);
  const handoutOut = resolve(`${DIST_DIR}/${settings.slug}-handout.pdf`);
  const exports: Omit<PdfExportOptions, 'url'>[] = values['with-site']
    ? [{ out: slidesOut }, { out: handoutOut, handout }]
    : [
        {
          out: resolve(values.out ?? (values.handout ? handoutOut : slidesOut)),
          ...(values.handout ? { handout } : {}),
        },
      ];
  if (values['with-site']) {
    console.info(`pdf: building the site in ${DIST_DIR}/ with "Download PDF" and "Download handout" links`);
    // Vite is loaded only when a build is due: it is most of the command's start-up time.
    const { buildSite } = await import('../export/site.ts');
    const beside = (file: string): string => relative(resolve(DIST_DIR), file);
    await buildSite({ downloads: { pdf: beside(slidesOut), handout: beside(handoutOut) } });
  } else if (!values.url) {
    const recorded = await readBuildManifest(DIST_DIR);
    const changed = changedSettings(recorded, process.env);
    const fresh = await isBuildFresh();
    if (!fresh || changed.length > 0) {
      console.info(
        fresh
          ? `pdf: ${DIST_DIR}/ was built without ${changed.join(' ')}; building the site`
          : `pdf: ${DIST_DIR}/ is missing or older than the sources; building the site`,
      );
      await rebuildSite(recorded);
    }
  }
  const server = values.url ? undefined : await serveStatic({ dir: DIST_DIR });
  try {
    for (const options of exports) {
      const result = await exportPdf({
        ...options,
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
});

/** Builds the site again as it was last built (`recorded`): a site built with DECK_URL keeps its QR code and preview tags. */
async function rebuildSite(recorded: BuildEnvironment): Promise<void> {
  const { env, reused } = rebuildEnvironment(recorded, process.env);
  const settings = Object.entries(reused).map(([name, value]) => `${name}=${value}`);
  if (settings.length > 0) console.info(`pdf: with the settings of the last build: ${settings.join(' ')}`);
  const { buildSite } = await import('../export/site.ts');
  await buildSite({ env });
}
