import { transformSync } from 'esbuild';

// reveal.js's speaker view is a popup (`about:blank`) its notes plugin writes from one string of
// HTML with inline scripts and styles: the build ships it minified, and the CSP allows its scripts by
// hash, so both take it from here.

/** The popup's HTML in the notes plugin's source: the double-quoted literal it writes. */
const NOTES_POPUP_HTML = /document\.write\(("(?:[^"\\]|\\[\s\S])*")\)/;
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;
const INLINE_STYLE = /<style>([\s\S]*?)<\/style>/g;

const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|\r?\n|([\s\S]))/g;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** The value of a double-quoted JavaScript string literal (the popup HTML, exactly as the browser gets it). */
export function decodeStringLiteral(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(ESCAPE, (line: string, hex?: string, codePoint?: string, unit?: string, other?: string) => {
      const code = hex ?? codePoint ?? unit;
      if (code) return String.fromCodePoint(parseInt(code, 16));
      if (other === undefined) return ''; // a line continuation
      return SIMPLE_ESCAPES[other] ?? other;
    });
}

/** The popup's HTML with its inline scripts and styles minified (comments and indentation out). */
export function slimPopupHtml(html: string): string {
  const minify = (code: string, loader: 'js' | 'css'): string =>
    transformSync(code, { minify: true, loader }).code.trim();
  return html
    .replace(INLINE_SCRIPT, (_, script: string) => `<script>${minify(script, 'js')}</script>`)
    .replace(INLINE_STYLE, (_, style: string) => `<style>${minify(style, 'css')}</style>`);
}

/** The code of each inline script of `html`, as a CSP hashes it. */
export const inlineScripts = (html: string): string[] => [...html.matchAll(INLINE_SCRIPT)].map((match) => match[1]!);

/**
 * The speaker view's popup in the notes plugin's `source` (`file`, for the error): its string
 * literal as written there, and its HTML as the build ships it (slimmed). Throws if there is none.
 */
export function speakerViewPopup(source: string, file: string): { literal: string; html: string } {
  const literal = NOTES_POPUP_HTML.exec(source)?.[1];
  if (!literal)
    throw new Error(`${file}: the speaker view's popup HTML was not found; the CSP cannot allow its script`);
  return { literal, html: slimPopupHtml(decodeStringLiteral(literal)) };
}
