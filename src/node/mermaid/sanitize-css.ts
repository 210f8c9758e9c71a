/**
 * What no diagram style may hold, found by name so an error can say which: anything that reaches
 * another document or runs code, and the ways to hide one of those from a text check.
 */
const UNSAFE_CSS: readonly { what: string; pattern: RegExp }[] = [
  // A fragment (`url(#marker)`) stays in the page; anything else is another document.
  { what: 'url() to another document', pattern: /url\((?!\s*['"]?#)/i },
  { what: '@import', pattern: /@import/i },
  { what: 'image-set()', pattern: /image-set\(/i },
  { what: 'expression()', pattern: /expression\(/i },
  { what: 'javascript:', pattern: /javascript:/i },
  { what: '-moz-binding', pattern: /-moz-binding/i },
  { what: 'behavior', pattern: /behavior\s*:/i },
  // A CSS escape spells any of the above without its letters (`u\72l(`); Mermaid writes none.
  { what: 'a backslash escape', pattern: /\\/ },
  // `</style>` would end the single-file page's style element and start markup.
  { what: '"<"', pattern: /</ },
];
/** Chromium prints filtered groups as bitmaps; diagrams must stay vector. */
const CSS_FILTER = /(^|[;{\s])filter\s*:[^;}]*;?/gi;

/** The first unsafe construct in `css`, in words, or undefined if it has none. */
export function unsafeCssConstruct(css: string): string | undefined {
  return UNSAFE_CSS.find(({ pattern }) => pattern.test(css))?.what;
}

/** Removes what would rasterise a diagram; `null` if the CSS could reach outside the page or run code. */
export function sanitizeCss(css: string): string | null {
  if (unsafeCssConstruct(css) !== undefined) return null;
  return css.replace(CSS_FILTER, '$1');
}
