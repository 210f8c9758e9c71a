import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { BrowserSession } from './browser.ts';
import { parseDeck, readDeckSource, renderDeck, type RenderedDeck } from './deck.ts';
import { DeckError } from './errors.ts';
import { fontCharacters, writeDeckFonts } from './fonts.ts';
import { escapeHtml } from './markdown.ts';
import { DEFAULT_SLIDE_SIZE } from './schema.ts';
import { paletteCss } from '../shared/palette.ts';

export interface DeckPluginOptions {
  /**
   * Folder of the slide files and `deck.yml`, relative to the Vite root.
   *
   * @default 'slides'
   */
  slidesDir?: string;
  /**
   * Where rendered diagrams and font subsets are kept between builds.
   *
   * @default 'node_modules/.cache/deck'
   */
  cacheDir?: string;
  /**
   * The browser the build renders with, shared with the other plugins; closed when the bundle
   * closes (or the dev server stops).
   *
   * @default a new session, launched only when something must be rendered
   */
  browser?: BrowserSession;
  /** Per-diagram render time limit in ms (see `MermaidOptions.timeoutMs`). */
  diagramTimeoutMs?: number;
  /** The PDF that will sit beside `index.html` (e.g. `xensource-keynote-2006.pdf`); the last slide links to it. */
  pdfFile?: string;
  /**
   * Bundle the speaker view with the deck instead of loading it on first use (a single file has
   * nothing to load it from).
   *
   * @default false
   */
  bundleSpeakerView?: boolean;
  /** Called with each deck the plugin renders (the benchmark counts re-rendered diagrams). */
  onDeck?: (deck: RenderedDeck) => void;
}

export const DEFAULT_CACHE_DIR = 'node_modules/.cache/deck';

/** The favicon, inlined into the page as a data URL: one request fewer before the first slide. */
export const FAVICON_FILE = 'assets/favicon.svg';
const FAVICON_LINK = /<link rel="icon" href="[^"]*"/;

/** Placeholder in `index.html` that the slides replace. */
export const SLIDES_PLACEHOLDER = '<!-- deck:slides -->';
/** CSS made at build time: the palette's custom properties and the diagrams' shared styles. */
export const DECK_CSS_MODULE = 'virtual:deck.css';
/** Deck settings the browser needs (the slide size). */
export const DECK_SETTINGS_MODULE = 'virtual:deck-settings';
/** Loads reveal's notes plugin: lazily as its own chunk, or bundled (`bundleSpeakerView`). */
export const SPEAKER_VIEW_MODULE = 'virtual:deck-speaker-view';
/** The deck's fonts, subset to the characters the slides use; resolves to a generated file. */
export const DECK_FONTS_MODULE = 'virtual:deck-fonts.css';
const RESOLVED = (id: string): string => `\0${id}`;

/** What the deck plugin offers the other plugins (through `plugin.api`). */
export interface DeckPluginApi {
  /** The rendered deck of this build or dev session. */
  deck: () => Promise<RenderedDeck>;
}

/** Finds the deck plugin's API among a resolved config's plugins. */
export function deckApi(plugins: readonly Plugin[]): DeckPluginApi {
  const api = plugins.find((plugin) => plugin.name === 'deck')?.api as DeckPluginApi | undefined;
  if (!api) throw new Error('the deck plugin must be in the Vite config before the plugins that use it');
  return api;
}

