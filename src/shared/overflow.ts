/** Where a slide's content went past its box, in slide pixels (the deck's own width × height). */
export interface SlideOverflow {
  /** The section's id (its deep link). */
  id: string;
  /** The slide's heading. */
  title: string;
  /** The slide's file (`slides/03-take.md`), where the build wrote it; '' if unknown. */
  file: string;
  /** Pixels past the box on the worst side, horizontally and vertically; 0 when it fits. */
  x: number;
  y: number;
}

/** The dev server's custom event: the page reports what its overflow warning shows, for the terminal. */
export const OVERFLOW_EVENT = 'deck:overflow';

/**
 * Set on `<html>` by the dev server's overflow watcher each time it has measured the current slide
 * (and shown or taken away its warning), to that slide's id: the absence of a warning means
 * something only once this says the slide was measured.
 */
export const OVERFLOW_CHECKED_ATTRIBUTE = 'data-overflow-checked';

/** The signal that the overflow watcher has measured the slide `id` in this page. */
export const overflowCheckedSelector = (id: string): string => `html[${OVERFLOW_CHECKED_ATTRIBUTE}="${id}"]`;

export interface OverflowSelectors {
  /** The slides to measure: the current one when presenting, every one in the print view. */
  slides: string;
  /** Ancestor whose box is the slide's box (`.slides` when presenting, `.pdf-page` in print). */
  box: string;
  /** Parts of a slide that are not shown (speaker notes, text only for screen readers). */
  ignore: string;
  /**
   * The slide's size in CSS pixels when the box is not scaled to it (the print view, where a page
   * grows to hold a too-long slide); otherwise the box's own rectangle is the slide.
   */
  size?: { width: number; height: number };
}

/** Parts of a slide no one sees on it: speaker notes, text only for screen readers. */
export const NOT_SHOWN = 'aside.notes, .visually-hidden';

export const PRESENT_SELECTORS: OverflowSelectors = {
  slides: '.reveal .slides > section.present',
  box: '.slides',
  ignore: NOT_SHOWN,
};

/** The scroll view (a phone): every slide in its page, each measured against its own (scaled) box. */
export const SCROLL_VIEW_SELECTORS: OverflowSelectors = {
  slides: '.reveal .scroll-page section',
  box: 'section',
  ignore: NOT_SHOWN,
};

/** The print view's pages; pass the slide size as `size`. */
export const PRINT_SELECTORS: OverflowSelectors = {
  slides: '.reveal .pdf-page > section',
  box: '.pdf-page',
  ignore: NOT_SHOWN,
};

/**
 * "slide "step-1" (Step 1: …, slides/05-step-1.md) overflows the slide by 12 px vertically", or ''
 * when nothing overflows.
 */
export function describeOverflow(overflows: readonly SlideOverflow[]): string {
  return overflows
    .filter(({ x, y }) => x > 0 || y > 0)
    .map(({ id, title, file, x, y }) => {
      const sides = [x > 0 ? `${x} px horizontally` : '', y > 0 ? `${y} px vertically` : ''].filter(Boolean);
      return `slide "${id}" (${[title, file].filter(Boolean).join(', ')}) overflows the slide by ${sides.join(' and ')}`;
    })
    .join('\n');
}
