import { unescapeHtml } from '../html.ts';

/** Printable ASCII, kept in every subset: slide numbers, the dev warning and any text reveal adds. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** Characters CSS draws that are not in the text: list bullets. */
const GENERATED = '•';
const TAG = /<[^>]*>/g;
/** Speaker notes: printed in the handout and shown in the speaker view, never on the slide. */
const NOTES = /<aside class="notes">[\s\S]*?<\/aside>/g;
/**
 * What the first screen draws besides its text: spaces (a face that did not declare them would leave
 * them to another font, and the text would move when the whole face arrives), the slide's number
 * (`1/9`) and a numbered list's markers (`1.`).
 */
const FIRST_SCREEN_EXTRAS = ' 0123456789/.';
/** Characters no font needs a glyph for: spaces, controls, joiners and variation selectors. */
const NO_GLYPH = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

/** The characters a slide's HTML shows (speaker notes included: the handout prints them), once each. */
export function shownCharacters(html: string): string[] {
  return [...new Set(unescapeHtml(html.replace(TAG, '')))].filter((character) => !NO_GLYPH.test(character));
}

/** Every character the fonts must draw for `html`, plus ASCII, in code-point order: a subset's input. */
export function fontCharacters(html: string): string {
  return [...new Set([...ASCII, ...GENERATED, ...shownCharacters(html)])].sort().join('');
}

/**
 * The characters the first screen shows (the first slide without its notes, and its number), in
 * code-point order: the subset a viewer downloads before the deck is ready.
 */
export function firstScreenCharacters(firstSectionHtml: string): string {
  const shown = shownCharacters(firstSectionHtml.replace(NOTES, ''));
  return [...new Set([...FIRST_SCREEN_EXTRAS, ...GENERATED, ...shown])].sort().join('');
}
