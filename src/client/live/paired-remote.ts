import type { RevealApi } from 'reveal.js';
import { newPairing, pairingKey, verifyCommand, type RemoteAction } from './remote-protocol.ts';
import type { Pairing } from './ticket.ts';

/** Where a tab keeps its remote's pairing and the last command applied, so a reload keeps the phone paired. */
const PAIRING_ITEM = 'deck-live-remote';
/** Why the last remote command was refused (`Rejection`), on `<html>`, for whoever debugs it. */
const REJECTED_ATTRIBUTE = 'data-remote-rejected';

interface SavedPairing {
  pairing: Pairing;
  lastSeq: number;
}

/** What each command does to the deck: reveal's own moves (fragments included) and its pause, a black screen. */
const APPLY: Record<RemoteAction, (deck: RevealApi) => void> = {
  hello: () => undefined,
  next: (deck) => deck.next(),
  prev: (deck) => deck.prev(),
  black: (deck) => deck.togglePause(true),
  unblack: (deck) => deck.togglePause(false),
};

/**
 * The deck's side of the phone remote: one pairing at a time (a new one revokes the one before),
 * and the commands that verify against it applied to the deck, each once and in order.
 */
export class PairedRemote {
  private readonly deck: RevealApi;
  private readonly onCommand: (action: RemoteAction) => void;
  private saved: SavedPairing | undefined;
  private key: Promise<CryptoKey> | undefined;
  /** Checks run one after another: a later command never overtakes an earlier one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(deck: RevealApi, onCommand: (action: RemoteAction) => void) {
    this.deck = deck;
    this.onCommand = onCommand;
    const saved = sessionStorage.getItem(PAIRING_ITEM);
    if (saved) this.use(JSON.parse(saved) as SavedPairing);
  }

  /** The pairing's id, which the deck's states carry; undefined while no phone is paired. */
  get id(): string | undefined {
    return this.saved?.pairing.id;
  }

  /** A new pairing, for a phone to take from the link: the phone paired before can drive no more. */
  pair(): Pairing {
    const pairing = newPairing();
    this.use({ pairing, lastSeq: 0 });
    return pairing;
  }

  /** A message on the remote's topic: applied if the paired phone sent it, just now, and not before. */
  receive(payload: Uint8Array): void {
    const key = this.key;
    if (!key) return;
    this.queue = this.queue.then(async () => {
      const result = await verifyCommand(payload, await key, { lastSeq: this.saved?.lastSeq ?? 0 });
      // Paired again while this one was checked: it was the old phone's.
      if (key !== this.key || !this.saved) return;
      if ('rejected' in result) {
        document.documentElement.setAttribute(REJECTED_ATTRIBUTE, result.rejected);
        return;
      }
      this.saved.lastSeq = result.command.seq;
      sessionStorage.setItem(PAIRING_ITEM, JSON.stringify(this.saved));
      APPLY[result.command.action](this.deck);
      this.onCommand(result.command.action);
    });
  }

  private use(saved: SavedPairing): void {
    this.saved = saved;
    this.key = pairingKey(saved.pairing);
    sessionStorage.setItem(PAIRING_ITEM, JSON.stringify(saved));
  }
}
