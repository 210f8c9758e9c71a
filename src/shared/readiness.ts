/** Set on `<html>` once the deck can be looked at, measured or printed; every script and test waits on it. */
export const READY_ATTRIBUTE = 'data-deck-ready';

/** The element that carries the ready signal, as a selector: what scripts and tests wait for. */
export const READY_SELECTOR = `html[${READY_ATTRIBUTE}]`;

/**
 * Set on `<html>` instead of the ready signal when the deck cannot be shown as built (an image that
 * does not load, a start that threw); its value says what went wrong, naming the slide's file.
 */
export const FAILED_ATTRIBUTE = 'data-deck-failed';

/**
 * What the page is still waiting for before it is ready ("fonts", "images: …"), so that a time
 * limit on the ready signal can say what it was waiting for.
 */
export const WAITING_ATTRIBUTE = 'data-deck-waiting';

/** The deck has said how it ended up: ready or failed. */
export const SETTLED_SELECTOR = `${READY_SELECTOR}, html[${FAILED_ATTRIBUTE}]`;

/** A performance mark at the same moment. */
export const READY_MARK = 'deck-ready';

/**
 * A performance mark once the first screen is shown: its fonts and images are in. The rest (every
 * slide's fonts, the styles of the overview and the overlays) loads after it, before the ready
 * signal; the benchmark's "first slide" is what came before this mark.
 */
export const SHOWN_MARK = 'deck-first-screen';
