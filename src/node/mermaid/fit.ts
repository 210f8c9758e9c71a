import type { Page } from 'playwright';
import { fitDiagram, placeDiagrams } from '../../client/fit-diagram.ts';
import { DRAWN_SHAPES } from '../../shared/diagram-shapes.ts';

/** Room kept around a drawing, in its own units: strokes and arrowheads lie past their shapes' boxes. */
const MARGIN = 6;
/** The diagrams in the fitting page, one per `<div>`. */
const HOLDER = 'deck-fit';
const SVGS = `body > div.${HOLDER} > svg`;

/**
 * Trims and crops freshly drawn diagrams (`fitDiagram`) in the drawing page, which has the deck's
 * font, so text measures as on the slide.
 */
export async function fitDiagrams(page: Page, svgs: readonly string[]): Promise<string[]> {
  // The page fits every batch of its browser: a batch that failed halfway may have left its own.
  await page.evaluate(`document.querySelectorAll('body > div.${HOLDER}').forEach((holder) => holder.remove())`);
  await page.evaluate(placeDiagrams, { svgs: [...svgs], className: HOLDER });
  // The font must be in before any text is measured.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  for (const handle of await page.$$(SVGS)) {
    await handle.evaluate(fitDiagram, { margin: MARGIN, shapes: DRAWN_SHAPES });
    await handle.dispose();
  }
  // Taken out as they are read: the page fits the next batch too.
  return await page.evaluate<string[]>(
    `Array.from(document.querySelectorAll('${SVGS}'), (svg) => { const html = svg.outerHTML; svg.parentElement.remove(); return html; })`,
  );
}
