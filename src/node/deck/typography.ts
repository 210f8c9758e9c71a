/**
 * Typographic quotation marks for slide text: “…” outside, ‘…’ for a quote inside a quote, and ’
 * for apostrophes. The slides are written with straight marks, as the source text is.
 */

/** After these (or at the start), a straight mark opens a quote; anywhere else it closes one. */
const OPENS_AFTER = /[\s([{\u2014\u2013\-/\u201C\u2018]/;
const MARKS = { outer: ['\u201C', '\u201D'], inner: ['\u2018', '\u2019'] } as const;
const APOSTROPHE = '\u2019';

/**
 * Replaces straight quotes in the pieces of one block of text (the text runs of a paragraph, split
 * by emphasis or links), so a quote may open in one piece and close in another.
 */
export function typographicQuotes(pieces: readonly string[]): string[] {
  let depth = 0;
  let previous = '';
  return pieces.map((piece) =>
    Array.from(piece, (character) => {
      const opens = previous === '' || OPENS_AFTER.test(previous);
      let result = character;
      if (character === '"') {
        if (opens) {
          depth += 1;
          result = (depth % 2 === 1 ? MARKS.outer : MARKS.inner)[0];
        } else {
          result = (depth % 2 === 0 && depth > 0 ? MARKS.inner : MARKS.outer)[1];
          depth = Math.max(depth - 1, 0);
        }
      } else if (character === "'") {
        result = opens ? MARKS.inner[0] : APOSTROPHE;
      }
      previous = result;
      return result;
    }).join(''),
  );
}

/** The same for one line of plain text (a heading). */
export const typographicLine = (text: string): string => typographicQuotes([text])[0]!;
