/**
 * What a pull request could slip into a committed render, each as an element to put inside a
 * diagram's `<g>`, with what the sanitiser must leave of it (as `hast-util-to-html` writes it).
 */
export interface SvgPayload {
  name: string;
  payload: string;
  clean: string;
}

const FOREIGN = 'https://evil.example/x.svg#y';
const PATH = '<path d="M0 0"></path>';

export const SVG_PAYLOADS: readonly SvgPayload[] = [
  { name: '<script>', payload: '<script>window.__pwned=1</script>', clean: '' },
  { name: 'onload=', payload: '<path d="M0 0" onload="window.__pwned=1"></path>', clean: PATH },
  {
    name: '<a href="javascript:">',
    payload: '<a href="javascript:window.__pwned=1"><path d="M0 0"></path></a>',
    clean: PATH,
  },
  ...['fill', 'mask', 'clip-path', 'marker-end'].flatMap((property) => [
    {
      name: `${property}="url(https://…)"`,
      payload: `<path d="M0 0" ${property}="url(${FOREIGN})"></path>`,
      clean: PATH,
    },
    {
      name: `style="${property}: url(https://…)"`,
      payload: `<path d="M0 0" style="${property}: url(${FOREIGN})"></path>`,
      clean: PATH,
    },
  ]),
  {
    name: 'a CSS-escaped url( in an attribute',
    payload: `<path d="M0 0" fill="u\\72l(${FOREIGN})"></path>`,
    clean: PATH,
  },
  {
    name: '<meta http-equiv="refresh">',
    payload: '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    clean: '',
  },
  {
    name: '<animate>',
    payload: '<animate attributeName="href" to="javascript:window.__pwned=1" begin="0s"></animate>',
    clean: '',
  },
  { name: '<set>', payload: `<set attributeName="fill" to="url(${FOREIGN})"></set>`, clean: '' },
  {
    name: '<foreignObject>',
    payload:
      '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="https://evil.example/i.png"></div></foreignObject>',
    clean: '',
  },
  { name: '<image href=https://>', payload: '<image href="https://evil.example/i.png"></image>', clean: '' },
  { name: '<use href="https://…">', payload: `<use href="${FOREIGN}"></use>`, clean: '<use></use>' },
  { name: '<use xlink:href="https://…">', payload: `<use xlink:href="${FOREIGN}"></use>`, clean: '<use></use>' },
];

/** What a diagram's stored CSS must never hold, each with the construct the error names. */
export const CSS_PAYLOADS: readonly { css: string; construct: string }[] = [
  { css: '.a{fill:url(https://evil.example/x.svg#y)}', construct: 'url() to another document' },
  { css: '.a{background:url( "//evil.example/x.png")}', construct: 'url() to another document' },
  { css: '@import "https://evil.example/x.css";', construct: '@import' },
  { css: '.a{background:image-set("https://evil.example/x.png" 1x)}', construct: 'image-set()' },
  { css: '.a{width:expression(alert(1))}', construct: 'expression()' },
  { css: '.a{background:url(javascript:alert(1))}', construct: 'url() to another document' },
  { css: '.a{-moz-binding:url(#x)}', construct: '-moz-binding' },
  { css: '.a{behavior: url(#x)}', construct: 'behavior' },
  { css: '.a{fill:u\\72l(https://evil.example/x)}', construct: 'a backslash escape' },
  { css: '.a{}</style><script>window.__pwned=1</script>', construct: '"<"' },
];
