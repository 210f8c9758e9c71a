/**
 * The phone remote's protocol. The deck shows a pairing (an id and a 256-bit secret) as a link; the
 * phone that opens it says hello with its own public key, authenticated with the secret, and the
 * deck binds the pairing to that key. From then on only commands signed with that phone's private
 * key (which never leaves it) move the deck: whoever else sees the link or reads the broker cannot
 * drive. Every command is numbered and short-lived; the secret travels only in the link's fragment.
 */
import {
  fromBase64Url,
  importPublicKey,
  randomHex,
  seal,
  signedBy,
  SIGNING,
  toBase64Url,
  unseal,
  type Rejection,
} from './protocol.ts';
import type { Pairing } from './ticket.ts';

/** What a remote can ask of the deck; `hello`, sent when the phone connects, pairs it (and only that). */
export const REMOTE_ACTIONS = ['hello', 'next', 'prev', 'black', 'unblack'] as const;
export type RemoteAction = (typeof REMOTE_ACTIONS)[number];

/** A command as the phone sends it. */
export interface RemoteCommand {
  action: RemoteAction;
  /** Rises with every command of a pairing: the deck never applies one twice. */
  seq: number;
  /** When the phone sent it, in ms since the epoch, in the deck's clock as the phone reckons it. */
  at: number;
  /** In a hello: the phone's public key (base64url), which the pairing is bound to. */
  phone?: string;
}

/** Why the deck refused a remote's message: the live ones, and the pairing's own. */
export type RemoteRejection = Rejection | 'not paired' | 'another phone';

/** Why the deck refused the last remote message (`RemoteRejection`), on its `<html>`, for whoever debugs it. */
export const REMOTE_REJECTED_ATTRIBUTE = 'data-remote-rejected';

/** The keys a deck checks a remote's messages with: the pairing's secret, and the bound phone's key. */
export interface RemoteKeys {
  pairing: CryptoKey;
  /** The public key of the phone the pairing is bound to; undefined until a phone said hello. */
  phone?: { text: string; key: CryptoKey };
}

/**
 * How old (or, by the clocks' difference, how far ahead) a command may be and still move the deck:
 * a remote's press is applied at once or not at all, so a command recorded on the broker is worth
 * nothing seconds later. The phone reckons the deck's time from the deck's signed states.
 */
export const MAX_COMMAND_AGE_MS = 10_000;

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const SECRET_BYTES = 32;
/** A phone's id in the deck's states: the start of its public key, enough to tell two phones apart. */
const PHONE_ID_LENGTH = 16;

/** The topic a talk's remote sends on: `remotes/<slug>/<session id>` (the example ACL lets anyone write there, only the presenter read). */
export const remoteTopic = (slug: string, session: string): string => `remotes/${slug}/${session}`;

/** The id the deck's states give the phone a pairing is bound to. */
export const phoneId = (publicKey: string): string => publicKey.slice(0, PHONE_ID_LENGTH);

/** A new pairing; making one revokes the one before (the deck keeps only the newest). */
export function newPairing(): Pairing {
  return { id: randomHex(8), secret: toBase64Url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES))) };
}

/** The key of the pairing's secret: it authenticates a phone's hello. */
export function pairingKey({ secret }: Pairing): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(secret), HMAC, false, ['sign', 'verify']);
}

/** The message for `command`: a hello authenticated with the pairing's key, the rest signed with the phone's. */
export const signCommand = (command: RemoteCommand, key: CryptoKey): Promise<string> =>
  seal('command', command, key.algorithm.name === HMAC.name ? HMAC : SIGNING, key);

function parseCommand(text: string): RemoteCommand | undefined {
  const command = JSON.parse(text) as Partial<RemoteCommand> | null;
  if (!command || !REMOTE_ACTIONS.includes(command.action as RemoteAction)) return undefined;
  if (!Number.isInteger(command.seq) || (command.seq as number) < 1) return undefined;
  if (typeof command.at !== 'number' || !Number.isFinite(command.at)) return undefined;
  if (command.action === 'hello' && typeof command.phone !== 'string') return undefined;
  return {
    action: command.action!,
    seq: command.seq!,
    at: command.at,
    ...(command.phone ? { phone: command.phone } : {}),
  };
}

/**
 * Checks a message the deck received on the remote's topic: small; a hello authenticated with the
 * pairing's secret and from the bound phone (or binding a pairing no phone has); any other command
 * signed by the bound phone; numbered above the last one applied; sent within `MAX_COMMAND_AGE_MS`
 * (a hello may be older: the phone reckons the deck's time only once it has a state, and a replayed
 * hello can bind nothing but its own phone). Never throws: anyone may write on that topic.
 */
export async function verifyCommand(
  payload: Uint8Array | string,
  keys: RemoteKeys,
  { lastSeq, now = Date.now() }: { lastSeq: number; now?: number },
): Promise<{ command: RemoteCommand } | { rejected: RemoteRejection }> {
  const envelope = unseal(payload, 'command');
  if ('rejected' in envelope) return envelope;
  try {
    // Which key signed it depends on what it claims to be; the claim counts only once it verifies.
    const command = parseCommand(envelope.text);
    if (!command) return { rejected: 'malformed' };
    const hello = command.action === 'hello';
    if (!hello && !keys.phone) return { rejected: 'not paired' };
    const signed = hello
      ? await signedBy(envelope, HMAC, keys.pairing)
      : await signedBy(envelope, SIGNING, keys.phone!.key);
    if (!signed) return { rejected: 'bad signature' };
    if (hello && keys.phone && command.phone !== keys.phone.text) return { rejected: 'another phone' };
    if (hello && !keys.phone) await importPublicKey(command.phone!);
    if (command.seq <= lastSeq) return { rejected: 'not newer' };
    if (!hello && now - command.at > MAX_COMMAND_AGE_MS) return { rejected: 'too old' };
    if (!hello && command.at - now > MAX_COMMAND_AGE_MS) return { rejected: 'from the future' };
    return { command };
  } catch {
    return { rejected: 'malformed' };
  }
}
