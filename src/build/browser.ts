import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright';

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

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(browserLaunchOptions());
}
