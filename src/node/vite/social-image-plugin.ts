import type { Plugin } from 'vite';
import { waitForDeckReady, type BrowserSession } from '../browser.ts';
import { contentKey } from '../cache.ts';
import type { RenderStore } from '../render-store.ts';
import { SOCIAL_IMAGE } from './head-plugin.ts';
import { serveStatic } from '../serve.ts';

export interface SocialImagePluginOptions {
  /** Where rendered images are kept between builds (shared with the diagrams). */
  store: RenderStore;
  /** The build's shared browser (launched only if the image must be rendered). */
  browser: BrowserSession;
}

const FIRST_SECTION = /<section[\s\S]*?<\/section>/;
/** reveal.js reads config overrides from the query string: the image shows the slide alone. */
const BARE_SLIDE_QUERY = '?controls=false&progress=false&slideNumber=false';

/**
 * Renders the title slide to `social.png` (1200×630) from the finished bundle, served from memory,
 * and emits it beside `index.html`. The image is cached by a hash of what it shows (the title
 * slide's HTML, the styles, fonts and scripts), so a rebuild that changes none of them launches no
 * browser.
 */
export function socialImagePlugin(options: SocialImagePluginOptions): Plugin {
  return {
    name: 'deck-social-image',
    apply: 'build',
    // After Vite has written index.html into the bundle and filled in its dynamic imports' preload lists.
    enforce: 'post',
    generateBundle: {
      order: 'post',
      async handler(_, bundle) {
        if (!bundle['index.html']) throw new Error('social image: index.html is not in the bundle yet');
        const files = new Map<string, string | Uint8Array>();
        const inputs: (string | Uint8Array)[] = [JSON.stringify(SOCIAL_IMAGE)];
        for (const file of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
          const content = file.type === 'chunk' ? file.code : file.source;
          files.set(file.fileName, content);
          inputs.push(file.fileName === 'index.html' ? (FIRST_SECTION.exec(String(content))?.[0] ?? '') : content);
        }
        const name = `${contentKey(...inputs)}.png`;
        let image: Uint8Array | undefined = await options.store.read(name);
        if (!image) {
          image = await renderTitleSlide(files, options.browser);
          await options.store.write(name, image, 'the social preview image');
        }
        this.emitFile({ type: 'asset', fileName: SOCIAL_IMAGE.file, source: image });
      },
    },
  };
}

async function renderTitleSlide(
  files: ReadonlyMap<string, string | Uint8Array>,
  session: BrowserSession,
): Promise<Buffer> {
  const server = await serveStatic({ files });
  const browser = await session.get();
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
