import { describe, expect, it } from 'vitest';
import { MAX_AGE_MS, type LiveState } from './protocol.ts';
import { clock, pacing, remoteStatus, type RemoteFacts } from './remote-status.ts';

const NOW = Date.UTC(2026, 11, 5, 12);
const state = (extra: Partial<LiveState> = {}): LiveState => ({
  h: 2,
  v: 0,
  f: -1,
  seq: 1,
  at: NOW,
  pairing: 'aaaaaaaaaaaaaaaa',
  phone: 'BPhoneKeyStart01',
  ...extra,
});
const facts = (extra: Partial<RemoteFacts> = {}): RemoteFacts => ({
  status: 'live',
  state: state(),
  pairing: 'aaaaaaaaaaaaaaaa',
  phone: 'BPhoneKeyStart01',
  verifiedAt: NOW,
  now: NOW,
  ...extra,
});

describe('the remote’s status', () => {
  it('drives the deck only once the deck’s signed state names this pairing', () => {
    expect(remoteStatus(facts())).toEqual({ text: 'Paired', canDrive: true });
    expect(remoteStatus(facts({ state: state({ black: true }) }))).toEqual({
      text: 'Paired · the screen is black',
      canDrive: true,
    });
    expect(remoteStatus(facts({ state: undefined, verifiedAt: undefined }))).toEqual({
      text: 'Waiting for the deck…',
      canDrive: false,
    });
    const unpaired = remoteStatus(facts({ state: state({ pairing: 'bbbbbbbbbbbbbbbb' }) }));
    expect(unpaired.text).toMatch(/^This phone is no longer the remote/);
    expect(unpaired.canDrive).toBe(false);
    expect(remoteStatus(facts({ state: state({ phone: undefined }) }))).toEqual({ text: 'Pairing…', canDrive: false });
    const taken = remoteStatus(facts({ state: state({ phone: 'BOtherPhoneKey02' }) }));
    expect(taken.text).toMatch(/^Another phone took this pairing/);
    expect(taken.canDrive).toBe(false);
  });

  it('after a reconnection, waits for the deck’s next state before it drives, but says at once what no state undoes', () => {
    const reconnected = { verifiedAt: undefined };
    expect(remoteStatus(facts(reconnected))).toEqual({ text: 'Waiting for the deck…', canDrive: false });
    expect(remoteStatus(facts({ ...reconnected, state: state({ phone: undefined }) }))).toEqual({
      text: 'Waiting for the deck…',
      canDrive: false,
    });
    expect(remoteStatus(facts({ ...reconnected, state: state({ pairing: 'bbbbbbbbbbbbbbbb' }) })).text).toMatch(
      /^This phone is no longer the remote/,
    );
    expect(remoteStatus(facts({ ...reconnected, state: state({ phone: 'BOtherPhoneKey02' }) })).text).toMatch(
      /^Another phone took this pairing/,
    );
  });

  it('says when the broker is away or the deck silent, and drives nothing then', () => {
    expect(remoteStatus(facts({ status: 'connecting' }))).toEqual({ text: 'Connecting…', canDrive: false });
    expect(remoteStatus(facts({ status: 'reconnecting' }))).toEqual({ text: 'Reconnecting…', canDrive: false });
    expect(remoteStatus(facts({ status: 'refused' })).canDrive).toBe(false);
    expect(remoteStatus(facts({ now: NOW + MAX_AGE_MS + 1 }))).toEqual({
      text: 'The deck seems to be offline',
      canDrive: false,
    });
  });
});

describe('the remote’s timer', () => {
  it('shows minutes and seconds, and hours past one', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(61_500)).toBe('1:01');
    expect(clock(3_600_000 + 5_000)).toBe('1:00:05');
  });

  it('says how far ahead or behind the plan the presenter is on this slide', () => {
    expect(pacing(90_000, 60_000, 120_000)).toBe('on time');
    expect(pacing(150_000, 60_000, 120_000)).toBe('0:30 behind');
    expect(pacing(20_000, 60_000, 120_000)).toBe('0:40 ahead');
  });
});
