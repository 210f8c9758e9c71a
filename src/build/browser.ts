import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright';

/** The environment variable that names a Chromium binary, checked before anything else. */
export const BROWSER_ENV = 'CHROMIUM_PATH';

const SYSTEM_BROWSERS = [
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

export const NO_BROWSER_HINT = `No Chromium found: set ${BROWSER_ENV}=/path/to/chromium, or install one (Debian: apt-get install chromium).`;

/** Finds a Chromium: `$CHROMIUM_PATH`, then Playwright's own download, then a system Chrome/Chromium. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[BROWSER_ENV];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`${BROWSER_ENV} is set to ${fromEnv}, which does not exist. ${NO_BROWSER_HINT}`);
  }
  const candidates = [playwrightChromium(), ...SYSTEM_BROWSERS];
  const found = candidates.find((path) => path && existsSync(path));
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

/** Launches a Chromium; a missing one is a rejection like any other launch failure, never a throw. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(browserLaunchOptions());
}

/**
 * One browser shared by everything a build (or a dev session) renders: launched on first use and
 * closed once, by its owner. Users get a handle whose `close()` does nothing, so a library that
 * closes "its" browser when done (mermaid-isomorphic does) cannot close it under the others.
 */
export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private readonly launch: () => Promise<Browser>;
  /** Settles when a context handed out through `newContext()` has closed. */
  private readonly contextsClosed = new Set<Promise<void>>();

  constructor(launch: () => Promise<Browser> = launchBrowser) {
    this.launch = launch;
  }

  /** The shared browser, launched now if it is not running. */
  async get(): Promise<Browser> {
    this.browser ??= this.launch().catch((error: unknown) => {
      this.browser = undefined;
      throw error;
    });
    const browser = await this.browser;
    const newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
      const context = await browser.newContext(...args);
      const closed = new Promise<void>((done) => context.once('close', () => done()));
      this.contextsClosed.add(closed);
      void closed.then(() => this.contextsClosed.delete(closed));
      return context;
    };
    return new Proxy(browser, {
      get: (target, key): unknown => {
        if (key === 'close') return () => Promise.resolve();
        if (key === 'newContext') return newContext;
        return Reflect.get(target, key, target);
      },
    });
  }

  /**
   * Closes every context, pages with them (a hung page too), and waits until each has closed,
   * including one its user is still closing without waiting for it (mermaid-isomorphic does).
   */
  async closeContexts(): Promise<void> {
    const running = await this.browser?.catch(() => undefined);
    if (!running) return;
    await Promise.all(running.contexts().map((context) => context.close().catch(() => undefined)));
    await Promise.all(this.contextsClosed);
  }

  /** Closes the browser if one runs; the next `get()` launches anew. */
  async close(): Promise<void> {
    await this.closeContexts();
    const running = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await running?.close();
  }
}
