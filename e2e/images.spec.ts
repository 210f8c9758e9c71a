import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureOverflow } from '../src/client/measure-overflow.ts';
import { buildSite } from '../src/node/export/site.ts';
import { describeOverflow, PRESENT_SELECTORS } from '../src/shared/overflow.ts';
import { PRINT_QUERY } from '../src/shared/print-options.ts';
import { READY_SELECTOR } from '../src/shared/readiness.ts';
import { solidPng } from './support/images.ts';
import { deckCopy } from './support/deck-copy.ts';
import { expect, slideWithList, test } from './support/fixtures.ts';

const ALT = 'The deck’s icon';
const IMAGE = `![${ALT}](../assets/favicon.svg)`;

test('an image from assets/ shows on its slide, bundled and sized, in the print view and in the single file', async ({
  deck,
  page,
}) => {
  const slide = slideWithList();
  const copy = await deckCopy({ slide, change: (text) => text.replace(/^Notes:/m, `${IMAGE}\n\nNotes:`) });
  const single = await mkdtemp(join(tmpdir(), 'deck-image-single-'));
  try {
    await page.goto(`${copy.server.url}#/${slide.id}`);
    await deck.ready();
    const image = deck.current().getByRole('img', { name: ALT });
    await expect(image).toBeVisible();
    await expect(image).toHaveAttribute('src', /^\.\/assets\/favicon-[\w-]+\.svg$/);
    await expect(image).toHaveAttribute('width', '32');
    await expect(image).toHaveAttribute('height', '32');
    // Built to load lazily (not on the first slide); the page loads it now, as it is on screen.
    const built = await readFile(join(copy.outDir, 'index.html'), 'utf8');
    expect(built).toMatch(new RegExp(`<img [^>]*alt="${ALT}"[^>]*loading="lazy"`));
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // The PDF prints this view.
    await page.goto(`${copy.server.url}?${PRINT_QUERY.print}`);
    await expect(page.locator(READY_SELECTOR)).toBeAttached();
    const printed = page.locator(`.pdf-page section#${slide.id}`).getByRole('img', { name: ALT });
    expect(await printed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    await buildSite({ slidesDir: copy.slidesDir, outDir: single, singleFile: true });
    const html = await readFile(join(single, 'index.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<img src="data:image/svg\\+xml[^"]*" alt="${ALT}"`));
  } finally {
    await copy.close();
    await rm(single, { recursive: true, force: true });
  }
});

test('a photo wider than the slide needs is shrunk, and with `image: fill` fills the free space without overflowing', async ({
  deck,
  page,
}) => {
  const slide = slideWithList();
  const photo = await solidPng(6000, 3000);
  const copy = await deckCopy(
    {
      slide,
      change: (text) =>
        text
          .replace(/^---\n/, '---\nimage: fill\n')
          .replace(/^Notes:/m, '![A wide photo](../assets/photo.png)\n\nNotes:'),
    },
    { assets: { 'photo.png': photo } },
  );
  try {
    await page.goto(`${copy.server.url}#/${slide.id}`);
    await deck.ready();
    const image = deck.current().getByRole('img', { name: 'A wide photo' });
    await expect(image).toBeVisible();
    const { width } = copy.deck.settings;
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2 * width);
    await expect(image).toHaveAttribute('width', String(2 * width));
    await expect(image).toHaveAttribute('height', String(width));

    // Fills: the image reaches the bottom of the room under the text, and nothing leaves the slide.
    const box = (await image.boundingBox())!;
    const content = (await deck.current().locator('.slide-content').boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(content.y + content.height * 0.8);
    expect(describeOverflow(await page.evaluate(measureOverflow, PRESENT_SELECTORS))).toBe('');
  } finally {
    await copy.close();
  }
});
