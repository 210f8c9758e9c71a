import type { RevealApi } from 'reveal.js';
import { connectBroker, type BrokerLink, type BrokerLogin, type BrokerStatus } from './broker.ts';
import { loadSession, saveSession, UNKEPT_SESSION, type StoredSession } from './key-store.ts';
import { askPassword, LiveBar, LiveOverlay, PAIRING_OVERLAY, SpeakerViewControls } from './live-ui.ts';
import { PairedRemote } from './paired-remote.ts';
import { HEARTBEAT_MS, liveTopic, newKeyPair, newSessionId, nextSeq, signState, type LiveState } from './protocol.ts';
import { remoteTopic } from './remote-protocol.ts';
import type { LiveConfig } from '../../shared/live-config.ts';
import { warn } from './live-log.ts';
import { encodePairing, encodeTicket, type Pairing } from './ticket.ts';
import { FOLLOW_PARAM, REMOTE_PARAM } from '../live-key.ts';

const STATUS_TEXT: Record<BrokerStatus, string> = {
  connecting: 'Live · connecting…',
  live: 'Live',
  reconnecting: 'Live · offline, retrying…',
  refused: 'Live · the broker refused the password',
};
/** Where a tab keeps the broker password it was given: sessionStorage, so this tab only, until it closes. */
const PASSWORD_ITEM = 'deck-live-password';

/** What followers and the remote are told of: a move, a step, the screen blacked out or back. */
const DECK_EVENTS = ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed'] as const;

/**
 * The presenter's side: going live makes a key pair in this browser, shows the follow link, and
 * publishes every slide and fragment change, signed and retained, plus a heartbeat. It also takes
 * the paired phone remote's commands. Nothing here waits on the broker: presenting goes on
 * whatever the network does.
 */
export class LivePresenter {
  private readonly deck: RevealApi;
  private readonly config: LiveConfig;
  private session: StoredSession | undefined;
  private broker: BrokerLink | undefined;
  private overlay: LiveOverlay | undefined;
  private seq = 0;
  private topic = '';
  /** The speaker view's buttons, while its window is open: the live one follows the status. */
  private controls: SpeakerViewControls | undefined;
  private readonly remote: PairedRemote;
  /** The remote's pairing code, while it is up (on the deck, or in the speaker view's window). */
  private pairingOverlay: LiveOverlay | undefined;
  private status: BrokerStatus | undefined;
  private going: Promise<void> | undefined;
  private badge: LiveBar | undefined;

  constructor(deck: RevealApi, config: LiveConfig) {
    this.deck = deck;
    this.config = config;
    this.remote = new PairedRemote(deck, (action) => {
      // The phone opened the link: the code has done its job.
      if (action === 'hello') this.closePairing();
      void this.publish();
    });
  }

  /** Resumes the session this tab had before a reload (live-on calls this only when there was one). */
  resume(): Promise<void> {
    return this.live().then(() => undefined);
  }

  /** `L`: goes live the first time, then shows or hides the follow link. */
  async toggle(doc: Document = document): Promise<void> {
    if (await this.live(doc)) this.overlay?.toggle();
  }

  /**
   * `R`, or the speaker view's "Pair phone": goes live if need be, then shows a new pairing code in
   * `doc`'s window. The phone paired before can no longer drive the deck.
   */
  async pairRemote(doc: Document = document): Promise<void> {
    if (!(await this.live(doc))) return;
    this.closePairing();
    const overlay = new LiveOverlay(
      this.remoteLink(this.remote.pair()),
      () => this.closePairing(),
      PAIRING_OVERLAY,
      doc,
    );
    overlay.toggle(true);
    this.pairingOverlay = overlay;
    // The old phone learns from the next state that it was unpaired.
    void this.publish();
  }

  private closePairing(): void {
    this.pairingOverlay?.toggle(false);
    this.pairingOverlay?.remove();
    this.pairingOverlay = undefined;
  }

  /**
   * Live, in this tab's session (the one from before a reload, or a new one); false if the presenter
   * cancelled signing in. One try at a time: L pressed twice while going live makes one session, and
   * a try that failed (no WebCrypto on a plain-http page) may be made again. `doc` is the window
   * that asked, where the password dialog shows.
   */
  private async live(doc: Document = document): Promise<boolean> {
    if (!this.session) {
      this.going ??= this.goLive(doc).finally(() => (this.going = undefined));
      await this.going;
    }
    return this.session !== undefined;
  }

