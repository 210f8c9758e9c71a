/**
 * The phone remote's protocol: the pairing the deck shows as a link, and the commands the paired
 * phone sends. A command is authenticated with the pairing secret (HMAC-SHA256), numbered and
 * short-lived; the secret travels only in the link's fragment, which no server sees.
 */
import { fromBase64Url, MAX_PAYLOAD_BYTES, randomHex, toBase64Url, type Rejection } from './protocol.ts';
import type { Pairing } from './ticket.ts';

/** What a remote can ask of the deck; `hello`, sent when the phone opens the link, only says it is there. */
export const REMOTE_ACTIONS = ['hello', 'next', 'prev', 'black', 'unblack'] as const;
export type RemoteAction = (typeof REMOTE_ACTIONS)[number];

/** A command as the phone sends it. */
export interface RemoteCommand {
  action: RemoteAction;
  /** Rises with every command of a pairing: the deck never applies one twice. */
  seq: number;
  /** When the phone sent it, in ms since the epoch. */
  at: number;
}

/**
 * How old (or, by the clocks' difference, how far ahead) a command may be and still move the deck:
 * a remote's press is applied at once or not at all, so a command recorded on the broker is worth
 * nothing seconds later.
 */
export const MAX_COMMAND_AGE_MS = 10_000;

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const SECRET_BYTES = 32;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The topic a talk's remote sends on: `remotes/<slug>/<session id>` (the broker's ACL lets anyone write there, nobody but the presenter read). */
export const remoteTopic = (slug: string, session: string): string => `remotes/${slug}/${session}`;

/** A new pairing; making one revokes the one before (the deck keeps only the newest). */
export function newPairing(): Pairing {
  return { id: randomHex(8), secret: toBase64Url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES))) };
}

/** The key both sides sign and check commands with. */
export function pairingKey({ secret }: Pairing): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(secret), HMAC, false, ['sign', 'verify']);
}

/** The message for `command`, authenticated. */
export async function signCommand(command: RemoteCommand, key: CryptoKey): Promise<string> {
  const text = JSON.stringify(command);
  const mac = await crypto.subtle.sign(HMAC, key, encoder.encode(text));
  return JSON.stringify({ command: text, mac: toBase64Url(mac) });
}

function parseCommand(text: string): RemoteCommand | undefined {
  const command = JSON.parse(text) as Partial<RemoteCommand> | null;
  if (!command || !REMOTE_ACTIONS.includes(command.action as RemoteAction)) return undefined;
  if (!Number.isInteger(command.seq) || (command.seq as number) < 1) return undefined;
  if (typeof command.at !== 'number' || !Number.isFinite(command.at)) return undefined;
  return { action: command.action!, seq: command.seq!, at: command.at };
}

/**
 * Checks a command the deck received: small, authenticated with the pairing's key, numbered above
 * the last one applied, and sent within `MAX_COMMAND_AGE_MS`. Never throws: anyone may write on
 * the remote's topic.
 */
export async function verifyCommand(
  payload: Uint8Array | string,
  key: CryptoKey,
  { lastSeq, now = Date.now() }: { lastSeq: number; now?: number },
): Promise<{ command: RemoteCommand } | { rejected: Rejection }> {
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) return { rejected: 'too large' };
  try {
    const message = JSON.parse(decoder.decode(bytes)) as { command?: unknown; mac?: unknown } | null;
    if (typeof message?.command !== 'string' || typeof message.mac !== 'string') return { rejected: 'malformed' };
    const signed = await crypto.subtle.verify(HMAC, key, fromBase64Url(message.mac), encoder.encode(message.command));
    if (!signed) return { rejected: 'bad signature' };
    const command = parseCommand(message.command);
    if (!command) return { rejected: 'malformed' };
    if (command.seq <= lastSeq) return { rejected: 'not newer' };
    if (now - command.at > MAX_COMMAND_AGE_MS) return { rejected: 'too old' };
    if (command.at - now > MAX_COMMAND_AGE_MS) return { rejected: 'from the future' };
    return { command };
  } catch {
    return { rejected: 'malformed' };
  }
}
