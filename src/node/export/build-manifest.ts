import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../cache.ts';
import { DECK_URL_ENV } from '../deck/deck-url.ts';
import { LIVE_BROKER_ENV } from '../deck/live-config.ts';

/** Beside `index.html`: the settings the site was built with that came from the environment. */
export const BUILD_MANIFEST = 'deck-build.json';

/** The environment variables that change what a build makes (per venue, per host). */
export const BUILD_ENV = [DECK_URL_ENV, LIVE_BROKER_ENV] as const;
type BuildEnvName = (typeof BUILD_ENV)[number];

/** The build settings taken from the environment, as a manifest records them (unset ones left out). */
export type BuildEnvironment = Partial<Record<BuildEnvName, string>>;

/** What of `env` a build uses (the values of `BUILD_ENV` that are set). */
export function buildEnvironment(env: Record<string, string | undefined>): BuildEnvironment {
  return Object.fromEntries(BUILD_ENV.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

/**
 * The environment an export's rebuild runs with: the current one, plus each setting of the last
 * build (`recorded`) that is not set now, so the rebuilt site is the one that was built, with its
 * QR code, preview tags and broker. A setting given now wins. `reused` names what was taken.
 */
export function rebuildEnvironment(
  recorded: BuildEnvironment,
  env: Record<string, string | undefined>,
): { env: Record<string, string | undefined>; reused: BuildEnvironment } {
  const reused: BuildEnvironment = {};
  for (const name of BUILD_ENV) {
    const value = recorded[name];
    if (value && !env[name]) reused[name] = value;
  }
  return { env: { ...env, ...reused }, reused };
}

/**
 * The settings given now that the last build (`recorded`) was not built with, as `NAME=value`: a
 * site built without `DECK_URL` is no site for `DECK_URL=… npm run export:pdf`, fresh or not.
 */
export function changedSettings(recorded: BuildEnvironment, env: Record<string, string | undefined>): string[] {
  return BUILD_ENV.flatMap((name) => (env[name] && env[name] !== recorded[name] ? [`${name}=${env[name]}`] : []));
}

/** Records the build settings of `env` in `outDir`. */
export async function writeBuildManifest(outDir: string, env: Record<string, string | undefined>): Promise<void> {
  await writeFileAtomic(join(outDir, BUILD_MANIFEST), `${JSON.stringify(buildEnvironment(env), null, 2)}\n`);
}

/**
 * The settings recorded in `outDir`; none when there is no manifest (or one this version does not
 * read: only known names with string values are taken).
 */
export async function readBuildManifest(outDir: string): Promise<BuildEnvironment> {
  const text = await readFile(join(outDir, BUILD_MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null) return {};
  const entries = Object.entries(data as Record<string, unknown>);
  return buildEnvironment(
    Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  );
}
