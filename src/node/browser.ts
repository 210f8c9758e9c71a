import { existsSync } from 'node:fs';
import { chromium, errors, type Browser, type LaunchOptions, type Page } from 'playwright';
import { FAILED_ATTRIBUTE, SETTLED_SELECTOR, WAITING_ATTRIBUTE } from '../shared/readiness.ts';

/** The environment variable that names a Chromium binary, checked before anything else. */
export const BROWSER_ENV = 'CHROMIUM_PATH';

/**
 * Where Playwright's `chrome` and `msedge` channels find an installed Google Chrome or Microsoft
 * Edge (its registry's own paths; on Windows under each of the program folders).
 */
const CHANNEL_BROWSERS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: ['/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: ['\\Google\\Chrome\\Application\\chrome.exe', '\\Microsoft\\Edge\\Application\\msedge.exe'],
};
const WINDOWS_PROGRAM_FOLDERS = ['LOCALAPPDATA', 'PROGRAMFILES', 'PROGRAMFILES(X86)'];

/**
 * Linux distributions' own Chromium and Chrome. Debian's headless shell comes first: everything
 * here runs headless, and it opens a page in a third of the time the full browser takes.
 */
const LINUX_BROWSERS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

/** Flags for a headless, sandbox-less (root) run on a machine whose network is closed. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const NO_BROWSER_HINT = `No Chromium found: run \`npx playwright install chromium\`, or install Chrome, or set ${BROWSER_ENV}=/path/to/chromium.`;

function channelBrowsers(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const paths = CHANNEL_BROWSERS[platform] ?? [];
  if (platform !== 'win32') return [...paths];
  return WINDOWS_PROGRAM_FOLDERS.flatMap((folder) => (env[folder] ? paths.map((path) => env[folder] + path) : []));
}

/** What `findBrowser` asks of the machine: a test hands it another machine's answers. */
export interface BrowserProbe {
  /** Whether a file is there. */
  exists: (path: string) => boolean;
  /** Where Playwright's own Chromium download would be ('' if Playwright cannot say). */
  playwrightChromium: () => string;
}

const THIS_MACHINE: BrowserProbe = { exists: existsSync, playwrightChromium };

/**
 * Finds a Chromium: `$CHROMIUM_PATH`, then Playwright's own download, then an installed Chrome or
 * Edge where Playwright's channels look (macOS, Windows, Linux), then a Linux distribution's Chromium.
 */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
  probe: BrowserProbe = THIS_MACHINE,
): string {
  const fromEnv = env[BROWSER_ENV];
  if (fromEnv) {
    if (probe.exists(fromEnv)) return fromEnv;
    throw new Error(`${BROWSER_ENV} is set to ${fromEnv}, which does not exist. ${NO_BROWSER_HINT}`);
  }
  const candidates = [probe.playwrightChromium(), ...channelBrowsers(env, platform), ...LINUX_BROWSERS];
  const found = candidates.find((path) => path && probe.exists(path));
  if (!found) throw new Error(NO_BROWSER_HINT);
  return found;
}

function playwrightChromium(): string {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
}

/** Launch options every browser of this project uses. */
export function browserLaunchOptions(): LaunchOptions {
  return { executablePath: findBrowser(), args: BROWSER_ARGS };
}

/** How long a Chromium may take to start before the launch counts as failed. */
const LAUNCH_TIMEOUT_MS = 20_000;

/**
 * Launches a Chromium; a missing one, or one that cannot start, is a rejection that says which
 * browser it tried and how to get one, never a throw or a wait.
 */
export async function launchBrowser(): Promise<Browser> {
  let options: LaunchOptions | undefined;
  try {
    options = browserLaunchOptions();
    return await chromium.launch({ ...options, timeout: LAUNCH_TIMEOUT_MS });
  } catch (error) {
    if (!options) throw error;
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(
      `could not start the browser ${options.executablePath ?? ''}: ${reason}; set ${BROWSER_ENV}=/path/to/chromium to use another`,
      { cause: error },
    );
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
