import type { RevealApi } from 'reveal.js';
import type { ScrollViewLinks } from '../scroll-view-links.ts';
import type { SpeakerView } from '../speaker-view.ts';
import { LIVE_KEY } from '../live-key.ts';
import type { LivePresenter } from './presenter.ts';
import { decodeTicket } from './ticket.ts';
import type { LiveConfig } from '../../shared/live-config.ts';

/** The follow link's query parameter: the session and the presenter's public key. */
export const FOLLOW_PARAM = 'follow';
/** Where a tab that went live keeps its session's ticket (sessionStorage), so that a reload resumes it. */
export const SESSION_ITEM = 'deck-live-session';

/** Says on the console what went wrong with live; the deck goes on. */
export const warn = (error: unknown): void => console.warn('live:', error);

/**
 * Live presenting in a deck with a broker. Its code is a chunk of its own, fetched only when live is
 * used: by a follow link, by a tab that went live before a reload, by L or by the speaker view. L is
 * bound here, before the deck is ready, so that a press while the chunk loads is not lost.
 */
export default function liveOn(
  deck: RevealApi,
  links: ScrollViewLinks | undefined,
  speakerView: Pick<SpeakerView, 'onOpen'>,
  config: LiveConfig,
): Promise<void> {
  const follow = new URLSearchParams(window.location.search).get(FOLLOW_PARAM);
  const ticket = decodeTicket(follow);
  if (ticket) return import('./live.ts').then((live) => live.follow(deck, links, config, ticket));
  // A link cut short or mistyped follows nobody: this tab is a deck of its own, L and all.
  if (follow !== null) warn(`the follow link's ticket "${follow}" is not <session>.<public key>; not following`);
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
  speakerView.onOpen((popup) => {
    present()
      .then((live) => live.addControl(popup))
      .catch(warn);
  });
  return sessionStorage.getItem(SESSION_ITEM) === null ? Promise.resolve() : present().then((live) => live.resume());
}
