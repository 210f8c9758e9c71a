/**
 * What live's links carry. A follow link's ticket, `?follow=<session>.<public key>`: the session (16 hex digits) and the
 * presenter's public key (base64url); a remote link's pairing, `#<id>.<secret>`. Its own module,
 * so that the page can tell these links at start without the live chunk.
 */

/** What a follow link carries after `?follow=`: the session and the presenter's public key. */
export interface FollowTicket {
  session: string;
  publicKey: string;
}

const FOLLOW_TICKET = /^([0-9a-f]{16})\.([\w-]+)$/;

export const encodeTicket = ({ session, publicKey }: FollowTicket): string => `${session}.${publicKey}`;

/** The ticket in a follow link's parameter, if it is one. */
export function decodeTicket(text: string | null): FollowTicket | undefined {
  const [, session, publicKey] = FOLLOW_TICKET.exec(text ?? '') ?? [];
  return session && publicKey ? { session, publicKey } : undefined;
}

/** A phone remote's pairing: its id (in every state the deck publishes) and its secret (only in the phone's link). */
export interface Pairing {
  id: string;
  secret: string;
}

/** A pairing's id: 16 hex digits. */
export const PAIRING_ID = /^[0-9a-f]{16}$/;
/** The pairing in a remote link's fragment: `#<id>.<secret>` (the id, then 32 bytes in base64url). */
const PAIRING_FRAGMENT = new RegExp(`^#?(${PAIRING_ID.source.slice(1, -1)})\\.([\\w-]{43})$`);

export const encodePairing = ({ id, secret }: Pairing): string => `${id}.${secret}`;

/** The pairing in a remote link's fragment, if it is one. */
export function decodePairing(fragment: string): Pairing | undefined {
  const [, id, secret] = PAIRING_FRAGMENT.exec(fragment) ?? [];
  return id && secret ? { id, secret } : undefined;
}
