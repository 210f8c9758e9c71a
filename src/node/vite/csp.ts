import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface CspOptions {
  /** `sha256-…` hashes of inline scripts the page (or a window it opens) runs. */
  scriptHashes: readonly string[];
  /**
   * Fonts arrive as `data:` URLs (the single-file build) rather than files.
   *
   * @default false
   */
  inlineFonts?: boolean;
  /** The one origin the page may connect to: the live broker's (`wss://broker.example.org`), if any. */
  connectSrc?: string | undefined;
}

/**
 * The deck's Content-Security-Policy: nothing but its own origin. Styles allow inline because
 * reveal.js positions and scales slides with `style` attributes; frames are the speaker view's
 * previews of the deck itself.
 */
export function contentSecurityPolicy({ scriptHashes, inlineFonts = false, connectSrc }: CspOptions): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${scriptHashes.map((hash) => `'${hash}'`).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `font-src 'self'${inlineFonts ? ' data:' : ''}`,
    "frame-src 'self'",
    ...(connectSrc ? [`connect-src ${connectSrc}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export const sha256 = (text: string): string => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/** The speaker view's popup is `about:blank` written with one inline script; it inherits the CSP. */
const NOTES_POPUP_HTML = /document\.write\(("(?:[^"\\]|\\[\s\S])*")\)/;
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

/**
 * Hashes of the inline scripts of reveal's speaker view, read from the installed plugin so an
 * upgrade that changes them changes the policy with it.
 */
export async function speakerViewScriptHashes(): Promise<string[]> {
  const file = createRequire(import.meta.url).resolve('reveal.js/plugin/notes');
  const source = await readFile(file.replace(/\.js$/, '.mjs'), 'utf8');
  const literal = NOTES_POPUP_HTML.exec(source)?.[1];
  if (!literal)
    throw new Error(`${file}: the speaker view's popup HTML was not found; the CSP cannot allow its script`);
  const html = decodeStringLiteral(literal);
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((match) => sha256(match[1]!));
  if (hashes.length === 0) throw new Error(`${file}: the speaker view's popup has no inline script to allow`);
  return hashes;
}

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
