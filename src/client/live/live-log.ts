/**
 * What the deck's bundle (live-on.ts) and the live chunk both name, in a module of its own so that
 * the chunk never imports the bundle's entry back.
 */

/** Where a tab that went live keeps its session's ticket (sessionStorage), so that a reload resumes it. */
export const SESSION_ITEM = 'deck-live-session';

/** Says on the console what went wrong with live; the deck goes on. */
export const warn = (error: unknown): void => console.warn('live:', error);
