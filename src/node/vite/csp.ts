import { createHash } from 'node:crypto';
import { inlineScripts, speakerViewPopup } from './speaker-view-popup.ts';
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

/**
 * Hashes of the inline scripts of reveal's speaker view (its popup is `about:blank` written with
 * them, and inherits the CSP), read from the installed plugin as the build ships it, so an upgrade
 * that changes them changes the policy with it.
 */
export async function speakerViewScriptHashes(): Promise<string[]> {
  const file = createRequire(import.meta.url)
    .resolve('reveal.js/plugin/notes')
    .replace(/\.js$/, '.mjs');
  const { html } = speakerViewPopup(await readFile(file, 'utf8'), file);
  const hashes = inlineScripts(html).map(sha256);
  if (hashes.length === 0) throw new Error(`${file}: the speaker view's popup has no inline script to allow`);
  return hashes;
}
