import {
  spawn,
  type ChildProcessByStdio,
  type SpawnOptionsWithStdioTuple,
  type StdioNull,
  type StdioPipe,
} from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { findBrowser } from '../src/node/browser-finder.ts';
import { DIST_ENV, SLIDES_ENV } from '../src/node/paths.ts';

/**
 * `npm test`: every check the README promises. A missing browser is said before anything runs.
 * The end-to-end tests are the long path (the build, the real deck, then the fixture deck: one
 * after the other, as each takes both cores); the static checks and the unit tests run beside them
 * at a lower priority, on what CPU time the browsers leave (the live tests wait out a broker's
 * outage, pages wait on each other), so they cost the path little and end within it.
 */

/** One step: an npm script, and what `npm test` says it is. */
interface Step {
  label: string;
  script: string;
  /** The steps that must have passed before this one starts. */
  after?: string[];
  /** Runs at a lower priority than the steps of the long path. */
  background?: boolean;
  env?: Record<string, string>;
}

/**
 * The second deck (other file names, six slides, two diagrams), built apart: the specs that follow a
 * deck's shape run once more on it (playwright.config.ts picks them when `$DECK_SLIDES` is set).
 */
const FIXTURE_DECK = { [SLIDES_ENV]: 'e2e/support/fixture-deck', [DIST_ENV]: 'dist-fixture' };

const STEPS: Step[] = [
  { label: 'build', script: 'build' },
  { label: 'e2e', script: 'test:e2e', after: ['build'] },
  { label: 'build fixture deck', script: 'build', env: FIXTURE_DECK },
  { label: 'e2e fixture deck', script: 'test:e2e', env: FIXTURE_DECK, after: ['e2e', 'build fixture deck'] },
  // `npm run check`'s three parts, each one process on one core.
  { label: 'typecheck', script: 'typecheck', background: true },
  { label: 'lint', script: 'lint', background: true },
  { label: 'format', script: 'format:check', background: true },
  { label: 'unit', script: 'test:unit', background: true },
];

/**
 * Background steps (and the processes they start) run in Linux's idle scheduling class, with
 * util-linux's `chrt`: only when a core would otherwise idle (at the lowest niceness instead, they
 * still slowed the end-to-end tests by a fifth). Elsewhere, at the lowest niceness.
 */
const IDLE_SCHEDULER = '/usr/bin/chrt';
const BACKGROUND_PRIORITY = 19;

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(0)} s`;

interface Outcome {
  step: Step;
  passed: boolean;
  took: string;
}

function spawnStep(step: Step): ChildProcessByStdio<null, Readable, Readable> {
  const command = ['npm', 'run', '--silent', step.script];
  const options: SpawnOptionsWithStdioTuple<StdioNull, StdioPipe, StdioPipe> = {
    env: { ...process.env, ...step.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  if (step.background && existsSync(IDLE_SCHEDULER)) return spawn(IDLE_SCHEDULER, ['--idle', '0', ...command], options);
  const child = spawn(command[0]!, command.slice(1), options);
  if (step.background && child.pid !== undefined) setPriority(child.pid, BACKGROUND_PRIORITY);
  return child;
}

/** Runs one step, each line it prints marked with its label. */
function run(step: Step): Promise<Outcome> {
  const started = performance.now();
  console.log(`test: ${step.label}…`);
  const child = spawnStep(step);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${step.label}] ${line}\n`));
  }
  return new Promise((resolve) => {
    // A step that cannot start fails like one that fails: the others still end before npm test does.
    child.on('error', (error) => {
      console.error(`test: ${step.label} could not start: ${error.message}`);
      resolve({ step, passed: false, took: seconds(started) });
    });
    child.on('close', (code) => {
      const outcome = { step, passed: code === 0, took: seconds(started) };
      console.log(`test: ${step.label} ${outcome.passed ? 'passed' : 'FAILED'} in ${outcome.took}`);
      resolve(outcome);
    });
  });
}

/** Starts each step once the steps it comes after have passed; one that failed skips those after it. */
function runAll(steps: readonly Step[]): Promise<Outcome[]> {
  const started = new Map<string, Promise<Outcome | undefined>>();
  const start = (step: Step): Promise<Outcome | undefined> => {
    let outcome = started.get(step.label);
    if (!outcome) {
      const unknown = step.after?.filter((label) => !steps.some((other) => other.label === label)) ?? [];
      if (unknown.length > 0)
        throw new Error(`test: step "${step.label}" comes after no step "${unknown.join('", "')}"`);
      const before = steps.filter((other) => step.after?.includes(other.label));
      outcome = Promise.all(before.map(start)).then((previous) =>
        previous.every((done) => done?.passed) ? run(step) : undefined,
      );
      started.set(step.label, outcome);
    }
    return outcome;
  };
  return Promise.all(steps.map(start)).then((outcomes) => outcomes.filter((outcome) => outcome !== undefined));
}

async function main(): Promise<number> {
  const started = performance.now();
  try {
    console.log(`test: browser ${findBrowser()}`);
  } catch (error) {
    console.error(`test: ${(error as Error).message}`);
    return 1;
  }
  const outcomes = await runAll(STEPS);
  const laps = outcomes.map(({ step, took }) => `${step.label} ${took}`).join(', ');
  const failed = STEPS.filter((step) => !outcomes.some((outcome) => outcome.step === step && outcome.passed));
  if (failed.length > 0) {
    console.error(
      `test: failed or not run: ${failed.map((step) => step.label).join(', ')} (after ${seconds(started)}; ${laps})`,
    );
    return 1;
  }
  console.log(`test: all passed in ${seconds(started)} (${laps})`);
  return 0;
}

process.exitCode = await main();
