import type { RevealApi } from 'reveal.js';
import type { ScrollViewLinks } from '../scroll-view-links.ts';
import { LiveFollower } from './follower.ts';
import { DAMAGED_FOLLOW_LINK } from './follower-status.ts';
import { LiveBar } from './live-ui.ts';
import type { LiveConfig } from '../../shared/live-config.ts';
import { LivePresenter } from './presenter.ts';
import { PhoneRemote, remotePairing, showBrokenRemoteLink } from './remote.ts';
import type { FollowTicket, Pairing } from './ticket.ts';

/** Makes this page a follower of the talk in the follow link's `ticket`. */
export async function follow(
  deck: RevealApi,
  links: ScrollViewLinks | undefined,
  config: LiveConfig,
  ticket: FollowTicket,
): Promise<void> {
  await new LiveFollower(deck, links).start(config, ticket);
}

/** A follow link cut short: the tab is a deck of its own, and the strip above it says why it follows nobody. */
export function showDamagedFollowLink(): void {
  const bar = new LiveBar('follower', () => bar.remove());
  bar.show(DAMAGED_FOLLOW_LINK, 'Close');
}

/** The presenter's side of live, ready to go live (or to resume the session of this tab). */
export const presenter = (deck: RevealApi, config: LiveConfig): LivePresenter => new LivePresenter(deck, config);

/**
 * Makes this page the presenter's phone remote of the talk in `ticket`, paired by the link's
 * fragment (or, after a reload, by what this tab kept of it).
 */
export async function remote(
  deck: RevealApi,
  config: LiveConfig,
  ticket: FollowTicket | undefined,
  fragment: Pairing | undefined,
): Promise<void> {
  const pairing = remotePairing(fragment);
  if (!ticket || !pairing) {
    showBrokenRemoteLink();
    return;
  }
  await new PhoneRemote(deck, pairing).start(config, ticket);
}
