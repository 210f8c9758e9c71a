import type { RevealApi } from 'reveal.js';
import { NARROW_QUERY } from './narrow-query.ts';
import { NARROW_SLIDE } from './reveal-config.ts';
import type { ScrollViewLinks } from './scroll-view-links.ts';

/** Class on `<html>` while the narrow layout is on; the theme sizes text and diagrams by it. */
export const NARROW_CLASS = 'deck-narrow';
/** reveal.js's class for a part shown step by step, and the mark of one the narrow layout shows whole. */
const FRAGMENT = 'fragment';
const SHOWN_WHOLE = 'data-deck-shown-whole';

/** The reveal.js options that change with the window's width. */
export interface WidthOptions {
  width: number;
  height: number;
  /** reveal writes the slide's hash: not in the scroll view, where `ScrollViewLinks` does. */
  hash: boolean;
  /** Slides centred vertically; in the scroll view each starts at the top of its page, as a link shows it. */
  center: boolean;
}

/**
 * On a narrow window (a phone), reveal's scroll view would shrink the 1280-pixel slides to a third.
 * This gives the deck a phone-sized slide instead, and the deck's own size back when the window widens.
 */
export class NarrowLayout {
  private readonly query = window.matchMedia(NARROW_QUERY);
  private readonly wide: WidthOptions;

  /**
   * `wide`: the deck's own size, and whether reveal writes the hash there. Construct it before
   * reveal.js starts: its resize listener must run before reveal's.
   */
  constructor(wide: WidthOptions) {
    this.wide = wide;
    this.showStepsWhole();
    // reveal switches its scroll view on or off in its own resize listener, before the media query
    // reports the change: the steps must be shown whole (or stepped again) before that.
    window.addEventListener('resize', () => this.showStepsWhole());
  }

  /** The options for the window as it is now; marks `<html>` to match. */
  options(): WidthOptions {
    const narrow = this.query.matches;
    document.documentElement.classList.toggle(NARROW_CLASS, narrow);
    // The scroll view scrolls the body, a scrolling region of its own: the keyboard must reach it
    // even on a deck with no link to tab to.
    if (narrow) document.body.setAttribute('tabindex', '0');
    else document.body.removeAttribute('tabindex');
    return narrow ? { ...NARROW_SLIDE, hash: false, center: false } : this.wide;
  }

  /** Follows the window across the breakpoint, keeping the slide that was in view. */
  watch(deck: RevealApi, links: ScrollViewLinks): void {
    this.query.addEventListener('change', () => {
      deck.configure(this.options());
      // Leaving the scroll view puts back the slides' HTML as it was when it started.
      this.showStepsWhole();
      links.keepPlace();
    });
  }

  /**
   * On a phone every slide shows whole, as a page to read: reveal's scroll view would otherwise make
   * each slide with steps a screen-tall page that unfolds as it scrolls by.
   */
  private showStepsWhole(): void {
    const narrow = this.query.matches;
    for (const part of document.querySelectorAll(narrow ? `.${FRAGMENT}` : `[${SHOWN_WHOLE}]`)) {
      part.classList.toggle(FRAGMENT, !narrow);
      part.toggleAttribute(SHOWN_WHOLE, narrow);
    }
  }
}
