import type { PrintOptions } from '../shared/print-options.ts';
import { layOutHandout } from './handout-layout.ts';
import { prepareForTaggedPdf } from './print-accessibility.ts';
import { linkSlidesForPrint } from './print-links.ts';

/**
 * Readies reveal's laid-out print view for the PDF: tags, slide links as jumps within the PDF, and
 * the handout's paper pages if one was asked for. Loaded only in the print view, so none of it
 * weighs on the deck's first load.
 */
export async function preparePrintView(
  root: HTMLElement,
  print: PrintOptions,
  slideSize: { width: number; height: number },
): Promise<void> {
  prepareForTaggedPdf(root);
  linkSlidesForPrint(root);
  if (print.handout) await layOutHandout(root, print.handout, slideSize);
}
