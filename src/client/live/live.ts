import type { RevealApi } from 'reveal.js';
import type { ScrollViewLinks } from '../scroll-view-links.ts';
import type { SpeakerView } from '../speaker-view.ts';
import { LiveFollower } from './follower.ts';
import { LIVE_KEY } from '../live-key.ts';
import { LivePresenter } from './presenter.ts';
import { decodeTicket, FOLLOW_PARAM } from './protocol.ts';

/** What the build tells the page about live presenting (`deck.yml` `live`). */
export interface LiveConfig {
  /** The MQTT broker's WebSocket URL. */
  broker: string;
  /** The deck's slug: topics are `decks/<slug>/<session>`. */
  slug: string;
}

/**
 * Live presenting, loaded only when the deck has a broker: a follow link makes this page a
 * follower; otherwise `L`, or the speaker view's "Go live" button, lets the presenter go live.
 */
export async function startLive(
  deck: RevealApi,
  links: ScrollViewLinks | undefined,
  speakerView: Pick<SpeakerView, 'onOpen'>,
  config: LiveConfig,
): Promise<void> {
  const ticket = decodeTicket(new URLSearchParams(window.location.search).get(FOLLOW_PARAM));
  if (ticket) {
    await new LiveFollower(deck, links).start(config, ticket);
    return;
  }
  const presenter = new LivePresenter(deck, config);
  deck.addKeyBinding({ ...LIVE_KEY, description: 'Go live: show the follow link' }, () => {
    void presenter.toggle();
  });
  speakerView.onOpen((popup) => presenter.addControl(popup));
  await presenter.resume();
}
