import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Page } from 'playwright';
import { launchBrowser } from '../build/browser.ts';
import { PRINT_QUERY } from '../print-options.ts';
import { READY_ATTRIBUTE } from '../readiness.ts';
import { describeOverflow, measureOverflow, PRINT_SELECTORS } from '../shared/overflow.ts';
import { displayPath, DIST_DIR } from '../build/paths.ts';
import {
  positiveNumber,
  readDeckSettings,
  runCommand,
  UsageError,
  type CommandOption,
  type CommandSpec,
} from './command.ts';
import { finishPdf, type OutlineEntry } from './pdf-document.ts';
import { isBuildFresh } from './freshness.ts';
import { serveStatic } from './serve.ts';

export interface PdfExportOptions {
  /** The deck's URL (a served `dist/`, or any deployed copy). */
  url: string;
  /** Where to write the PDF. */
  out: string;
  /**
   * Follow each slide with a page of its speaker notes (a handout).
   *
   * @default false
   */
  notes?: boolean;
  /**
   * One page per fragment step instead of one per slide.
   *
   * @default false
   */
  separateFragments?: boolean;
  /**
   * The whole export's time limit.
   *
   * @default 60000
   */
  timeoutMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface PdfExportResult {
  out: string;
  pages: number;
  bytes: number;
  ms: number;
}

/** What the print view tells about itself: page size, metadata and which page shows which slide. */
interface PrintLayout {
  width: number;
  height: number;
  title: string;
  author: string;
  subject: string;
  outline: OutlineEntry[];
  pages: number;
}

/**
 * Reads the laid-out print view. It runs in the page, so it is self-contained, and it declares no
 * inner named functions (tsx would wrap them in a helper the page does not have).
 */
function readPrintLayout(): PrintLayout {
  const pages = Array.from(
    document.querySelectorAll('.reveal .slides > .pdf-page, .reveal .slides > .speaker-notes-pdf'),
  );
  const outline: OutlineEntry[] = [];
  const seen = new Set<string>();
  pages.forEach((page, index) => {
    const section = page.querySelector('section');
    if (!section || seen.has(section.id)) return;
    seen.add(section.id);
    const heading = section.querySelector('h1, h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? section.id;
    outline.push({ title: heading, page: index });
  });
  return {
    width: parseFloat(document.body.style.width),
    height: parseFloat(document.body.style.height),
    title: document.title,
    author: document.querySelector('meta[name="author"]')?.getAttribute('content') ?? '',
    subject: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
    outline,
    pages: pages.length,
  };
}

/** Prints the deck at `url` to a PDF: exact slide-sized pages, tagged, with an outline and metadata. */
export async function exportPdf(options: PdfExportOptions): Promise<PdfExportResult> {
  const { url, out, timeoutMs = 60_000, log = () => undefined } = options;
  const started = performance.now();
  let stage = 'starting the browser';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`PDF export timed out after ${timeoutMs / 1000} s while ${stage}`)),
      timeoutMs,
    );
  });
  const launching = launchBrowser();
  try {
    const browser = await Promise.race([launching, timeout]);
    return await Promise.race([
      (async () => {
        const page = await browser.newPage();
        const printUrl = new URL(url);
        printUrl.searchParams.set(PRINT_QUERY.print, '');
        if (options.separateFragments) printUrl.searchParams.set(PRINT_QUERY.fragments, 'separate');
        if (options.notes) printUrl.searchParams.set(PRINT_QUERY.notes, 'separate-page');
        stage = `opening ${printUrl.href}`;
        log(`pdf: opening the print view of ${url}`);
        // Playwright's message carries a colour-coded call log: the reason is its first line.
        const response = await page.goto(printUrl.href).catch((error: unknown) => {
          const reason = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
          throw new Error(`could not open ${url}: ${reason.split('\n')[0]}`);
        });
        // A deck that is not there fails now, not at the time limit.
        if (response && !response.ok()) {
          throw new Error(`the deck at ${url} answered ${response.status()} ${response.statusText()}`.trimEnd());
        }
        stage = 'waiting for the deck to be ready (fonts, images, print layout)';
        await page.locator(`html[${READY_ATTRIBUTE}]`).waitFor({ state: 'attached', timeout: 0 });
        const layout = await page.evaluate(readPrintLayout);
        stage = 'checking that every slide fits its page';
        await assertNothingOverflows(page, layout);
        log(
          `pdf: ${layout.outline.length} slides on ${layout.pages} pages of ${layout.width}×${layout.height} px; printing`,
        );
        stage = 'printing';
        const pdf = await page.pdf({
          width: `${layout.width}px`,
          height: `${layout.height}px`,
          margin: { top: 0, right: 0, bottom: 0, left: 0 },
          printBackground: true,
          tagged: true,
          outline: false,
        });
        const { author, ...rest } = layout;
        const finished = await finishPdf(
          pdf,
          { title: rest.title, subject: rest.subject, ...(author ? { author } : {}) },
          layout.outline,
        );
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, finished);
        return { out, pages: layout.pages, bytes: finished.length, ms: performance.now() - started };
      })(),
      timeout,
    ]);
  } finally {
    // Also when the launch failed or lost the race: no timer left to fire, no browser left open.
    clearTimeout(timer);
    await (await launching.catch(() => undefined))?.close();
  }
}

async function assertNothingOverflows(page: Page, layout: PrintLayout): Promise<void> {
  const overflow = describeOverflow(
    await page.evaluate(measureOverflow, { ...PRINT_SELECTORS, size: { width: layout.width, height: layout.height } }),
  );
  if (overflow) throw new Error(`PDF not written: a slide does not fit its page.\n${overflow}`);
}

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
    const { buildSite } = await import('./site.ts');
    await buildSite({ pdfFile: relative(resolve(DIST_DIR), out) });
  } else if (!values.url && !(await isBuildFresh())) {
    console.info(`pdf: ${DIST_DIR}/ is missing or older than the sources; building the site`);
    const { buildSite } = await import('./site.ts');
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
