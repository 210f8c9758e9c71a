import { REJECTED_ATTRIBUTE, verifyMessage, type LiveState } from './protocol.ts';

/**
 * What a page that follows the presenter (a follower, the phone remote) does with each message on
 * the talk's topic: checks it against the presenter's key and hands on only a state newer than the
 * last one handed on; the reason for a refusal is kept on `<html>`, for whoever debugs the page.
 */
export function stateReceiver(key: CryptoKey, onState: (state: LiveState) => void): (payload: Uint8Array) => void {
  let lastSeq = 0;
  return (payload) =>
    void verifyMessage(payload, key, { lastSeq }).then((result) => {
      if ('rejected' in result) {
        document.documentElement.setAttribute(REJECTED_ATTRIBUTE, result.rejected);
        return;
      }
      // Checks finish out of order: one that a newer state overtook meanwhile must not move the slide back.
      if (result.state.seq <= lastSeq) return;
      lastSeq = result.state.seq;
      onState(result.state);
    });
}
