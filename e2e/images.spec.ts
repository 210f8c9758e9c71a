import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../src/node/export/site.ts';
import { PRINT_QUERY } from '../src/shared/print-options.ts';
import { READY_SELECTOR } from '../src/shared/readiness.ts';
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
    await expect(image).toHaveAttribute('loading', 'lazy');
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
