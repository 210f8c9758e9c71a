import { measureLegibility } from '../src/client/measure-legibility.ts';
import { measureOverflow } from '../src/client/measure-overflow.ts';
import { describeSmallText, TEXT_SELECTORS } from '../src/shared/legibility.ts';
import { describeOverflow, NOT_SHOWN, SCROLL_VIEW_SELECTORS } from '../src/shared/overflow.ts';
import { expect, source, test } from './support/fixtures.ts';

/** A phone of today, and the narrowest still in use (an iPhone SE's 320 CSS pixels). */
const PHONES = [
  { width: 390, height: 844 },
  { width: 320, height: 640 },
] as const;
/** What is measured: everything a slide shows. */
const SHOWN = '.reveal .scroll-page section *';

for (const viewport of PHONES) {
  test.describe(`on a ${viewport.width}×${viewport.height} phone`, () => {
    test.use({ viewport, isMobile: true, hasTouch: true });

    test('every slide reads whole: nothing wider than the screen or past its page, no text under 0.8× the body text', async ({
      deck,
      page,
    }) => {
      await deck.open();
      await expect(page.locator('.reveal-viewport')).toHaveClass(/\breveal-scroll\b/);
      const ids = source.slides.map((slide) => slide.id);
      // Every element of every slide within the screen's width: nothing cut at the edge, nothing to
      // scroll sideways to.
      const outside = await page.evaluate(
        ({ shown, notShown, width }) =>
          Array.from(document.querySelectorAll(shown))
            .filter((element) => !element.closest(notShown))
            .map((element) => ({ element, box: element.getBoundingClientRect() }))
            .filter(({ box }) => (box.width > 0 || box.height > 0) && (box.left < -0.5 || box.right > width + 0.5))
            .map(
              ({ element, box }) =>
                `${element.closest('section')!.id}: <${element.tagName.toLowerCase()}> from ${Math.round(box.left)} to ${Math.round(box.right)} px`,
            ),
        { shown: SHOWN, notShown: NOT_SHOWN, width: viewport.width },
      );
      expect(outside, 'elements past the screen’s edges').toEqual([]);
      expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(viewport.width);

      const overflow = await page.evaluate(measureOverflow, SCROLL_VIEW_SELECTORS);
      expect(overflow.map((slide) => slide.id)).toEqual(ids);
      expect(describeOverflow(overflow)).toBe('');

      const texts = await page.evaluate(measureLegibility, TEXT_SELECTORS);
      expect(texts.map((text) => [text.id, text.smallest !== undefined])).toEqual(ids.map((id) => [id, true]));
      expect(describeSmallText(texts)).toBe('');
    });

    test('each diagram drawn across shows its top-down drawing, every part of it on screen', async ({ deck, page }) => {
      await deck.open();
      const figures = page.locator('figure.diagram');
      await expect(figures).not.toHaveCount(0);
      let topDown = 0;
      for (const figure of await figures.all()) {
        const narrow = figure.locator('svg[data-layout="narrow"]');
        const drawings = figure.locator('svg');
        // One drawing shows, whichever it is; the other is not even laid out.
        await expect(drawings.locator('visible=true')).toHaveCount(1);
        if ((await narrow.count()) > 0) {
          await expect(narrow).toBeVisible();
          topDown += 1;
        }
        const shown = drawings.locator('visible=true');
        // Its labels (a flowchart's arrows carry empty ones).
        const labels = shown.locator('text').filter({ hasText: /\S/ });
        await expect(labels).not.toHaveCount(0);
        for (const label of await labels.all()) {
          // Every period and every event shown, steps or not: a phone shows the slide whole.
          await expect(label).toBeVisible();
          const box = (await label.boundingBox())!;
          const text = (await label.textContent()) ?? '';
          expect(box.x, text).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, text).toBeLessThanOrEqual(viewport.width);
        }
      }
      // Each deck under test has a diagram drawn across (its timeline, a flowchart LR).
      expect(topDown, 'diagrams shown in their top-down drawing').toBeGreaterThan(0);
    });
  });
}
