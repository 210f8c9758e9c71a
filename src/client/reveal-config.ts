import type { RevealConfig } from 'reveal.js';
import type { PrintOptions } from '../shared/print-options.ts';
import { SLIDE_TRANSITION } from '../shared/transitions.ts';
import { typeScale } from '../shared/type-scale.ts';
import { LIVE_KEY } from './live-key.ts';
import { SCROLL_VIEW_BELOW_PX } from './narrow-query.ts';

export interface DeckConfigInput {
  /** Slide size in pixels, from `slides/deck.yml` (or the phone layout's). */
  width: number;
  height: number;
  /** Centre each slide's content vertically (off in the phone layout). */
  center: boolean;
  /** The talk's length in seconds: the speaker view shows a pacing timer against it. */
  totalTime?: number;
  /** The viewer asked the OS for less motion. */
  reducedMotion: boolean;
  /** Opens the speaker view (bound to S). */
  openSpeakerView: () => void;
  print: PrintOptions;
  /**
   * reveal writes the slide's hash to the address bar. Off on the dev server's error page (rewriting
   * `#/step-3` to `#/0` there would lose the presenter's place for the reload after the fix) and in
   * the scroll view, where `ScrollViewLinks` writes it.
   */
  hash: boolean;
  /**
   * A narrow window gets reveal's scroll view. Off in the speaker view's previews, which must show
   * the slide as the audience sees it, however small the frame.
   */
  scrollView: boolean;
  /**
   * A speaker view's preview frame. The speaker view passes every key pressed in it to its
   * current-slide preview, where reveal's own L means "next slide", and a move there moves the
   * deck: in a preview L does nothing, from the first key on (live is in the deck's window).
   */
  preview: boolean;
}

/** Slide size of the narrow (phone) layout (`typeScale.narrow`). */
export const NARROW_SLIDE = { width: typeScale.narrow.width, height: typeScale.narrow.height } as const;
const KEY_S = 83;

/** The one reveal.js configuration of the deck; options not set here keep reveal's defaults. */
export function deckConfig({
  width,
  height,
  center,
  totalTime,
  reducedMotion,
  openSpeakerView,
  print,
  hash,
  scrollView,
  preview,
}: DeckConfigInput): RevealConfig {
  const transition = reducedMotion ? 'none' : SLIDE_TRANSITION;
  const keyboard: Record<number, () => void> = { [KEY_S]: () => openSpeakerView() };
  if (preview) keyboard[LIVE_KEY.keyCode] = () => undefined;
  return {
    width,
    height,
    // No margin: the slide box is exactly width × height, on screen and on the PDF page.
    margin: 0,
    center,
    // Deep links: `#/step-2` by id, `#/5` by zero-based number. Not `hashOneBasedIndex`: the speaker
    // view's preview frames build zero-based hashes and would pull the deck one slide back.
    hash,
    history: false,
    controls: true,
    controlsTutorial: false,
    progress: true,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    overview: true,
    touch: true,
    keyboard,
    transition,
    backgroundTransition: transition,
    // 0: never (reveal switches it on at widths up to this one).
    scrollActivationWidth: scrollView ? SCROLL_VIEW_BELOW_PX : 0,
    // Each slide as tall as it is, not a full screen each: less blank scrolling on a phone.
    scrollLayout: 'compact',
    // Free scrolling, like a page: the compact layout snaps a slide to the screen's centre, which
    // leaves the slide before it in view at the top.
    scrollSnap: false,
    // A handout shows each slide once, whole.
    pdfSeparateFragments: print.separateFragments && !print.handout,
    // Pacing: each slide's share is its section's data-timing, written at build time.
    ...(totalTime ? { totalTime } : {}),
  };
}
