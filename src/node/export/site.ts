import { build } from 'vite';
import { deckViteConfig, type DeckViteOptions } from '../vite/vite-config.ts';

/** Builds the site with the deck's Vite configuration (as `npm run build` does); returns the ms taken. */
export async function buildSite(options: DeckViteOptions = {}): Promise<number> {
  const started = performance.now();
  await build({ ...deckViteConfig(options), configFile: false, root: process.cwd(), logLevel: 'warn' });
  return performance.now() - started;
}
