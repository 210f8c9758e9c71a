import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { findBrowser } from '../src/node/browser.ts';

/**
 * `npm test`: every check the README promises, ordered so that a missing browser is said before
 * anything runs, and so that both cores stay busy: the static checks (`npm run check`'s three
 * parts, each one process on one core) beside the unit tests and the build, then the end-to-end
 * tests of the real deck, then those of the fixture deck.
 */

/** One step: an npm script, and what `npm test` says it is. */
interface Step {
  label: string;
  script: string;
}

/** Steps in a group run side by side; groups run one after another. */
const GROUPS: Step[][] = [
  [
    { label: 'typecheck', script: 'typecheck' },
    { label: 'lint', script: 'lint' },
    { label: 'format', script: 'format:check' },
    { label: 'unit', script: 'test:unit' },
    { label: 'build', script: 'build' },
  ],
  [{ label: 'e2e', script: 'test:e2e' }],
  // Builds the fixture deck, then runs the specs that follow a deck's shape on it.
  [{ label: 'e2e fixture deck', script: 'test:e2e:fixture-deck' }],
];

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(0)} s`;

/** Runs one step; with others beside it, each line it prints is marked with its label. */
function run(step: Step, marked: boolean): Promise<{ step: Step; code: number; took: string }> {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', step.script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(marked ? `[${step.label}] ${line}\n` : `${line}\n`);
    });
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ step, code: code ?? 1, took: seconds(started) }));
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  try {
    console.log(`test: browser ${findBrowser()}`);
  } catch (error) {
    console.error(`test: ${(error as Error).message}`);
    return 1;
  }
  const laps: string[] = [];
  for (const group of GROUPS) {
    console.log(`test: ${group.map((step) => step.label).join(' and ')}…`);
    const results = await Promise.all(group.map((step) => run(step, group.length > 1)));
    for (const { step, took } of results) laps.push(`${step.label} ${took}`);
    const failed = results.filter((result) => result.code !== 0);
    if (failed.length > 0) {
      console.error(
        `test: failed: ${failed.map((result) => result.step.label).join(', ')} (after ${seconds(started)})`,
      );
      return 1;
    }
  }
  console.log(`test: all passed in ${seconds(started)} (${laps.join(', ')})`);
  return 0;
}

process.exitCode = await main();
