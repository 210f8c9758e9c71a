import {
  test as base,
  expect,
  type BrowserContext,
  type ConsoleMessage,
  type Locator,
  type Page,
  type Request,
  type Response,
} from '@playwright/test';
import { parseDeck, readDeckSource, type ParsedDeck } from '../../src/node/deck/pipeline.ts';
import { findMermaidFences } from '../../src/node/deck/markdown.ts';
import { diagramLabels } from '../../src/node/mermaid/prepare.ts';
import { SLIDES_DIR } from '../../src/node/paths.ts';
import type { DeckSlide } from '../../src/node/deck/slides.ts';
import { waitForDeckReady } from '../../src/node/browser.ts';

/** The deck as the build sees it, so tests compare the page with the slide files, not with copies. */
export const source: ParsedDeck = parseDeck(await readDeckSource(process.cwd()));

/** A slide's diagrams as the build reads them (title and description from accTitle/accDescr). */
export function diagramsOf(slideId: string): { title: string; description: string }[] {
  const slide = source.slides.find((candidate) => candidate.id === slideId);
  if (!slide) throw new Error(`no slide "${slideId}" in the deck`);
  return findMermaidFences(slide).map(({ code }) => {
    const { title, description } = diagramLabels(code);
    if (!title || !description) throw new Error(`a diagram of ${slide.file} has no accTitle or accDescr`);
    return { title, description };
  });
}

/** The deck's first slide that `matches`; a deck without one fails the test, naming what it lacks. */
export function slideWhere(what: string, matches: (slide: DeckSlide) => boolean): DeckSlide {
  const slide = source.slides.find(matches);
  if (!slide) throw new Error(`the deck in ${SLIDES_DIR}/ has no slide with ${what}; this test needs one`);
  return slide;
}

/** A slide with a Markdown list (fragments, too many points). */
export const slideWithList = (): DeckSlide => slideWhere('a list', (slide) => LIST_ITEM.test(slide.body));
/** A slide with a diagram. */
export const slideWithDiagram = (): DeckSlide => slideWhere('a diagram', (slide) => diagramsOf(slide.id).length > 0);
const LIST_ITEM = /^- /m;

const CURRENT_SLIDE = '.reveal .slides > section.present';
/** How long a page of the built deck may take to say it is ready (it takes well under a second). */
const READY_TIMEOUT_MS = 10_000;
/**
 * `expect.poll`'s waits between looks, shorter than its default (100, 250, 500, 1000 ms): what the
 * tests poll for (a page scrolled, a message applied) comes within a few frames.
 */
export const POLL: { intervals: number[] } = { intervals: [20, 50, 100, 250] };
/** Playwright's message when a page navigated away while a script ran in it. */
const PAGE_GONE = /Execution context was destroyed/;
/** A part of a slide shown step by step (reveal.js fragments), and one still to be shown. */
const STEP = '.fragment';
const HIDDEN_STEP = '.fragment:not(.visible)';

/** The steps of what `scope` holds (a slide, a figure): the distinct fragment indices, in document order. */
export function stepIndices(scope: Locator, { hiddenOnly = false } = {}): Promise<string[]> {
  return scope
    .locator(hiddenOnly ? HIDDEN_STEP : STEP)
    .evaluateAll((parts) => [...new Set(parts.map((part) => part.getAttribute('data-fragment-index') ?? ''))]);
}

/** A page object for the deck: open, wait for readiness, read the current slide. */
export class Deck {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the deck at a hash (`''`, `#/3`, `#/step-2`), as a new page load, and waits until it says it is ready. */
  async open(hash = '', query = ''): Promise<void> {
    // A hash-only change would be a same-document navigation, which races reveal's own deferred
    // hash writing (a replaceState of the previous slide landing just before `hashchange` is read).
    if (this.page.url() !== 'about:blank') await this.page.goto('about:blank');
    await this.page.goto(`./${query}${hash}`);
    await this.ready();
  }

  /** Waits until the deck says it is ready; fails with the deck's own reason if it says it cannot be shown. */
  async ready(): Promise<void> {
    await waitForDeckReady(this.page, READY_TIMEOUT_MS);
    await this.settled();
  }

  /**
   * Waits for running transitions to end (a slide fading in has not its final colours yet). The
   * controls' hint animation never ends, so animations that repeat forever are left out.
   */
  async settled(): Promise<void> {
    await this.page
      .evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
            .map((animation) => animation.finished.catch(() => undefined)),
        ),
      )
      .catch((error: unknown) => {
        // The page reloaded meanwhile (the dev server reloads it after a slide edit): wait for the new one.
        if (error instanceof Error && PAGE_GONE.test(error.message)) return this.ready();
        throw error;
      });
  }

  current() {
    return this.page.locator(CURRENT_SLIDE);
  }

  /** Moves on to the next slide as a presenter does, with one press per step the slide still has to show. */
  async next(key: 'ArrowRight' | 'Space' = 'ArrowRight'): Promise<void> {
    const steps = (await stepIndices(this.current(), { hiddenOnly: true })).length;
    for (let press = 0; press <= steps; press++) await this.page.keyboard.press(key);
  }

  /** The current slide's heading. */
  heading() {
    return this.current()
      .getByRole('heading', { level: 1 })
      .or(this.current().getByRole('heading', { level: 2 }));
  }
}

