import './narrow-layout.css';
import type { RevealApi } from 'reveal.js';
import { NARROW_QUERY, NARROW_SLIDE } from './reveal-config.ts';

/** Class on `<html>` while the narrow layout is on; the theme sizes text and diagrams by it. */
export const NARROW_CLASS = 'deck-narrow';
/** Diagrams scroll sideways in the narrow layout; a scrolling region must take keyboard focus. */
const SCROLLING_DIAGRAMS = 'figure.diagram';

interface Size {
  width: number;
  height: number;
}

/**
 * On a narrow window (a phone), reveal's scroll view would shrink the 1280-pixel slides to a third.
 * This gives the deck a phone-sized slide instead, and the deck's own size back when the window widens.
 */
export class NarrowLayout {
  private readonly query = window.matchMedia(NARROW_QUERY);
  private readonly wide: Size;

  constructor(wide: Size) {
    this.wide = wide;
  }

  /** The slide size for the window as it is now; marks `<html>` to match. */
  size(): Size {
    const narrow = this.query.matches;
    document.documentElement.classList.toggle(NARROW_CLASS, narrow);
    for (const figure of document.querySelectorAll(SCROLLING_DIAGRAMS)) {
      if (narrow) figure.setAttribute('tabindex', '0');
      else figure.removeAttribute('tabindex');
    }
    return narrow ? NARROW_SLIDE : this.wide;
  }

  /** Follows the window across the breakpoint. */
  watch(deck: RevealApi): void {
    this.query.addEventListener('change', () => deck.configure(this.size()));
  }
}
