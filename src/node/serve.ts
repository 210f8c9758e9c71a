import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodePath, { extname, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isInside, type PathApi } from './paths.ts';

export interface StaticServerOptions {
  /** Folder to serve; or `files`. */
  dir?: string;
  /** Files to serve from memory, by path relative to the site (`assets/x.js`): a build not yet written. */
  files?: ReadonlyMap<string, string | Uint8Array>;
  /**
   * URL path the site lives under, as on a static host (`/deck/`).
   *
   * @default '/'
   */
  base?: string;
  /**
   * Port on 127.0.0.1; 0 picks a free one.
   *
   * @default 0
   */
  port?: number;
}

export interface StaticServer {
  /** The site's URL, ending in `/`. */
  url: string;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  // Every image format the README lets a slide show.
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

/** Reads one file of the site by its path relative to the site; undefined when there is none. */
type SiteReader = (path: string) => Promise<string | Uint8Array | undefined>;

/**
 * The file a request path (decoded, relative to the site) names in the folder `root`; undefined for
 * one that climbs out of it (`../secret`, `..%2f`, `..%5c` on Windows). Takes the path functions so
 * a test can check Windows paths (`path.win32`) on any machine.
 */
export function siteFile(
  root: string,
  path: string,
  api: PathApi & Pick<typeof nodePath, 'join'> = nodePath,
): string | undefined {
  const file = api.join(root, path);
  return isInside(root, file, api) ? file : undefined;
}

function folderReader(dir: string): SiteReader {
  const root = resolve(dir);
  return async (path) => {
    let file = siteFile(root, path);
    if (file === undefined) return undefined;
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = nodePath.join(file, 'index.html');
    return readFile(file).catch(() => undefined);
  };
}

function memoryReader(files: ReadonlyMap<string, string | Uint8Array>): SiteReader {
  return (path) => {
    const clean = posix.normalize(path).replace(/^\/+/, '');
    return Promise.resolve(files.get(clean === '' || clean === '.' ? 'index.html' : clean));
  };
}

/** The request's path, percent-decoded; undefined when it is malformed (`/%E0%A4%A`). */
function decodePath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

/**
 * Serves a built site like a plain static host: files only, under a base path, gzip when the client
 * accepts it, 404 for anything else. Loopback only.
 */
export async function serveStatic({ dir, files, base = '/', port = 0 }: StaticServerOptions): Promise<StaticServer> {
  if (!dir === !files) throw new Error('serveStatic: give either dir or files');
  const read = files ? memoryReader(files) : folderReader(dir ?? '');
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server: Server = createServer((request, response) => {
    // A malformed request answers 400 and the server goes on; nothing thrown here may escape.
    const answer = async (): Promise<void> => {
      const path = decodePath(request.url ?? '/');
      if (path === undefined) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request: malformed path');
        return;
      }
      const body = path.startsWith(prefix) ? await read(path.slice(prefix.length)) : undefined;
      if (body === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = extname(path.endsWith('/') ? 'index.html' : path) || '.html';
      const gzip = COMPRESSIBLE.has(type) && /\bgzip\b/.test(String(request.headers['accept-encoding']));
      response.writeHead(200, {
        'content-type': TYPES[type] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      response.end(gzip ? gzipSync(body) : body);
    };
    answer().catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    // Also ends connections a browser keeps open (keep-alive, a request in flight): closing never waits on a page.
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
