import type { RevealApi } from 'reveal.js';
import { LIVE_KEY } from '../live-key.ts';

/**
 * The whole of live presenting in a deck without a broker (the build ships no live code then):
 * L moves nothing and says on screen that live is off (the note is fetched on the first press).
 */
export default function liveOff(deck: RevealApi): Promise<void> {
  deck.addKeyBinding({ ...LIVE_KEY, description: 'Live presenting (off: no broker is set)' }, () => {
    void import('./no-broker-note.ts').then(({ showLiveOff }) => showLiveOff());
  });
  return Promise.resolve();
}
