import { unescapeHtml } from '../html.ts';

/** Printable ASCII, kept in every subset: slide numbers, the dev warning and any text reveal adds. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** Characters CSS draws that are not in the text: list bullets. */
export const GENERATED = '•';
const TAG = /<[^>]*>/g;
/** Characters no font needs a glyph for: spaces, controls, joiners and variation selectors. */
const NO_GLYPH = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

/** The characters of `text` a font draws a glyph for, once each. */
export function glyphCharacters(text: string): string[] {
  return [...new Set(text)].filter((character) => !NO_GLYPH.test(character));
}

/** The characters a slide's HTML shows (speaker notes included: the handout prints them), once each. */
export function shownCharacters(html: string): string[] {
  return glyphCharacters(unescapeHtml(html.replace(TAG, '')));
}

/** `characters` once each, in a stable order: a subset's input, and part of its cache key. */
export const sortedCharacters = (characters: Iterable<string>): string => [...new Set(characters)].sort().join('');

/** Every character the fonts must draw for `html`, plus ASCII, in code-point order: a subset's input. */
export function fontCharacters(html: string): string {
  return sortedCharacters([...ASCII, ...GENERATED, ...shownCharacters(html)]);
}
