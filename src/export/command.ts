import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeckSettings } from '../build/schema.ts';
import { parseDeckSettings, SETTINGS_FILE } from '../build/slides.ts';

/** Runs `main` when `moduleUrl` is the script Node was started with; its error becomes one line and exit code 1. */
export function runCommand(moduleUrl: string, name: string, main: () => Promise<void>): void {
  if (moduleUrl !== pathToFileURL(resolve(process.argv[1] ?? '')).href) return;
  main().catch((error: unknown) => {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}

/** The deck's settings, from `slides/deck.yml` (the commands name their output after its slug). */
export async function readDeckSettings(): Promise<DeckSettings> {
  const file = `slides/${SETTINGS_FILE}`;
  return parseDeckSettings(file, await readFile(file, 'utf8'));
}
