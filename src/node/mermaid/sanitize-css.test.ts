import { describe, expect, it } from 'vitest';
import { sanitizeCss, unsafeCssConstruct } from './sanitize-css.ts';
import { CSS_PAYLOADS } from './__fixtures__/tampering.ts';

describe('sanitizeCss', () => {
  it('removes filters and keeps references to fragments of the page', () => {
    expect(sanitizeCss(".a{fill:red;filter:brightness(120%)}.b{stroke:url(#g)}.c{fill:url( '#h')}")).toBe(
      ".a{fill:red;}.b{stroke:url(#g)}.c{fill:url( '#h')}",
    );
  });

  it.each(CSS_PAYLOADS)('refuses $construct: $css', ({ css, construct }) => {
    expect(sanitizeCss(css)).toBeNull();
    expect(unsafeCssConstruct(css)).toBe(construct);
  });
});
