import type { InlineConfig } from 'vite';
import { deckPlugin, type DeckPluginOptions } from './deck-plugin.ts';

export interface DeckViteOptions extends DeckPluginOptions {
  /**
   * Where the site is written.
   *
   * @default 'dist'
   */
  outDir?: string;
}

/** The deck's Vite configuration: `vite.config.ts` uses it as is, the benchmark with other slides. */
export function deckViteConfig({ outDir = 'dist', ...plugin }: DeckViteOptions = {}): InlineConfig {
  return {
    // Relative asset URLs: the built deck works from any path on any static host.
    base: './',
    plugins: [deckPlugin(plugin)],
    build: {
      target: 'es2022',
      assetsInlineLimit: 0,
      outDir,
      emptyOutDir: true,
    },
  };
}
