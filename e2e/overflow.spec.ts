import { measureOverflow } from '../src/client/measure-overflow.ts';
import { measureLegibility } from '../src/client/measure-legibility.ts';
import { describeSmallText, TEXT_SELECTORS } from '../src/shared/legibility.ts';
import { typeScale } from '../src/shared/type-scale.ts';
import { describeOverflow, PRESENT_SELECTORS } from '../src/shared/overflow.ts';
import { expect, slideWithList, source, test } from './support/fixtures.ts';

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    // Measure the laid-out slide, not one still sliding in.
    test.use({ viewport, reducedMotion: 'reduce' });
    test('no slide is larger than the slide box, and no text on it under 0.8× the body text', async ({
      deck,
      page,
    }) => {
      const measured = [];
      const texts = [];
      for (const slide of source.slides) {
        // A fresh load per slide: measured as a viewer opening its deep link sees it.
        await page.goto('about:blank');
        await deck.open(`#/${slide.id}`);
        await expect(deck.current()).toHaveAttribute('id', slide.id);
        measured.push(...(await page.evaluate(measureOverflow, PRESENT_SELECTORS)));
        texts.push(...(await page.evaluate(measureLegibility, TEXT_SELECTORS)));
      }
      expect(measured.map((m) => m.id)).toEqual(source.slides.map((s) => s.id));
      expect(describeOverflow(measured)).toBe('');
      // Every slide measured, each with text on it.
      expect(texts.map((text) => [text.id, text.smallest !== undefined])).toEqual(
        source.slides.map((slide) => [slide.id, true]),
      );
      expect(describeSmallText(texts)).toBe('');
    });
  });
}

test('the overflow measure finds a slide that is too long', { tag: '@one-deck' }, async ({ deck, page }) => {
  const listed = slideWithList();
  await deck.open(`#/${listed.id}`);
  await page.evaluate(() => {
    const list = document.querySelector('.reveal .slides > section.present ul');
    for (let i = 0; i < 16; i++)
      list?.append(Object.assign(document.createElement('li'), { textContent: 'One more point.' }));
  });
  const [measured] = await page.evaluate(measureOverflow, PRESENT_SELECTORS);
  expect(measured?.y).toBeGreaterThan(100);
  expect(describeOverflow(measured ? [measured] : [])).toMatch(
    new RegExp(`^slide "${listed.id}" \\(.*\\) overflows the slide by \\d+ px vertically$`),
  );
});

test(
  'the text measure finds text set under 0.8× the body text, and names it',
  { tag: '@one-deck' },
  async ({ deck, page }) => {
    const listed = slideWithList();
    await deck.open(`#/${listed.id}`);
    await page.evaluate(() => {
      const item = document.querySelector<HTMLElement>('.reveal .slides > section.present li');
      item!.style.fontSize = '0.6em';
    });
    const [measured] = await page.evaluate(measureLegibility, TEXT_SELECTORS);
    expect(measured?.id).toBe(listed.id);
    expect(measured?.small[0]?.share).toBeCloseTo(0.6, 2);
    // At 1280×720 the slide shows at its own size: the body text is the theme's.
    const [small, body] = [0.6 * typeScale.bodyPx, typeScale.bodyPx].map((px) => px.toFixed(1).replace('.', '\\.'));
    expect(describeSmallText(measured ? [measured] : [])).toMatch(
      new RegExp(
        `^slide "${listed.id}" \\(.*\\) has text at 0\\.60× the body text \\(${small} px on screen, body ${body} px\\), under 0\\.8×: li "`,
      ),
    );
  },
);
