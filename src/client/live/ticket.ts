/**
 * A follow link's ticket, `?follow=<session>.<public key>`: the session (16 hex digits) and the
 * presenter's public key (base64url). Its own module, so that the page can tell a follow link at
 * start without the live chunk.
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
