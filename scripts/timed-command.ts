import { spawnSync } from 'node:child_process';

/** Runs a command to its end and returns its time in ms; one that fails throws with its output. */
export function timedCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
  return performance.now() - started;
}

/** The time of `npm run <script> -- --out <out>`, as a user runs an export. */
export const timedExport = (script: string, out: string): number =>
  timedCommand('npm', ['run', '--silent', script, '--', '--out', out]);
