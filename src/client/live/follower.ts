import type { RevealApi } from 'reveal.js';
import type { ScrollViewLinks } from '../scroll-view-links.ts';
import { connectBroker, type BrokerLink, type BrokerStatus } from './broker.ts';
import { DAMAGED_FOLLOW_LINK, followerBanner } from './follower-status.ts';
import { LiveBar } from './live-ui.ts';
import { HEARTBEAT_MS, importPublicKey, liveTopic, type LiveState } from './protocol.ts';
import { stateReceiver } from './state-receiver.ts';
import type { FollowTicket } from './ticket.ts';
import type { LiveConfig } from '../../shared/live-config.ts';

/** A reader's own navigation: keys, clicks and taps on the deck, scrolling the phone layout. */
const USER_INPUT = ['keydown', 'wheel', 'touchstart', 'pointerdown'] as const;
const BAR = '.live-bar';

/**
 * A follower: applies the presenter's verified states (slide and fragment, or the slide's page in
 * the phone layout) until the reader navigates by hand, which pauses following; "Catch up" resumes.
 * A lost broker keeps the slide and says "reconnecting"; the retained state catches up on return.
 * The banner says only what it knows (`followerBanner`): waiting until a message verifies, offline
 * when none has for longer than a message may be old.
 */
export class LiveFollower {
  private readonly deck: RevealApi;
  private readonly links: ScrollViewLinks | undefined;
  private readonly bar: LiveBar;
  /** The last verified state; its number is the one a new message must exceed. */
  private latest: LiveState | undefined;
  private paused = false;
  private status: BrokerStatus = 'connecting';
  private readonly startedAt = Date.now();
  /** When the last newer state verified and was taken as the presenter's. */
  private verifiedAt: number | undefined;
  private clock: number | undefined;
  private broker: BrokerLink | undefined;

  constructor(deck: RevealApi, links: ScrollViewLinks | undefined) {
    this.deck = deck;
    this.links = links;
    this.bar = new LiveBar('follower', () => (this.paused ? this.catchUp() : this.stop()));
  }

  async start(config: LiveConfig, ticket: FollowTicket): Promise<void> {
    const key = await importPublicKey(ticket.publicKey).catch((error: unknown) => {
      // A link whose key was cut or mistyped follows nobody, and says so where the reader looks.
      this.bar.show(DAMAGED_FOLLOW_LINK);
      throw new Error(`the follow link's key is not a presenter's public key (${String(error)}); not following`);
    });
    for (const type of USER_INPUT) {
      window.addEventListener(
        type,
        (event) => {
          if (!(event.target instanceof Element && event.target.closest(BAR))) this.pause();
        },
        { capture: true, passive: true },
      );
    }
    this.render();
    this.broker = connectBroker({
      url: config.broker,
      onStatus: (status) => {
        this.status = status;
        this.render();
      },
      subscription: {
        topic: liveTopic(config.slug, ticket.session),
        onMessage: stateReceiver(key, (state) => {
          this.latest = state;
          this.verifiedAt = Date.now();
          if (!this.paused) this.apply(state);
          this.render();
        }),
      },
    });
    // The banner turns to "offline" once nothing has verified for longer than a message may be old.
    this.clock = window.setInterval(() => this.render(), HEARTBEAT_MS / 3);
  }

  private apply({ h, v, f, seq }: LiveState): void {
    if (this.links?.active()) this.links.show({ h, v });
    else this.deck.slide(h, v, f);
    document.documentElement.dataset.liveSeq = String(seq);
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.render();
  }

  private catchUp(): void {
    this.paused = false;
    if (this.latest) this.apply(this.latest);
    this.render();
  }

  /** Stops following for good: the banner and the connection go, the reader has the deck to themselves. */
  private stop(): void {
    this.paused = true;
    window.clearInterval(this.clock);
    this.bar.remove();
    void this.broker?.close();
  }

  private render(): void {
    const { text, button } = followerBanner({
      status: this.status,
      paused: this.paused,
      startedAt: this.startedAt,
      verifiedAt: this.verifiedAt,
      now: Date.now(),
    });
    this.bar.show(text, button);
  }
}
