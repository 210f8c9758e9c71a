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

/** `#/5` or `#/5/0`: a slide by its zero-based number, as reveal.js reads it. */
const NUMBER_LINK = /^#\/?(\d+)(?:\/(\d+))?$/;
/** What precedes a slide's id in a deep link: `#/` (or `#`). */
const HASH_PREFIX = /^#\/?/;

/**
 * The slide a deep link names, as reveal.js reads it: by its zero-based number (`#/5`, `#/5/0`) or
 * by its id (`#/step-2`, percent-decoded); undefined for none (no hash, `#/`, a malformed id).
 */
export function readSlideLink(hash: string): { h: number; v: number } | { id: string } | undefined {
  const number = NUMBER_LINK.exec(hash);
  if (number) return { h: Number(number[1]), v: Number(number[2] ?? 0) };
  const id = decodeSlideId(hash.replace(HASH_PREFIX, ''));
  return id ? { id } : undefined;
}
