import { describe, expect, it } from 'vitest';
import { importPublicKey, newKeyPair } from './protocol.ts';
import {
  MAX_COMMAND_AGE_MS,
  newPairing,
  pairingKey,
  phoneId,
  remoteTopic,
  signCommand,
  verifyCommand,
  type RemoteCommand,
  type RemoteKeys,
} from './remote-protocol.ts';
import { decodePairing, encodePairing } from './ticket.ts';

const NOW = Date.UTC(2026, 11, 5, 12);
const pairing = newPairing();
const secret = await pairingKey(pairing);
const phone = await newKeyPair();
const intruder = await newKeyPair();
const unbound: RemoteKeys = { pairing: secret };
const bound: RemoteKeys = {
  pairing: secret,
  phone: { text: phone.publicKey, key: await importPublicKey(phone.publicKey) },
};
const next = (seq: number, at = NOW): RemoteCommand => ({ action: 'next', seq, at });
const hello = (seq: number, key: string, at = NOW): RemoteCommand => ({ action: 'hello', seq, at, phone: key });

describe('remote commands', () => {
  it('pair the first phone that says hello with the link’s secret, then take its signed commands', async () => {
    const greeting = await signCommand(hello(1, phone.publicKey), secret);
    expect(await verifyCommand(greeting, unbound, { lastSeq: 0, now: NOW })).toEqual({
      command: hello(1, phone.publicKey),
    });
    for (const action of ['next', 'prev', 'black', 'unblack'] as const) {
      const command = { action, seq: 4, at: NOW };
      expect(
        await verifyCommand(await signCommand(command, phone.privateKey), bound, { lastSeq: 3, now: NOW }),
      ).toEqual({
        command,
      });
    }
    // The bound phone says hello again after a reconnect.
    expect(
      await verifyCommand(await signCommand(hello(5, phone.publicKey), secret), bound, { lastSeq: 4, now: NOW }),
    ).toEqual({
      command: hello(5, phone.publicKey),
    });
    expect(phoneId(phone.publicKey)).toHaveLength(16);
  });

  it('move nothing from anyone else: another phone with the link, a guessed secret, another key, a changed command', async () => {
    expect(
      await verifyCommand(await signCommand(hello(6, intruder.publicKey), secret), bound, { lastSeq: 5, now: NOW }),
    ).toEqual({
      rejected: 'another phone',
    });
    expect(
      await verifyCommand(await signCommand(next(6), intruder.privateKey), bound, { lastSeq: 5, now: NOW }),
    ).toEqual({
      rejected: 'bad signature',
    });
    const guessed = await pairingKey(newPairing());
    expect(
      await verifyCommand(await signCommand(hello(6, intruder.publicKey), guessed), unbound, { lastSeq: 0, now: NOW }),
    ).toEqual({
      rejected: 'bad signature',
    });
    // Before a phone is bound, nothing but a hello counts.
    expect(
      await verifyCommand(await signCommand(next(6), phone.privateKey), unbound, { lastSeq: 0, now: NOW }),
    ).toEqual({
      rejected: 'not paired',
    });
    const genuine = JSON.parse(await signCommand(next(9), phone.privateKey)) as { command: string; sig: string };
    const changed = JSON.stringify({ ...genuine, command: genuine.command.replace('next', 'prev') });
    expect(await verifyCommand(changed, bound, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'bad signature' });
  });

  it('replayed, late or from the future, move nothing; a hello may be late (it binds only its own phone)', async () => {
    const message = await signCommand(next(5), phone.privateKey);
    expect(await verifyCommand(message, bound, { lastSeq: 5, now: NOW })).toEqual({ rejected: 'not newer' });
    const late = await signCommand(next(6, NOW - MAX_COMMAND_AGE_MS - 1), phone.privateKey);
    expect(await verifyCommand(late, bound, { lastSeq: 5, now: NOW })).toEqual({ rejected: 'too old' });
    const ahead = await signCommand(next(6, NOW + MAX_COMMAND_AGE_MS + 1), phone.privateKey);
    expect(await verifyCommand(ahead, bound, { lastSeq: 5, now: NOW })).toEqual({ rejected: 'from the future' });
    const lateHello = await signCommand(hello(6, phone.publicKey, NOW - 60_000), secret);
    expect(await verifyCommand(lateHello, unbound, { lastSeq: 5, now: NOW })).toMatchObject({
      command: { action: 'hello' },
    });
  });

  it('that are not commands, or too large, are dropped unread', async () => {
    for (const garbage of ['', 'null', '{"command":1,"sig":"x"}', '{"command":"{}","sig":"!!"}']) {
      expect(await verifyCommand(garbage, bound, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'malformed' });
    }
    const unknown = await signCommand({ action: 'jump' as 'next', seq: 1, at: NOW }, phone.privateKey);
    expect(await verifyCommand(unknown, bound, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'malformed' });
    const keyless = await signCommand({ action: 'hello', seq: 1, at: NOW }, secret);
    expect(await verifyCommand(keyless, unbound, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'malformed' });
    const notAKey = await signCommand(hello(1, 'AAAA'), secret);
    expect(await verifyCommand(notAKey, unbound, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'malformed' });
    expect(await verifyCommand('x'.repeat(2000), bound, { lastSeq: 0, now: NOW })).toEqual({ rejected: 'too large' });
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
