import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BROWSER_ENV, NO_BROWSER_HINT } from '../browser-finder.ts';

describe('the export commands', () => {
  it('stop at once with one line on how to get a browser when none is found', () => {
    const result = spawnSync(
      process.execPath,
      ['scripts/run-command.mjs', 'pdf', '--url', 'http://127.0.0.1:9/', '--out', '/dev/null'],
      // Killed (status null) if it waited for the export's own 60 s time limit instead of stopping (the
      // limit here leaves room for a start-up slowed by the suite's browsers, at idle priority).
      { encoding: 'utf8', env: { ...process.env, [BROWSER_ENV]: '/nowhere/chromium' }, timeout: 55_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `pdf: ${BROWSER_ENV} is set to /nowhere/chromium, which does not exist. ${NO_BROWSER_HINT}`,
    ]);
  });
});

describe('npm run export:pptx', () => {
  // One command start per test, with the same room as above: the suite's browsers slow a start-up.
  const pptx = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/run-command.mjs', 'pptx', ...args], {
      encoding: 'utf8',
      timeout: 55_000,
    });

  it('lists its options with --help', () => {
    const help = pptx('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('npm run export:pptx --');
    expect(help.stdout).toMatch(/--out <file>/);
    expect(help.stdout).toMatch(/--fragments <together\|separate>/);
  });

  it('refuses a wrong option value in one line, with exit code 2', () => {
    const wrong = pptx('--fragments', 'sideways');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim()).toBe('pptx: --fragments: found "sideways"; allowed: together, separate');
  });
});
