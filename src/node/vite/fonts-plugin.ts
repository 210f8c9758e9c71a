import { resolve } from 'node:path';
import type { Plugin, Rolldown } from 'vite';
import { CACHE_DIR } from '../paths.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';
import { fontCharacters } from '../fonts/characters.ts';
import { firstScreenCharacters } from '../fonts/first-screen.ts';
import { readFile } from 'node:fs/promises';
import { readOwnFontFaces } from '../fonts/font-faces.ts';
import { writeDeckFonts, type DeckFontFiles } from '../fonts/subset.ts';
import { earlyFontsScript } from './early-fonts-script.ts';
import type { InlineScriptSource } from './csp-plugin.ts';

export interface FontsPluginOptions {
  /**
   * Where font subsets are kept between builds (made without a browser, so not committed), in `fonts/`.
   *
   * @default CACHE_DIR (`node_modules/.cache/deck`)
   */
  cacheDir?: string;
  /**
   * The page carries its fonts inside (the single file): there is nothing to fetch first, so each
   * face is cut once, to the whole deck's characters, in the stylesheet, and none is added later.
   *
   * @default false
   */
  singleFile?: boolean;
}

/** The deck's theme, which sets the weights of its text. */
const THEME_STYLESHEET = 'src/client/theme.css';
/** The first screen's fonts, cut down to what it shows; the module resolves to a generated file. */
export const DECK_FONTS_MODULE = 'virtual:deck-fonts.css';
/** Every face of the deck cut down to what the slides show, for the page to add once it is ready. */
export const EVERY_FONT_MODULE = 'virtual:deck-every-font';
/**
 * The deck's script, which Vite puts in the head before its stylesheet. The early-fonts script goes
 * just before it: after the viewport (a phone's width is known only from there) and the referrer
 * policy, and before the stylesheet (an inline script after it would wait for it to load).
 */
const ENTRY_SCRIPT = /<script type="module"/;

/**
 * The name the bundle gave the file built from `source` (an absolute path; the bundle names sources
 * from `root`); undefined if it has none (inlined into a single file).
 */
function emittedName(bundle: Rolldown.OutputBundle, root: string, source: string): string | undefined {
  const built = Object.values(bundle).find(
    (file) => file.type === 'asset' && file.originalFileNames.some((name) => resolve(root, name) === source),
  );
  return built?.fileName;
}

/**
 * Serves `virtual:deck-fonts.css` (the first screen's fonts) and `virtual:deck-every-font` (the rest):
 * the deck's fonts cut down to what the slides show. A build whose fonts are files also puts the
 * early-fonts script first in the page's head: where the first screen waits for every face (a deep
 * link, a phone, a follower, the print view), their files are fetched from the start.
 */
export function fontsPlugin(options: FontsPluginOptions = {}): Plugin {
  let api: DeckPluginApi;
  let root = process.cwd();
  let base = './';
  let earlyScript: string | undefined;
  const inlineScripts: InlineScriptSource = { inlineScripts: () => (earlyScript ? [earlyScript] : []) };
  /** The files for the deck as it is now: one write serves both modules, until the slides change. */
  let written: Promise<DeckFontFiles> | undefined;
  let files: DeckFontFiles | undefined;
  const write = async (): Promise<DeckFontFiles> => {
    // A real file, so Vite resolves its url()s and emits the font files like any other asset.
    const deck = await api.deckIfValid();
    const dir = resolve(root, options.cacheDir ?? CACHE_DIR, 'fonts');
    // While the deck has an error, the page (which shows it) gets Inter alone.
    const faces = deck?.fontFaces ?? (await readOwnFontFaces(root));
    // The theme says which text is bold: the first screen's bold faces get only that text's characters.
    const theme = await readFile(resolve(root, THEME_STYLESHEET), 'utf8');
    const everyCharacter = fontCharacters(deck?.html ?? '');
    files = await writeDeckFonts(
      faces,
      options.singleFile
        ? { firstScreen: { regular: everyCharacter, bold: everyCharacter }, deck: '' }
        : { firstScreen: firstScreenCharacters(deck?.firstSectionHtml ?? '', theme), deck: everyCharacter },
      dir,
    );
    return files;
  };
  return {
    name: 'deck-fonts',
    api: inlineScripts,
    configResolved(config) {
      root = config.root;
      base = config.base;
      api = deckApi(config.plugins);
      // The files are named by their content: their importers must resolve them again.
      api.onSlidesChange((server) => {
        written = undefined;
        for (const file of [files?.stylesheet, files?.everyFont]) {
          const module = server.moduleGraph.getModuleById(file ?? '');
          for (const stale of [module, ...(module?.importers ?? [])]) {
            if (stale) server.moduleGraph.invalidateModule(stale);
          }
        }
      });
    },
    buildStart() {
      written = undefined;
      earlyScript = undefined;
    },
    // Once the page and the font files have their names; before the CSP plugin, which allows the script.
    generateBundle: {
      order: 'post',
      async handler(_, bundle: Rolldown.OutputBundle) {
        const page = bundle['index.html'];
        const deck = await api.deckIfValid();
        const fonts = await written;
        if (page?.type !== 'asset' || !deck || !fonts) return;
        const faces = fonts.everyFace.map(({ file, ...face }) => ({ ...face, name: emittedName(bundle, root, file) }));
        // A single file carries its fonts inside: there is nothing to fetch early.
        if (faces.length === 0 || faces.some(({ name }) => name === undefined)) return;
        earlyScript = await earlyFontsScript(root, {
          firstSlideId: deck.slides[0]!.id,
          faces: faces.map(({ name, ...face }) => ({ ...face, url: `${base}${name!}` })),
        });
        const html = String(page.source);
        if (!ENTRY_SCRIPT.test(html))
          throw new Error('fonts: the built index.html has no module script to put the early fonts before');
        page.source = html.replace(ENTRY_SCRIPT, (entry) => `<script>${earlyScript}</script>\n    ${entry}`);
      },
    },
    async resolveId(id) {
      if (id !== DECK_FONTS_MODULE && id !== EVERY_FONT_MODULE) return undefined;
      written ??= write();
      const { stylesheet, everyFont } = await written;
      return id === DECK_FONTS_MODULE ? stylesheet : everyFont;
    },
  };
}
