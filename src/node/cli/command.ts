import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SLIDES_DIR } from '../paths.ts';
import type { DeckSettings } from '../deck/schema.ts';

/** One option of a command, as `--help` lists it. */
export interface CommandOption {
  type: 'string' | 'boolean';
  /** One line: what the option does. */
  description: string;
  /** Shown in `--help`; a string option without one is unset unless given. */
  default?: string | boolean;
  /** What the value is, for `--help` (`--out <file>`). */
  value?: string;
}

export interface CommandSpec<O extends Record<string, CommandOption>> {
  /** The command's name in its messages (`pdf: wrote …`). */
  name: string;
  /** How it is run (`npm run export:pdf --`). */
  usage: string;
  /** One line: what it does. */
  summary: string;
  options: O;
}

type Values<O extends Record<string, CommandOption>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['default'] extends string
      ? string
      : string | undefined;
};

/** A mistake on the command line: said in one line, exit code 2. */
export class UsageError extends Error {}

/** Exit codes: 1 for a failure of the work, 2 for a command line that cannot be run. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** The `--help` text: the command, then every option with its value and default. */
function helpText<O extends Record<string, CommandOption>>(spec: CommandSpec<O>): string {
  const help: CommandOption = { type: 'boolean', description: 'show this help' };
  const rows = Object.entries<CommandOption>({ ...spec.options, help }).map(([name, option]) => {
    const flag = `--${name}${option.type === 'string' ? ` <${option.value ?? 'value'}>` : ''}`;
    const fallback = option.default === undefined || option.default === false ? '' : ` (default: ${option.default})`;
    return [flag, `${option.description}${fallback}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `${spec.summary}`,
    '',
    `Usage: ${spec.usage} [options]`,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ].join('\n');
}

/** Parses a command line against `spec`; `undefined` when `--help` was asked (the help is printed). */
function parseCommandLine<O extends Record<string, CommandOption>>(
  spec: CommandSpec<O>,
  args: readonly string[],
): Values<O> | undefined {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, { type, default: value }]) => [
      name,
      value === undefined ? { type } : { type, default: value },
    ]),
  ) as Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    const valid = [...Object.keys(spec.options), 'help'].map((name) => `--${name}`).join(', ');
    // Node's message names the option ("Unknown option '--x'", "Option '--out <value>' argument missing").
    const reason = (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${reason}; valid options: ${valid}`);
  }
  if (values.help) {
    console.info(helpText(spec));
    return undefined;
  }
  return values as Values<O>;
}

/** A number option's value, checked: `--timeout abc` is a usage error, not "NaN s". */
export function positiveNumber(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${option}: found "${text}"; expected a number greater than 0`);
  }
  return value;
}

/**
 * Runs a command when `moduleUrl` is the script Node was started with: parses its command line
 * (`--help`, one-line usage errors with exit code 2), then runs `main`, whose error becomes one
 * line and exit code 1. A stack trace is printed only with `DEBUG` set.
 */
export function runCommand<O extends Record<string, CommandOption>>(
  moduleUrl: string,
  spec: CommandSpec<O>,
  main: (values: Values<O>) => Promise<void>,
): void {
  if (moduleUrl !== pathToFileURL(resolve(process.argv[1] ?? '')).href) return;
  const fail = (error: unknown): void => {
    const usage = error instanceof UsageError;
    console.error(`${spec.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (!usage && process.env.DEBUG && error instanceof Error) console.error(error.stack);
    process.exitCode = usage ? EXIT_USAGE : EXIT_FAILED;
  };
  try {
    const values = parseCommandLine(spec, process.argv.slice(2));
    if (values) main(values).catch(fail);
  } catch (error) {
    fail(error);
  }
}

/** The deck's settings, from `slides/deck.yml` (or `$DECK_SLIDES`): the commands name their output after its slug. */
export async function readDeckSettings(): Promise<DeckSettings> {
  // Loaded here, not with the command: its YAML parser and schema are a tenth of a second of start-up.
  const { parseDeckSettings, SETTINGS_FILE } = await import('../deck/slides.ts');
  const file = `${SLIDES_DIR}/${SETTINGS_FILE}`;
  return parseDeckSettings(file, await readFile(file, 'utf8'));
}