  private async goLive(doc: Document): Promise<void> {
    const saved = await loadSession().catch((error: unknown) => {
      // The tab went live before, but its key cannot be read back: a new session starts, whose
      // follow link is a new one. Said, not swallowed.
      warn(`this tab's live session could not be resumed (${String(error)}); starting a new one`);
      return undefined;
    });
    const login = await this.brokerLogin(doc);
    if ('cancelled' in login) return;
    if (saved) {
      this.start(saved, login.login);
      return;
    }
    const { privateKey, publicKey } = await newKeyPair();
    const session = { ticket: { session: newSessionId(), publicKey }, privateKey };
    // A pairing belongs to a session: a new one starts with no phone.
    this.remote.unpair();
    const kept = await saveSession(session).then(
      () => true,
      (error: unknown) => {
        warn(`this tab cannot keep the live session for a reload (${String(error)})`);
        return false;
      },
    );
    this.start(session, login.login);
    // Live works; only a reload of this tab would start a new session with a new link.
    if (!kept) this.overlay?.setNote(UNKEPT_SESSION);
  }

  /** Adds the live buttons to the speaker view's window ("Go live", "Pair phone"). */
  addControl(popup: Window): void {
    this.controls = new SpeakerViewControls(popup.document, {
      onLive: () => void this.toggle(popup.document).catch(warn),
      onPair: () => void this.pairRemote(popup.document).catch(warn),
    });
    this.controls.setStatus(this.status && STATUS_TEXT[this.status]);
  }

  /** A link to this deck with `param` set to the session's ticket (and the hash, if given). */
  private link(param: string, hash = ''): string {
    const url = new URL(window.location.href);
    url.search = `?${param}=${encodeTicket(this.session!.ticket)}`;
    url.hash = hash;
    return url.href;
  }

  /** The link followers open: this deck, with the session and the public key. */
  followLink(): string {
    return this.link(FOLLOW_PARAM);
  }

  /** The link the phone remote opens: the follow ticket, and the pairing only in the fragment. */
  private remoteLink(pairing: Pairing): string {
    return this.link(REMOTE_PARAM, encodePairing(pairing));
  }

  /**
   * The account to publish with, where the deck names one (`live.user`): the password this tab was
   * given, or the presenter's answer in `doc`'s window; none (anonymous) without a user.
   */
  private async brokerLogin(doc: Document, note?: string): Promise<{ login?: BrokerLogin } | { cancelled: true }> {
    const username = this.config.user;
    if (!username) return {};
    const password =
      (note ? undefined : sessionStorage.getItem(PASSWORD_ITEM)) ?? (await askPassword(username, note, doc));
    if (password === undefined) return { cancelled: true };
    sessionStorage.setItem(PASSWORD_ITEM, password);
    return { login: { username, password } };
  }

  /** The broker refused the password: asks again, and connects with the new one. */
  private async signInAgain(): Promise<void> {
    const login = await this.brokerLogin(document, 'The broker refused that password. Try again:');
    if ('cancelled' in login) return;
    await this.broker?.close();
    this.connect(login.login);
  }

  private connect(login: BrokerLogin | undefined): void {
    this.broker = connectBroker({
      url: this.config.broker,
      login,
      subscription: {
        topic: remoteTopic(this.config.slug, this.session!.ticket.session),
        onMessage: (payload) => this.remote.receive(payload),
      },
      onStatus: (status) => {
        this.status = status;
        // A reload must not try a refused password again.
        if (status === 'refused') sessionStorage.removeItem(PASSWORD_ITEM);
        this.controls?.setStatus(STATUS_TEXT[status]);
        this.badge?.show(STATUS_TEXT[status], status === 'refused' ? 'Sign in' : 'Follow link');
        this.overlay?.setStatus(STATUS_TEXT[status]);
        // A new connection gets the current state retained at once.
        if (status === 'live') void this.publish();
      },
    });
  }

  private start(session: StoredSession, login: BrokerLogin | undefined): void {
    this.session = session;
    this.badge = new LiveBar(
      'presenter',
      () => void (this.status === 'refused' ? this.signInAgain() : this.toggle()).catch(warn),
    );
    this.overlay = new LiveOverlay(this.followLink(), () => this.overlay?.toggle(false));
    this.topic = liveTopic(this.config.slug, session.ticket.session);
    this.connect(login);
    for (const event of DECK_EVENTS) this.deck.on(event, () => void this.publish());
    // Keeps the retained state within a follower's age limit while the presenter stays on a slide.
    window.setInterval(() => void this.publish(), HEARTBEAT_MS);
    void this.publish();
  }

  private async publish(): Promise<void> {
    const { h, v, f } = this.deck.getIndices();
    this.seq = nextSeq(this.seq);
    const state: LiveState = {
      h,
      v: v ?? 0,
      f: f ?? -1,
      seq: this.seq,
      at: Date.now(),
      black: this.deck.isPaused(),
      ...this.remote.ids,
    };
    await this.broker?.publishRetained(this.topic, await signState(state, this.session!.privateKey));
  }
}
