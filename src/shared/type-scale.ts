/**
 * The sizes the theme lays slides out with, in one place for the CSS (as custom properties) and for
 * the build's diagram check, which must know how large a diagram will be drawn on its slide.
 */
export const typeScale = {
  /** Body text, in slide pixels. */
  bodyPx: 30,
  /** Mermaid's text, in the diagram's own units. */
  diagramTextPx: 20,
  /** No text on a slide, a diagram's included, shows at less than this share of the body text… */
  textMin: 0.8,
  /** …and a diagram's is never blown up past this share (a small diagram stays a reasonable size). */
  diagramTextMax: 1.5,
  /** Left and right padding of a slide's content, in slide pixels. */
  slidePaddingPx: 64,
  /** Room above and below a diagram slide's content, in slide pixels. */
  diagramSlidePaddingTopPx: 40,
  diagramSlidePaddingBottomPx: 24,
  /** A slide heading (h2): size in body text units, line height, and space below it in its own size. */
  headingEm: 1.45,
  headingLineHeight: 1.15,
  headingMarginEm: 0.6,
  /**
   * The narrow (phone) layout, below the scroll view's breakpoint: its slide size (about a phone's
   * width in portrait, so the scroll view barely scales it down), body text and padding, in its own
   * slide pixels, and the text size its diagrams are drawn at (their narrow variants keep Mermaid's
   * box widths, so a larger type reads larger on the phone).
   */
  narrow: {
    width: 420,
    height: 760,
    bodyPx: 17,
    slidePaddingPx: 16,
    paddingTopPx: 12,
    diagramTextPx: 24,
  },
} as const;

/**
 * How far a drawing whose text Mermaid set at `drawingTextPx` may be scaled up before its text
 * passes `diagramTextMax` of the body text (`bodyPx`) beside it.
 */
export const diagramMaxScale = (bodyPx: number, drawingTextPx: number): number =>
  (bodyPx * typeScale.diagramTextMax) / drawingTextPx;

/** `:root { --deck-body-size: 30px; … }` for the theme stylesheet. */
export function typeScaleCss(): string {
  const vars = {
    'body-size': `${typeScale.bodyPx}px`,
    'slide-padding': `${typeScale.slidePaddingPx}px`,
    'diagram-padding-top': `${typeScale.diagramSlidePaddingTopPx}px`,
    'diagram-padding-bottom': `${typeScale.diagramSlidePaddingBottomPx}px`,
    'heading-size': `${typeScale.headingEm}em`,
    'heading-line-height': String(typeScale.headingLineHeight),
    'heading-margin': `${typeScale.headingMarginEm}em`,
    'diagram-max-scale': String(diagramMaxScale(typeScale.bodyPx, typeScale.diagramTextPx)),
    'narrow-body-size': `${typeScale.narrow.bodyPx}px`,
    'narrow-slide-padding': `${typeScale.narrow.slidePaddingPx}px`,
    'narrow-padding-top': `${typeScale.narrow.paddingTopPx}px`,
    // On a phone: a diagram's narrow variant, and a drawing shown there as drawn for the slide.
    'narrow-diagram-max-scale': String(diagramMaxScale(typeScale.narrow.bodyPx, typeScale.narrow.diagramTextPx)),
    'narrow-drawing-max-scale': String(diagramMaxScale(typeScale.narrow.bodyPx, typeScale.diagramTextPx)),
  };
  return `:root {\n${Object.entries(vars)
    .map(([name, value]) => `  --deck-${name}: ${value};`)
    .join('\n')}\n}\n`;
}
