import type { RevealApi } from 'reveal.js';
import type { ScrollViewLinks } from '../scroll-view-links.ts';
import type { SpeakerView } from '../speaker-view.ts';
import { FOLLOW_PARAM, LIVE_KEY, REMOTE_KEY, REMOTE_PARAM } from '../live-key.ts';
import type { LivePresenter } from './presenter.ts';
import { decodePairing, decodeTicket } from './ticket.ts';
import type { LiveConfig } from '../../shared/live-config.ts';
import { SESSION_ITEM, warn } from './live-log.ts';

/**
 * Live presenting in a deck with a broker. Its code is a chunk of its own, fetched only when live is
 * used: by a follow link or a remote link, by a tab that went live before a reload, by L, R or the
 * speaker view. L and R are bound here, before the deck is ready, so that a press while the chunk
 * loads is not lost.
 */
export default function liveOn(
  deck: RevealApi,
  links: ScrollViewLinks | undefined,
  speakerView: Pick<SpeakerView, 'onOpen'>,
  config: LiveConfig,
): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  const remote = query.get(REMOTE_PARAM);
  if (remote !== null) {
    const pairing = decodePairing(window.location.hash);
    return import('./live.ts').then((live) => live.remote(deck, config, decodeTicket(remote), pairing));
  }
  const follow = query.get(FOLLOW_PARAM);
  const ticket = decodeTicket(follow);
  if (ticket) return import('./live.ts').then((live) => live.follow(deck, links, config, ticket));
  // A link cut short or mistyped follows nobody: this tab is a deck of its own, L and all, and says so.
  if (follow !== null) {
    warn(`the follow link's ticket "${follow}" is not <session>.<public key>; not following`);
    void import('./live.ts').then((live) => live.showDamagedFollowLink(), warn);
  }
  let presenter: Promise<LivePresenter> | undefined;
  // A chunk that failed to load (offline, or gone after a redeploy) is fetched again at the next L.
  const present = (): Promise<LivePresenter> =>
    (presenter ??= import('./live.ts')
      .then((live) => live.presenter(deck, config))
      .catch((error: unknown) => {
        presenter = undefined;
        throw error;
      }));
  deck.addKeyBinding({ ...LIVE_KEY, description: 'Go live: show the follow link' }, () => {
    present()
      .then((live) => live.toggle())
      .catch(warn);
  });
  deck.addKeyBinding({ ...REMOTE_KEY, description: 'Pair your phone as the remote' }, () => {
    present()
      .then((live) => live.pairRemote())
      .catch(warn);
  });
  speakerView.onOpen((popup) => {
    present()
      .then((live) => live.addControl(popup))
      .catch(warn);
  });
  return sessionStorage.getItem(SESSION_ITEM) === null ? Promise.resolve() : present().then((live) => live.resume());
}
