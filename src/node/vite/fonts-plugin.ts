import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CACHE_DIR } from '../paths.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';
import { fontCharacters } from '../fonts/characters.ts';
import { readOwnFontFaces } from '../fonts/font-faces.ts';
import { writeDeckFonts } from '../fonts/subset.ts';

export interface FontsPluginOptions {
  /**
   * Where font subsets are kept between builds (made without a browser, so not committed), in `fonts/`.
   *
   * @default CACHE_DIR (`node_modules/.cache/deck`)
   */
  cacheDir?: string;
}

/** The deck's fonts, subset to the characters the slides use; the module resolves to a generated file. */
export const DECK_FONTS_MODULE = 'virtual:deck-fonts.css';

/** Serves `virtual:deck-fonts.css`: the deck's fonts cut down to what the slides show. */
export function fontsPlugin(options: FontsPluginOptions = {}): Plugin {
  let api: DeckPluginApi;
  let root = process.cwd();
  let stylesheet: string | undefined;
  return {
    name: 'deck-fonts',
    configResolved(config) {
      root = config.root;
      api = deckApi(config.plugins);
      // The stylesheet is named by its content: its importer must resolve it again.
      api.onSlidesChange((server) => {
        const module = server.moduleGraph.getModuleById(stylesheet ?? '');
        for (const stale of [module, ...(module?.importers ?? [])]) {
          if (stale) server.moduleGraph.invalidateModule(stale);
        }
      });
    },
    async resolveId(id) {
      if (id !== DECK_FONTS_MODULE) return undefined;
      // A real file, so Vite resolves its url()s and emits the font files like any other asset.
      const deck = await api.deckIfValid();
      const dir = resolve(root, options.cacheDir ?? CACHE_DIR, 'fonts');
      // While the deck has an error, the page (which shows it) gets Inter alone.
      const faces = deck?.fontFaces ?? (await readOwnFontFaces(root));
      stylesheet = await writeDeckFonts(faces, fontCharacters(deck?.html ?? ''), dir);
      return stylesheet;
    },
  };
}
