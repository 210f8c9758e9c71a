import { PRINT_QUERY } from '../shared/print-options.ts';
import { FOLLOW_PARAM } from './live-key.ts';
import { isSpeakerViewPreview } from './preview-frame.ts';
import { readSlideLink } from './slide-link.ts';

/** How a page of the deck opens: its address, and whether its window gets the phone layout. */
export interface Opening {
  /** `location.search`. */
  search: string;
  /** `location.hash`. */
  hash: string;
  /** The id of the deck's first slide, which a link to it may name. */
  firstSlideId: string | undefined;
  /** The window is narrow enough for the phone layout (`NARROW_QUERY`). */
  narrow: boolean;
}

/** Whether the deck opens on its first slide at `hash`, as reveal reads it (no slide named, `#/0`, its id). */
function opensOnFirstSlide(hash: string, firstSlideId: string | undefined): boolean {
  const link = readSlideLink(hash);
  if (!link) return true;
  if ('id' in link) return link.id === firstSlideId;
  return link.h === 0 && link.v === 0;
}

/**
 * Whether the first screen shows more than the first slide, and so needs every slide's fonts before
 * it is shown: a deep link, the print view, a speaker-view preview, a follower (it goes where the
 * presenter is), a phone (the next slide's top is in view). The deck's script and the build's
 * early-fonts script in the page's head (`early-fonts.ts`) both ask this.
 */
export function showsMoreThanTheFirstSlide({ search, hash, firstSlideId, narrow }: Opening): boolean {
  const query = new URLSearchParams(search);
  return (
    query.has(PRINT_QUERY.print) ||
    isSpeakerViewPreview(search) ||
    narrow ||
    query.has(FOLLOW_PARAM) ||
    !opensOnFirstSlide(hash, firstSlideId)
  );
}
