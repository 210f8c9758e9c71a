import { addFaces, EARLY_FACES, type DeckFace } from './deck-faces.ts';
import { showsMoreThanTheFirstSlide } from './first-screen.ts';
import { NARROW_QUERY } from './narrow-query.ts';

/** Filled in by the build (fonts-plugin.ts): the deck's first slide, and every face its slides use. */
declare const DECK_EARLY_FONTS: { firstSlideId: string; faces: DeckFace[] };

// The page's first script, inline in its head: a first screen that waits for every slide's fonts has
// them added and fetched from here, before anything is laid out (no face of the first slide alone is
// fetched then) and beside the stylesheet and the deck's script, rather than once that script runs.
const opening = {
  search: window.location.search,
  hash: window.location.hash,
  firstSlideId: DECK_EARLY_FONTS.firstSlideId,
  narrow: window.matchMedia(NARROW_QUERY).matches,
};
if (showsMoreThanTheFirstSlide(opening)) {
  const faces = addFaces(DECK_EARLY_FONTS.faces, 'now');
  // The deck's script waits on this load, and says which font failed, if one did.
  faces.catch(() => undefined);
  window[EARLY_FACES] = faces;
}
