import { readFile } from 'node:fs/promises';
import type { Plugin, Rollup } from 'vite';
import { waitForDeckReady, type BrowserSession } from '../browser.ts';
import { contentKey } from '../cache.ts';
import type { RenderStore } from '../render-store.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';
import { SOCIAL_IMAGE } from './head-plugin.ts';
import { serveStatic } from '../serve.ts';

export interface SocialImagePluginOptions {
  /** Where rendered images are kept between builds (shared with the diagrams). */
  store: RenderStore;
  /** The build's shared browser (launched only if the image must be rendered). */
  browser: BrowserSession;
}

const FIRST_SECTION = /<section[\s\S]*?<\/section>/;
/** Parts of the section that do not show: its speaker notes, and the file it was written in. */
const UNSEEN = /<aside class="notes">[\s\S]*?<\/aside>| data-file="[^"]*"/g;
const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*href="\.\/([^"]+)"/g;
/** `@font-face` rules name files cut to the whole deck's characters: the faces are keyed by their sources instead. */
const FONT_FACE_RULE = /@font-face\s*\{[^}]*\}/g;
/**
 * Modules whose code is not about how the title slide looks: stylesheets (keyed as emitted), live
 * presenting with everything only it imports (it differs per broker, or without one), and the list
 * of every slide's fonts with their URLs (they change with any slide's characters; the fonts are
 * keyed by their sources).
 */
const NOT_LAYOUT_CODE = /\.css$|virtual:deck-live|\.woff2\?url$|\/every-font-\w+\.js$/;
/** reveal.js reads config overrides from the query string: the image shows the slide alone. */
const BARE_SLIDE_QUERY = '?controls=false&progress=false&slideNumber=false';

/** What the title slide's picture depends on, and nothing else (a later slide, the live broker). */
export interface TitleSlideLook {
  /** The title slide's `<section>`. */
  html: string;
  /** The stylesheets the page links, without their `@font-face` rules. */
  css: string[];
  /** The deck's font files (whole, as installed), in order. */
  fonts: Uint8Array[];
  /** The code that lays the slide out (reveal.js, the deck's start-up), module by module. */
  code: string[];
}

/** The name of the stored social image: a hash of its size and of what the title slide looks like. */
export function socialImageName({ html, css, fonts, code }: TitleSlideLook): string {
  return `${contentKey(JSON.stringify(SOCIAL_IMAGE), html, ...css, ...fonts, ...code)}.png`;
}

/**
 * Renders the title slide to `social.png` (1200×630) from the finished bundle, served from memory,
 * and emits it beside `index.html`. The image is stored under a key of what the title slide looks
 * like, so a build that changes another slide, or the live broker, reuses it without a browser.
 */
export function socialImagePlugin(options: SocialImagePluginOptions): Plugin {
  let api: DeckPluginApi;
  return {
    name: 'deck-social-image',
    apply: 'build',
    // After Vite has written index.html into the bundle and filled in its dynamic imports' preload lists.
    enforce: 'post',
    configResolved(config) {
      api = deckApi(config.plugins);
    },
    generateBundle: {
      order: 'post',
      async handler(_, bundle) {
        const look = await titleSlideLook(bundle, {
          fonts: (await api.deck()).fontFaces.map(({ file }) => file),
          module: (id) => this.getModuleInfo(id),
        });
        const name = socialImageName(look);
        let image: Uint8Array | undefined = await options.store.read(name);
        if (!image) {
          image = await renderTitleSlide(bundle, options.browser);
          await options.store.write(name, image, 'the social preview image');
        }
        this.emitFile({ type: 'asset', fileName: SOCIAL_IMAGE.file, source: image });
      },
    },
  };
}

async function titleSlideLook(
  bundle: Rollup.OutputBundle,
  { fonts, module }: { fonts: string[]; module: (id: string) => Rollup.ModuleInfo | null },
): Promise<TitleSlideLook> {
  const index = bundle['index.html'];
  if (index?.type !== 'asset') throw new Error('social image: index.html is not in the bundle yet');
  const page = String(index.source);
  const css = [...page.matchAll(STYLESHEET_LINK)].map(([, file]) => {
    const sheet = bundle[file!];
    return sheet?.type === 'asset' ? String(sheet.source).replace(FONT_FACE_RULE, '') : '';
  });
  const entry = Object.values(bundle).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry);
  if (!entry) throw new Error('social image: the bundle has no entry script');
  return {
    html: (FIRST_SECTION.exec(page)?.[0] ?? '').replace(UNSEEN, ''),
    css,
    fonts: await Promise.all([...new Set(fonts)].map((file) => readFile(file))),
    code: layoutModules(entry.facadeModuleId ?? '', module).map((id) => module(id)?.code ?? ''),
  };
}

/**
 * The modules the entry imports, directly or not, other than through `NOT_LAYOUT_CODE`, in id order
 * (the bundler's order shifts with chunks that do not show).
 */
function layoutModules(entry: string, module: (id: string) => Rollup.ModuleInfo | null): string[] {
  const reached = new Set<string>();
  const queue = [entry];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (reached.has(id) || NOT_LAYOUT_CODE.test(id)) continue;
    reached.add(id);
    queue.push(...(module(id)?.importedIds ?? []));
  }
  return [...reached].sort();
}

async function renderTitleSlide(bundle: Rollup.OutputBundle, session: BrowserSession): Promise<Buffer> {
  const files = new Map(
    Object.values(bundle).map((file) => [file.fileName, file.type === 'chunk' ? file.code : file.source] as const),
  );
  const browser = await session.get();
  const server = await serveStatic({ files });
  const page = await browser.newPage({ viewport: { width: SOCIAL_IMAGE.width, height: SOCIAL_IMAGE.height } });
  try {
    await page.goto(`${server.url}${BARE_SLIDE_QUERY}#/0`);
    await waitForDeckReady(page);
    return await page.screenshot();
  } finally {
    await page.close();
    await server.close();
  }
}
