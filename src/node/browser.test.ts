import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { describe, expect, it } from 'vitest';
import { BROWSER_ENV, BrowserSession, findBrowser, launchBrowser, NO_BROWSER_HINT } from './browser.ts';

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

  it("finds an installed Chrome where Playwright's chrome channel looks, after Playwright's own", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'deck-localappdata-'));
    const chrome = `${folder}\\Google\\Chrome\\Application\\chrome.exe`;
    try {
      await writeFile(chrome, '');
      const own = chromium.executablePath();
      expect(findBrowser({ LOCALAPPDATA: folder }, 'win32')).toBe(existsSync(own) ? own : chrome);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
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
