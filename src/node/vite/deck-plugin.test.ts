import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RENDERED_DIR, SLIDES_DIR } from '../paths.ts';
import { build } from 'vite';
import { deckViteConfig } from './vite-config.ts';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'deck-plugin-'));
  await cp(SLIDES_DIR, join(work, 'slides'), { recursive: true });
});
afterEach(() => rm(work, { recursive: true, force: true }));

describe('the deck plugin', () => {
  it('keeps the committed renders when a build fails (it has not read them all)', async () => {
    const slidesDir = join(work, 'slides');
    const renders = await readdir(join(slidesDir, RENDERED_DIR));
    const [first] = (await readdir(slidesDir)).filter((name) => name.endsWith('.md'));
    const file = join(slidesDir, first!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title:/m, 'tilte:'));
    const config = deckViteConfig({ slidesDir, outDir: join(work, 'dist') });
    await expect(build({ ...config, configFile: false, logLevel: 'silent' })).rejects.toThrow(
      /field "tilte": unknown field; did you mean "title"\?/,
    );
    expect(await readdir(join(slidesDir, RENDERED_DIR))).toEqual(renders);
  });
});
