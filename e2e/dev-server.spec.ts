import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { deckViteConfig } from '../src/build/vite-config.ts';
import { expect, test } from './fixtures.ts';

// The dev server runs from a copy of the slides, so these tests can break and change them.
let slidesDir: string;
let server: ViteDevServer;
let url: string;
// Vite's dev server sets NODE_ENV=development for the whole process; a later build in this worker
// would then be a development build.
const nodeEnv = process.env.NODE_ENV;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  slidesDir = await mkdtemp(join(tmpdir(), 'deck-dev-'));
  await cp('slides', slidesDir, { recursive: true });
  server = await createServer({
    ...deckViteConfig({ slidesDir }),
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
  });
  await server.listen();
  url = server.resolvedUrls?.local[0] ?? '';
});

test.afterAll(async () => {
  await server?.close();
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  await rm(slidesDir, { recursive: true, force: true });
});

test.use({ baseURL: undefined });

test('a slide edit reloads the page with the new text', async ({ page }) => {
  await page.goto(`${url}#/thesis`);
  await expect(page.locator('html[data-deck-ready]')).toBeAttached();
  const file = join(slidesDir, '02-thesis.md');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace("title: The keynote's thesis", 'title: The thesis, edited'));
  await expect(page.getByRole('heading', { name: 'The thesis, edited' })).toBeVisible();
  await writeFile(file, original);
  await expect(page.getByRole('heading', { name: "The keynote's thesis" })).toBeVisible();
});

test('a front-matter error shows in the error overlay with file, line and field', async ({ page, guards }) => {
  const file = join(slidesDir, '05-step-1.md');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace('advantage: None', 'advantage: Nobody'));
  try {
    await page.goto(url);
    await expect(page.locator('vite-error-overlay')).toContainText(
      'slides/05-step-1.md:7: field "advantage": found "Nobody"; allowed: "VMware", "XenSource", "None"'.replace(
        'slides/',
        '',
      ),
    );
  } finally {
    await writeFile(file, original);
  }
  // The overlay is the expected outcome here, not a failure of the page.
  guards.consoleErrors.length = 0;
});

test("a Mermaid syntax error shows in the overlay with the slide file, its line and Mermaid's message", async ({
  page,
  guards,
}) => {
  const file = join(slidesDir, '08-timeline.md');
  const original = await readFile(file, 'utf8');
  const lines = original.split('\n');
  const broken = lines.findIndex((line) => line.includes('Next 18 months'));
  lines[broken] = '  Next 18 months :: : ]] broken';
  await writeFile(file, lines.join('\n'));
  try {
    await page.goto(url);
    const overlay = page.locator('vite-error-overlay');
    await expect(overlay).toContainText(`08-timeline.md:${broken + 1}: Mermaid: Parse error on line`);
    await expect(overlay).toContainText('Expecting');
  } finally {
    await writeFile(file, original);
  }
  guards.consoleErrors.length = 0;
});

test('an overflowing slide shows a visible warning', async ({ page }) => {
  const file = join(slidesDir, '03-take.md');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace('Notes:', `${'- One more point that does not fit.\n'.repeat(12)}\nNotes:`));
  try {
    await page.goto(`${url}#/take`);
    await expect(page.getByRole('alert')).toContainText(/slide "take" .* overflows the slide by \d+ px vertically/);
  } finally {
    await writeFile(file, original);
  }
});
