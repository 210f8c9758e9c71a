import { createHash } from 'node:crypto';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { writeFileAtomic } from './atomic-write.ts';
import { launchBrowser } from './browser.ts';
import { SOCIAL_IMAGE } from './head-plugin.ts';
import { READY_ATTRIBUTE } from '../readiness.ts';
import { serveStatic } from '../export/serve.ts';

export interface SocialImagePluginOptions {
  /** Where rendered images are kept between builds. */
  cacheDir: string;
}

const FIRST_SECTION = /<section[\s\S]*?<\/section>/;
/** reveal.js reads config overrides from the query string: the image shows the slide alone. */
const BARE_SLIDE_QUERY = '?controls=false&progress=false&slideNumber=false';

/**
 * Renders the title slide to `social.png` (1200×630) after the build, through the built site
 * itself. The image is cached by a hash of what it shows (the title slide's HTML, the styles, fonts
 * and scripts), so a rebuild that changes none of them launches no browser.
 */
export function socialImagePlugin(options: SocialImagePluginOptions): Plugin {
  let outDir = 'dist';
  let key = '';
  return {
    name: 'deck-social-image',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    generateBundle(_, bundle) {
      const hash = createHash('sha256').update(JSON.stringify(SOCIAL_IMAGE));
      for (const file of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        if (file.fileName === 'index.html' && file.type === 'asset') {
          hash.update(FIRST_SECTION.exec(String(file.source))?.[0] ?? '');
        } else if (file.type === 'chunk') {
          hash.update(file.code);
        } else {
          hash.update(file.source);
        }
      }
      key = hash.digest('hex').slice(0, 16);
    },
    async closeBundle() {
      const cached = join(options.cacheDir, `${key}.png`);
      const target = join(outDir, SOCIAL_IMAGE.file);
      if (!(await stat(cached).catch(() => undefined))) {
        await mkdir(options.cacheDir, { recursive: true });
        const started = performance.now();
        await renderTitleSlide(outDir, cached);
        console.info(
          `deck: social preview rendered to ${SOCIAL_IMAGE.file} in ${Math.round(performance.now() - started)} ms`,
        );
      }
      await copyFile(cached, target);
    },
  };
}

async function renderTitleSlide(site: string, file: string): Promise<void> {
  const server = await serveStatic({ dir: site });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: SOCIAL_IMAGE.width, height: SOCIAL_IMAGE.height } });
    await page.goto(`${server.url}${BARE_SLIDE_QUERY}#/0`);
    await page.locator(`html[${READY_ATTRIBUTE}]`).waitFor({ state: 'attached' });
    await writeFileAtomic(file, await page.screenshot());
  } finally {
    await browser.close();
    await server.close();
  }
}
