import { describe, expect, it } from 'vitest';
import { followerBanner, type FollowerState } from './follower-status.ts';
import { MAX_AGE_MS } from './protocol.ts';

const START = Date.UTC(2026, 11, 5, 9);
const at = (state: Partial<FollowerState>): FollowerState => ({
  status: 'live',
  paused: false,
  startedAt: START,
  verifiedAt: undefined,
  now: START + 1000,
  ...state,
});

describe("the follower's banner", () => {
  it('waits until a message from the presenter verifies, then follows', () => {
    expect(followerBanner(at({})).text).toBe('Waiting for the presenter…');
    expect(followerBanner(at({ verifiedAt: START + 500 }))).toEqual({
      text: 'Following the presenter',
      button: 'Stop',
    });
  });

  it('says the presenter seems offline when nothing has verified for longer than a message may be old', () => {
    expect(followerBanner(at({ now: START + MAX_AGE_MS + 1 })).text).toBe('The presenter seems to be offline');
    const lastHeard = START + 10_000;
    expect(followerBanner(at({ verifiedAt: lastHeard, now: lastHeard + MAX_AGE_MS })).text).toBe(
      'Following the presenter',
    );
    expect(followerBanner(at({ verifiedAt: lastHeard, now: lastHeard + MAX_AGE_MS + 1 })).text).toBe(
      'The presenter seems to be offline',
    );
  });

  it('says so while the broker is away, and offers Catch up while paused', () => {
    expect(followerBanner(at({ status: 'connecting' }))).toEqual({ text: 'Connecting to the presenter…' });
    expect(followerBanner(at({ status: 'refused' }))).toEqual({ text: 'The broker would not let this page follow' });
    expect(followerBanner(at({ status: 'reconnecting', verifiedAt: START })).text).toBe(
      'Reconnecting to the presenter…',
    );
    expect(followerBanner(at({ paused: true, verifiedAt: START }))).toEqual({ text: 'Paused', button: 'Catch up' });
  });
});
