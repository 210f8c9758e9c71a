import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join, posix, win32 } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, siteFile, type StaticServer } from './serve.ts';

/** One file of every image format the README lets a slide show, with the type a browser needs. */
const IMAGES = new Map([
  ['a.svg', 'image/svg+xml'],
  ['a.png', 'image/png'],
  ['a.jpg', 'image/jpeg'],
  ['a.jpeg', 'image/jpeg'],
  ['a.webp', 'image/webp'],
  ['a.avif', 'image/avif'],
]);

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deck-serve-'));
  await mkdir(join(dir, 'site', 'assets'), { recursive: true });
  await writeFile(join(dir, 'site', 'index.html'), '<!doctype html><p>deck</p>');
  await writeFile(join(dir, 'site', 'assets', 'a.js'), 'console.log(1)');
  for (const name of IMAGES.keys()) await writeFile(join(dir, 'site', 'assets', name), 'image bytes');
  await writeFile(join(dir, 'secret.txt'), 'outside the site');
  server = await serveStatic({ dir: join(dir, 'site'), base: '/a/b/' });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves the site under its base path, index.html for the folder', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/a\/b\/$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<p>deck</p>');
  });

  it('serves scripts with their type', async () => {
    const response = await fetch(`${server.url}assets/a.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([...IMAGES])('serves %s as %s', async (name, type) => {
    const response = await fetch(`${server.url}assets/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers 404 outside the base path, for missing files and for paths that climb out', async () => {
    const origin = new URL(server.url).origin;
    for (const path of ['/index.html', '/a/b/missing.js', '/a/b/..%2f..%2fsecret.txt', '/a/b/../../secret.txt']) {
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    }
  });

  // fetch() would decode gzip itself: read the bytes on the wire.
  it('answers 400 to a malformed path and goes on serving', async () => {
    const response = await fetch(`${server.url}%E0%A4%A`);
    expect(response.status).toBe(400);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('gzips text when the client accepts it, as a static host does', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<Buffer>((done, fail) => {
      request(`${server.url}assets/a.js`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => done(Buffer.concat(chunks)));
      })
        .on('error', fail)
        .end();
    });
    expect(gunzipSync(body).toString()).toBe('console.log(1)');
  });

  it('serves files from memory the same way', async () => {
    const memory = await serveStatic({
      files: new Map([
        ['index.html', '<p>in memory</p>'],
        ['assets/b.js', 'b()'],
      ]),
    });
    try {
      expect(await (await fetch(memory.url)).text()).toBe('<p>in memory</p>');
      expect(await (await fetch(`${memory.url}assets/b.js`)).text()).toBe('b()');
      expect((await fetch(`${memory.url}assets/none.js`)).status).toBe(404);
    } finally {
      await memory.close();
    }
  });

  it('closes while a client still holds a connection with a request half sent', async () => {
    const other = await serveStatic({ dir: join(dir, 'site') });
    const { port } = new URL(other.url);
    // The server ends it: a reset is what the client may see, not a failure of the test.
    const socket = connect(Number(port), '127.0.0.1').on('error', () => undefined);
    await new Promise((done) => socket.once('connect', done));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const ended = new Promise((done) => socket.once('close', done));
    await other.close();
    await ended;
  });
});

describe('siteFile', () => {
  it.each([
    ['POSIX', posix, '/srv/deck', '/srv/deck/assets/a.js'],
    ['Windows', win32, 'C:\\Users\\me\\deck\\dist', 'C:\\Users\\me\\deck\\dist\\assets\\a.js'],
  ])('finds a file of the site with %s paths', (_, api, root, file) => {
    expect(siteFile(root, 'assets/a.js', api)).toBe(file);
    expect(siteFile(root, '', api)).toBe(root);
    // A name that starts with two dots climbs nowhere.
    expect(siteFile(root, '..a.js', api)).toBe(api.join(root, '..a.js'));
  });

  it.each([
    ['POSIX', posix, '/srv/deck', ['..', '../secret.txt', 'assets/../../secret.txt', '../deck-other/x.js']],
    [
      'Windows',
      win32,
      'C:\\deck\\dist',
      ['..', '..\\secret.txt', '../secret.txt', 'assets\\..\\..\\secret.txt', '..\\dist-other\\x.js', '\\..\\..\\x'],
    ],
  ])('refuses a path that climbs out of the site with %s paths', (_, api, root, paths) => {
    for (const path of paths) expect(siteFile(root, path, api), path).toBeUndefined();
  });
});
