import { join, resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { BrowserSession } from '../browser.ts';
import { displayPath, DIST_DIR, RENDERED_DIR, SLIDES_DIR } from '../paths.ts';
import { RenderStore } from '../render-store.ts';
import { cspPlugin } from './csp-plugin.ts';
import { deckPlugin, type DeckPluginOptions } from './deck-plugin.ts';
import { fontsPlugin, type FontsPluginOptions } from './fonts-plugin.ts';
import { revealStylesPlugin } from './reveal-styles.ts';
import { speakerViewPlugin } from './speaker-view-plugin.ts';
import { headPlugin } from './head-plugin.ts';
import { overflowReportPlugin } from './overflow-report-plugin.ts';
import { singleFilePlugin } from './single-file-plugin.ts';
import { socialImagePlugin } from './social-image-plugin.ts';
import { unusedTransitions } from './unused-transitions.ts';

/** The deck plugin's options, less what this configuration sets up for all its plugins. */
export interface DeckViteOptions extends Omit<DeckPluginOptions, 'renders' | 'pruneRenders'>, FontsPluginOptions {
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
  cacheDir,
  ...deck
}: DeckViteOptions = {}): InlineConfig {
  // One cache folder for what the build makes again without a browser: font subsets, shrunk images.
  const cache = cacheDir ? { cacheDir } : {};
  // One browser for everything this build renders (diagrams, the social image), if anything.
  const browser = deck.browser ?? new BrowserSession();
  const renders = new RenderStore(resolve(renderedDir ?? join(deck.slidesDir ?? SLIDES_DIR, RENDERED_DIR)));
  const csp = cspPlugin({ renderedDir: displayPath(renders.dir) });
  // Order matters where plugins share a hook: the CSP is written on the finished page, before the
  // social image is taken of it.
  const plugins = singleFile
    ? [
        deckPlugin({ ...deck, ...cache, browser, renders, bundleSpeakerView: true }),
        fontsPlugin({ ...cache, singleFile: true }),
        revealStylesPlugin(),
        speakerViewPlugin(),
        headPlugin(),
        singleFilePlugin(),
        csp,
      ]
    : [
        deckPlugin({ ...deck, ...cache, browser, renders, pruneRenders: true }),
        fontsPlugin(cache),
        revealStylesPlugin(),
        speakerViewPlugin(),
        headPlugin({ social: true }),
        overflowReportPlugin(),
        csp,
        socialImagePlugin({ store: renders, browser }),
      ];
  return {
    // Relative asset URLs: the built deck works from any path on any static host.
    base: './',
    plugins,
    css: { postcss: { plugins: [unusedTransitions()] } },
    build: {
      target: 'es2022',
      // Fonts stay files on a host (cached, fetched per weight); the single file carries them.
      assetsInlineLimit: singleFile ? Number.POSITIVE_INFINITY : 0,
      cssCodeSplit: !singleFile,
      // Every browser the deck runs in (ES2022) knows <link rel=modulepreload>: no polyfill in the first slide's script.
      modulePreload: { polyfill: false },
      outDir,
      emptyOutDir: true,
      // One file, one script: nothing is split off to load later.
      ...(singleFile ? { rolldownOptions: { output: { codeSplitting: false } } } : {}),
    },
  };
}
