/**
 * The live protocol: what the presenter publishes and what a follower accepts. Shared by the
 * browser (presenter and followers) and Node (the latency benchmark); WebCrypto only, so it runs
 * in both.
 */
import { PAIRING_ID } from './ticket.ts';

/** Where the presenter is: reveal's indices and the fragment step, numbered and timed. */
export interface LiveState {
  /** reveal's horizontal and vertical slide indices. */
  h: number;
  v: number;
  /** The fragment step shown (reveal's `indexf`), -1 before the first. */
  f: number;
  /** Rises with every message of a session: a follower never goes back to an older one. */
  seq: number;
  /** When the presenter sent it, in ms since the epoch. */
  at: number;
  /** The screen is blacked out (reveal's pause), as a paired remote shows it. */
  black?: boolean;
  /** The id of the phone remote's pairing now, if any: a phone with another one knows it was unpaired. */
  pairing?: string;
  /** The id of the phone that pairing is bound to (`phoneId`), once one said hello. */
  phone?: string;
}

/**
 * The presenter republishes its state this often: the retained message stays fresh for late
 * joiners, and one wiped or overwritten by someone else on an open broker comes back this soon.
 */
export const HEARTBEAT_MS = 15_000;
/**
 * How old a message may be and still move a follower (three heartbeats): a replayed genuine message
 * can show only a state of the last seconds, and a follower that has verified nothing for longer
 * says the presenter seems to be offline.
 */
export const MAX_AGE_MS = 3 * HEARTBEAT_MS;
/** Clocks disagree: a message may seem to come this far from the future. */
export const MAX_CLOCK_SKEW_MS = 60_000;
/**
 * A signed state is about 200 bytes: anything much larger is dropped before it is parsed or its
 * signature checked, so a flood of large payloads costs a phone next to nothing.
 */
export const MAX_PAYLOAD_BYTES = 1024;

export const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const toBase64Url = (bytes: ArrayBuffer | Uint8Array): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

export const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

/** The topic of one talk of a deck: `decks/<slug>/<session id>`. */
export const liveTopic = (slug: string, session: string): string => `decks/${slug}/${session}`;

/** `count` random bytes as hex digits. */
export const randomHex = (count: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A new session id: 16 hex digits. */
export const newSessionId = (): string => randomHex(8);

/**
 * The next number of a sender's messages: milliseconds since the epoch, at least one more than the
 * last, so that it rises across a reload of the sender's tab too.
 */
export const nextSeq = (last: number): number => Math.max(last + 1, Date.now());

/** Why the last message a page received was refused (`Rejection`), on its `<html>`, for whoever debugs it. */
export const REJECTED_ATTRIBUTE = 'data-live-rejected';

/** A phone's id in a state: base64url characters. */
const PHONE_ID = /^[\w-]{16}$/;

/** The presenter's key pair: the private key cannot be exported, only used to sign in this browser. */
export async function newKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicKey: toBase64Url(await crypto.subtle.exportKey('raw', pair.publicKey)) };
}

/** A follower's key, from the follow link's base64url text. */
export function importPublicKey(text: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(text), KEY_ALGORITHM, false, ['verify']);
}

/**
 * A signed message on the broker: `value` as JSON text under `field` (`state`, `command`), and the
 * signature of exactly that text. The text stays a string, so its bytes are the signed ones.
 */
export async function seal(
  field: string,
  value: object,
  algorithm: Algorithm | EcdsaParams,
  key: CryptoKey,
): Promise<string> {
  const text = JSON.stringify(value);
  const sig = await crypto.subtle.sign(algorithm, key, encoder.encode(text));
  return JSON.stringify({ [field]: text, sig: toBase64Url(sig) });
}

/** A sealed message opened: the text under its field and its signature, not yet checked. */
export interface Envelope {
  text: string;
  sig: Uint8Array<ArrayBuffer>;
}

/**
 * The envelope of a payload that claims to be a sealed message (`seal`): at most
 * `MAX_PAYLOAD_BYTES`, or dropped unread; anything else is malformed. Never throws.
 */
export function unseal(
  payload: Uint8Array | string,
  field: string,
): Envelope | { rejected: 'too large' | 'malformed' } {
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) return { rejected: 'too large' };
  try {
    const message = JSON.parse(decoder.decode(bytes)) as Record<string, unknown> | null;
    const [text, sig] = [message?.[field], message?.sig];
    if (typeof text !== 'string' || typeof sig !== 'string') return { rejected: 'malformed' };
    return { text, sig: fromBase64Url(sig) };
  } catch {
    return { rejected: 'malformed' };
  }
}

/** Whether `key` signed the envelope's text. */
export const signedBy = (envelope: Envelope, algorithm: Algorithm | EcdsaParams, key: CryptoKey): Promise<boolean> =>
  crypto.subtle.verify(algorithm, key, envelope.sig, encoder.encode(envelope.text));

/** The message for `state`, signed. */
export const signState = (state: LiveState, privateKey: CryptoKey): Promise<string> =>
  seal('state', state, SIGNING, privateKey);

const isIndex = (value: unknown, min = 0): value is number => Number.isInteger(value) && (value as number) >= min;

/** The state in `text` if it is well formed; undefined for anything else. */
function parseState(text: string): LiveState | undefined {
  const state = JSON.parse(text) as Partial<LiveState> | null;
  if (!state || !isIndex(state.h) || !isIndex(state.v) || !isIndex(state.f, -1) || !isIndex(state.seq, 1)) {
    return undefined;
  }
  if (typeof state.at !== 'number' || !Number.isFinite(state.at)) return undefined;
  const remote = {
    ...(typeof state.black === 'boolean' ? { black: state.black } : {}),
    ...(typeof state.pairing === 'string' && PAIRING_ID.test(state.pairing) ? { pairing: state.pairing } : {}),
    ...(typeof state.phone === 'string' && PHONE_ID.test(state.phone) ? { phone: state.phone } : {}),
  };
  return { h: state.h, v: state.v, f: state.f, seq: state.seq, at: state.at, ...remote };
}

/** Why a message was not applied, for logs and tests; undefined when it was. */
export type Rejection = 'too large' | 'malformed' | 'bad signature' | 'not newer' | 'too old' | 'from the future';

/**
 * Checks a message a follower received: at most `MAX_PAYLOAD_BYTES`, the presenter's signature over
 * its exact bytes, a sequence number above the last one applied, and an age within `MAX_AGE_MS`.
 * Never throws: anything on an open broker can be garbage.
 */
export async function verifyMessage(
  payload: Uint8Array | string,
  publicKey: CryptoKey,
  { lastSeq, now = Date.now() }: { lastSeq: number; now?: number },
): Promise<{ state: LiveState } | { rejected: Rejection }> {
  const envelope = unseal(payload, 'state');
  if ('rejected' in envelope) return envelope;
  try {
    if (!(await signedBy(envelope, SIGNING, publicKey))) return { rejected: 'bad signature' };
    const state = parseState(envelope.text);
    if (!state) return { rejected: 'malformed' };
    if (state.seq <= lastSeq) return { rejected: 'not newer' };
    if (now - state.at > MAX_AGE_MS) return { rejected: 'too old' };
    if (state.at - now > MAX_CLOCK_SKEW_MS) return { rejected: 'from the future' };
    return { state };
  } catch {
    return { rejected: 'malformed' };
  }
}
