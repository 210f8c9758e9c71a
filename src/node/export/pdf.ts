import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Browser, Page } from 'playwright';
import { BrowserSession, waitForDeckReady } from '../browser.ts';
import { withDeadline } from '../deadline.ts';
import { handoutQuery, PRINT_QUERY, type HandoutOptions, type PrintLayout } from '../../shared/print-options.ts';
import { measureOverflow } from '../../client/measure-overflow.ts';
import { measureLegibility } from '../../client/measure-legibility.ts';
import { describeSmallText, TEXT_SELECTORS } from '../../shared/legibility.ts';
import { readPrintLayout } from '../../client/print-layout.ts';
import { describeOverflow, PRINT_SELECTORS } from '../../shared/overflow.ts';
import { checkPdf, type PdfCheckReport } from './pdf-check.ts';
import { finishPdf } from './pdf-document.ts';

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
   * The browser to print in, left running (`build:all` prints both PDFs in one, launched while the
   * rest loads). Default: one launched for this export and closed after it.
   */
  browser?: BrowserSession;
  /**
   * Given the page the deck is printed from, before it opens the deck: a test watches it for
   * console errors and failed requests as it watches its own pages.
   */
  onPage?: (page: Page) => void | Promise<void>;
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
  const session = options.browser ?? new BrowserSession();
  try {
    const printing = session.get().then((browser) => printDeck(browser, options, progress));
    const check = await withDeadline(
      printing,
      timeoutMs,
      () => `PDF export timed out after ${timeoutMs / 1000} s while ${progress.stage}`,
    );
    return { out: options.out, check, bytes: (await stat(options.out)).size, ms: performance.now() - started };
  } finally {
    // Also when the launch failed or the time ran out: no browser of its own left open.
    if (!options.browser) await session.close();
  }
}

/** Prints in a page of its own, closed after (the browser may print more). */
async function printDeck(
  browser: Browser,
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
async function printPage(page: Page, options: PdfExportOptions, progress: { stage: string }): Promise<PdfCheckReport> {
  const { url, out, log = () => undefined } = options;
  await options.onPage?.(page);
  const printUrl = new URL(url);
  printUrl.searchParams.set(PRINT_QUERY.print, '');
  if (options.separateFragments) printUrl.searchParams.set(PRINT_QUERY.fragments, 'separate');
  for (const [name, value] of Object.entries(options.handout ? handoutQuery(options.handout) : {})) {
    printUrl.searchParams.set(name, value);
  }
  progress.stage = `opening ${printUrl.href}`;
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
  progress.stage = 'waiting for the deck to be ready (fonts, images, print layout)';
  await waitForDeckReady(page, 0);
  const layout = await page.evaluate(readPrintLayout);
  progress.stage = 'checking that every slide fits its page';
  await assertSlidesFitAndRead(page, layout, Boolean(options.handout));
  const pageSize = options.handout
    ? `${options.handout.paper} paper, ${options.handout.perPage} slide(s) per page with notes`
    : `${layout.width}×${layout.height} px`;
  log(`pdf: ${layout.outline.length} slides on ${layout.pages} pages (${pageSize}); printing`);
  progress.stage = 'printing';
  const pdf = await page.pdf({
    width: `${layout.width}px`,
    height: `${layout.height}px`,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    printBackground: true,
    tagged: true,
    outline: false,
  });
  const { title, subject, author } = layout;
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

async function assertSlidesFitAndRead(page: Page, layout: PrintLayout, handout: boolean): Promise<void> {
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
