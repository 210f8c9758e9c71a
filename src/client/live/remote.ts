import type { RevealApi } from 'reveal.js';
import type { LiveConfig } from '../../shared/live-config.ts';
import { connectBroker, type BrokerLink, type BrokerStatus } from './broker.ts';
import { phoneKeys } from './key-store.ts';
import { HEARTBEAT_MS, importPublicKey, liveTopic, nextSeq, type LiveState } from './protocol.ts';
import { stateReceiver } from './state-receiver.ts';
import { pairingKey, phoneId, remoteTopic, signCommand, type RemoteAction } from './remote-protocol.ts';
import { clock, pacing, remoteStatus } from './remote-status.ts';
import { RemoteScreen, type RemoteView } from './remote-ui.ts';
import type { FollowTicket, Pairing } from './ticket.ts';

/** Where the phone keeps its pairing (the link's fragment is dropped from the address bar) and its timer. */
const PAIRING_ITEM = 'deck-remote-pairing';
const TIMER_ITEM = 'deck-remote-started';
/** A slide's planned seconds (deck.yml `minutes`, shared out by weight), as the build writes it. */
const TIMING = 'timing';

/**
 * The pairing this phone uses: from the link's fragment (then taken out of the address bar and the
 * history, where the secret has no business), or from before a reload of this tab.
 */
export function remotePairing(fragment: Pairing | undefined): Pairing | undefined {
  if (fragment) {
    sessionStorage.setItem(PAIRING_ITEM, JSON.stringify(fragment));
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return fragment;
  }
  const saved = sessionStorage.getItem(PAIRING_ITEM);
  return saved ? (JSON.parse(saved) as Pairing) : undefined;
}

/** A remote link cut short or mistyped: the screen says so, and drives nothing. */
export function showBrokenRemoteLink(): void {
  new RemoteScreen({ onAction: () => undefined, onRestartTimer: () => undefined }).render({
    status: 'This remote link is incomplete: open the deck, press R, and scan the new code',
    canDrive: false,
    position: '',
    title: '',
    next: '',
    notes: undefined,
    timer: '',
    black: false,
  });
}

const headingOf = (slide: Element | undefined): string => slide?.querySelector('h1, h2, h3')?.textContent?.trim() ?? '';

/**
 * The presenter's phone as the remote: it shows where the deck is (from the deck's signed states,
 * laid out on this page's own copy of the deck), and sends the paired deck numbered commands
 * authenticated with the pairing secret.
 */
export class PhoneRemote {
  private readonly deck: RevealApi;
  private readonly pairing: Pairing;
  private readonly screen: RemoteScreen;
  private status: BrokerStatus = 'connecting';
  private latest: LiveState | undefined;
  private verifiedAt: number | undefined;
  private seq = 0;
  /** This phone's id, as the deck's states name the phone a pairing is bound to; empty until its key is ready. */
  private phone = '';
  /**
   * How far the deck's clock is ahead of this phone's (ms), as its states show: the most a state's
   * time exceeded its arrival, which approaches the true difference as fresh states come in.
   */
  private clockOffset: number | undefined;
  private broker: BrokerLink | undefined;
  private send: (action: RemoteAction) => Promise<void> = () => Promise.resolve();

  constructor(deck: RevealApi, pairing: Pairing) {
    this.deck = deck;
    this.pairing = pairing;
    this.screen = new RemoteScreen({
      onAction: (action) => void this.send(action),
      onRestartTimer: () => {
        sessionStorage.removeItem(TIMER_ITEM);
        this.render();
      },
    });
    this.render();
  }

  async start(config: LiveConfig, ticket: FollowTicket): Promise<void> {
    const [publicKey, pairing, phone] = await Promise.all([
      importPublicKey(ticket.publicKey),
      pairingKey(this.pairing),
      phoneKeys(this.pairing.id),
    ]);
    this.phone = phoneId(phone.publicKey);
    const topic = remoteTopic(config.slug, ticket.session);
    this.send = async (action) => {
      if (action !== 'hello' && !this.view().canDrive) return;
      // The talk's clock starts at the first move.
      if (action === 'next' || action === 'prev') {
        if (!sessionStorage.getItem(TIMER_ITEM)) sessionStorage.setItem(TIMER_ITEM, String(Date.now()));
      }
      this.seq = nextSeq(this.seq);
      const command = { action, seq: this.seq, at: Date.now() + (this.clockOffset ?? 0) };
      // The hello proves the link (the pairing's secret) and hands over this phone's key; the rest are signed with it.
      const message =
        action === 'hello'
          ? await signCommand({ ...command, phone: phone.publicKey }, pairing)
          : await signCommand(command, phone.privateKey);
      await this.broker?.publish(topic, message);
    };
    this.broker = connectBroker({
      url: config.broker,
      onStatus: (status) => {
        this.status = status;
        // A state from before this connection does not show that the deck is on the broker now (after
        // an outage it may come back later than the phone): until the deck's next state, a press
        // would be lost, so the buttons wait for it.
        this.verifiedAt = undefined;
        // Tells the deck this phone is here: its pairing code closes, and its answer is that state.
        if (status === 'live') void this.send('hello');
        this.render();
      },
      subscription: {
        topic: liveTopic(config.slug, ticket.session),
        onMessage: stateReceiver(publicKey, (state) => {
          const arrived = Date.now();
          this.latest = state;
          if (this.status === 'live') this.verifiedAt = arrived;
          this.clockOffset = Math.max(this.clockOffset ?? -Infinity, state.at - arrived);
          this.deck.slide(state.h, state.v, state.f);
          this.render();
        }),
      },
    });
    // The timer ticks, and the status turns to "offline" once the deck has been silent too long.
    window.setInterval(() => this.render(), Math.min(1000, HEARTBEAT_MS));
  }

  private view(): RemoteView {
    const status = remoteStatus({
      status: this.status,
      state: this.latest,
      pairing: this.pairing.id,
      phone: this.phone,
      verifiedAt: this.verifiedAt,
      now: Date.now(),
    });
    const slides = this.deck.getSlides();
    const current = this.latest ? this.deck.getCurrentSlide() : undefined;
    const index = current ? slides.indexOf(current) : -1;
    const step = this.latest && this.latest.f >= 0 ? ` · step ${this.latest.f + 1}` : '';
    const next = !current
      ? ''
      : this.deck.availableFragments().next
        ? 'Next: the next step of this slide'
        : index + 1 < slides.length
          ? `Next: ${headingOf(slides[index + 1])}`
          : 'Next: nothing, this is the last slide';
    return {
      status: status.text,
      canDrive: status.canDrive,
      position: current ? `Slide ${index + 1} of ${slides.length}${step}` : '',
      title: headingOf(current),
      next,
      notes: current?.querySelector('aside.notes') ?? undefined,
      timer: this.timer(slides, index),
      black: this.latest?.black ?? false,
    };
  }

  /** The time since the first move, and against the plan where the deck has one. */
  private timer(slides: HTMLElement[], index: number): string {
    const started = Number(sessionStorage.getItem(TIMER_ITEM));
    if (!started) return 'Timer: starts at the first move';
    const elapsed = Date.now() - started;
    const planned = slides.map((slide) => Number(slide.dataset[TIMING] ?? NaN) * 1000);
    if (index < 0 || planned.some(Number.isNaN)) return clock(elapsed);
    const from = planned.slice(0, index).reduce((sum, ms) => sum + ms, 0);
    return `${clock(elapsed)} · ${pacing(elapsed, from, from + planned[index]!)}`;
  }

  private render(): void {
    this.screen.render(this.view());
  }
}
