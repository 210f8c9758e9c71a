import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckError } from '../errors.ts';
import { buildSite } from './site.ts';
import { ASSETS_DIR, displayPath, RENDERED_DIR, SLIDES_DIR } from '../paths.ts';
import { rejectionOf } from '../__fixtures__/rejection.ts';
import { sha256, speakerViewScriptHashes } from '../vite/csp.ts';
import { inlineScripts } from '../vite/speaker-view-popup.ts';
import { EARLY_FACES } from '../../client/deck-faces.ts';
import { deckViteConfig } from '../vite/vite-config.ts';

const PAYLOAD = '<script>window.__pwned=1</script>';
const SCRIPT_SRC = /script-src ([^;"]*)/;
/** A diagram's drawing for phones, and the key of its render. */
const NARROW_DRAWING = /<svg data-layout="narrow" id="diagram-([0-9a-f]+)"[^>]*>/;

/** A copy of the deck (slides, their renders, and the assets beside them), as the e2e tests make one. */
let work: string;
let slidesDir: string;
let outDir: string;
let renderedDir: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'deck-tampered-'));
  slidesDir = join(work, 'slides');
  outDir = join(work, 'site');
  renderedDir = join(slidesDir, RENDERED_DIR);
  await cp(SLIDES_DIR, slidesDir, { recursive: true });
  await cp(ASSETS_DIR, join(work, ASSETS_DIR), { recursive: true });
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** The committed diagram renders of the copy. */
async function diagramRenders(): Promise<string[]> {
  return (await readdir(renderedDir)).filter((name) => name.endsWith('.json')).map((name) => join(renderedDir, name));
}

describe('a committed render that carries a script', () => {
  it('stops the build, naming the file and the fix; after the fix the page runs only its own scripts', async () => {
    const [render] = await diagramRenders();
    expect(render, 'the deck under test has a diagram').toBeDefined();
    const stored = JSON.parse(await readFile(render!, 'utf8')) as { svg: string };
    await writeFile(render!, JSON.stringify({ ...stored, svg: stored.svg.replace('<g', `${PAYLOAD}<g`) }));

    const error = await rejectionOf(buildSite({ slidesDir, outDir }), DeckError);
    expect(error.message).toContain(`${displayPath(render!)}:1: the stored diagram of `);
    expect(error.message).toContain(PAYLOAD);
    expect(error.message).toContain(`Delete ${displayPath(render!)} and run the build again`);
    expect(existsSync(join(outDir, 'index.html'))).toBe(false);

    // What the error says to do: the diagram is rendered afresh, under the same name.
    await rm(render!);
    await buildSite({ slidesDir, outDir });
    expect(await diagramRenders()).toContain(render);
    const page = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(page).not.toContain('__pwned');
    const allowed = SCRIPT_SRC.exec(page)?.[1]?.split(' ');
    // The page's one inline script is the build's own: the early fonts (fonts-plugin.ts).
    const own = inlineScripts(page);
    expect(own).toHaveLength(1);
    expect(own[0]).toContain(EARLY_FACES);
    const hashes = [...(await speakerViewScriptHashes()), ...own.map(sha256)];
    expect(allowed).toEqual(["'self'", ...hashes.map((hash) => `'${hash}'`)]);
  }, 180_000);
});

describe('a script that reaches the page past the render checks', () => {
  it('stops the build at the CSP, naming the render it sits in, and removes no committed render', async () => {
    const committed = await readdir(renderedDir);
    let smuggledInto: string | undefined;
    // Stands for any way in the render checks miss: the script is put into the page itself, in the
    // drawing for phones (a figure holds two drawings, each from its own render).
    const smuggler: Plugin = {
      name: 'test-smuggler',
      transformIndexHtml: {
        order: 'post',
        handler: (html) =>
          html.replace(NARROW_DRAWING, (drawing, key: string) => {
            smuggledInto = key;
            return `${drawing}${PAYLOAD}`;
          }),
      },
    };
    const config = deckViteConfig({ slidesDir, outDir });
    const building = build({
      ...config,
      plugins: [...config.plugins!, smuggler],
      configFile: false,
      logLevel: 'silent',
    });
    const error = await rejectionOf(building, Error);
    expect(smuggledInto, 'the deck under test has a diagram drawn for phones').toBeDefined();
    const render = join(renderedDir, `${smuggledInto}.json`);
    expect(committed).toContain(`${smuggledInto}.json`);
    expect(error.message).toContain(`${displayPath(render)}:1: CSP: the page holds code the build did not put there`);
    expect(error.message).toMatch(
      /an inline script the build did not put there, in the diagram of \S+\.md \(rendered in /,
    );
    expect(error.message).toContain(`(rendered in ${displayPath(render)}): ${PAYLOAD}`);
    expect(existsSync(join(outDir, 'index.html'))).toBe(false);
    expect(await readdir(renderedDir)).toEqual(committed);
  }, 120_000);
});