export interface Guards {
  /** Requests that left the deck's origins. */
  foreignRequests: string[];
  /** Requests that failed or answered with an error status. */
  failedRequests: string[];
  /** Console errors and uncaught exceptions, CSP violations included, in the page and any window it opens. */
  consoleErrors: string[];
  /**
   * Console errors the test provokes on purpose (a broker it stops), each by its exact text: only
   * these are left out of `consoleErrors`.
   */
  expectedConsoleErrors: Set<string>;
  /** The expected console errors that occurred, in order: for a test that checks it provoked them. */
  expectedSeen: string[];
  /**
   * The origins the deck is served from: that of the first page the test opens (or watches), and
   * any the test adds (a deck copy's own server, opened after the built deck).
   */
  origins: Set<string>;
  /**
   * Watches a page or a browser context the test did not get from its fixtures (a page of another
   * context, a page kept from an earlier test, an exporter's page) like the test's own, until the
   * test ends. Watch a page before it opens the deck: CSP violations are reported from its next load on.
   */
  watch: (target: Page | BrowserContext) => Promise<void>;
}

interface Fixtures {
  deck: Deck;
  /** What must not happen in any test: each test fails if any of it occurred. */
  guards: Guards;
}

const CANCELLED = 'net::ERR_ABORTED';
/** Addresses that are no request to anyone. */
const LOCAL_PROTOCOLS = new Set(['data:', 'about:', 'blob:']);
/** Addresses of a served page, whose origin can be the deck's. */
const SERVED = /^https?:/;

/**
 * Reports CSP violations as console errors, where the guards see them (the browser logs only some);
 * once per document, however many tests have watched its page.
 */
const REPORT_CSP_VIOLATIONS = `if (!window.__deckGuardsCsp) {
  window.__deckGuardsCsp = true;
  document.addEventListener('securitypolicyviolation', (event) =>
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code')));
}`;

export const test = base.extend<Fixtures>({
  guards: [
    async ({ context }, use) => {
      /** Undoes each listener this test added, so a page kept for the next test reports to that test only. */
      const stops: (() => void)[] = [];
      const watched = new Set<Page | BrowserContext>();
      const watchPage = (page: Page, showing: boolean): void => {
        if (watched.has(page)) return;
        watched.add(page);
        // A page that already shows the deck when it is watched says where the deck is served from.
        if (showing && SERVED.test(page.url())) guards.origins.add(new URL(page.url()).origin);
        const listeners = {
          request: (request: Request) => {
            const url = new URL(request.url());
            if (LOCAL_PROTOCOLS.has(url.protocol)) return;
            if (guards.origins.size === 0 && request.isNavigationRequest()) guards.origins.add(url.origin);
            if (!guards.origins.has(url.origin)) guards.foreignRequests.push(request.url());
          },
          requestfailed: (request: Request) => {
            const error = request.failure()?.errorText;
            // Cancelled by the page itself (a reload while loading), not refused by anyone.
            if (error !== CANCELLED) guards.failedRequests.push(`${request.url()}: ${error}`);
          },
          response: (response: Response) => {
            if (response.status() >= 400) guards.failedRequests.push(`${response.url()}: ${response.status()}`);
          },
          console: (message: ConsoleMessage) => {
            if (message.type() !== 'error') return;
            if (guards.expectedConsoleErrors.has(message.text())) guards.expectedSeen.push(message.text());
            else guards.consoleErrors.push(message.text());
          },
          pageerror: (error: Error) => guards.consoleErrors.push(error.message),
        };
        page.on('request', listeners.request);
        page.on('requestfailed', listeners.requestfailed);
        page.on('response', listeners.response);
        page.on('console', listeners.console);
        page.on('pageerror', listeners.pageerror);
        stops.push(() => {
          page.off('request', listeners.request);
          page.off('requestfailed', listeners.requestfailed);
          page.off('response', listeners.response);
          page.off('console', listeners.console);
          page.off('pageerror', listeners.pageerror);
        });
      };
      const guards: Guards = {
        foreignRequests: [],
        failedRequests: [],
        consoleErrors: [],
        expectedConsoleErrors: new Set(),
        expectedSeen: [],
        origins: new Set(),
        watch: (target) => watchTarget(target, true),
      };
      /** `showing`: the pages watched now show what they show for this test (not so the test's own, below). */
      const watchTarget = async (target: Page | BrowserContext, showing: boolean): Promise<void> => {
        if (watched.has(target)) return;
        await target.addInitScript({ content: REPORT_CSP_VIOLATIONS });
        const opened = (page: Page): void => watchPage(page, false);
        if ('pages' in target) {
          watched.add(target);
          for (const page of target.pages()) watchPage(page, showing);
          // Windows it opens later (the speaker view, a popup of a page in it).
          target.on('page', opened);
          stops.push(() => target.off('page', opened));
        } else {
          watchPage(target, showing);
          // A window this page opens is a page of its context, which nobody may watch: watch the window.
          target.on('popup', opened);
          stops.push(() => target.off('popup', opened));
        }
      };
      // The test's own context: its page, and every window opened in it. Its page is blank, reset from
      // the worker's previous test (`reuseContext`), though its url() may still say where that test left it.
      await watchTarget(context, false);
      await use(guards);
      for (const stop of stops) stop();
      expect(guards.foreignRequests, 'requests outside the page origin').toEqual([]);
      expect(guards.failedRequests, 'failed requests').toEqual([]);
      expect(guards.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  deck: async ({ page }, use) => {
    await use(new Deck(page));
  },
});

export { expect };
