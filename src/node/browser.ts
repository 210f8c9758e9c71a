import { chromium, errors, type Browser, type LaunchOptions, type Page } from 'playwright';
import { FAILED_ATTRIBUTE, SETTLED_SELECTOR, WAITING_ATTRIBUTE } from '../shared/readiness.ts';
import { BROWSER_ARGS, BROWSER_START_TIMEOUT_MS, browserStartError, findBrowser } from './browser-finder.ts';

/** Launch options every browser of this project uses. */
export function browserLaunchOptions(): LaunchOptions {
  return { executablePath: findBrowser(), args: BROWSER_ARGS };
}

/**
 * Launches a Chromium; a missing one, or one that cannot start, is a rejection that says which
 * browser it tried and how to get one, never a throw or a wait.
 */
export async function launchBrowser(): Promise<Browser> {
  let options: LaunchOptions | undefined;
  try {
    options = browserLaunchOptions();
    return await chromium.launch({ ...options, timeout: BROWSER_START_TIMEOUT_MS });
  } catch (error) {
    if (!options) throw error;
    throw browserStartError(options.executablePath ?? '', error);
  }
}

/**
 * One browser shared by everything a build (or a dev session) renders: launched on first use and
 * closed once, by its owner.
 */
export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private readonly launch: () => Promise<Browser>;

  constructor(launch: () => Promise<Browser> = launchBrowser) {
    this.launch = launch;
  }

  /** The shared browser, launched now if it is not running. */
  get(): Promise<Browser> {
    this.browser ??= this.launch().catch((error: unknown) => {
      this.browser = undefined;
      throw error;
    });
    return this.browser;
  }

  /** Closes the browser if one runs, pages with it (a hung one too); the next `get()` launches anew. */
  async close(): Promise<void> {
    const running = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await running?.close();
  }
}

/** The deck in a page could not be shown as built (an image that does not load), or was not ready in time. */
export class DeckNotReadyError extends Error {
  override name = 'DeckNotReadyError';
}

/**
 * Waits until the deck in `page` says it is ready (reveal started, fonts and the images shown in,
 * the print layout done): what every script waits for before it looks, measures or prints. Throws
 * a `DeckNotReadyError` with the page's own reason when it failed, and with what it was still
 * waiting for when the time limit passed.
 *
 * @param timeoutMs 0 waits as long as it takes (the caller holds its own time limit); default
 *   Playwright's (30 s)
 */
export async function waitForDeckReady(page: Page, timeoutMs?: number): Promise<void> {
  const html = page.locator('html');
  try {
    await page
      .locator(SETTLED_SELECTOR)
      .waitFor({ state: 'attached', ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }) });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    const waiting = await html.getAttribute(WAITING_ATTRIBUTE, { timeout: 1000 }).catch(() => null);
    throw new DeckNotReadyError(
      `the deck at ${page.url()} was not ready in time: ${waiting ? `still waiting for ${waiting}` : "its script never started (see the page's console)"}`,
      { cause: error },
    );
  }
  const failure = await html.getAttribute(FAILED_ATTRIBUTE);
  if (failure !== null) throw new DeckNotReadyError(`the deck at ${page.url()} cannot be shown: ${failure}`);
}
