import { diagramMaxScale, typeScale } from '../../shared/type-scale.ts';

export interface Size {
  width: number;
  height: number;
}

/** Where a diagram is shown: the room the theme gives it, and the text it must read beside. */
export interface DiagramLayout {
  /** What the layout is, for messages: `on a 1280×720 slide`. */
  name: string;
  /** The room under a one-line heading, in slide pixels. */
  room: Size;
  /** The body text there, in slide pixels. */
  bodyPx: number;
  /** The size Mermaid drew the diagram's text at, in the drawing's own units. */
  drawingTextPx: number;
}

/** The height a one-line heading takes with the space under it, beside body text of `bodyPx`. */
const headingRoomPx = (bodyPx: number): number =>
  bodyPx * typeScale.headingEm * (typeScale.headingLineHeight + typeScale.headingMarginEm);

/** The deck's own slide (`deck.yml`'s size): the room a diagram slide leaves under its heading. */
export function wideLayout(slide: Size): DiagramLayout {
  return {
    name: `on a ${slide.width}×${slide.height} slide`,
    room: {
      width: slide.width - 2 * typeScale.slidePaddingPx,
      height:
        slide.height -
        typeScale.diagramSlidePaddingTopPx -
        typeScale.diagramSlidePaddingBottomPx -
        headingRoomPx(typeScale.bodyPx),
    },
    bodyPx: typeScale.bodyPx,
    drawingTextPx: typeScale.diagramTextPx,
  };
}

/**
 * The phone layout (`typeScale.narrow`): the diagram fits the screen's width. `drawingTextPx`: the
 * narrow variant's text size, or the deck's when the diagram's own drawing is shown there.
 */
export function narrowLayout(drawingTextPx: number): DiagramLayout {
  const { width, height, bodyPx, slidePaddingPx, paddingTopPx } = typeScale.narrow;
  return {
    name: `on a phone (a ${width}-px slide)`,
    room: {
      width: width - 2 * slidePaddingPx,
      height: height - 2 * paddingTopPx - headingRoomPx(bodyPx),
    },
    bodyPx,
    drawingTextPx,
  };
}

/** The smallest size a diagram's text may show at in `layout`, in slide pixels. */
export const smallestTextPx = (layout: DiagramLayout): number => layout.bodyPx * typeScale.textMin;

/**
 * The size, in slide pixels, a diagram's text will show at in `layout`: the theme scales the
 * drawing (`drawing`, its viewBox) to the room, but never its text past `diagramTextMax` of the body
 * text. Text before or after the diagram leaves less room.
 */
export function shownTextPx(drawing: Size, layout: DiagramLayout): number {
  const maxScale = diagramMaxScale(layout.bodyPx, layout.drawingTextPx);
  const scale = Math.min(layout.room.width / drawing.width, layout.room.height / drawing.height, maxScale);
  return layout.drawingTextPx * scale;
}
