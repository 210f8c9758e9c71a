/**
 * A follow link's ticket, `?follow=<session>.<public key>`: the session (16 hex digits) and the
 * presenter's public key (base64url). Its own module, so that the page can tell a follow link at
 * start without the live chunk.
 */
export const FOLLOW_TICKET = /^([0-9a-f]{16})\.([\w-]+)$/;
