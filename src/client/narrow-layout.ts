import './narrow-layout.css';
import type { RevealApi } from 'reveal.js';
import { NARROW_QUERY, NARROW_SLIDE } from './reveal-config.ts';
import type { ScrollViewLinks } from './scroll-view-links.ts';

/** Class on `<html>` while the narrow layout is on; the theme sizes text and diagrams by it. */
export const NARROW_CLASS = 'deck-narrow';
/** Diagrams scroll sideways in the narrow layout; a scrolling region must take keyboard focus. */
const SCROLLING_DIAGRAMS = 'figure.diagram';

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

  /** `wide`: the deck's own size, and whether reveal writes the hash there. */
  constructor(wide: WidthOptions) {
    this.wide = wide;
  }

  /** The options for the window as it is now; marks `<html>` to match. */
  options(): WidthOptions {
    const narrow = this.query.matches;
    document.documentElement.classList.toggle(NARROW_CLASS, narrow);
    return narrow ? { ...NARROW_SLIDE, hash: false, center: false } : this.wide;
  }

  /** Follows the window across the breakpoint, keeping the slide that was in view. */
  watch(deck: RevealApi, links: ScrollViewLinks): void {
    this.markDiagrams();
    this.query.addEventListener('change', () => {
      deck.configure(this.options());
      // Leaving the scroll view puts back the slides' HTML as it was when it started.
      this.markDiagrams();
      links.keepPlace();
    });
  }

  private markDiagrams(): void {
    for (const figure of document.querySelectorAll(SCROLLING_DIAGRAMS)) {
      if (this.query.matches) figure.setAttribute('tabindex', '0');
      else figure.removeAttribute('tabindex');
    }
  }
}
