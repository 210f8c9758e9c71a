import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Chromium, type ChromiumPage } from '../chromium.ts';
import { withDeadline } from '../deadline.ts';
import { handoutQuery, PRINT_QUERY, type HandoutOptions, type PrintLayout } from '../../shared/print-options.ts';
import { measureOverflow } from '../../client/measure-overflow.ts';
import { measureLegibility } from '../../client/measure-legibility.ts';
import { describeSmallText, TEXT_SELECTORS } from '../../shared/legibility.ts';
import { readPrintLayout } from '../../client/print-layout.ts';
import { describeOverflow, PRINT_SELECTORS } from '../../shared/overflow.ts';
import type * as PdfCheck from './pdf-check.ts';
import type { PdfCheckReport } from './pdf-check.ts';
import type * as PdfDocument from './pdf-document.ts';

export interface PdfExportOptions {
  /** The deck's URL (a served `dist/`, or any deployed copy). */
  url: string;
  /** Where to write the PDF. */
  out: string;
  /** Print a handout instead: paper pages, each slide with its speaker notes. */
  handout?: HandoutOptions;
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
  /**
   * The browser to print in, left running (`build:all` prints both PDFs in one, started while the
   * rest loads). Default: one started for this export and closed after it.
   */
  browser?: Promise<Chromium>;
}

export interface PdfExportResult {
  out: string;
  /** What the written file was checked for, and found (its page count among it). */
  check: PdfCheckReport;
  bytes: number;
  ms: number;
}

/** Prints the deck at `url` to a PDF: exact slide-sized pages, tagged, with an outline and metadata. */
export async function exportPdf(options: PdfExportOptions): Promise<PdfExportResult> {
  const { timeoutMs = 60_000 } = options;
  const started = performance.now();
  const progress = { stage: 'starting the browser' };
  const browser = options.browser ?? Chromium.start();
  // The PDF library loads while the browser opens the deck (its page waits on Chromium, not on Node).
  pdfLibrary().catch(() => undefined);
  try {
    const printing = browser.then((chromium) => printDeck(chromium, options, progress));
    const check = await withDeadline(
      printing,
      timeoutMs,
      () => `PDF export timed out after ${timeoutMs / 1000} s while ${progress.stage}`,
    );
    return { out: options.out, check, bytes: (await stat(options.out)).size, ms: performance.now() - started };
  } finally {
    // Also when the time ran out: no browser of its own left running.
    if (!options.browser) await (await browser.catch(() => undefined))?.close();
  }
}

let loadingPdfLibrary: Promise<[typeof PdfDocument, typeof PdfCheck]> | undefined;
/** The modules that finish and check the file (pdf-lib), loaded once, on first use. */
const pdfLibrary = (): Promise<[typeof PdfDocument, typeof PdfCheck]> =>
  (loadingPdfLibrary ??= Promise.all([import('./pdf-document.ts'), import('./pdf-check.ts')]));

/** Prints in a page of its own, closed after (the browser may print more). */
async function printDeck(
  browser: Chromium,
  options: PdfExportOptions,
  progress: { stage: string },
): Promise<PdfCheckReport> {
  const page = await browser.newPage();
  try {
    return await printPage(page, options, progress);
  } finally {
    await page.close();
  }
}

/**
 * Opens the print view, checks it, prints and finishes the PDF, checks the file and only then puts
 * it at `out` (no half-checked file under the final name); returns what the check found.
 */
async function printPage(
  page: ChromiumPage,
  options: PdfExportOptions,
  progress: { stage: string },
): Promise<PdfCheckReport> {
  const { url, out, log = () => undefined } = options;
  const printUrl = new URL(url);
  printUrl.searchParams.set(PRINT_QUERY.print, '');
  if (options.separateFragments) printUrl.searchParams.set(PRINT_QUERY.fragments, 'separate');
  for (const [name, value] of Object.entries(options.handout ? handoutQuery(options.handout) : {})) {
    printUrl.searchParams.set(name, value);
  }
  progress.stage = `opening ${printUrl.href}`;
  log(`pdf: opening the print view of ${url}`);
  const response = await page.goto(printUrl.href).catch((error: unknown) => {
    throw new Error(`could not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  // A deck that is not there fails now, not at the time limit.
  if (response.status >= 400) {
    throw new Error(`the deck at ${url} answered ${response.status} ${response.statusText}`.trimEnd());
  }
  progress.stage = 'waiting for the deck to be ready (fonts, images, print layout)';
  await page.waitForDeckReady(url);
  const layout = await page.evaluate(readPrintLayout);
  progress.stage = 'checking that every slide fits its page';
  await assertSlidesFitAndRead(page, layout, Boolean(options.handout));
  const pageSize = options.handout
    ? `${options.handout.paper} paper, ${options.handout.perPage} slide(s) per page with notes`
    : `${layout.width}×${layout.height} px`;
  log(`pdf: ${layout.outline.length} slides on ${layout.pages} pages (${pageSize}); printing`);
  progress.stage = 'printing';
  const pdf = await page.pdf({ width: layout.width, height: layout.height });
  // A deck that logged an error, or missed a file, as it was laid out may be printed wrong.
  if (page.problems.length > 0) {
    throw new Error(`PDF not written: the deck reported errors while it was printed:\n${page.problems.join('\n')}`);
  }
  const { title, subject, author } = layout;
  const [{ finishPdf }, { checkPdf }] = await pdfLibrary();
  const finished = await finishPdf(pdf, { title, subject, ...(author ? { author } : {}) }, layout.outline);
  progress.stage = 'checking the written PDF';
  await mkdir(dirname(out), { recursive: true });
  const unchecked = `${out}.unchecked`;
  await writeFile(unchecked, finished);
  try {
    // Read back from the disk: what the reader gets, not what was meant to be written.
    const report = await checkPdf(await readFile(unchecked), {
      pages: layout.pages,
      outline: layout.outline.map((entry) => entry.title),
    });
    await rename(unchecked, out);
    return report;
  } finally {
    await rm(unchecked, { force: true });
  }
}

async function assertSlidesFitAndRead(page: ChromiumPage, layout: PrintLayout, handout: boolean): Promise<void> {
  // A handout's slides are scaled onto the paper: measured against their own (scaled) boxes.
  const size = handout ? {} : { size: { width: layout.width, height: layout.height } };
  const overflow = describeOverflow(await page.evaluate(measureOverflow, { ...PRINT_SELECTORS, ...size }));
  if (overflow) throw new Error(`PDF not written: a slide does not fit its page.\n${overflow}`);
  const small = describeSmallText(await page.evaluate(measureLegibility, TEXT_SELECTORS));
  if (small) throw new Error(`PDF not written: text too small to read from the back of the room.\n${small}`);
  if (layout.overfull.length > 0) {
    throw new Error(`PDF not written: content runs past the bottom of ${layout.overfull.join(', ')}`);
  }
}
