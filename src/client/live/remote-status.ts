import type { BrokerStatus } from './broker.ts';
import { MAX_AGE_MS, type LiveState } from './protocol.ts';

/** What the phone remote knows: its broker link, the deck's last verified state, its own pairing. */
export interface RemoteFacts {
  status: BrokerStatus;
  /** The deck's last verified state; undefined while none has. */
  state: LiveState | undefined;
  /** This phone's pairing id (from its link). */
  pairing: string;
  /** This phone's id (`phoneId` of its public key), which the deck's states name once it bound the pairing to it. */
  phone: string;
  /** When the last state verified on the current broker connection, in ms since the epoch; undefined before one has. */
  verifiedAt: number | undefined;
  now: number;
}

/** The remote's status line, and whether its buttons may drive the deck. */
export interface RemoteStatus {
  text: string;
  canDrive: boolean;
}

/**
 * What the remote says, only what it knows: it drives the deck once the deck's own signed state
 * names this phone's pairing and this phone, and not when the broker is away, the deck is silent,
 * another pairing was made since, or another phone took this one first.
 */
export function remoteStatus({ status, state, pairing, phone, verifiedAt, now }: RemoteFacts): RemoteStatus {
  if (status === 'refused') return { text: 'The broker would not let this phone connect', canDrive: false };
  if (status !== 'live') return { text: status === 'connecting' ? 'Connecting…' : 'Reconnecting…', canDrive: false };
  if (!state) return { text: 'Waiting for the deck…', canDrive: false };
  // Verdicts no later state undoes: said at once, even from a state from before a reconnection.
  if (state.pairing !== pairing) {
    return { text: 'This phone is no longer the remote: pair it again from the deck (R)', canDrive: false };
  }
  if (state.phone !== undefined && state.phone !== phone) {
    return { text: 'Another phone took this pairing: pair again from the deck (R)', canDrive: false };
  }
  // No state since this connection began: the deck may not be on the broker to take a press.
  if (verifiedAt === undefined) return { text: 'Waiting for the deck…', canDrive: false };
  if (state.phone === undefined) return { text: 'Pairing…', canDrive: false };
  if (now - verifiedAt > MAX_AGE_MS) return { text: 'The deck seems to be offline', canDrive: false };
  return { text: state.black ? 'Paired · the screen is black' : 'Paired', canDrive: true };
}

/** `ms` as a clock: `m:ss`, or `h:mm:ss` past an hour. */
export function clock(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/**
 * The pacing against the talk's plan (deck.yml `minutes`, shared out by the slides' weights): the
 * current slide was planned from `plannedFromMs` to `plannedToMs` into the talk.
 */
export function pacing(elapsedMs: number, plannedFromMs: number, plannedToMs: number): string {
  if (elapsedMs > plannedToMs) return `${clock(elapsedMs - plannedToMs)} behind`;
  if (elapsedMs < plannedFromMs) return `${clock(plannedFromMs - elapsedMs)} ahead`;
  return 'on time';
}
