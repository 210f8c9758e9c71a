import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDeck, readDeckSource, type ParsedDeck } from '../src/build/deck.ts';
import type { DeckViteOptions } from '../src/build/vite-config.ts';
import { buildSite } from '../src/export/site.ts';
import { serveStatic, type StaticServer } from '../src/export/serve.ts';

export interface FixtureDeck {
  deck: ParsedDeck;
  server: StaticServer;
  dir: string;
  close: () => Promise<void>;
}

/**
 * Builds and serves a copy of the real deck with one slide file changed, for tests that need a
 * deck the real one must never be (too long, with fragments, …).
 */
export async function fixtureDeck(
  file: string,
  edit: (source: string) => string,
  options: Pick<DeckViteOptions, 'pdfFile'> = {},
): Promise<FixtureDeck> {
  const dir = await mkdtemp(join(tmpdir(), 'deck-fixture-'));
  const slidesDir = join(dir, 'slides');
  await cp('slides', slidesDir, { recursive: true });
  const path = join(slidesDir, file);
  await writeFile(path, edit(await readFile(path, 'utf8')));
  await buildSite({ ...options, slidesDir, outDir: join(dir, 'dist') });
  const server = await serveStatic({ dir: join(dir, 'dist') });
  return {
    deck: parseDeck(await readDeckSource(process.cwd(), slidesDir)),
    server,
    dir,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
