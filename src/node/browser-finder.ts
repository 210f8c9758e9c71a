import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import nodePath from 'node:path';

// The browser finder reads where Playwright keeps its Chromium without loading Playwright (half a
// second of start-up): the PDF export starts Chromium before anything else loads.

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

/** How long a Chromium may take to start before the start counts as failed. */
export const BROWSER_START_TIMEOUT_MS = 20_000;

/**
 * The one-line error for a browser that was found but did not start: which it tried, why (the first
 * line of the reason), and how to choose another.
 */
export function browserStartError(executable: string, error: unknown): Error {
  const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return new Error(
    `could not start the browser ${executable}: ${reason}; set ${BROWSER_ENV}=/path/to/chromium to use another`,
    { cause: error },
  );
}

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

const THIS_MACHINE: BrowserProbe = { exists: existsSync, playwrightChromium: () => playwrightChromium() };

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

/** Where Playwright's registry puts Chromium's executable in `chromium-<revision>/`, per platform (its `EXECUTABLE_PATHS`). */
const PLAYWRIGHT_CHROMIUM_PATHS: Record<string, readonly string[]> = {
  'linux-x64': ['chrome-linux64', 'chrome'],
  'linux-arm64': ['chrome-linux-arm64', 'chrome'],
  'darwin-x64': ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
  'darwin-arm64': [
    'chrome-mac-arm64',
    'Google Chrome for Testing.app',
    'Contents',
    'MacOS',
    'Google Chrome for Testing',
  ],
  'win32-x64': ['chrome-win64', 'chrome.exe'],
};

/** What `playwrightChromiumPath` asks of the machine: a test hands it another machine's answers. */
export interface PlaywrightInstall {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  home: string;
  /** The folder of the installed `playwright-core` package. */
  packageDir: string;
  /** Its `browsers.json`: the Chromium revision this Playwright downloads. */
  chromiumRevision: string;
}

/**
 * Where Playwright's own Chromium download is, as its registry says (`chromium.executablePath()`),
 * or '' on a platform it has none for: `$PLAYWRIGHT_BROWSERS_PATH` (`0`: inside the package), else
 * the user's cache folder, then `ms-playwright/chromium-<revision>/…`.
 */
export function playwrightChromiumPath({
  env,
  platform,
  arch,
  home,
  packageDir,
  chromiumRevision,
}: PlaywrightInstall): string {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const tokens = PLAYWRIGHT_CHROMIUM_PATHS[`${platform}-${arch}`];
  if (!tokens) return '';
  const cache =
    platform === 'darwin'
      ? path.join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? env.LOCALAPPDATA || path.join(home, 'AppData', 'Local')
        : env.XDG_CACHE_HOME || path.join(home, '.cache');
  const configured = env.PLAYWRIGHT_BROWSERS_PATH;
  const registry =
    configured === '0' ? path.join(packageDir, '.local-browsers') : configured || path.join(cache, 'ms-playwright');
  const absolute = path.isAbsolute(registry) ? registry : path.resolve(env.INIT_CWD || process.cwd(), registry);
  return path.join(absolute, `chromium-${chromiumRevision}`, ...tokens);
}

/** Playwright's Chromium on this machine, from its installed package; '' if Playwright is not installed. */
function playwrightChromium(): string {
  try {
    const browsersJson = createRequire(import.meta.url).resolve('playwright-core/browsers.json');
    const { browsers } = JSON.parse(readFileSync(browsersJson, 'utf8')) as {
      browsers: { name: string; revision: string }[];
    };
    const chromiumRevision = browsers.find((browser) => browser.name === 'chromium')?.revision;
    if (!chromiumRevision) return '';
    return playwrightChromiumPath({
      env: process.env,
      platform: process.platform,
      arch: process.arch,
      home: homedir(),
      packageDir: nodePath.dirname(browsersJson),
      chromiumRevision,
    });
  } catch {
    return '';
  }
}
