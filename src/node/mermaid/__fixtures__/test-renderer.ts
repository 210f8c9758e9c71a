import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { BrowserSession, launchBrowser } from '../../browser.ts';
import { readOwnFontFaces } from '../../fonts/font-faces.ts';
import { RenderStore } from '../../render-store.ts';
import type { MermaidOptions } from '../diagrams.ts';

/** A test's renderer: a fresh store in a scratch folder, a browser that counts its launches. */
export interface TestRenderer {
  options: MermaidOptions;
  /** The scratch folder the store writes to. */
  storeDir: string;
  /** How many times a browser was launched. */
  launches: number;
}

/**
 * Gives each test of the file its own renderer (its store removed after it) and its own browser
 * session, which counts its launches; the sessions share one Chromium, started at the first launch
 * and again only after a test closed it (a hung drawing does), as starting one per test costs a second.
 */
export function useTestRenderer(): TestRenderer {
  const renderer = {} as TestRenderer;
  let shared: Promise<Browser> | undefined;
  const running = async (): Promise<Browser> => {
    const browser = await shared;
    if (browser?.isConnected()) return browser;
    shared = launchBrowser();
    return shared;
  };
  beforeEach(async () => {
    renderer.storeDir = await mkdtemp(join(tmpdir(), 'deck-mermaid-'));
    renderer.launches = 0;
    const browser = new BrowserSession(() => {
      renderer.launches += 1;
      return running();
    });
    renderer.options = {
      store: new RenderStore(renderer.storeDir, () => undefined),
      browser,
      fonts: await readOwnFontFaces(process.cwd()),
      slide: { width: 1280, height: 720 },
    };
  });
  afterEach(async () => {
    await rm(renderer.storeDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await (await shared?.catch(() => undefined))?.close();
  });
  return renderer;
}
