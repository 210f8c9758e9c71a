import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Plugin, ViteDevServer } from 'vite';
import { BrowserSession } from '../browser.ts';
import { parseDeck, readDeckSource, renderDeck, type RenderedDeck } from '../deck/deck.ts';
import { DeckError } from '../errors.ts';
import { SLIDES_DIR } from '../paths.ts';
import type { RenderStore } from '../render-store.ts';
import { fontCharacters, writeDeckFonts } from './fonts.ts';
import { escapeHtml } from '../html.ts';
import { DEFAULT_SLIDE_SIZE } from '../deck/schema.ts';
import { OVERFLOW_EVENT } from '../../shared/overflow.ts';
import { paletteCss } from '../../shared/palette.ts';

export interface DeckPluginOptions {
  /**
   * Folder of the slide files and `deck.yml`, relative to the Vite root.
   *
   * @default 'slides' (or `$DECK_SLIDES`)
   */
  slidesDir?: string;
  /**
   * Where font subsets are kept between builds (made without a browser, so not committed).
   *
   * @default 'node_modules/.cache/deck'
   */
  cacheDir?: string;
  /** The store of renders that need a browser (diagrams, the social image), shared with the social image plugin. */
  renders: RenderStore;
  /**
   * After a build, remove the stored renders it did not use. Only a build that renders everything
   * (diagrams and the social image) may prune.
   *
   * @default false
   */
  pruneRenders?: boolean;
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
export function deckPlugin(options: DeckPluginOptions): Plugin {
  const slidesDir = options.slidesDir ?? SLIDES_DIR;
  let root = process.cwd();
  let deck: Promise<RenderedDeck> | undefined;
  let server: ViteDevServer | undefined;
  let fontsCss: string | undefined;
  const browser = options.browser ?? new BrowserSession();
  const cacheDir = (name: string): string => resolve(root, options.cacheDir ?? DEFAULT_CACHE_DIR, name);
  const { renders } = options;
  let isBuild = false;

  const loadDeck = (): Promise<RenderedDeck> =>
    (deck ??= (async () => {
      const started = performance.now();
      const rendered = await renderDeck(
        parseDeck(await readDeckSource(root, slidesDir)),
        {
          store: renders,
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
      isBuild = config.command === 'build';
    },
    async closeBundle() {
      await browser.close();
      if (isBuild && options.pruneRenders) await renders.prune();
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
        const settings = (await loadDeck().catch(() => undefined))?.settings;
        const { width, height } = settings ?? DEFAULT_SLIDE_SIZE;
        const minutes = settings?.minutes;
        return `export default ${JSON.stringify({ width, height, ...(minutes ? { totalTime: minutes * 60 } : {}) })};`;
      }
      return undefined;
    },
    configureServer(devServer) {
      server = devServer;
      const dir = resolve(root, slidesDir);
      devServer.watcher.add(dir);
      const onChange = (path: string): void => {
        // A render the build itself stored there is no edit of the slides.
        if (!path.startsWith(dir) || path.startsWith(renders.dir)) return;
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
      // The page's overflow banner, on the terminal too; each change once, however many tabs report it.
      let lastOverflow = '';
      devServer.ws.on(OVERFLOW_EVENT, (data: { message?: unknown }) => {
        const message = typeof data.message === 'string' ? data.message : '';
        if (message === lastOverflow) return;
        if (message) devServer.config.logger.warn(`deck: ${message}`, { timestamp: true });
        else devServer.config.logger.info('deck: every slide shown so far fits', { timestamp: true });
        lastOverflow = message;
      });
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
          // In the dev server: the error on the terminal, in Vite's overlay of every open tab, and on
          // the page itself; serving goes on so that the fix reloads the page on the slide it showed.
          deck = undefined;
          const err = overlayError(error);
          server.config.logger.error(`deck: ${err.message}`, { timestamp: true });
          server.ws.send({ type: 'error', err });
          return html.replace(SLIDES_PLACEHOLDER, errorSlide(err));
        }
      },
    },
  };
}

interface OverlayError {
  message: string;
  stack: string;
  plugin: string;
  id?: string;
  loc?: { file: string; line: number; column: number };
}

/**
 * The error as a slide, and as Vite's overlay: a tab that reloads after the error was sent has
 * missed the server's message, so the page raises the overlay itself.
 */
function errorSlide(err: OverlayError): string {
  const payload = JSON.stringify(err).replaceAll('<', '\\u003c');
  return [
    `<section data-deck-error><h2>The deck has an error</h2><pre class="deck-error">${escapeHtml(err.message)}</pre></section>`,
    // Vite's client replaces its own overlay when the server's message does arrive: one overlay either way.
    `<script type="module">import { ErrorOverlay } from '/@vite/client'; if (!document.querySelector('vite-error-overlay')) document.body.append(new ErrorOverlay(${payload}));</script>`,
  ].join('\n');
}

function overlayError(error: unknown): OverlayError {
  // Plain text: terminal colour codes (a parser's message may carry them) mean nothing in a page.
  const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
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
