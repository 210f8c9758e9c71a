import type { Page } from '@playwright/test';
import { waitForDeckReady } from '../src/node/browser.ts';
import { READY_SELECTOR } from '../src/shared/readiness.ts';
import { expect, POLL, source, test, type Deck } from './support/fixtures.ts';

/** Narrow windows that get the scroll view: a phone, and a small tablet or a split screen. */
const NARROW = [
  { name: 'a phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'a 600-px window', viewport: { width: 600, height: 900 }, isMobile: false, hasTouch: false },
] as const;
const WIDE = { width: 1280, height: 720 };

/**
 * Where the page holding a slide starts, against the top of the screen, in CSS pixels; NaN while
 * the slide is not in a page yet (reveal builds the scroll view after the window turns narrow).
 */
function pageTop(page: Page, id: string): Promise<number> {
  return page
    .locator(`section#${id}`)
    .evaluate((section) => section.closest('.scroll-page')?.getBoundingClientRect().top ?? Number.NaN);
}

/** The slide in view: its page starts at the top of the screen (within a pixel), and the hash is `hash`. */
async function expectInView(page: Page, id: string, hash: string): Promise<void> {
  await expect.poll(() => pageTop(page, id), { ...POLL, message: `slide "${id}" at the top` }).toBeGreaterThan(-1.5);
  expect(await pageTop(page, id), `slide "${id}" at the top`).toBeLessThan(1.5);
  // A scroll handled in the next frame may still rewrite the hash: let two frames pass.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(new URL(page.url()).hash).toBe(hash);
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`./${hash}`);
  await waitForDeckReady(page);
}

for (const { name, ...device } of NARROW) {
  test.describe(`a shared link opened on ${name}`, () => {
    test.use(device);

    // One test per slide, so the walk's time budget grows with the deck.
    for (const [index, slide] of source.slides.entries()) {
      test(`slide "${slide.id}" opens in view by its id and by its number, and keeps the link`, async ({ page }) => {
        for (const hash of [`#/${slide.id}`, `#/${index}`]) {
          // From a blank page each time: a new load, as a link opened from a message is.
          await page.goto('about:blank');
          await open(page, hash);
          await expectInView(page, slide.id, hash);
        }
      });
    }

    test(
      'a link followed inside the page, then Back, each lands on its slide',
      { tag: '@one-deck' },
      async ({ page }) => {
        const [first, second] = [source.slides.at(-2)!, source.slides[1]!];
        await open(page, `#/${first.id}`);
        await expectInView(page, first.id, `#/${first.id}`);
        await page.evaluate((hash) => (window.location.hash = hash), `#/${second.id}`);
        await expectInView(page, second.id, `#/${second.id}`);
        await page.goBack();
        await expectInView(page, first.id, `#/${first.id}`);
      },
    );

    test('the address bar follows the slide scrolled to', { tag: '@one-deck' }, async ({ page }) => {
      const fifth = source.slides[4]!;
      await open(page, '');
      const historyLength = await page.evaluate(() => history.length);
      await page
        .locator(`section#${fifth.id}`)
        .evaluate((section) => section.closest('.scroll-page')!.scrollIntoView());
      await expect(page).toHaveURL(new RegExp(`#/${fifth.id}$`));
      // Replaced, not pushed: Back leaves the deck instead of walking every slide.
      expect(await page.evaluate(() => history.length)).toBe(historyLength);
    });

    test(
      'turning the screen across the breakpoint keeps the slide in view',
      { tag: '@one-deck' },
      async ({ deck, page }) => {
        const slide = source.slides.at(-3)!;
        await page.setViewportSize(WIDE);
        await deck.open(`#/${slide.id}`);
        await page.setViewportSize(device.viewport);
        await expectInView(page, slide.id, `#/${slide.id}`);
        await page.setViewportSize(WIDE);
        await expect(deck.current()).toHaveAttribute('id', slide.id);
      },
    );
  });
}

/** A hash whose percent-encoding is cut short: `decodeURIComponent` throws on it. */
const MALFORMED_HASH = '#/%E0%A4%A';

for (const { name, viewport, ...device } of [
  { name: 'a wide screen', viewport: WIDE, isMobile: false, hasTouch: false },
  NARROW[0],
] as const) {
  test.describe(`a malformed link opened on ${name}`, () => {
    test.use({ viewport, ...device });

    // The guards fail the test on any console error or uncaught exception ("URI malformed").
    test('opens the deck on the title, as reveal.js does', { tag: '@one-deck' }, async ({ deck, page }) => {
      const title = source.slides[0]!;
      await open(page, MALFORMED_HASH);
      if (viewport.width < WIDE.width) {
        await expect
          .poll(() => pageTop(page, title.id), { ...POLL, message: 'the title at the top' })
          .toBeGreaterThan(-1.5);
        expect(await pageTop(page, title.id), 'the title at the top').toBeLessThan(1.5);
      } else {
        await expect(deck.current()).toHaveAttribute('id', title.id);
      }
    });
  });
}

/** A heading's box as width / height: the same on the wide screen and in a faithful preview. */
const headingAspect = (deck: Pick<Deck, 'heading'>) =>
  deck.heading().evaluate((heading) => {
    const { width, height } = heading.getBoundingClientRect();
    return width / height;
  });

test(
  'the speaker view previews the next slide as the audience sees it',
  { tag: '@one-deck' },
  async ({ deck, page }) => {
    const [first, current, next] = [source.slides[0]!, source.slides[1]!, source.slides[2]!];
    await deck.open(`#/${next.id}`);
    const wideAspect = await headingAspect(deck);
    await deck.open(`#/${first.id}`);
    const popupPromise = page.waitForEvent('popup');
    await page.keyboard.press('s');
    const popup = await popupPromise;
    const upcoming = popup.frameLocator('#upcoming-slide iframe');
    // The speaker view loads two more copies of the deck, one per preview: slow on a busy machine.
    await expect(upcoming.locator(READY_SELECTOR)).toBeAttached({ timeout: 20_000 });
    await expect(popup.frameLocator('#current-slide iframe').locator(READY_SELECTOR)).toBeAttached();
    // Moving on once the previews are up: reveal's first state message may reach them before they listen.
    await page.keyboard.press('ArrowRight');
    await expect(deck.current()).toHaveAttribute('id', current.id);
    const preview = {
      heading: () => upcoming.locator(`section#${next.id}`).getByRole('heading').first(),
    };
    await expect(preview.heading()).toBeVisible();
    await expect(upcoming.locator('.reveal-viewport')).not.toHaveClass(/\breveal-scroll\b/);
    const slideBox = await upcoming.locator('.reveal .slides').evaluate((slides) => {
      const { width, height } = slides.getBoundingClientRect();
      return width / height;
    });
    expect(slideBox).toBeCloseTo(WIDE.width / WIDE.height, 2);
    expect(await headingAspect(preview)).toBeCloseTo(wideAspect, 1);
  },
);
