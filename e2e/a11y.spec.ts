import { basename } from 'node:path';
import { solidPng } from './support/images.ts';
import { axeViolations } from './support/axe.ts';
import { deckCopy } from './support/deck-copy.ts';
import { expect, source, test } from './support/fixtures.ts';

/** A photo slide inserted after the second, named as the README says (`02-…` → `025-…`, between it and the next). */
const SLIDE_NUMBER = /^\d+/;
const PHOTO = {
  file: `${SLIDE_NUMBER.exec(basename(source.slides[1]!.file))![0]}5-photo.md`,
  id: 'photo',
  alt: 'A blue rectangle, the photo of this test',
};
const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"]), input, select, textarea';

// One test per slide, so the walk's time budget grows with the deck.
for (const slide of source.slides) {
  test(`slide "${slide.id}" passes axe (WCAG 2.0–2.2 A and AA)`, async ({ deck, page }) => {
    await deck.open(`#/${slide.id}`);
    await expect(deck.current()).toHaveAttribute('id', slide.id);
    await deck.settled();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  // The scroll view holds every slide at once: one run of axe covers them all, as a phone shows them.
  test('the scroll view, every slide in it, passes axe', async ({ deck, page }) => {
    await deck.open();
    await expect(page.locator('.reveal-viewport')).toHaveClass(/\breveal-scroll\b/);
    await expect(page.locator('.reveal .scroll-page section[data-kind]')).toHaveCount(source.slides.length);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('the overview passes axe', async ({ deck, page }) => {
  await deck.open();
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal')).toHaveClass(/\boverview\b/);
  expect(await axeViolations(page)).toEqual([]);
});

test('the keyboard alone reaches every slide and every link, focus always visible, hidden slides never', async ({
  deck,
  page,
}) => {
  await deck.open();
  for (const slide of source.slides) {
    await expect(deck.current()).toHaveAttribute('id', slide.id);
    await deck.settled();
    // What Tab should reach here: every visible link and button of the page outside hidden slides.
    const expected = await page.evaluate((selector) => {
      const targets = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter(
        (element) =>
          element.checkVisibility({ visibilityProperty: true }) && !element.closest('.slides section:not(.present)'),
      );
      targets.forEach((element, index) => element.setAttribute('data-tab-target', String(index)));
      return targets.length;
    }, FOCUSABLE);
    expect(expected, `${slide.id}: something to reach with Tab`).toBeGreaterThan(0);
    const reached = new Set<string>();
    for (let step = 0; step < expected + 5; step++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        return {
          html: element.outerHTML.slice(0, 80),
          target: element.getAttribute('data-tab-target'),
          inHiddenSlide: Boolean(element.closest('.slides section:not(.present)')),
          visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!focus) continue;
      expect(focus.inHiddenSlide, `${slide.id}: focus went into a hidden slide: ${focus.html}`).toBe(false);
      expect(focus.visible, `${slide.id}: no visible focus on ${focus.html}`).toBe(true);
      if (focus.target !== null) reached.add(focus.target);
    }
    expect(reached.size, `${slide.id}: links and buttons reached with Tab`).toBe(expected);
    await deck.next();
  }
});

test(
  'images have alt text: on a copy of the deck with a photo, screen readers and axe get it',
  { tag: '@one-deck' },
  async ({ deck, page }) => {
    // The real deck has no image: a photo slide is inserted as the README says, alt text and all.
    const photo = await solidPng(640, 360);
    const copy = await deckCopy(undefined, {
      assets: { 'photo.png': photo },
      slides: {
        [PHOTO.file]: `---\nkind: content\nid: ${PHOTO.id}\ntitle: A photo\n---\n\n![${PHOTO.alt}](../assets/photo.png)\n\nNotes:\n\nA photo.\n`,
      },
    });
    try {
      await page.goto(`${copy.server.url}#/${PHOTO.id}`);
      await deck.ready();
      await expect(deck.current()).toHaveAttribute('id', PHOTO.id);
      await expect(page.locator('img')).not.toHaveCount(0);
      await expect(page.locator('img:not([alt])')).toHaveCount(0);
      await expect(deck.current().getByRole('img', { name: PHOTO.alt, exact: true })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await copy.close();
    }
  },
);

test('diagrams have a name and a description, the page a language', async ({ deck, page }) => {
  await deck.open();
  const slidesWithDiagrams = await page
    .locator('.slides > section:has(figure.diagram)')
    .evaluateAll((sections) => sections.map((section) => section.id));
  expect(slidesWithDiagrams).not.toEqual([]);
  for (const id of slidesWithDiagrams) {
    // Only the current slide is exposed to assistive technology.
    await deck.open(`#/${id}`);
    for (const figure of await deck.current().locator('figure.diagram').all()) {
      await expect(figure).toHaveAccessibleName(/\S/);
      await expect(figure).toHaveAccessibleDescription(/\S.{9,}/);
    }
  }
  await expect(page.locator('html')).toHaveAttribute('lang', source.settings.lang);
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('nothing transitions or animates', async ({ deck, page }) => {
    await deck.open();
    await page.keyboard.press('ArrowRight');
    const moving = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('.reveal *'))
          .map((element) => getComputedStyle(element))
          .filter((style) => style.animationName !== 'none' || parseFloat(style.transitionDuration) > 0).length,
    );
    expect(moving).toBe(0);
  });
});
