import type { RevealApi } from 'reveal.js';
import { LIVE_KEY, REMOTE_KEY } from '../live-key.ts';

/**
 * The whole of live presenting in a deck without a broker (the build ships no live code then):
 * L and R (the phone remote, which rides on live) move nothing and say on screen that live is off
 * (the note is fetched on the first press).
 */
export default function liveOff(deck: RevealApi): Promise<void> {
  const sayOff = (): void => void import('./no-broker-note.ts').then(({ showLiveOff }) => showLiveOff());
  deck.addKeyBinding({ ...LIVE_KEY, description: 'Live presenting (off: no broker is set)' }, sayOff);
  deck.addKeyBinding({ ...REMOTE_KEY, description: 'Phone remote (off: no broker is set)' }, sayOff);
  return Promise.resolve();
}
