import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserSession } from '../browser.ts';
import { fitDiagram } from '../../client/fit-diagram.ts';

/** Room kept around a drawing, in its own units: strokes and arrowheads lie past their shapes' boxes. */
const MARGIN = 6;
/** The diagrams in the fitting page, one per `<div>`. */
const SVGS = 'body > div > svg';
const FONT = '@fontsource/inter/files/inter-latin-400-normal.woff2';

/**
 * Trims and crops freshly drawn diagrams (`fitDiagram`) in the build's browser, with the deck's
 * font so text measures as on the slide.
 */
export async function fitDiagrams(svgs: readonly string[], browser: Pick<BrowserSession, 'get'>): Promise<string[]> {
  const font = await readFile(createRequire(import.meta.url).resolve(FONT));
  const page = await (await browser.get()).newPage();
  try {
    await page.setContent(
      [
        `<style>@font-face { font-family: Inter; src: url(data:font/woff2;base64,${font.toString('base64')}); }</style>`,
        ...svgs.map((svg) => `<div>${svg}</div>`),
      ].join('\n'),
    );
    // The font must be in before any text is measured.
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    for (const handle of await page.$$(SVGS)) await handle.evaluate(fitDiagram, MARGIN);
    return await page.evaluate<string[]>(`Array.from(document.querySelectorAll('${SVGS}'), (svg) => svg.outerHTML)`);
  } finally {
    await page.close();
  }
}
