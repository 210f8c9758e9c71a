import type { RevealApi } from 'reveal.js';
import { readSlideLink } from './slide-link.ts';

/** A slide's place in the deck, as reveal.js numbers it (zero-based). */
export interface SlideIndices {
  h: number;
  v: number;
}

/** reveal.js puts this class on its viewport while the scroll view (the phone layout) is on. */
const SCROLL_VIEW_CLASS = 'reveal-scroll';
/** Each slide of the scroll view sits in one of these. */
const SCROLL_PAGE = '.scroll-page';
/**
 * The slide in view is the one at the top of the screen, as a deep link shows it and as reveal.js
 * counts it; a page whose last pixels (a rounding's worth) are still on screen no longer is.
 */
const TOP_TOLERANCE_PX = 2;

/**
 * Deep links in reveal.js's scroll view: `#/step-2` or `#/5` opens with that slide's top at the top
 * of the screen, on load and on every later hash change, and the address bar follows the slide in
 * view (replaced, not pushed, so Back leaves the deck).
 *
 * Works around reveal.js 6.0's scroll view, which (1) when it switches itself on for a narrow window
 * during `initialize()`, shows the first slide and writes its hash before reading the one that was
 * opened, so every deep link lands on the title; (2) rewrites a number link to the slide's id; and
 * (3) places and tracks slides by their share of the scroll range, rounded to whole pixels, so a
 * slide at the top can count as the one before it (`narrow-layout.css` adds the spacer that makes
 * the shares match the pages). The deck turns reveal's hash writing off in the scroll view and
 * positions and follows slides by where their pages are.
 */
export class ScrollViewLinks {
  private readonly deck: RevealApi;
  /** Write the hash as the reader scrolls (off while the dev server shows an error page). */
  private readonly follow: boolean;
  private pendingFrame = 0;
  /** The slide the reader is at, kept across a switch between the scroll view and the slides. */
  private current: SlideIndices = { h: 0, v: 0 };

  constructor(deck: RevealApi, { follow }: { follow: boolean }) {
    this.deck = deck;
    this.follow = follow;
  }

  /** Shows the slide the page was opened on, then keeps links and the address bar in step. */
  start(): void {
    const { h, v } = this.deck.getIndices();
    this.current = { h, v: v ?? 0 };
    this.showLinked();
    // After reveal's own listener, which has already moved to about the right place.
    window.addEventListener('hashchange', () => this.showLinked());
    this.deck.getViewportElement()?.addEventListener('scroll', () => this.scheduleFollow(), { passive: true });
    this.deck.on('slidechanged', (event) => {
      const { indexh, indexv } = event as unknown as { indexh: number; indexv?: number };
      if (!this.active()) this.current = { h: indexh, v: indexv ?? 0 };
    });
  }

  /** After the window crossed the breakpoint: the slide the reader was at, in the view there is now. */
  keepPlace(): void {
    if (this.active()) this.show(this.current);
    else this.deck.slide(this.current.h, this.current.v);
  }

  /** True while reveal shows the scroll view. */
  active(): boolean {
    return this.deck.getViewportElement()?.classList.contains(SCROLL_VIEW_CLASS) ?? false;
  }

  /** Brings the slide at `indices` to the top of the scroll view (nothing outside the scroll view). */
  show(indices: SlideIndices | undefined): void {
    const viewport = this.deck.getViewportElement();
    const page = indices && this.pageAt(indices);
    if (!viewport || !page) return;
    this.current = indices;
    const offset = page.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
    // Up to the next whole pixel: a position a fraction short of the page shows the slide before it.
    viewport.scrollTop = Math.ceil(viewport.scrollTop + offset);
  }

  /** The slide in view in the scroll view; undefined outside it. */
  private inView(): SlideIndices | undefined {
    const viewport = this.deck.getViewportElement();
    if (!viewport || !this.active()) return undefined;
    const { top } = viewport.getBoundingClientRect();
    const line = top + TOP_TOLERANCE_PX;
    const page = Array.from(viewport.querySelectorAll(SCROLL_PAGE)).find((candidate) => {
      const rect = candidate.getBoundingClientRect();
      return rect.top <= line && rect.bottom > line;
    });
    const section = page?.querySelector('section');
    return section ? this.indicesOf(section) : undefined;
  }

  private showLinked(): void {
    this.show(this.linked(window.location.hash));
  }

  private pageAt({ h, v }: SlideIndices): HTMLElement | null {
    if (!this.active()) return null;
    const section = document.querySelector(`section[data-index-h="${h}"][data-index-v="${v}"]`);
    return section?.closest<HTMLElement>(SCROLL_PAGE) ?? null;
  }

  /** The slide a hash names, by number (zero-based, as reveal reads it) or by id. */
  private linked(hash: string): SlideIndices | undefined {
    const link = readSlideLink(hash);
    if (!link || !('id' in link)) return link;
    const section = document.getElementById(link.id)?.closest('section');
    return section ? this.indicesOf(section) : undefined;
  }

  /** The indices reveal's scroll view wrote on the slide. */
  private indicesOf(section: Element): SlideIndices {
    return { h: Number(section.getAttribute('data-index-h')), v: Number(section.getAttribute('data-index-v') ?? 0) };
  }

  private scheduleFollow(): void {
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      const inView = this.inView();
      if (!inView) return;
      this.current = inView;
      const linked = this.linked(window.location.hash);
      // A link that names the slide in view, by id or by number, stays as it was opened.
      if (!this.follow || (linked && linked.h === inView.h && linked.v === inView.v)) return;
      const section = this.pageAt(inView)?.querySelector('section');
      history.replaceState(history.state, '', `#/${section?.id || inView.h}`);
    });
  }
}
