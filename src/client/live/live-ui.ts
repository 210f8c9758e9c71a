import { renderSVG } from 'uqr';
// As text, put in by the page: the chunk then has no stylesheet to preload, and loads alone.
import liveCss from './live.css?inline';
import { element } from '../element.ts';

/** The documents that have live's stylesheet: the deck's, and the speaker view's window once it shows an overlay. */
const styled = new WeakSet<Document>();
/** The deck's colours and font, which live's stylesheet uses: another window gets the deck's values. */
const DECK_PROPERTIES = ['--deck-text', '--deck-background', '--deck-accent', '--deck-font'] as const;

function addStyle(doc: Document): void {
  if (styled.has(doc)) return;
  const style = doc.createElement('style');
  style.textContent = liveCss;
  doc.head.append(style);
  if (doc !== document) {
    const deck = getComputedStyle(document.documentElement);
    for (const name of DECK_PROPERTIES) doc.documentElement.style.setProperty(name, deck.getPropertyValue(name));
  }
  styled.add(doc);
}
addStyle(document);

/** A QR code of `text` as inline SVG, drawn in the browser. */
function qrCode(text: string, label: string, doc: Document): HTMLElement {
  const holder = element('div', 'live-qr', undefined, doc);
  holder.innerHTML = renderSVG(text, { border: 2 });
  const svg = holder.querySelector('svg')!;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return holder;
}

/** What a link's overlay says: its dialog's name, its heading, its QR code's label, and a note under the link. */
export interface OverlayText {
  name: string;
  heading: string;
  qrLabel: string;
  note?: string;
}

/** The follow link, for the projector. */
export const FOLLOW_OVERLAY: OverlayText = {
  name: 'Follow this talk live',
  heading: 'Follow this talk on your device',
  qrLabel: 'QR code of the follow link',
};

/** The phone remote's pairing link, for the presenter's eyes. */
export const PAIRING_OVERLAY: OverlayText = {
  name: 'Pair your phone as the remote',
  heading: 'Scan with your phone to drive the deck',
  qrLabel: 'QR code of the remote link',
  note: 'The first phone to open this link drives the deck: show it to nobody else. Pairing again unpairs it.',
};

/** An overlay with a link as text and QR code: the follow link, or the remote's pairing link. */
export class LiveOverlay {
  private readonly root: HTMLElement;
  private readonly status: HTMLElement;
  /** What the presenter should know beyond the link's status (a session this tab cannot keep). */
  private readonly note: HTMLElement;
  private readonly close: HTMLButtonElement;
  /** Where focus was before the overlay took it, given back when it hides. */
  private returnFocus: Element | null = null;

  constructor(link: string, onClose: () => void, text = FOLLOW_OVERLAY, doc = document) {
    addStyle(doc);
    const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content?: string) =>
      element(tag, className, content, doc);
    this.root = make('div', 'live-overlay');
    this.status = make('p', 'live-overlay-status');
    this.note = make('p', 'live-overlay-note', text.note);
    this.close = make('button', 'live-close', 'Close');
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-modal', 'true');
    this.root.setAttribute('aria-label', text.name);
    this.root.hidden = true;
    const anchor = make('a', 'live-link', link);
    anchor.href = link;
    const close = this.close;
    close.type = 'button';
    close.addEventListener('click', onClose);
    this.root.append(
      make('h2', '', text.heading),
      qrCode(link, text.qrLabel, doc),
      anchor,
      this.status,
      this.note,
      close,
    );
    doc.body.append(this.root);
  }

  /** Takes the overlay off its page for good. */
  remove(): void {
    this.root.remove();
  }

  get shown(): boolean {
    return !this.root.hidden;
  }

  toggle(show = !this.shown): void {
    if (show === this.shown) return;
    this.root.hidden = !show;
    if (show) {
      this.returnFocus = this.root.ownerDocument.activeElement;
      this.close.focus();
    } else if (this.returnFocus && 'focus' in this.returnFocus) {
      (this.returnFocus as HTMLElement).focus();
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

/**
 * Asks the presenter for the broker account's password (the user name is the deck's `live.user`),
 * in a modal dialog over `doc`'s window (the deck's, or the speaker view's where they clicked);
 * undefined if they cancel. `note` says why it asks again.
 */
export function askPassword(user: string, note = '', doc: Document = document): Promise<string | undefined> {
  addStyle(doc);
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string) =>
    element(tag, className, text, doc);
  const dialog = make('dialog', 'live-login');
  dialog.setAttribute('aria-label', 'Sign in to the live broker');
  const form = make('form');
  form.method = 'dialog';
  const field = make('input');
  field.type = 'password';
  field.name = 'password';
  field.required = true;
  field.autocomplete = 'current-password';
  const label = make('label', '', `Broker password for “${user}”`);
  label.append(field);
  const cancel = make('button', '', 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => dialog.close());
  const submit = make('button', '', 'Go live');
  submit.value = 'go';
  const buttons = make('div', 'live-login-buttons');
  buttons.append(cancel, submit);
  form.append(
    make('h2', '', 'Go live'),
    make('p', 'live-login-note', note || 'Only the presenter may publish on this broker.'),
    label,
    buttons,
  );
  dialog.append(form);
  doc.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'go' && field.value ? field.value : undefined);
    });
    dialog.showModal();
  });
}

/**
 * The speaker view's live buttons, at its bottom right: "Go live" (then the link's status) and "Pair
 * phone". They act in that window: the follow link shows on the projector, the pairing code only
 * on the presenter's screen.
 */
export class SpeakerViewControls {
  private readonly live: HTMLButtonElement;

  constructor(doc: Document, { onLive, onPair }: { onLive: () => void; onPair: () => void }) {
    addStyle(doc);
    const bar = element('div', 'live-speaker-controls', undefined, doc);
    this.live = element('button', '', 'Go live', doc);
    const pair = element('button', '', 'Pair phone', doc);
    for (const button of [this.live, pair]) button.type = 'button';
    this.live.addEventListener('click', onLive);
    pair.addEventListener('click', onPair);
    bar.append(this.live, pair);
    doc.body.append(bar);
  }

  /** The live button's text: "Go live" before, the link's status after. */
  setStatus(status: string | undefined): void {
    this.live.textContent = status ? `${status} · show or hide the link` : 'Go live';
  }
}
