import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { DIST_DIR } from '../src/node/paths.ts';
import { READY_SELECTOR, SHOWN_MARK } from '../src/shared/readiness.ts';
import { expect, source, test } from './support/fixtures.ts';

/** The stylesheet and the fonts `index.html` links: what the first screen is allowed to load. */
const LINKED_STYLESHEET = /<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)"/;
const CSS_FONT = /url\(\.?\/?([^)'"]+\.woff2)\)/g;
const FONT_REQUEST = '**/*.woff2';
const FIRST_SLIDE_TEXT = '.reveal .slides > section:first-child :is(h1, h2, p, li)';

/** The font files the built page's own stylesheet names (the first screen's subsets). */
async function firstScreenFonts(): Promise<string[]> {
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
  const stylesheet = LINKED_STYLESHEET.exec(html)?.[1];
  if (!stylesheet) throw new Error(`${DIST_DIR}/index.html links no stylesheet`);
  const css = await readFile(join(DIST_DIR, stylesheet), 'utf8');
  return [...css.matchAll(CSS_FONT)].map(([, url]) => url!.split('/').at(-1)!);
}

/** Every line box of the first slide's text, as numbers: equal twice only if nothing moved. */
const firstSlideLines = (page: Page): Promise<number[][]> =>
  page.locator(FIRST_SLIDE_TEXT).evaluateAll((elements) =>
    elements.flatMap((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return [...range.getClientRects()].map((rect) => [rect.x, rect.y, rect.width, rect.height]);
    }),
  );

test("the first slide shows on its own fonts; every slide's fonts come after it, moving nothing", async ({
  deck,
  page,
  guards,
}) => {
  const firstFonts = await firstScreenFonts();
  expect(firstFonts, 'the stylesheet names a font for the first screen').not.toHaveLength(0);
  // The whole deck's fonts are held back until the first screen has been looked at.
  const held: { url: string; at: number; route: Route }[] = [];
  await page.route(FONT_REQUEST, async (route) => {
    const name = route.request().url().split('/').at(-1)!;
    if (firstFonts.includes(name)) await route.continue();
    else held.push({ url: route.request().url(), at: Date.now(), route });
  });
  await page.goto('./');
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SHOWN_MARK);
  const shownAt = await page.evaluate(
    (mark) => performance.timeOrigin + performance.getEntriesByName(mark)[0]!.startTime,
    SHOWN_MARK,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(source.slides[0]!.data.title);
  // Not ready without them: a script that measures or prints waits for every slide's fonts.
  await expect(page.locator(READY_SELECTOR)).toHaveCount(0);
  await expect.poll(() => held.length, "the whole deck's fonts were asked for").toBeGreaterThan(0);
  for (const request of held)
    expect(request.at, `${request.url} was asked for after the first screen showed`).toBeGreaterThanOrEqual(
      Math.floor(shownAt),
    );
  const before = await firstSlideLines(page);
  expect(before.length).toBeGreaterThan(0);
  const shownLook = await page.screenshot();

  for (const request of held) await request.route.continue();
  await expect(page.locator(READY_SELECTOR)).toHaveCount(1);
  // Every slide's faces draw the first slide now (added last, they win), in the same places.
  const faces = await page.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').length);
  expect(faces).toBeGreaterThan(firstFonts.length);
  expect(await firstSlideLines(page)).toEqual(before);
  // And nothing else changes on screen: the later styles hide nothing the first screen showed.
  await deck.settled();
  expect((await page.screenshot()).equals(shownLook), 'the first screen looks the same once everything is in').toBe(
    true,
  );
  expect(guards.failedRequests).toEqual([]);
});
