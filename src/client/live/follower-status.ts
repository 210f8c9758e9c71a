import type { BrokerStatus } from './broker.ts';
import { MAX_AGE_MS } from './protocol.ts';

/** What a follower knows: the broker link, whether the reader paused, and when a state last verified. */
export interface FollowerState {
  status: BrokerStatus;
  paused: boolean;
  /** When following started, in ms since the epoch. */
  startedAt: number;
  /** When the last message verified; undefined while none has. */
  verifiedAt: number | undefined;
  now: number;
}

/** The banner's text and button (none while the broker link is down: there is nothing to stop yet). */
export interface FollowerBanner {
  text: string;
  button?: 'Stop' | 'Catch up';
}

/**
 * What the follower's banner says: only what it knows. "Following" once a message from the
 * presenter has verified, "Waiting" until one does, "offline" when none has for longer than a
 * message may be old (the presenter republishes well within that).
 */
export function followerBanner({ status, paused, startedAt, verifiedAt, now }: FollowerState): FollowerBanner {
  if (status === 'refused') return { text: 'The broker would not let this page follow' };
  if (status !== 'live') {
    return { text: `${status === 'connecting' ? 'Connecting to' : 'Reconnecting to'} the presenter…` };
  }
  if (paused) return { text: 'Paused', button: 'Catch up' };
  if (now - (verifiedAt ?? startedAt) > MAX_AGE_MS)
    return { text: 'The presenter seems to be offline', button: 'Stop' };
  if (verifiedAt === undefined) return { text: 'Waiting for the presenter…', button: 'Stop' };
  return { text: 'Following the presenter', button: 'Stop' };
}

/** What a follow link whose ticket is cut short, or whose key is not a key, says: the tab follows nobody. */
export const DAMAGED_FOLLOW_LINK = 'This follow link is damaged: not following';
