import { describe, expect, it } from 'vitest';
import {
  importPublicKey,
  liveTopic,
  HEARTBEAT_MS,
  MAX_AGE_MS,
  MAX_PAYLOAD_BYTES,
  newKeyPair,
  newSessionId,
  signState,
  verifyMessage,
  type LiveState,
} from './protocol.ts';
import { decodeTicket, encodeTicket } from './ticket.ts';

const NOW = Date.UTC(2026, 10, 26, 12);
const state = (seq: number, at = NOW): LiveState => ({ h: 3, v: 0, f: 1, seq, at });
const presenter = await newKeyPair();
const key = await importPublicKey(presenter.publicKey);

describe('live messages', () => {
  it('carry the state, signed, and a follower reads it back', async () => {
    const message = await signState(state(5), presenter.privateKey);
    expect(await verifyMessage(message, key, { lastSeq: 4, now: NOW })).toEqual({ state: state(5) });
    expect(await verifyMessage(new TextEncoder().encode(message), key, { lastSeq: 0, now: NOW })).toEqual({
      state: state(5),
    });
  });

  it('signed with another key, or changed after signing, move nobody', async () => {
    const intruder = await newKeyPair();
    expect(await verifyMessage(await signState(state(9), intruder.privateKey), key, { lastSeq: 0, now: NOW })).toEqual({
      rejected: 'bad signature',
    });
    const genuine = JSON.parse(await signState(state(9), presenter.privateKey)) as { state: string; sig: string };
    const moved = JSON.stringify({ ...genuine, state: genuine.state.replace('"h":3', '"h":7') });
    expect(await verifyMessage(moved, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'bad signature' });
  });

  it('replayed (not newer than the last applied) or stale, move nobody', async () => {
    const old = await signState(state(4), presenter.privateKey);
    expect(await verifyMessage(old, key, { lastSeq: 4, now: NOW })).toEqual({ rejected: 'not newer' });
    expect(await verifyMessage(old, key, { lastSeq: 7, now: NOW })).toEqual({ rejected: 'not newer' });
    const stale = await signState(state(8, NOW - MAX_AGE_MS - 1), presenter.privateKey);
    expect(await verifyMessage(stale, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'too old' });
    const early = await signState(state(8, NOW + 10 * 60_000), presenter.privateKey);
    expect(await verifyMessage(early, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'from the future' });
  });

  it('stale past three heartbeats: a replay shows at most a state of the last seconds', async () => {
    expect(MAX_AGE_MS).toBe(3 * HEARTBEAT_MS);
    const recent = await signState(state(8, NOW - MAX_AGE_MS + 1000), presenter.privateKey);
    expect(await verifyMessage(recent, key, { lastSeq: 0, now: NOW })).toEqual({
      state: state(8, NOW - MAX_AGE_MS + 1000),
    });
    const stale = await signState(state(8, NOW - MAX_AGE_MS - 1000), presenter.privateKey);
    expect(await verifyMessage(stale, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'too old' });
  });

  it('larger than a signed state can be are dropped before they are read, signed or not', async () => {
    const genuine = await signState(state(5), presenter.privateKey);
    expect(new TextEncoder().encode(genuine).byteLength).toBeLessThan(MAX_PAYLOAD_BYTES / 2);
    // A genuine message padded past the limit: refused without a look at its signature.
    const padded = genuine.replace('{', `{"pad":"${'x'.repeat(MAX_PAYLOAD_BYTES)}",`);
    expect(await verifyMessage(padded, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'too large' });
    expect(await verifyMessage(new Uint8Array(MAX_PAYLOAD_BYTES + 1), key, { lastSeq: 0, now: NOW })).toEqual({
      rejected: 'too large',
    });
  });

  it('that are garbage are ignored without throwing', async () => {
    for (const garbage of ['', 'null', '{"state":1}', '{"state":"{}","sig":"%%%"}', '\u0000\u0001']) {
      expect(await verifyMessage(garbage, key, { lastSeq: 0, now: NOW })).toHaveProperty('rejected');
    }
    const unsigned = JSON.stringify({ h: -1, v: 0, f: 0, seq: 1, at: NOW });
    const signedBadState = JSON.stringify({
      state: unsigned,
      sig: (JSON.parse(await signState(state(1), presenter.privateKey)) as { sig: string }).sig,
    });
    expect(await verifyMessage(signedBadState, key, { lastSeq: 0, now: NOW })).toHaveProperty('rejected');
  });
});

describe('follow tickets and topics', () => {
  it('round-trip the session and key, and refuse anything else', () => {
    const session = newSessionId();
    expect(session).toMatch(/^[0-9a-f]{16}$/);
    const ticket = { session, publicKey: presenter.publicKey };
    expect(decodeTicket(encodeTicket(ticket))).toEqual(ticket);
    for (const bad of [null, '', 'abc.key', `${session}`, `${session}.k.extra`])
      expect(decodeTicket(bad)).toBeUndefined();
    expect(liveTopic('xensource-keynote-2006', session)).toBe(`decks/xensource-keynote-2006/${session}`);
  });
});
