import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';
import { BrowserSession } from '../browser.ts';
import { parseDeck, readDeckSource, renderDeck, type RenderedDeck } from '../deck/pipeline.ts';
import { imagesSummary } from '../deck/images.ts';
import { DEFAULT_SLIDE_SIZE } from '../deck/schema.ts';
import { liveConfig, liveWarnings } from '../deck/live-config.ts';
import type { LiveConfig } from '../../shared/live-config.ts';
import type { Downloads } from '../deck/sections.ts';
import { CACHE_DIR, SLIDES_DIR } from '../paths.ts';
import type { RenderStore } from '../render-store.ts';
import { paletteCss } from '../../shared/palette.ts';
import { typeScaleCss } from '../../shared/type-scale.ts';
import { DevErrorReporter, errorSlide } from './dev-error.ts';
import { deckUrl } from '../deck/deck-url.ts';

export interface DeckPluginOptions {
  /**
   * Folder of the slide files and `deck.yml`, relative to the Vite root.
   *
   * @default 'slides' (or `$DECK_SLIDES`)
   */
  slidesDir?: string;
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
  /**
   * Where shrunk images are kept between builds (made without a browser, so not committed), in `images/`.
   *
   * @default CACHE_DIR (`node_modules/.cache/deck`)
   */
  cacheDir?: string;
  /** Per-diagram render time limit in ms (see `RenderOptions.timeoutMs`). */
  diagramTimeoutMs?: number;
  /** The PDFs that will sit beside `index.html`; the last slide links to them. */
  downloads?: Downloads;
  /**
   * Bundle the speaker view with the deck instead of loading it on first use (a single file has
   * nothing to load it from).
   *
   * @default false
   */
  bundleSpeakerView?: boolean;
  /**
   * The environment the build takes its per-venue settings from (`DECK_URL`, `DECK_LIVE_BROKER`);
   * an export that rebuilds passes those of the last build.
   *
   * @default process.env
   */
  env?: Record<string, string | undefined>;
  /** Called with each deck the plugin renders (the benchmark counts re-rendered diagrams). */
  onDeck?: (deck: RenderedDeck) => void;
}

/**
 * How long a read of the deck may run before the dev server says what it is doing (drawing a
 * diagram takes seconds, during which the tab still shows the last error).
 */
const SLOW_READ_MS = 1000;

/** How long the dev server waits after a change in `slides/` for more before it reads the deck. */
const SETTLE_MS = 50;

/** Placeholder in `index.html` that the slides replace. */
export const SLIDES_PLACEHOLDER = '<!-- deck:slides -->';

/** The rendered deck, with what this build's environment adds to it. */
export interface BuiltDeck extends RenderedDeck {
  /** Live presenting (deck.yml's `live`, or `$DECK_LIVE_BROKER`); undefined without a broker. */
  live: LiveConfig | undefined;
  /** Where the deck is hosted (deck.yml's `url`, or `$DECK_URL`); undefined when neither says. */
  url: string | undefined;
}

/** What the deck plugin offers the other plugins (through `plugin.api`). */
export interface DeckPluginApi {
  /** The rendered deck of this build or dev session. */
  deck: () => Promise<BuiltDeck>;
  /** The rendered deck, or undefined while it has an error (the dev server goes on serving). */
  deckIfValid: () => Promise<BuiltDeck | undefined>;
  /** In the dev server: called when a slide changes, before the page reloads. */
  onSlidesChange: (listener: (server: ViteDevServer) => void) => void;
}

/** Finds the deck plugin's API among a resolved config's plugins. */
export function deckApi(plugins: readonly Plugin[]): DeckPluginApi {
  const api = plugins.find((plugin) => plugin.name === 'deck')?.api as DeckPluginApi | undefined;
  if (!api) throw new Error('the deck plugin must be in the Vite config before the plugins that use it');
  return api;
}

/** A module the deck makes (`import settings from 'virtual:deck-settings'`) from the rendered deck. */
interface VirtualModule {
  id: string;
  /** Its code; `deck` is undefined while the deck has an error, and the page still starts. */
  load: (deck: BuiltDeck | undefined) => string;
  /** Made from the slides: loaded again when they change. */
  fromSlides: boolean;
}

