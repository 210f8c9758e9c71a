import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { BrowserSession, launchBrowser } from './browser.ts';
import { chromium } from 'playwright';
import { BROWSER_ENV, findBrowser, NO_BROWSER_HINT, playwrightChromiumPath } from './browser-finder.ts';

/** Where Playwright's Chromium download would be, on a machine a test makes up. */
const PLAYWRIGHT_CHROMIUM = '/home/owner/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

describe('findBrowser', () => {
  it('takes the environment variable first', () => {
    expect(findBrowser({ [BROWSER_ENV]: process.execPath })).toBe(process.execPath);
  });

  it('fails with one line on how to get a browser when the variable names nothing', () => {
    expect(() => findBrowser({ [BROWSER_ENV]: '/nowhere/chromium' })).toThrow(
      `${BROWSER_ENV} is set to /nowhere/chromium, which does not exist. ${NO_BROWSER_HINT}`,
    );
    expect(NO_BROWSER_HINT).not.toContain('\n');
  });

  it.each([
    ['macOS', 'darwin', {}, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    [
      'Windows',
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\owner\\AppData\\Local' },
      'C:\\Users\\owner\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    ],
    [
      'Windows, installed for all users',
      'win32',
      { PROGRAMFILES: 'C:\\Program Files' },
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    ],
    ['Linux', 'linux', {}, '/opt/google/chrome/chrome'],
  ] as const)(
    "on %s without Playwright's Chromium, finds the Chrome that Playwright's chrome channel would use",
    (_, platform, env, chrome) => {
      // Chrome installed, Playwright's download not; on Linux the distribution's Chromium too, which comes after.
      const installed = new Set([chrome, '/usr/bin/chromium']);
      const probe = { exists: (path: string) => installed.has(path), playwrightChromium: () => PLAYWRIGHT_CHROMIUM };
      expect(findBrowser(env, platform, probe)).toBe(chrome);
    },
  );

  it("takes Playwright's own Chromium before an installed Chrome", () => {
    const installed = new Set([PLAYWRIGHT_CHROMIUM, '/opt/google/chrome/chrome']);
    const probe = { exists: (path: string) => installed.has(path), playwrightChromium: () => PLAYWRIGHT_CHROMIUM };
    expect(findBrowser({}, 'linux', probe)).toBe(PLAYWRIGHT_CHROMIUM);
  });

  it("on Debian without Playwright's Chromium, takes the headless shell before the full Chromium", () => {
    const installed = new Set(['/usr/bin/chromium', '/usr/bin/chromium-headless-shell']);
    const probe = { exists: (path: string) => installed.has(path), playwrightChromium: () => PLAYWRIGHT_CHROMIUM };
    expect(findBrowser({}, 'linux', probe)).toBe('/usr/bin/chromium-headless-shell');
    installed.delete('/usr/bin/chromium-headless-shell');
    expect(findBrowser({}, 'linux', probe)).toBe('/usr/bin/chromium');
  });

  it('fails with the hint when no browser is anywhere', () => {
    const probe = { exists: () => false, playwrightChromium: () => PLAYWRIGHT_CHROMIUM };
    expect(() => findBrowser({ LOCALAPPDATA: 'C:\\Users\\owner\\AppData\\Local' }, 'win32', probe)).toThrow(
      NO_BROWSER_HINT,
    );
  });

  it("knows where Playwright's own Chromium is without loading Playwright, as Playwright says", () => {
    expect(
      playwrightChromiumPath({
        env: process.env,
        platform: process.platform,
        arch: process.arch,
        home: homedir(),
        packageDir: '/unused',
        chromiumRevision: /chromium-(\d+)/.exec(chromium.executablePath())![1]!,
      }),
    ).toBe(chromium.executablePath());
    const windows = {
      env: { LOCALAPPDATA: 'C:\\Users\\owner\\AppData\\Local' },
      platform: 'win32',
      arch: 'x64',
      home: 'C:\\Users\\owner',
      packageDir: 'C:\\deck\\node_modules\\playwright-core',
      chromiumRevision: '1255',
    } as const;
    expect(playwrightChromiumPath(windows)).toBe(
      'C:\\Users\\owner\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win64\\chrome.exe',
    );
    expect(playwrightChromiumPath({ ...windows, env: { PLAYWRIGHT_BROWSERS_PATH: '0' } })).toBe(
      'C:\\deck\\node_modules\\playwright-core\\.local-browsers\\chromium-1255\\chrome-win64\\chrome.exe',
    );
    expect(playwrightChromiumPath({ ...windows, platform: 'aix' })).toBe('');
  });

  it('finds one on this machine without the variable', () => {
    expect(findBrowser({})).toMatch(/chrom/i);
  });
});

describe('BrowserSession', () => {
  it('launches once for all its users, and anew after it was closed', async () => {
    let launches = 0;
    const session = new BrowserSession(() => {
      launches += 1;
      return launchBrowser();
    });
    try {
      const [a, b] = await Promise.all([session.get(), session.get()]);
      expect(a).toBe(b);
      await session.close();
      expect(a.isConnected()).toBe(false);
      expect(launches).toBe(1);
      expect((await session.get()).isConnected()).toBe(true);
      expect(launches).toBe(2);
    } finally {
      await session.close();
    }
  });
});

describe('launchBrowser', () => {
  it('rejects, naming the browser it tried, when that one cannot start', async () => {
    const saved = process.env[BROWSER_ENV];
    // A program that exits at once, as a broken or foreign browser binary does.
    process.env[BROWSER_ENV] = '/bin/false';
    try {
      await expect(launchBrowser()).rejects.toThrow(/^could not start the browser \/bin\/false: .*CHROMIUM_PATH=/);
    } finally {
      if (saved === undefined) delete process.env[BROWSER_ENV];
      else process.env[BROWSER_ENV] = saved;
    }
  });
});
