import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
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

/** Gives each test of the file its own renderer, closed and removed after it. */
export function useTestRenderer(): TestRenderer {
  const renderer = {} as TestRenderer;
  let browser: BrowserSession;
  beforeEach(async () => {
    renderer.storeDir = await mkdtemp(join(tmpdir(), 'deck-mermaid-'));
    renderer.launches = 0;
    browser = new BrowserSession(() => {
      renderer.launches += 1;
      return launchBrowser();
    });
    renderer.options = {
      store: new RenderStore(renderer.storeDir, () => undefined),
      browser,
      fonts: await readOwnFontFaces(process.cwd()),
      slide: { width: 1280, height: 720 },
    };
  });
  afterEach(async () => {
    await browser.close();
    await rm(renderer.storeDir, { recursive: true, force: true });
  });
  return renderer;
}
