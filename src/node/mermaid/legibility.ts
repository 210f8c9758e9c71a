import { diagramMaxScale, typeScale } from '../../shared/type-scale.ts';

export interface Size {
  width: number;
  height: number;
}

/** The smallest size a diagram's text may show at, in slide pixels. */
export const SMALLEST_TEXT_PX = typeScale.bodyPx * typeScale.diagramTextMin;

/**
 * The size, in slide pixels, a diagram's text will show at on a slide of `slide` size that holds a
 * one-line heading and the diagram: the theme scales the drawing (`drawing`, its viewBox) to the
 * room under the heading, up to `diagramMaxScale`. Text before or after the diagram leaves less room.
 */
export function shownTextPx(drawing: Size, slide: Size): number {
  const headingPx = typeScale.bodyPx * typeScale.headingEm;
  const room = {
    width: slide.width - 2 * typeScale.slidePaddingPx,
    height:
      slide.height -
      typeScale.diagramSlidePaddingTopPx -
      typeScale.diagramSlidePaddingBottomPx -
      headingPx * (typeScale.headingLineHeight + typeScale.headingMarginEm),
  };
  const scale = Math.min(room.width / drawing.width, room.height / drawing.height, diagramMaxScale);
  return typeScale.diagramTextPx * scale;
}
