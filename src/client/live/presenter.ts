import type { RevealApi } from 'reveal.js';
import { connectBroker, type BrokerLink, type BrokerStatus } from './broker.ts';
import { loadSession, saveSession, UNKEPT_SESSION, type StoredSession } from './key-store.ts';
import { LiveBar, LiveOverlay } from './live-ui.ts';
import { HEARTBEAT_MS, liveTopic, newKeyPair, newSessionId, signState, type LiveState } from './protocol.ts';
import type { LiveConfig } from '../../shared/live-config.ts';
import { FOLLOW_PARAM, warn } from './live-on.ts';
import { encodeTicket } from './ticket.ts';

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
  private topic = '';
  /** The speaker view's button, while its window is open: it follows the status. */
  private control: HTMLButtonElement | undefined;
  private status: BrokerStatus | undefined;
  private resumed: Promise<void> | undefined;
  private going: Promise<void> | undefined;

  constructor(deck: RevealApi, config: LiveConfig) {
    this.deck = deck;
    this.config = config;
  }

  /** Resumes the session this tab had before a reload, if any: once, however often it is asked. */
  resume(): Promise<void> {
    this.resumed ??= loadSession()
      .catch((error: unknown) => {
        // The tab went live before, but its key cannot be read back: the next L starts a new
        // session, whose follow link is a new one. Said, not swallowed.
        warn(`this tab's live session could not be resumed (${String(error)}); L starts a new one`);
        return undefined;
      })
      .then((saved) => saved && this.start(saved))
      .catch((error: unknown) => {
        this.resumed = undefined;
        throw error;
      });
    return this.resumed;
  }

  /** `L`: goes live the first time, then shows or hides the follow link. */
  async toggle(): Promise<void> {
    // A session from before a reload comes first; L pressed twice while going live makes one session.
    await this.resume();
    if (!this.session) {
      // One try at a time; one that failed (no WebCrypto on a plain-http page) may be tried again.
      this.going ??= this.goLive().finally(() => (this.going = undefined));
      await this.going;
    }
    this.overlay?.toggle();
  }

  private async goLive(): Promise<void> {
    const { privateKey, publicKey } = await newKeyPair();
    const session = { ticket: { session: newSessionId(), publicKey }, privateKey };
    const kept = await saveSession(session).then(
      () => true,
      (error: unknown) => {
        warn(`this tab cannot keep the live session for a reload (${String(error)})`);
        return false;
      },
    );
    this.start(session);
    // Live works; only a reload of this tab would start a new session with a new link.
    if (!kept) this.overlay?.setNote(UNKEPT_SESSION);
  }

  /**
   * Adds a "Go live" button to the speaker view's window: it acts in this window, so the follow link
   * shows on the projector, not on the presenter's screen.
   */
  addControl(popup: Window): void {
    const button = popup.document.createElement('button');
    button.type = 'button';
    button.className = 'deck-go-live';
    Object.assign(button.style, {
      position: 'fixed',
      right: '10px',
      bottom: '10px',
      zIndex: '20',
      padding: '6px 14px',
      font: '600 15px system-ui, sans-serif',
    });
    button.addEventListener('click', () => void this.toggle().catch(warn));
    popup.document.body.append(button);
    this.control = button;
    this.renderControl();
  }

  private renderControl(): void {
    if (!this.control) return;
    this.control.textContent = this.status ? `${STATUS_TEXT[this.status]} · show or hide the link` : 'Go live';
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
    const badge = new LiveBar('presenter', () => void this.toggle().catch(warn));
    this.overlay = new LiveOverlay(this.followLink(), () => this.overlay?.toggle(false));
    this.topic = liveTopic(this.config.slug, session.ticket.session);
    this.broker = connectBroker({
      url: this.config.broker,
      onStatus: (status) => {
        this.status = status;
        this.renderControl();
        badge.show(STATUS_TEXT[status], 'Follow link');
        this.overlay?.setStatus(STATUS_TEXT[status]);
        // A new connection gets the current state retained at once.
        if (status === 'live') void this.publish();
      },
    });
    for (const event of SLIDE_EVENTS) this.deck.on(event, () => void this.publish());
    // Keeps the retained state within a follower's age limit while the presenter stays on a slide.
    window.setInterval(() => void this.publish(), HEARTBEAT_MS);
    void this.publish();
  }

  private async publish(): Promise<void> {
    const { h, v, f } = this.deck.getIndices();
    // Milliseconds since the epoch, at least one more than the last: rises across a reload too.
    this.seq = Math.max(this.seq + 1, Date.now());
    const state: LiveState = { h, v: v ?? 0, f: f ?? -1, seq: this.seq, at: Date.now() };
    await this.broker?.publishRetained(this.topic, await signState(state, this.session!.privateKey));
  }
}
