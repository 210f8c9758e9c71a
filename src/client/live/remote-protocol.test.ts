import { describe, expect, it } from 'vitest';
import { decodePairing, encodePairing } from './ticket.ts';
import {
  MAX_COMMAND_AGE_MS,
  newPairing,
  pairingKey,
  remoteTopic,
  signCommand,
  verifyCommand,
  type RemoteCommand,
} from './remote-protocol.ts';

const NOW = Date.UTC(2026, 11, 5, 12);
const next = (seq: number, at = NOW): RemoteCommand => ({ action: 'next', seq, at });
const pairing = newPairing();
const key = await pairingKey(pairing);

describe('remote commands', () => {
  it('signed with the pairing secret, are read back by the deck', async () => {
    const message = await signCommand(next(3), key);
    expect(await verifyCommand(message, key, { lastSeq: 2, now: NOW })).toEqual({ command: next(3) });
    for (const action of ['prev', 'black', 'unblack'] as const) {
      const command = { action, seq: 4, at: NOW };
      expect(await verifyCommand(await signCommand(command, key), key, { lastSeq: 0, now: NOW })).toEqual({ command });
    }
  });

  it('from another pairing (a guessed secret, or a phone re-pairing revoked), or changed, move nothing', async () => {
    const revoked = await pairingKey(newPairing());
    expect(await verifyCommand(await signCommand(next(9), revoked), key, { lastSeq: 0, now: NOW })).toEqual({
      rejected: 'bad signature',
    });
    const genuine = JSON.parse(await signCommand(next(9), key)) as { command: string; mac: string };
    const changed = JSON.stringify({ ...genuine, command: genuine.command.replace('next', 'prev') });
    expect(await verifyCommand(changed, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'bad signature' });
  });

  it('replayed, late or from the future, move nothing', async () => {
    const message = await signCommand(next(5), key);
    expect(await verifyCommand(message, key, { lastSeq: 5, now: NOW })).toEqual({ rejected: 'not newer' });
    const late = await signCommand(next(6, NOW - MAX_COMMAND_AGE_MS - 1), key);
    expect(await verifyCommand(late, key, { lastSeq: 5, now: NOW })).toEqual({ rejected: 'too old' });
    const ahead = await signCommand(next(6, NOW + MAX_COMMAND_AGE_MS + 1), key);
    expect(await verifyCommand(ahead, key, { lastSeq: 5, now: NOW })).toEqual({ rejected: 'from the future' });
  });

  it('that are not commands, or too large, are dropped unread', async () => {
    for (const garbage of ['', 'null', '{"command":1,"mac":"x"}', '{"command":"{}","mac":"!!"}']) {
      expect(await verifyCommand(garbage, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'malformed' });
    }
    const unknown = await signCommand({ action: 'jump' as 'next', seq: 1, at: NOW }, key);
    expect(await verifyCommand(unknown, key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'malformed' });
    expect(await verifyCommand('x'.repeat(2000), key, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'too large' });
  });
});

describe('pairing links', () => {
  it('carry the pairing in the fragment, and read it back', () => {
    expect(decodePairing(`#${encodePairing(pairing)}`)).toEqual(pairing);
    expect(pairing.id).toMatch(/^[0-9a-f]{16}$/);
    expect(decodePairing('#/thesis')).toBeUndefined();
    expect(decodePairing(`#${pairing.id}.`)).toBeUndefined();
    expect(remoteTopic('talk', 'abc')).toBe('remotes/talk/abc');
  });
});