const RESOLVED = (id: string): string => `\0${id}`;
/** What `virtual:deck-live` is with a broker: L and follow links, which fetch the live chunk when used. */
const LIVE_ON_ENTRY = fileURLToPath(new URL('../../client/live/live-on.ts', import.meta.url));
/** What `virtual:deck-live` is without a broker: L says live is off (and no longer moves a slide). */
const LIVE_OFF_ENTRY = fileURLToPath(new URL('../../client/live/live-off.ts', import.meta.url));

/** Compiles `slides/` into reveal.js sections in `index.html`, and the modules made from them. */
export function deckPlugin(options: DeckPluginOptions): Plugin {
  const slidesDir = options.slidesDir ?? SLIDES_DIR;
  const browser = options.browser ?? new BrowserSession();
  const { renders } = options;
  const listeners: ((server: ViteDevServer) => void)[] = [];
  let root = process.cwd();
  let isBuild = false;
  let failed = false;
  // An error in an output hook (the CSP's page check in generateBundle) reaches neither buildEnd
  // nor renderError in Vite 8, but the bundle is then never written.
  let written = false;
  let errors: DevErrorReporter | undefined;
  // The build prints on the console; the dev server through its logger, beside its own lines.
  let terminal: Pick<Console, 'info' | 'warn'> = console;
  let deck: Promise<BuiltDeck> | undefined;
  // Counts the edits of slides/: a read overtaken by a newer edit says nothing, neither its lines
  // nor its error, so the terminal tells the story of the slides as they are now.
  let edits = 0;

  /** Reads, renders and reports the deck for the edit `edit`. */
  const readDeck = async (edit: number): Promise<BuiltDeck> => {
    const started = performance.now();
    const env = options.env ?? process.env;
    const parsed = parseDeck(await readDeckSource(root, slidesDir));
    const url = deckUrl(parsed.settings, env);
    // The dev server says what a long read is doing, once it is long; the build prints its own lines.
    let slow: ReturnType<typeof setTimeout> | undefined;
    const onProgress = (what: string): void => {
      if (isBuild || edit !== edits) return;
      clearTimeout(slow);
      slow = setTimeout(() => edit === edits && terminal.info(`deck: ${what}…`), SLOW_READ_MS);
    };
    const rendered = await renderDeck(
      parsed,
      {
        store: renders,
        browser,
        onProgress,
        ...(options.diagramTimeoutMs ? { timeoutMs: options.diagramTimeoutMs } : {}),
      },
      {
        root,
        downloads: options.downloads,
        deckUrl: url,
        cacheDir: resolve(root, options.cacheDir ?? CACHE_DIR),
      },
    ).finally(() => clearTimeout(slow));
    const live = liveConfig(rendered.settings, env);
    if (edit !== edits) return { ...rendered, live, url };
    const { diagramCount, drawingCount, drawingsRendered } = rendered;
    terminal.info(
      `deck: ${rendered.slides.length} slides from ${slidesDir}/, ${diagramCount} diagram(s) in ${drawingCount} drawing(s) (${drawingsRendered} rendered, ${drawingCount - drawingsRendered} from cache) in ${Math.round(performance.now() - started)} ms`,
    );
    const images = imagesSummary(rendered.images);
    if (images) terminal.info(`deck: ${images}`);
    for (const warning of [...rendered.warnings, ...liveWarnings(live, url)]) {
      terminal.warn(`deck: ${warning}`);
    }
    options.onDeck?.(rendered);
    errors?.clear();
    return { ...rendered, live, url };
  };
  const loadDeck = (): Promise<BuiltDeck> => (deck ??= readDeck(edits));
  const deckIfValid = (): Promise<BuiltDeck | undefined> => loadDeck().catch(() => undefined);

  const modules: VirtualModule[] = [
    {
      // The palette's and type scale's custom properties, and the diagrams' shared styles.
      id: 'virtual:deck.css',
      load: (rendered) => paletteCss() + typeScaleCss() + (rendered?.diagramCss ?? ''),
      fromSlides: true,
    },
    {
      // What the browser needs of deck.yml: the slide size and the talk's length.
      id: 'virtual:deck-settings',
      load: (rendered) => {
        const { width, height } = rendered?.settings ?? DEFAULT_SLIDE_SIZE;
        const minutes = rendered?.settings.minutes;
        return `export default ${JSON.stringify({ width, height, ...(minutes ? { totalTime: minutes * 60 } : {}) })};`;
      },
      fromSlides: true,
    },
    {
      // Live presenting: its chunk is fetched when live is used; none is built without a broker.
      id: 'virtual:deck-live',
      load: (rendered) => {
        const live = rendered?.live;
        return live
          ? `import liveOn from ${JSON.stringify(LIVE_ON_ENTRY)};\nexport default (deck, links, speakerView) => liveOn(deck, links, speakerView, ${JSON.stringify(live)});`
          : `export { default } from ${JSON.stringify(LIVE_OFF_ENTRY)};`;
      },
      fromSlides: true,
    },
    {
      // reveal's notes plugin: lazily as its own chunk, or bundled.
      id: 'virtual:deck-speaker-view',
      load: () =>
        options.bundleSpeakerView
          ? "import Notes from 'reveal.js/plugin/notes';\nexport default () => Promise.resolve(Notes);"
          : "export default () => import('reveal.js/plugin/notes').then((module) => module.default);",
      fromSlides: false,
    },
  ];

  const watchSlides = (devServer: ViteDevServer): void => {
    const dir = resolve(root, slidesDir);
    devServer.watcher.add(dir);
    const onChange = (path: string): void => {
      // A render the build itself stored there is no edit of the slides.
      if (!path.startsWith(dir) || path.startsWith(renders.dir)) return;
      const edit = ++edits;
      for (const { id } of modules.filter((module) => module.fromSlides)) {
        const module = devServer.moduleGraph.getModuleById(RESOLVED(id));
        if (module) devServer.moduleGraph.invalidateModule(module);
      }
      for (const listener of listeners) listener(devServer);
      // Read at once, tab open or not, so the terminal says whether the edit broke the deck; but
      // only once the burst of events has settled: an editor's save can arrive as a truncation and
      // a write with one timestamp, the second event dropped, and "save all" or a checkout as many.
      // Pages asking meanwhile wait for that read; a read overtaken by a newer edit hands over to it.
      const reading = (deck = delay(SETTLE_MS).then(() => (edit === edits ? readDeck(edit) : loadDeck())));
      void reading
        .catch((error: unknown) => edit === edits && errors?.report(error))
        .finally(() => edit === edits && devServer.ws.send({ type: 'full-reload', path: '*' }));
    };
    devServer.watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
  };

  return {
    name: 'deck',
    api: {
      deck: loadDeck,
      deckIfValid,
      onSlidesChange: (listener) => listeners.push(listener),
    } satisfies DeckPluginApi,
    configResolved(config) {
      root = config.root;
      isBuild = config.command === 'build';
    },
    buildEnd(error) {
      failed ||= Boolean(error);
    },
    renderError() {
      failed = true;
    },
    writeBundle() {
      written = true;
    },
    async closeBundle() {
      await browser.close();
      // A failed build has not read every render it needs: pruning then would delete committed renders.
      if (isBuild && options.pruneRenders && written && !failed) await renders.prune();
    },
    resolveId(id) {
      return modules.some((module) => module.id === id) ? RESOLVED(id) : undefined;
    },
    async load(id) {
      const module = modules.find((candidate) => RESOLVED(candidate.id) === id);
      return module?.load(module.fromSlides ? await deckIfValid() : undefined);
    },
    configureServer(devServer) {
      errors = new DevErrorReporter(devServer);
      const { logger } = devServer.config;
      terminal = {
        info: (line: string) => logger.info(line, { timestamp: true }),
        warn: (line: string) => logger.warn(line, { timestamp: true }),
      };
      watchSlides(devServer);
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(SLIDES_PLACEHOLDER)) {
          throw new Error(`index.html: the placeholder ${SLIDES_PLACEHOLDER} is missing; the slides go there`);
        }
        const reading = loadDeck();
        try {
          return html.replace(SLIDES_PLACEHOLDER, (await reading).html);
        } catch (error) {
          if (!errors) throw error;
          // In the dev server the error is shown, and serving goes on so that the fix reloads the
          // page on the slide it showed; the next page load reads the deck again (unless an edit
          // has started a newer read meanwhile).
          if (deck === reading) deck = undefined;
          return html.replace(SLIDES_PLACEHOLDER, errorSlide(errors.report(error)));
        }
      },
    },
  };
}