/** Compiles `slides/` into reveal.js sections in `index.html`, in `vite build` and the dev server. */
export function deckPlugin(options: DeckPluginOptions = {}): Plugin {
  const slidesDir = options.slidesDir ?? 'slides';
  let root = process.cwd();
  let deck: Promise<RenderedDeck> | undefined;
  let server: ViteDevServer | undefined;
  let fontsCss: string | undefined;
  const browser = options.browser ?? new BrowserSession();
  const cacheDir = (name: string): string => resolve(root, options.cacheDir ?? DEFAULT_CACHE_DIR, name);

  const loadDeck = (): Promise<RenderedDeck> =>
    (deck ??= (async () => {
      const started = performance.now();
      const rendered = await renderDeck(
        parseDeck(await readDeckSource(root, slidesDir)),
        {
          cacheDir: cacheDir('diagrams'),
          browser,
          ...(options.diagramTimeoutMs ? { timeoutMs: options.diagramTimeoutMs } : {}),
        },
        options.pdfFile,
      );
      const { diagramCount, diagramsRendered } = rendered;
      console.info(
        `deck: ${rendered.slides.length} slides from ${slidesDir}/, ${diagramCount} diagram(s) (${diagramsRendered} rendered, ${diagramCount - diagramsRendered} from cache) in ${Math.round(performance.now() - started)} ms`,
      );
      options.onDeck?.(rendered);
      return rendered;
    })());

  return {
    name: 'deck',
    api: { deck: loadDeck } satisfies DeckPluginApi,
    configResolved(config) {
      root = config.root;
    },
    async closeBundle() {
      await browser.close();
    },
    async resolveId(id) {
      if (id === DECK_FONTS_MODULE) {
        // A real file, so Vite resolves its url()s and emits the font files like any other asset.
        const deck = await loadDeck().catch(() => undefined);
        fontsCss = await writeDeckFonts(fontCharacters(deck?.html ?? ''), cacheDir('fonts'));
        return fontsCss;
      }
      return [DECK_CSS_MODULE, DECK_SETTINGS_MODULE, SPEAKER_VIEW_MODULE].includes(id) ? RESOLVED(id) : undefined;
    },
    async load(id) {
      if (id === RESOLVED(DECK_CSS_MODULE)) {
        return paletteCss() + ((await loadDeck().catch(() => undefined))?.diagramCss ?? '');
      }
      if (id === RESOLVED(SPEAKER_VIEW_MODULE)) {
        return options.bundleSpeakerView
          ? "import Notes from 'reveal.js/plugin/notes';\nexport default () => Promise.resolve(Notes);"
          : "export default () => import('reveal.js/plugin/notes').then((module) => module.default);";
      }
      if (id === RESOLVED(DECK_SETTINGS_MODULE)) {
        // While the deck has an error (dev server), the page still starts, at the default size.
        const { width, height } = (await loadDeck().catch(() => undefined))?.settings ?? DEFAULT_SLIDE_SIZE;
        return `export default ${JSON.stringify({ width, height })};`;
      }
      return undefined;
    },
    configureServer(devServer) {
      server = devServer;
      const dir = resolve(root, slidesDir);
      devServer.watcher.add(dir);
      const onChange = (path: string): void => {
        if (!path.startsWith(dir)) return;
        deck = undefined;
        const fontsModule = devServer.moduleGraph.getModuleById(fontsCss ?? '');
        // The font stylesheet is named by its content: its importer must resolve it again.
        const stale = [RESOLVED(DECK_CSS_MODULE), RESOLVED(DECK_SETTINGS_MODULE)].map((id) =>
          devServer.moduleGraph.getModuleById(id),
        );
        for (const module of [...stale, fontsModule, ...(fontsModule?.importers ?? [])]) {
          if (module) devServer.moduleGraph.invalidateModule(module);
        }
        devServer.ws.send({ type: 'full-reload', path: '*' });
      };
      devServer.watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(SLIDES_PLACEHOLDER)) {
          throw new Error(`index.html: the placeholder ${SLIDES_PLACEHOLDER} is missing; the slides go there`);
        }
        try {
          const { html: sections, settings } = await loadDeck();
          const favicon = await readFile(resolve(root, FAVICON_FILE));
          return html
            .replace(FAVICON_LINK, `<link rel="icon" href="data:image/svg+xml;base64,${favicon.toString('base64')}"`)
            .replace(SLIDES_PLACEHOLDER, sections)
            .replace(/<html lang="[^"]*"/, `<html lang="${escapeHtml(settings.lang)}"`)
            .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(settings.title)}</title>`)
            .replace(/(<meta name="description" content=")[^"]*"/, `$1${escapeHtml(settings.description)}"`)
            .replace(
              '</head>',
              settings.author
                ? `  <meta name="author" content="${escapeHtml(settings.author)}" />\n  </head>`
                : '</head>',
            );
        } catch (error) {
          if (!server) throw error;
          // In the dev server, show the error in Vite's overlay and keep serving so a fix reloads.
          deck = undefined;
          server.ws.send({ type: 'error', err: overlayError(error) });
          return html.replace(
            SLIDES_PLACEHOLDER,
            `<section><h2>The deck has an error</h2><pre>${escapeHtml(String((error as Error).message))}</pre></section>`,
          );
        }
      },
    },
  };
}

function overlayError(error: unknown): {
  message: string;
  stack: string;
  plugin: string;
  id?: string;
  loc?: { file: string; line: number; column: number };
} {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DeckError) {
    return {
      message,
      stack: '',
      plugin: 'deck',
      id: error.file,
      loc: { file: error.file, line: error.line, column: 1 },
    };
  }
  return { message, stack: error instanceof Error ? (error.stack ?? '') : '', plugin: 'deck' };
}
