import { build, type LogLevel } from 'vite';
import { DeckError } from '../errors.ts';
import { DIST_DIR } from '../paths.ts';
import { deckViteConfig, type DeckViteOptions } from '../vite/vite-config.ts';
import { writeBuildManifest } from './build-manifest.ts';

export interface SiteBuildOptions extends DeckViteOptions {
  /**
   * How much of Vite's own output to print (its list of written files is `info`).
   *
   * @default 'warn'
   */
  logLevel?: LogLevel;
}

/**
 * Builds the site with the deck's Vite configuration (as `npm run build` does); returns the ms taken.
 * A content error comes out as the `DeckError` itself, not wrapped in the bundler's error and stack.
 * A site (not the single file) gets a manifest of the environment's settings it was built with, for
 * an export that has to build it again.
 */
export async function buildSite({ logLevel = 'warn', ...options }: SiteBuildOptions = {}): Promise<number> {
  const started = performance.now();
  try {
    await build({ ...deckViteConfig(options), configFile: false, root: process.cwd(), logLevel });
  } catch (error) {
    const wrapped = (error as { errors?: unknown[] }).errors?.find((inner) => inner instanceof DeckError);
    throw wrapped ?? error;
  }
  if (!options.singleFile) await writeBuildManifest(options.outDir ?? DIST_DIR, options.env ?? process.env);
  return performance.now() - started;
}
