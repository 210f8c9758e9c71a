import { NOT_SHOWN } from './overflow.ts';
import { typeScale } from './type-scale.ts';

/** A piece of a slide's text, as the viewer sees it against the slide's body text. */
export interface TextSize {
  /** What it is: tag, classes and its first words (`td.verdict "Advantage: None."`). */
  element: string;
  /** Its size on screen as a share of the body text's (font sizes, times whatever scales each). */
  share: number;
}

/** How large a slide's text shows, measured in the browser on screen pixels. */
export interface SlideText {
  /** The section's id (its deep link). */
  id: string;
  /** The slide's heading. */
  title: string;
  /** The slide's file (`slides/09-tally.md`); '' if unknown. */
  file: string;
  /** The body text's size on screen, in CSS pixels. */
  bodyPx: number;
  /** The slide's smallest text; undefined on a slide without text. */
  smallest?: TextSize;
  /** Every text under `typeScale.textMin` of the body text, smallest first. */
  small: TextSize[];
}

export interface TextSelectors {
  /** The slides to measure. */
  slides: string;
  /** Parts of a slide that are not shown (speaker notes, text only for screen readers). */
  ignore: string;
  /** The smallest share of the body text allowed. */
  min: number;
}

/** The slides shown: presenting, the current one; in the scroll view and the print view, every one. */
export const TEXT_SELECTORS: TextSelectors = {
  slides: '.reveal .slides > section.present, .reveal .scroll-page section, .reveal .pdf-page > section',
  ignore: NOT_SHOWN,
  min: typeScale.textMin,
};

/** How many elements a report names per slide; the rest are counted. */
const NAMED_PER_SLIDE = 3;

const times = (share: number): string => `${share.toFixed(2)}×`;

/**
 * "slide "tally" (The tally: …, slides/09-tally.md) has text at 0.70× the body text (21.0 px on
 * screen, body 30.0 px), under 0.8×: td.verdict "Advantage: None.", …", one line per slide, or ''
 * when every text is large enough.
 */
export function describeSmallText(slides: readonly SlideText[], min = typeScale.textMin): string {
  return slides
    .filter(({ small }) => small.length > 0)
    .map(({ id, title, file, bodyPx, small }) => {
      const named = small.slice(0, NAMED_PER_SLIDE).map(({ element, share }) => `${element} at ${times(share)}`);
      const more = small.length > NAMED_PER_SLIDE ? ` and ${small.length - NAMED_PER_SLIDE} more` : '';
      const smallest = small[0]!.share;
      return `slide "${id}" (${[title, file].filter(Boolean).join(', ')}) has text at ${times(smallest)} the body text (${(smallest * bodyPx).toFixed(1)} px on screen, body ${bodyPx.toFixed(1)} px), under ${min}×: ${named.join(', ')}${more}`;
    })
    .join('\n');
}
