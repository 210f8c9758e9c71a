import type { RevealApi, RevealState } from 'reveal.js';
import { isSpeakerViewPreview, REPORTING_PREVIEW_QUERY } from './preview-frame.ts';

/** Our own messages between the deck's window and its upcoming-slide preview (reveal's are JSON strings). */
const SYNC_NAMESPACE = 'deck-speaker-view';

/** The upcoming-slide preview asks the deck's window where it is; the window answers with its state. */
type SyncMessage =
  | { namespace: typeof SYNC_NAMESPACE; type: 'state?' }
  | { namespace: typeof SYNC_NAMESPACE; type: 'state'; state: RevealState };

const isSyncMessage = (data: unknown): data is SyncMessage =>
  typeof data === 'object' && data !== null && (data as { namespace?: unknown }).namespace === SYNC_NAMESPACE;

/**
 * A deck opened from a file (the single file) has an opaque origin: Chromium says "file://" for
 * its own location but "null" for its messages, and a message aimed at either is never delivered.
 */
const fromFile = (): boolean => window.location.protocol === 'file:' || window.location.origin === 'null';
/** postMessage's target origin: this page's, or any for a deck opened from a file. */
const targetOrigin = (): string => (fromFile() ? '*' : window.location.origin);
/** A message from this deck's own origin (for a file, any opaque origin: other files only). */
const fromOwnOrigin = (event: MessageEvent): boolean =>
  fromFile() ? event.origin === 'null' || event.origin === 'file://' : event.origin === window.location.origin;

/**
 * The handshake between the deck's window and the speaker view's upcoming-slide preview, and what a
 * preview frame does besides showing the deck: loaded with the speaker view, or in a preview.
 */
export function startPreview(deck: RevealApi): void {
  syncUpcomingPreview(deck);
}

/**
 * In the upcoming-slide preview: once reveal listens, asks the deck's window for its state and
 * shows the step after it. reveal's speaker view sends the previews their first state as soon as
 * the *current*-slide frame is ready; a message posted to the upcoming frame before its deck
 * listens (still loading, or its document not even committed) is lost, and the frame stays on the
 * slide of its URL, the current one, until the next move.
 */
function syncUpcomingPreview(deck: RevealApi): void {
  if (!isSpeakerViewPreview(window.location.search) || REPORTING_PREVIEW_QUERY.test(window.location.search)) return;
  const deckWindow = (window.parent.opener as Window | null) ?? undefined;
  if (!deckWindow) return;
  window.addEventListener('message', (event) => {
    if (event.source !== deckWindow || !isSyncMessage(event.data) || event.data.type !== 'state') return;
    // What the speaker view itself does with each state: that slide, then one step on.
    deck.setState(event.data.state);
    deck.next();
  });
  deckWindow.postMessage({ namespace: SYNC_NAMESPACE, type: 'state?' } satisfies SyncMessage, targetOrigin());
}

/** In the deck's window: answers the upcoming-slide preview's question (see `syncUpcomingPreview`) with the deck's state. */
export function answerPreviews(deck: RevealApi): void {
  window.addEventListener('message', (event) => {
    if (!fromOwnOrigin(event) || !isSyncMessage(event.data) || event.data.type !== 'state?') return;
    // As the speaker view passes it on: the slide, step and pause, never the overview or a lightbox.
    const { indexh, indexv, indexf, paused } = deck.getState();
    const state: RevealState = { indexh, indexv, indexf, paused, overview: false };
    (event.source as Window | null)?.postMessage(
      { namespace: SYNC_NAMESPACE, type: 'state', state } satisfies SyncMessage,
      targetOrigin(),
    );
  });
}
