import type { RevealApi } from 'reveal.js';
import { connectBroker, type BrokerLink, type BrokerStatus } from './broker.ts';
import { loadSession, saveSession, type StoredSession } from './key-store.ts';
import { LiveBar, LiveOverlay } from './live-ui.ts';
import {
  encodeTicket,
  FOLLOW_PARAM,
  HEARTBEAT_MS,
  liveTopic,
  newKeyPair,
  newSessionId,
  signState,
  type LiveState,
} from './protocol.ts';
import type { LiveConfig } from './live.ts';

const STATUS_TEXT: Record<BrokerStatus, string> = {
  connecting: 'Live · connecting…',
  live: 'Live',
  reconnecting: 'Live · offline, retrying…',
};
const SLIDE_EVENTS = ['slidechanged', 'fragmentshown', 'fragmenthidden'] as const;

/**
 * The presenter's side: going live makes a key pair in this browser, shows the follow link, and
 * publishes every slide and fragment change, signed and retained, plus a heartbeat. Nothing here
 * waits on the broker: presenting goes on whatever the network does.
 */
export class LivePresenter {
  private readonly deck: RevealApi;
  private readonly config: LiveConfig;
  private session: StoredSession | undefined;
  private broker: BrokerLink | undefined;
  private overlay: LiveOverlay | undefined;
  private seq = 0;

  constructor(deck: RevealApi, config: LiveConfig) {
    this.deck = deck;
    this.config = config;
  }

  /** Resumes the session this tab had before a reload, if any. */
  async resume(): Promise<void> {
    const saved = await loadSession().catch(() => undefined);
    if (saved) this.start(saved);
  }

  /** `L`: goes live the first time, then shows or hides the follow link. */
  async toggle(): Promise<void> {
    if (!this.session) {
      const { privateKey, publicKey } = await newKeyPair();
      const session = { ticket: { session: newSessionId(), publicKey }, privateKey };
      await saveSession(session).catch(() => undefined);
      this.start(session);
    }
    this.overlay?.toggle();
  }

  /** The link followers open: this deck, with the session and the public key. */
  followLink(): string {
    const url = new URL(window.location.href);
    url.hash = '';
    url.search = `?${FOLLOW_PARAM}=${encodeTicket(this.session!.ticket)}`;
    return url.href;
  }

  private start(session: StoredSession): void {
    this.session = session;
    const badge = new LiveBar('presenter', () => void this.toggle());
    this.overlay = new LiveOverlay(this.followLink(), () => this.overlay?.toggle(false));
    const topic = liveTopic(this.config.slug, session.ticket.session);
    this.broker = connectBroker({
      url: this.config.broker,
      onStatus: (status) => {
        badge.show(STATUS_TEXT[status], 'Follow link');
        this.overlay?.setStatus(STATUS_TEXT[status]);
        // A new connection gets the current state retained at once.
        if (status === 'live') void this.publish();
      },
    });
    for (const event of SLIDE_EVENTS) this.deck.on(event, () => void this.publish());
    // Keeps the retained state within a follower's age limit while the presenter stays on a slide.
    window.setInterval(() => void this.publish(), HEARTBEAT_MS);
    void this.publish(topic);
  }

  private async publish(topic = liveTopic(this.config.slug, this.session!.ticket.session)): Promise<void> {
    const { h, v, f } = this.deck.getIndices();
    // Milliseconds since the epoch, at least one more than the last: rises across a reload too.
    this.seq = Math.max(this.seq + 1, Date.now());
    const state: LiveState = { h, v: v ?? 0, f: f ?? -1, seq: this.seq, at: Date.now() };
    await this.broker?.publishRetained(topic, await signState(state, this.session!.privateKey));
  }
}
