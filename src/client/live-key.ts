/**
 * The presenter's key for live presenting (L). reveal binds L to "next slide" (its h/j/k/l keys):
 * the deck takes it over whether live is configured or not, so a presenter trying it never skips
 * a slide.
 */
export const LIVE_KEY = { keyCode: 76, key: 'L' } as const;

/** The presenter's key for pairing a phone as the remote (R, which reveal leaves free). */
export const REMOTE_KEY = { keyCode: 82, key: 'R' } as const;

/**
 * The phone remote's link parameter (`?remote=<ticket>#<pairing>`): the page lays its deck out for
 * the remote before the live code loads, so the deck's start needs it, not only the live chunk.
 */
export const REMOTE_PARAM = 'remote';

/**
 * The follow link's query parameter (`?follow=<ticket>`): a follower's first screen is the
 * presenter's slide, which the deck's start must know before the live code loads.
 */
export const FOLLOW_PARAM = 'follow';
