import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseDeck, readDeckSource, type ParsedDeck } from '../../src/node/deck/pipeline.ts';
import { ASSETS_DIR, CACHE_DIR, RENDERED_DIR, SLIDES_DIR } from '../../src/node/paths.ts';
import type { DeckSlide } from '../../src/node/deck/slides.ts';
import type { DeckViteOptions } from '../../src/node/vite/vite-config.ts';
import { buildSite } from '../../src/node/export/site.ts';
import { serveStatic, type StaticServer } from '../../src/node/serve.ts';

export interface DeckCopy {
  /** The copy as the build parses it. */
  deck: ParsedDeck;
  /** Serves the copy's built site. */
  server: StaticServer;
  /** The copy's slides (and `assets/` beside them). */
  slidesDir: string;
  /** The copy's built site. */
  outDir: string;
  /** Stops the server and removes the copy. */
  close: () => Promise<void>;
}

/** A change to one slide's file. */
export interface SlideEdit {
  slide: DeckSlide;
  change: (source: string) => string;
}

/** A change to any file of `slides/`, named from the project root (`slides/deck.yml`). */
export interface FileEdit {
  file: string;
  change: (source: string) => string;
}

/**
 * Builds and serves a copy of the deck under test, with one slide file changed if `edit` says so,
 * for tests that need a deck the real one must never be (too long, with fragments, …).
 */
export interface DeckCopyOptions extends Pick<DeckViteOptions, 'downloads' | 'browser'> {
  /** Files to add to the copy's `assets/`, by name. */
  assets?: Record<string, Uint8Array>;
  /** Slide files to add to the copy's slides, by name (`075-photo.md`). */
  slides?: Record<string, string>;
  /**
   * Leave the committed renders out, so the build draws every diagram and the social image anew
   * (as it does for a user's changed deck), leaning on nothing stored.
   *
   * @default false
   */
  freshRenders?: boolean;
}

export async function deckCopy(
  edit?: SlideEdit | readonly FileEdit[],
  { assets = {}, slides = {}, freshRenders = false, ...options }: DeckCopyOptions = {},
): Promise<DeckCopy> {
  // Inside the project, as a user's deck is (Vite serves and bundles files from there); in the
  // cache folder, which no watcher and no commit sees.
  const copies = join(CACHE_DIR, 'copies');
  await mkdir(copies, { recursive: true });
  const dir = await mkdtemp(join(copies, 'deck-copy-'));
  const slidesDir = join(dir, 'slides');
  const outDir = join(dir, 'site');
  await cp(SLIDES_DIR, slidesDir, { recursive: true });
  if (freshRenders) await rm(join(slidesDir, RENDERED_DIR), { recursive: true, force: true });
  for (const [name, text] of Object.entries(slides)) await writeFile(join(slidesDir, name), text);
  // Beside the slides, as in the project: slides refer to their images as ../assets/….
  await cp(ASSETS_DIR, join(dir, ASSETS_DIR), { recursive: true });
  for (const [name, data] of Object.entries(assets)) await writeFile(join(dir, ASSETS_DIR, name), data);
  const edits = edit === undefined ? [] : 'slide' in edit ? [{ file: edit.slide.file, change: edit.change }] : edit;
  for (const { file, change } of edits) {
    const path = join(slidesDir, basename(file));
    await writeFile(path, change(await readFile(path, 'utf8')));
  }
  // A copy that does not build is removed before the error reaches the test.
  await buildSite({ ...options, slidesDir, outDir }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const server = await serveStatic({ dir: outDir });
  return {
    deck: parseDeck(await readDeckSource(process.cwd(), slidesDir)),
    server,
    slidesDir,
    outDir,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
