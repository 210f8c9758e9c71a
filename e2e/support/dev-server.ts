import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createServer, type Logger, type ViteDevServer } from 'vite';
import { deckViteConfig } from '../../src/node/vite/vite-config.ts';

/** The deck's dev server, started in the test's worker as `npm start` starts it in its own process. */
export interface DevServer {
  server: ViteDevServer;
  /** Where it serves the deck (`http://127.0.0.1:<port>/`). */
  url: string;
  /** Stops it, and gives the worker back the `NODE_ENV` it had. */
  close: () => Promise<void>;
}

/**
 * Starts a dev server of the slides in `slidesDir`. A worker is one process for many specs: a deck
 * copy built earlier in it leaves `NODE_ENV=production`, which Vite's dev server keeps (its pages
 * then ran as a build, without the overflow watcher), and a dev server leaves `development` for
 * the builds after it; so it runs in `development` and restores what it found. Its optimised
 * dependencies go to a folder of its own: two dev servers optimising into one `node_modules/.vite`
 * (a fresh clone) could replace modules under each other's pages.
 */
export async function startDevServer(slidesDir: string, customLogger?: Logger): Promise<DevServer> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  const cacheDir = await mkdtemp(join(tmpdir(), 'deck-dev-vite-'));
  const server = await createServer({
    ...deckViteConfig({ slidesDir }),
    configFile: false,
    ...(customLogger ? { customLogger } : { logLevel: 'silent' }),
    server: { port: 0, host: '127.0.0.1' },
    cacheDir,
  });
  await server.listen();
  return {
    server,
    url: server.resolvedUrls?.local[0] ?? '',
    close: async () => {
      await server.close();
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
