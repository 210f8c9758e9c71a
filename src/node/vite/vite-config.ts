import { join, resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { BrowserSession } from '../browser.ts';
import { DIST_DIR, RENDERED_DIR, SLIDES_DIR } from '../paths.ts';
import { RenderStore } from '../render-store.ts';
import { deckPlugin, type DeckPluginOptions } from './deck-plugin.ts';
import { DECK_URL_ENV, headPlugin } from './head-plugin.ts';
import { singleFilePlugin } from './single-file-plugin.ts';
import { socialImagePlugin } from './social-image-plugin.ts';

/** The deck plugin's options, less what this configuration sets up for all its plugins. */
export interface DeckViteOptions extends Omit<DeckPluginOptions, 'renders' | 'pruneRenders'> {
  /**
   * Where renders that need a browser (diagrams, the social image) are kept, committed with the slides.
   *
   * @default `${slidesDir}/.rendered`
   */
  renderedDir?: string;
  /**
   * Where the site is written.
   *
   * @default 'dist' (or `$DECK_DIST`)
   */
  outDir?: string;
  /**
   * Build one self-contained `index.html` (script, styles, fonts inlined) that presents from disk.
   *
   * @default false
   */
  singleFile?: boolean;
}

/** The deck's Vite configuration: `vite.config.ts` uses it as is, the benchmark with other slides. */
export function deckViteConfig({
  outDir = DIST_DIR,
  singleFile = false,
  renderedDir,
  ...plugin
}: DeckViteOptions = {}): InlineConfig {
  const deckUrl = process.env[DECK_URL_ENV];
  // One browser for everything this build renders (diagrams, the social image), if anything.
  const browser = plugin.browser ?? new BrowserSession();
  const renders = new RenderStore(resolve(renderedDir ?? join(plugin.slidesDir ?? SLIDES_DIR, RENDERED_DIR)));
  return {
    // Relative asset URLs: the built deck works from any path on any static host.
    base: './',
    plugins: singleFile
      ? [
          deckPlugin({ ...plugin, browser, renders, bundleSpeakerView: true }),
          headPlugin({ social: false }),
          singleFilePlugin(),
        ]
      : [
          deckPlugin({ ...plugin, browser, renders, pruneRenders: true }),
          headPlugin(deckUrl ? { deckUrl } : {}),
          socialImagePlugin({ store: renders, browser }),
        ],
    build: {
      target: 'es2022',
      // Fonts stay files on a host (cached, fetched per weight); the single file carries them.
      assetsInlineLimit: singleFile ? Number.POSITIVE_INFINITY : 0,
      cssCodeSplit: !singleFile,
      outDir,
      emptyOutDir: true,
      // One file, one script: nothing is split off to load later.
      ...(singleFile ? { rolldownOptions: { output: { codeSplitting: false } } } : {}),
    },
  };
}
