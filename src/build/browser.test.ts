import { describe, expect, it } from 'vitest';
import { BROWSER_ENV, findBrowser, NO_BROWSER_HINT } from './browser.ts';

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

  it('finds one on this machine without the variable', () => {
    expect(findBrowser({})).toMatch(/chrom/i);
  });
});
