import type { Locator } from '@playwright/test';
import { measureDiagram } from '../src/client/measure-diagram.ts';
import { DRAWN_SHAPES } from '../src/shared/diagram-shapes.ts';
import { PRINT_QUERY } from '../src/shared/print-options.ts';
import { READY_SELECTOR } from '../src/shared/readiness.ts';
import { typeScale } from '../src/shared/type-scale.ts';
import { diagramsOf, expect, source, stepIndices, test } from './support/fixtures.ts';

const diagramSlides = source.slides.filter((slide) => diagramsOf(slide.id).length > 0);
const unfoldingSlides = diagramSlides.filter((slide) => /^```mermaid steps$/m.test(slide.body));
const DIAGRAM = 'figure.diagram';
/** A part of a diagram shown at one step. */
const STEP_PART = 'g[data-fragment-index]';
/** A diagram drawn at its largest (text at this share of the body text) may leave room around it. */
const LARGEST = typeScale.diagramTextMax * 0.98;

/** Text at no less than 80 % of the body text, and the room under the heading filled (or the drawing at its largest). */
async function expectLegible(figure: Locator, slideId: string): Promise<void> {
  const measured = await figure.evaluate(measureDiagram, DRAWN_SHAPES);
  const text = measured.smallestTextPx / measured.bodyTextPx;
  expect(text, `${slideId}: smallest text / body text`).toBeGreaterThanOrEqual(typeScale.textMin);
  if (text < LARGEST) {
    const fill = Math.max(measured.fillWidth, measured.fillHeight);
    expect(fill, `${slideId}: share of the room filled`).toBeGreaterThanOrEqual(0.85);
  }
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('every diagram reads from the back row and fills the room under its heading', async ({ deck }) => {
      expect(diagramSlides.length, 'slides with a diagram').toBeGreaterThan(0);
      for (const slide of diagramSlides) {
        await deck.open(`#/${slide.id}`);
        const figures = deck.current().locator(DIAGRAM);
        await expect(figures, `${slide.id}: one figure per diagram`).toHaveCount(diagramsOf(slide.id).length);
        for (const figure of await figures.all()) await expectLegible(figure, slide.id);
      }
    });
  });
}

test('in the print view, as on the PDF pages, every diagram reads from the back row and fills its room', async ({
  deck,
  page,
}) => {
  expect(diagramSlides.length, 'slides with a diagram').toBeGreaterThan(0);
  await deck.open('', `?${PRINT_QUERY.print}`);
  for (const slide of diagramSlides) {
    const figures = page.locator(`.pdf-page section#${slide.id} ${DIAGRAM}`);
    await expect(figures, `${slide.id}: one figure per diagram`).toHaveCount(diagramsOf(slide.id).length);
    for (const figure of await figures.all()) await expectLegible(figure, slide.id);
  }
});

test('a diagram with steps unfolds one part per →, then the slide moves on', async ({ deck, page }) => {
  expect(unfoldingSlides.length, 'slides with a ```mermaid steps fence').toBeGreaterThan(0);
  for (const slide of unfoldingSlides) {
    await deck.open(`#/${slide.id}`);
    const figure = deck.current().locator('figure.diagram');
    const indices = await stepIndices(figure);
    expect(indices.length, slide.id).toBeGreaterThan(0);
    const description = diagramsOf(slide.id)[0]!.description;
    await expect(figure).toHaveAccessibleDescription(description);
    // The first part shows with the slide.
    await expect(figure.locator('text:visible')).not.toHaveCount(0);
    for (const [step, index] of indices.entries()) {
      const part = figure.locator(`.fragment[data-fragment-index="${index}"]`);
      await expect(part.first()).toHaveCSS('visibility', 'hidden');
      await page.keyboard.press('ArrowRight');
      await expect(part.and(figure.locator(':not(.visible)'))).toHaveCount(0);
      await expect(part.first()).toHaveCSS('visibility', 'visible');
      // The description is whole whatever the step: screen readers and the PDF get every part.
      await expect(figure).toHaveAccessibleDescription(description);
      const later = indices.slice(step + 1).map((next) => `.fragment.visible[data-fragment-index="${next}"]`);
      if (later.length > 0) await expect(figure.locator(later.join(', '))).toHaveCount(0);
      await expect(deck.current()).toHaveAttribute('id', slide.id);
    }
    await page.keyboard.press('ArrowRight');
    await expect(deck.current()).not.toHaveAttribute('id', slide.id);
  }
});

test("the speaker view's preview shows the diagram's next step", async ({ deck, page }) => {
  // A diagram of two steps or more: the preview of the first step shows the second.
  let slide: (typeof unfoldingSlides)[number] | undefined;
  for (const candidate of unfoldingSlides) {
    await deck.open(`#/${candidate.id}`);
    if ((await stepIndices(deck.current().locator('figure.diagram'))).length >= 2) {
      slide = candidate;
      break;
    }
  }
  if (!slide) throw new Error('this test needs a ```mermaid steps diagram of two steps or more');
  const popupPromise = page.waitForEvent('popup');
  await page.keyboard.press('s');
  const upcoming = (await popupPromise).frameLocator('#upcoming-slide iframe');
  // The speaker view loads two more copies of the deck, one per preview: slow on a busy machine.
  await expect(upcoming.locator(READY_SELECTOR)).toBeAttached({ timeout: 20_000 });
  // A first step also syncs the previews (reveal's first message may reach them before they listen).
  await page.keyboard.press('ArrowRight');
  const shown = deck.current().locator('figure.diagram .fragment.visible');
  await expect(shown.first()).toHaveAttribute('data-fragment-index', '0');
  const next = upcoming.locator(`section#${slide.id} figure.diagram .fragment[data-fragment-index="1"]`);
  await expect(next.first()).toHaveClass(/\bvisible\b/);
  // The preview frame is narrower than a phone, yet shows the slide's drawing, as the room sees it.
  const previewed = upcoming.locator(`section#${slide.id} figure.diagram > svg`).locator('visible=true');
  await expect(previewed).toHaveCount(1);
  await expect(previewed).not.toHaveAttribute('data-layout', 'narrow');
  await expect(deck.current().locator('figure.diagram .fragment.visible[data-fragment-index="1"]')).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('a diagram with steps shows whole', async ({ deck, page }) => {
    expect(unfoldingSlides.length, 'slides with a ```mermaid steps fence').toBeGreaterThan(0);
    for (const slide of unfoldingSlides) {
      await deck.open(`#/${slide.id}`);
      const figure = page.locator(`section#${slide.id} ${DIAGRAM}`);
      await expect(figure.locator('.fragment')).toHaveCount(0);
      const parts = figure.locator(STEP_PART);
      // The parts are still marked as steps, only not hidden: without them nothing below is checked.
      await expect(parts, `${slide.id}: the diagram's steps`).not.toHaveCount(0);
      for (const part of await parts.all()) {
        await expect(part).toHaveCSS('visibility', 'visible');
        await expect(part).toHaveCSS('opacity', '1');
      }
    }
  });
});
