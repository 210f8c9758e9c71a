import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createLogger } from 'vite';
import { SLIDES_DIR } from '../src/node/paths.ts';
import { SETTINGS_FILE, type DeckSlide } from '../src/node/deck/slides.ts';
import { overflowCheckedSelector } from '../src/shared/overflow.ts';
import { startDevServer, type DevServer } from './support/dev-server.ts';
import type { Page } from '@playwright/test';
import { expect, slideWithDiagram, slideWithList, source, test } from './support/fixtures.ts';

// The dev server runs from a copy of the slides, so these tests can break and change them.
let slidesDir: string;
let dev: DevServer;
/** What the dev server printed on the terminal. */
const terminal: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  slidesDir = await mkdtemp(join(tmpdir(), 'deck-dev-'));
  await cp(SLIDES_DIR, slidesDir, { recursive: true });
  const logger = createLogger('info');
  for (const level of ['info', 'warn', 'error'] as const) logger[level] = (message) => void terminal.push(message);
  dev = await startDevServer(slidesDir, logger);
});

test.afterAll(async () => {
  await dev?.close();
  await rm(slidesDir, { recursive: true, force: true });
});

test.use({ baseURL: undefined });

/** What a slow read prints while it runs (`deck: rendering the diagram of ……`): not yet its outcome. */
const READ_IN_PROGRESS = /^deck: .*…$/;
/**
 * What an open page reports, whenever it has measured (`deck: slide "…" overflows …`, `deck: every
 * slide shown so far fits`): no read of the deck. One arriving just after an edit would pass for
 * the edit's read, and the page then load the deck from before the edit.
 */
