import faces from 'virtual:deck-every-font';
import { addFaces, EARLY_FACES, type Joining } from './deck-faces.ts';

/**
 * Adds every face of the deck, cut down to what all its slides show: the first screen came with its
 * own characters only. Added after the first screen's faces, they take over with the same glyphs and
 * kerning. `now` is for a first screen that waits for them (a deep link, a phone): where the page's
 * head has already added them (`early-fonts.ts`), that load is the one waited on.
 */
export function addEveryFont(joining: Joining = 'loaded'): Promise<void> {
  return (joining === 'now' ? window[EARLY_FACES] : undefined) ?? addFaces(faces, joining);
}
