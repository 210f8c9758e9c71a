/**
 * The sizes the theme lays slides out with, in one place for the CSS (as custom properties) and for
 * the build's diagram check, which must know how large a diagram will be drawn on its slide.
 */
export const typeScale = {
  /** Body text, in slide pixels. */
  bodyPx: 30,
  /** Mermaid's text, in the diagram's own units. */
  diagramTextPx: 20,
  /** A diagram's text must show at no less than this share of the body text… */
  diagramTextMin: 0.8,
  /** …and is never blown up past this share (a small diagram stays a reasonable size). */
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
} as const;

/** How far a diagram may be scaled up before its text passes `diagramTextMax` of the body text. */
export const diagramMaxScale = (typeScale.bodyPx * typeScale.diagramTextMax) / typeScale.diagramTextPx;

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
    'diagram-max-scale': String(diagramMaxScale),
  };
  return `:root {\n${Object.entries(vars)
    .map(([name, value]) => `  --deck-${name}: ${value};`)
    .join('\n')}\n}\n`;
}