const PAGE_REPORT = /^deck: (slide "|every slide )/;
/** A line that ends a read of the deck, well or not. */
const readDone = (line: string): boolean =>
  line.startsWith('deck: ') && !READ_IN_PROGRESS.test(line) && !PAGE_REPORT.test(line);

/**
 * Changes the dev server's copy of the slides and waits until the server has read the deck again,
 * well or not: a page that loads before then shows the deck as it was, and may miss the reload that
 * follows.
 */
async function changeAndRead(what: string, change: () => Promise<unknown>): Promise<void> {
  const from = terminal.length;
  await change();
  await expect
    .poll(() => terminal.slice(from).some(readDone), {
      message: `the dev server reads ${what}`,
      // A changed diagram is drawn in a browser that the dev server launches first.
      timeout: 15_000,
    })
    .toBe(true);
}

/** Edits a file of the dev server's copy (a slide, deck.yml); returns a function that puts it back. */
async function editFile(file: string, change: (text: string) => string): Promise<() => Promise<void>> {
  const original = await readFile(file, 'utf8');
  await changeAndRead(basename(file), () => writeFile(file, change(original)));
  return () => changeAndRead(basename(file), () => writeFile(file, original));
}

const editSlide = (slide: DeckSlide, change: (text: string) => string): Promise<() => Promise<void>> =>
  editFile(join(slidesDir, basename(slide.file)), change);

/**
 * Undoes edits once the page is gone: each undo makes the dev server reload open pages, and
 * Chromium may never close a page whose reload is committing (microsoft/playwright#42068), which
 * hangs the test's teardown.
 */
async function undoAfterClosing(page: Page, ...undo: (() => Promise<void>)[]): Promise<void> {
  await page.close();
  for (const step of undo) await step();
}

/** The 1-based line of `file`'s text where `pattern` first matches. */
const lineOf = (text: string, pattern: RegExp): number => text.split('\n').findIndex((line) => pattern.test(line)) + 1;

test('a slide edit reloads the page with the new text', async ({ deck, page }) => {
  const slide = source.slides[1]!;
  await page.goto(`${dev.url}#/${slide.id}`);
  await deck.ready();
  const restore = await editSlide(slide, (text) => text.replace(/^title: .*$/m, 'title: The heading, edited'));
  await expect(deck.heading()).toContainText('The heading, edited');
  await restore();
  await expect(deck.heading()).toHaveText(slide.heading);
});

test('presenting with transitions shows no overflow banner on any slide', async ({ deck, page }) => {
  await page.goto(dev.url);
  await deck.ready();
  for (const slide of source.slides) {
    await expect(deck.current()).toHaveAttribute('id', slide.id);
    await deck.settled();
    // No banner says nothing until the watcher has measured the slide.
    await expect(page.locator(overflowCheckedSelector(slide.id)), `${slide.id} measured`).toBeAttached();
    await expect(page.getByRole('alert'), `on ${slide.id}`).toHaveCount(0);
    await deck.next();
  }
  expect(terminal.filter((line) => line.includes('overflows'))).toEqual([]);
});

test('a front-matter error shows in the open tab, on the page and on the terminal; the fix brings back the slide', async ({
  deck,
  page,
}) => {
  const slide = source.slides.at(-2)!;
  await page.goto(`${dev.url}#/${slide.id}`);
  await deck.ready();
  const text = await readFile(join(slidesDir, basename(slide.file)), 'utf8');
  const message = `${basename(slide.file)}:${lineOf(text, /^kind:/)}: field "kind": found "chart"; allowed: "title"`;
  const restore = await editSlide(slide, (original) => original.replace(/^kind: .*$/m, 'kind: chart'));
  try {
    // The tab that was open reloads, shows the overlay and the error, and keeps its address.
    await expect(page.locator('vite-error-overlay')).toContainText(message);
    await expect(page.locator('.deck-error')).toContainText(message);
    expect(new URL(page.url()).hash).toBe(`#/${slide.id}`);
    expect(terminal.some((line) => line.includes(message))).toBe(true);
  } finally {
    await restore();
  }
  await expect(deck.current()).toHaveAttribute('id', slide.id);
});

test('with no tab open, the terminal says at once when an edit breaks the deck and when the fix mends it', async () => {
  const slide = source.slides[1]!;
  const text = await readFile(join(slidesDir, basename(slide.file)), 'utf8');
  const message = `${basename(slide.file)}:${lineOf(text, /^title:/)}: field "tilte": unknown field; did you mean "title"?`;
  const mended = new RegExp(`deck: ${source.slides.length} slides from`);
  /** What the terminal printed while `step` ran: each edit returns once the dev server has read it. */
  const printedBy = async (step: () => Promise<unknown>): Promise<string[]> => {
    const from = terminal.length;
    await step();
    return terminal.slice(from);
  };
  // The same mistake made again after a good read is news again.
  for (const attempt of ['first', 'again']) {
    let restore = async () => {};
    const broken = await printedBy(async () => {
      restore = await editSlide(slide, (original) => original.replace(/^title:/m, 'tilte:'));
    });
    expect(
      broken.filter((line) => line.includes(message)),
      `the error, ${attempt}`,
    ).toHaveLength(1);
    const fixed = await printedBy(restore);
    expect(
      fixed.some((line) => mended.test(line)),
      `the good read, ${attempt}`,
    ).toBe(true);
  }
});

test("a Mermaid syntax error shows in the overlay with the slide file, its line and Mermaid's message; the fix brings back the deck", async ({
  deck,
  page,
}) => {
  // Two reads that draw the diagram, the first after the dev server's browser has started.
  test.slow();
  const slide = slideWithDiagram();
  const text = await readFile(join(slidesDir, basename(slide.file)), 'utf8');
  // A broken line right after the diagram's first line (its type).
  const broken = lineOf(text, /^```mermaid/) + 2;
  const restore = await editSlide(slide, (original) => {
    const lines = original.split('\n');
    lines.splice(broken - 1, 0, '  ]] :: broken [[');
    return lines.join('\n');
  });
  try {
    await page.goto(dev.url);
    const overlay = page.locator('vite-error-overlay');
    await expect(overlay).toContainText(
      new RegExp(`${basename(slide.file)}:${broken}: Mermaid: (Parse|Lexical) error on line`),
    );
  } finally {
    await restore();
  }
  await expect(page.locator('vite-error-overlay')).toHaveCount(0);
  await deck.ready();
});

test('an overflowing slide shows a visible warning, on the page and on the terminal; the fix takes it away', async ({
  deck,
  page,
}) => {
  const slide = slideWithList();
  const restore = await editSlide(slide, (text) =>
    text.replace('Notes:', `${'- One more point that does not fit.\n'.repeat(14)}\nNotes:`),
  );
  const warning = new RegExp(`slide "${slide.id}" .* overflows the slide by \\d+ px vertically`);
  try {
    await page.goto(`${dev.url}#/${slide.id}`);
    await expect(page.getByRole('alert')).toContainText(warning);
    await expect.poll(() => terminal.some((line) => warning.test(line))).toBe(true);
  } finally {
    await restore();
  }
  // The fix reloads the page: the banner goes with the old page, and the new page must then have
  // measured the slide before its lack of a banner says anything.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator(overflowCheckedSelector(slide.id))).toBeAttached();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await deck.ready();
});

test('text shrunk under 0.8× the body text shows a visible warning naming it; undone, the warning goes', async ({
  deck,
  page,
}) => {
  const slide = slideWithList();
  await page.goto(`${dev.url}#/${slide.id}`);
  await deck.ready();
  await expect(page.locator(overflowCheckedSelector(slide.id))).toBeAttached();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // As a theme edit would: the lists' text set smaller than the rule allows, then measured again.
  const style = await page.addStyleTag({ content: '.reveal .slide-content li { font-size: 0.6em }' });
  await page.setViewportSize({ width: 1200, height: 700 });
  await expect(page.getByRole('alert')).toContainText(
    new RegExp(`slide "${slide.id}" \\(.*\\) has text at 0\\.60× the body text .*under 0\\.8×: li "`),
  );
  await style.evaluate((element) => (element as HTMLElement).remove());
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a slide added between two others takes its place without renaming them', async ({ deck, page }) => {
  const [before, after] = [source.slides[1]!, source.slides[2]!];
  // `ls` order: the name of the slide before, with one more digit, sorts right after it.
  const name = basename(before.file).replace(/^(\d+)-.*$/, '$15-inserted.md');
  const file = join(slidesDir, name);
  await changeAndRead(name, () =>
    writeFile(
      file,
      '---\nkind: content\ntitle: An inserted slide\n---\n\nInserted.\n\nNotes:\n\nIt sits between two others.\n',
    ),
  );
  try {
    await page.goto(`${dev.url}#/inserted`);
    await deck.ready();
    const ids = await page.locator('.reveal .slides > section').evaluateAll((sections) => sections.map(({ id }) => id));
    expect(ids.slice(ids.indexOf(before.id), ids.indexOf(before.id) + 3)).toEqual([before.id, 'inserted', after.id]);
  } finally {
    await undoAfterClosing(page, () => changeAndRead(name, () => rm(file)));
  }
});

test('with a talk length in deck.yml, every slide gets its share for the pacing timer', async ({ deck, page }) => {
  const minutes = 7;
  const restoreSettings = await editFile(
    join(slidesDir, SETTINGS_FILE),
    (text) => `${text.replace(/^minutes:.*$/m, '')}\nminutes: ${minutes}\n`,
  );
  const weighted = source.slides[1]!;
  const restoreSlide = await editSlide(weighted, (text) =>
    text.replace(/^weight:.*\n/m, '').replace(/^title:/m, 'weight: 3\ntitle:'),
  );
  try {
    await page.goto(dev.url);
    await deck.ready();
    const timings = await page
      .locator('.reveal .slides > section')
      .evaluateAll((sections) => sections.map((section) => Number(section.getAttribute('data-timing'))));
    expect(timings).toHaveLength(source.slides.length);
    // Rounded per slide: the sum is within a second per slide of the talk's length.
    const total = timings.reduce((sum, seconds) => sum + seconds, 0);
    expect(Math.abs(total - minutes * 60)).toBeLessThanOrEqual(source.slides.length);
    expect(Math.abs(timings[1]! - 3 * timings[0]!)).toBeLessThanOrEqual(2);
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('s');
    const speakerView = await popup;
    await expect(speakerView.locator('.speaker-controls-time .pacing')).toBeVisible();
    // Left without its deck's window, reveal's speaker view keeps calling it ("opener is null").
    await speakerView.close();
  } finally {
    await undoAfterClosing(page, restoreSlide, restoreSettings);
  }
});
