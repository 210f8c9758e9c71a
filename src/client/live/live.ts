import type { RevealApi } from 'reveal.js';
import type { ScrollViewLinks } from '../scroll-view-links.ts';
import { LiveFollower } from './follower.ts';
import type { LiveConfig } from '../../shared/live-config.ts';
import { LivePresenter } from './presenter.ts';
import type { FollowTicket } from './ticket.ts';

/** Makes this page a follower of the talk in the follow link's `ticket`. */
export async function follow(
  deck: RevealApi,
  links: ScrollViewLinks | undefined,
  config: LiveConfig,
  ticket: FollowTicket,
): Promise<void> {
  await new LiveFollower(deck, links).start(config, ticket);
}

/** The presenter's side of live, ready to go live (or to resume the session of this tab). */
export const presenter = (deck: RevealApi, config: LiveConfig): LivePresenter => new LivePresenter(deck, config);
