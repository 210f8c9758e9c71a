/** Set on `<html>` once the deck can be looked at, measured or printed; every script and test waits on it. */
export const READY_ATTRIBUTE = 'data-deck-ready';

/** The element that carries the ready signal, as a selector: what scripts and tests wait for. */
export const READY_SELECTOR = `html[${READY_ATTRIBUTE}]`;

/** A performance mark at the same moment, for the benchmark's "time until the slide shows". */
export const READY_MARK = 'deck-ready';
