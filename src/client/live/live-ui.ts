import { renderSVG } from 'uqr';
// As text, put in by the page: the chunk then has no stylesheet to preload, and loads alone.
import liveCss from './live.css?inline';
import { element } from '../element.ts';

const style = document.createElement('style');
style.textContent = liveCss;
document.head.append(style);

/** A QR code of `text` as inline SVG, drawn in the browser. */
export function qrCode(text: string, label: string): HTMLElement {
  const holder = element('div', 'live-qr');
  holder.innerHTML = renderSVG(text, { border: 2 });
  const svg = holder.querySelector('svg')!;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return holder;
}

/** The presenter's overlay: the follow link as text and QR code, for the projector. */
export class LiveOverlay {
  private readonly root = element('div', 'live-overlay');
  private readonly status = element('p', 'live-overlay-status');
  /** What the presenter should know beyond the link's status (a session this tab cannot keep). */
  private readonly note = element('p', 'live-overlay-note');
  private readonly close = element('button', 'live-close', 'Close');
  /** Where focus was before the overlay took it, given back when it hides. */
  private returnFocus: Element | null = null;

  constructor(link: string, onClose: () => void) {
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-modal', 'true');
    this.root.setAttribute('aria-label', 'Follow this talk live');
    this.root.hidden = true;
    const anchor = element('a', 'live-link', link);
    anchor.href = link;
    const close = this.close;
    close.type = 'button';
    close.addEventListener('click', onClose);
    this.root.append(
      element('h2', '', 'Follow this talk on your device'),
      qrCode(link, 'QR code of the follow link'),
      anchor,
      this.status,
      this.note,
      close,
    );
    document.body.append(this.root);
  }

  get shown(): boolean {
    return !this.root.hidden;
  }

  toggle(show = !this.shown): void {
    if (show === this.shown) return;
    this.root.hidden = !show;
    if (show) {
      this.returnFocus = document.activeElement;
      this.close.focus();
    } else if (this.returnFocus instanceof HTMLElement) {
      this.returnFocus.focus();
    }
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  setNote(text: string): void {
    this.note.textContent = text;
  }
}

/** On `<html>` while a live bar is up: the deck is laid out under the bar's strip (live.css). */
const BAR_ATTRIBUTE = 'data-live-bar';

/**
 * Lays the deck out again in the room the live bars leave it: reveal.js measures its room when the
 * window resizes, as the strip above the deck comes or goes.
 */
function makeRoomForBars(): void {
  document.documentElement.toggleAttribute(BAR_ATTRIBUTE, document.querySelector('.live-bar') !== null);
  window.dispatchEvent(new Event('resize'));
}

/**
 * A small badge (presenter) or banner (follower) with an optional button, in a strip of its own
 * above the deck: never over a slide, on a projector or a phone.
 */
export class LiveBar {
  readonly root: HTMLElement;
  private readonly text = element('span', 'live-bar-text');
  private readonly button = element('button', 'live-bar-button');

  constructor(className: string, onButton?: () => void) {
    this.root = element('div', `live-bar ${className}`);
    this.root.setAttribute('role', 'status');
    this.button.type = 'button';
    this.button.hidden = true;
    if (onButton) this.button.addEventListener('click', onButton);
    this.root.append(this.text, this.button);
    document.body.append(this.root);
    makeRoomForBars();
  }

  remove(): void {
    this.root.remove();
    makeRoomForBars();
  }

  show(text: string, button?: string): void {
    this.text.textContent = text;
    this.button.hidden = button === undefined;
    this.button.textContent = button ?? '';
  }
}
