import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { DIST_DIR } from '../src/node/paths.ts';
import { READY_SELECTOR, SHOWN_MARK } from '../src/shared/readiness.ts';
import { expect, source, test } from './support/fixtures.ts';
import { PHONE, WIDE } from './support/live-pages.ts';
import { EARLY_FACES } from '../src/client/deck-faces.ts';

/** What `index.html` links (its stylesheet, its entry script) and what that stylesheet names (fonts). */
const LINKED = /<(?:link rel="stylesheet"|script type="module"[^>]*)[^>]*(?:href|src)="\.\/([^"]+)"/g;
const CSS_FONT = /url\(\.?\/?([^)'"]+\.woff2)\)/g;
const FIRST_SLIDE_TEXT = '.reveal .slides > section:first-child :is(h1, h2, p, li)';

/** The files the first screen may load: the page, what it links, and the fonts its stylesheet names. */
async function firstScreenFiles(): Promise<{ files: string[]; fonts: string[] }> {
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
  const linked = [...html.matchAll(LINKED)].map(([, file]) => file!);
  const stylesheet = linked.find((file) => file.endsWith('.css'));
  if (!stylesheet) throw new Error(`${DIST_DIR}/index.html links no stylesheet`);
  const css = await readFile(join(DIST_DIR, stylesheet), 'utf8');
  const fonts = [...css.matchAll(CSS_FONT)].map(([, url]) => `assets/${url!.split('/').at(-1)!}`);
  return { files: ['', ...linked, ...fonts], fonts };
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
  baseURL,
}) => {
  const first = await firstScreenFiles();
  expect(first.fonts, 'the stylesheet names a font for the first screen').not.toHaveLength(0);
  // Anything else the page asks for (every slide's fonts, the later styles) is held back until the
  // first screen has been looked at.
  const held: { url: string; at: number; route: Route }[] = [];
  let firstFontsFetched = 0;
  await page.route(
    (url) => url.href.startsWith(baseURL!),
    async (route) => {
      const file = route.request().url().slice(baseURL!.length).split(/[?#]/)[0]!;
      if (!first.files.includes(file)) held.push({ url: route.request().url(), at: Date.now(), route });
      else {
        // A face the stylesheet declares loads only if the text needs it (one with a character another font draws first may not).
        if (first.fonts.includes(file)) firstFontsFetched += 1;
        await route.continue();
      }
    },
  );
  await page.goto('./');
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SHOWN_MARK);
  const shownAt = await page.evaluate(
    (mark) => performance.timeOrigin + performance.getEntriesByName(mark)[0]!.startTime,
    SHOWN_MARK,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(source.slides[0]!.data.title);
  // Not ready without them: a script that measures or prints waits for every slide's fonts.
  await expect(page.locator(READY_SELECTOR)).toHaveCount(0);
  const asked = (what: RegExp) => held.filter((request) => what.test(request.url)).length;
  await expect.poll(() => asked(/\.woff2$/), "every slide's fonts were asked for").toBeGreaterThan(0);
  await expect.poll(() => asked(/\.css$/), 'the later styles were asked for').toBeGreaterThan(0);
  for (const request of held)
    expect(request.at, `${request.url} was asked for after the first screen showed`).toBeGreaterThanOrEqual(
      Math.floor(shownAt),
    );
  expect(firstFontsFetched, 'the first screen fetched its own fonts').toBeGreaterThan(0);
  const before = await firstSlideLines(page);
  expect(before.length).toBeGreaterThan(0);
  const shownLook = await page.screenshot();

  for (const request of held) await request.route.continue();
  await expect(page.locator(READY_SELECTOR)).toHaveCount(1);
  // Every slide's faces draw the first slide now (added last, they win), in the same places.
  const faces = await page.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').length);
  expect(faces, "the first screen's faces and every slide's, loaded").toBe(firstFontsFetched + asked(/\.woff2$/));
  expect(await firstSlideLines(page)).toEqual(before);
  // And nothing else changes on screen: the later styles hide nothing the first screen showed.
  await deck.settled();
  expect((await page.screenshot()).equals(shownLook), 'the first screen looks the same once everything is in').toBe(
    true,
  );
  expect(guards.failedRequests).toEqual([]);
});

for (const { opening, hash, viewport, early, mobile = false } of [
  { opening: 'the first slide', hash: '', viewport: WIDE, early: false },
  { opening: 'a deep link to the last slide', hash: `#/${source.slides.at(-1)!.id}`, viewport: WIDE, early: true },
  // A phone's browser lays the page out 980 px wide until it has read the viewport tag.
  { opening: 'a phone', hash: '', viewport: PHONE, early: true, mobile: true },
]) {
  test(`${opening}: ${early ? "every slide's fonts are added and fetched from the page's head, once each, and no first-screen face" : "the page's head adds no font"}`, async ({
    browser,
    guards,
    baseURL,
  }) => {
    // A fresh browser context: nothing cached, so every fetch of the page is in its resource timings.
    const page = await browser.newPage({ viewport, isMobile: mobile, hasTouch: mobile });
    try {
      await guards.watch(page);
      await page.goto(`${baseURL}${hash}`);
      await expect(page.locator(READY_SELECTOR)).toHaveCount(1);
      const fromHead = await page.evaluate((key) => key in window, EARLY_FACES);
      const fetched = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map(({ name }) => name)
          .filter((url) => url.endsWith('.woff2')),
      );
      const { fonts: firstScreenFonts } = await firstScreenFiles();
      const firstScreen = fetched.filter((url) => firstScreenFonts.includes(url.slice(baseURL!.length)));
      expect(fromHead).toBe(early);
      if (early) {
        // Every slide's faces, each file once; the first slide's own faces are never needed.
        expect(firstScreen).toEqual([]);
        expect(fetched.length).toBeGreaterThan(0);
        const loaded = await page.evaluate(
          () => [...document.fonts].filter(({ status }) => status === 'loaded').length,
        );
        expect(loaded).toBe(fetched.length);
      } else {
        expect(firstScreen.length, 'the first screen fetched its own fonts').toBeGreaterThan(0);
      }
    } finally {
      await page.close();
    }
  });
}
