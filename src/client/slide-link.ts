/**
 * The slide id a deep link names (`step-2` from `#/step-2`), percent-decoded; undefined when the
 * encoding is malformed (`#/%E0%A4%A`). A hash is whatever someone typed or pasted: such a link
 * names no slide, and the deck opens on the title, as reveal.js itself reads it, rather than
 * throwing `URIError: URI malformed` while it starts.
 */
export function decodeSlideId(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}
