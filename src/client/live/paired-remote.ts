import type { RevealApi } from 'reveal.js';
import { warn } from './live-log.ts';
import { importPublicKey } from './protocol.ts';
import {
  newPairing,
  pairingKey,
  phoneId,
  REMOTE_REJECTED_ATTRIBUTE,
  verifyCommand,
  type RemoteAction,
  type RemoteKeys,
} from './remote-protocol.ts';
import type { Pairing } from './ticket.ts';

/** Where a tab keeps its remote's pairing, its phone and the last command applied: a reload keeps the phone. */
const PAIRING_ITEM = 'deck-live-remote';

interface SavedPairing {
  pairing: Pairing;
  lastSeq: number;
  /** The public key of the phone that said hello first; undefined until one did. */
  phone?: string;
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
 * bound to the first phone that says hello with its secret; that phone's signed commands are
 * applied to the deck, each once and in order.
 */
export class PairedRemote {
  private readonly deck: RevealApi;
  private readonly onCommand: (action: RemoteAction) => void;
  private saved: SavedPairing | undefined;
  private keys: Promise<RemoteKeys> | undefined;
  /** Checks run one after another: a later command never overtakes an earlier one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(deck: RevealApi, onCommand: (action: RemoteAction) => void) {
    this.deck = deck;
    this.onCommand = onCommand;
    const saved = sessionStorage.getItem(PAIRING_ITEM);
    if (saved) this.use(JSON.parse(saved) as SavedPairing);
  }

  /** What the deck's states say of the remote: the pairing's id, and its phone's once one is bound. */
  get ids(): { pairing?: string; phone?: string } {
    const { pairing, phone } = this.saved ?? {};
    return { ...(pairing ? { pairing: pairing.id } : {}), ...(phone ? { phone: phoneId(phone) } : {}) };
  }

  /** A new pairing, for a phone to take from the link: the phone paired before can drive no more. */
  pair(): Pairing {
    const pairing = newPairing();
    this.use({ pairing, lastSeq: 0 });
    return pairing;
  }

  /** No pairing at all: a new live session starts with none. */
  unpair(): void {
    this.saved = undefined;
    this.keys = undefined;
    sessionStorage.removeItem(PAIRING_ITEM);
  }

  /** A message on the remote's topic: applied if the paired phone sent it, just now, and not before. */
  receive(payload: Uint8Array): void {
    if (!this.keys) return;
    this.queue = this.queue
      .then(async () => {
        // The keys as they are when its turn comes: a command right after the hello finds the phone bound.
        const keys = this.keys;
        if (!keys) return;
        const result = await verifyCommand(payload, await keys, { lastSeq: this.saved?.lastSeq ?? 0 });
        // Paired again (or bound) while this one was checked: it is judged no more.
        if (keys !== this.keys || !this.saved) return;
        if ('rejected' in result) {
          document.documentElement.setAttribute(REMOTE_REJECTED_ATTRIBUTE, result.rejected);
          return;
        }
        const { action, seq, phone } = result.command;
        const binds = action === 'hello' && !this.saved.phone;
        this.use({ ...this.saved, lastSeq: seq, ...(binds ? { phone } : {}) }, binds);
        APPLY[action](this.deck);
        this.onCommand(action);
      })
      // One failure (storage full, say) must not stop the commands after it.
      .catch(warn);
  }

  /** Takes `saved` as the pairing, kept for a reload; its keys are made anew when the pairing or its phone changed. */
  private use(saved: SavedPairing, newKeys = saved.pairing !== this.saved?.pairing): void {
    this.saved = saved;
    sessionStorage.setItem(PAIRING_ITEM, JSON.stringify(saved));
    if (!newKeys && this.keys) return;
    const { pairing, phone } = saved;
    this.keys = Promise.all([pairingKey(pairing), phone && importPublicKey(phone)]).then(([key, phoneKey]) => ({
      pairing: key,
      ...(phone && phoneKey ? { phone: { text: phone, key: phoneKey } } : {}),
    }));
  }
}
