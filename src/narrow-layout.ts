import type { RevealApi } from 'reveal.js';
import { NARROW_QUERY, NARROW_SLIDE } from './deck-config.ts';

/** Class on `<html>` while the narrow layout is on; the theme sizes text and diagrams by it. */
export const NARROW_CLASS = 'deck-narrow';

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
    document.documentElement.classList.toggle(NARROW_CLASS, this.query.matches);
    return this.query.matches ? NARROW_SLIDE : this.wide;
  }

  /** Follows the window across the breakpoint. */
  watch(deck: RevealApi): void {
    this.query.addEventListener('change', () => deck.configure(this.size()));
  }
}
