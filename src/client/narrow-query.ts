/** Narrower windows than this get reveal's scroll view: every slide in order, readable on a phone. */
export const SCROLL_VIEW_BELOW_PX = 700;
/** The media query for that width; the narrow layout follows it. */
export const NARROW_QUERY = `(max-width: ${SCROLL_VIEW_BELOW_PX - 0.02}px)`;
