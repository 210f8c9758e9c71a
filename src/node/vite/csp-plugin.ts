import type { Plugin, Rolldown } from 'vite';
import { brokerOrigin } from '../deck/live-config.ts';
import { contentSecurityPolicy, sha256, speakerViewScriptHashes } from './csp.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';

const CHARSET = /<meta charset="utf-8" \/>/;
/** The page's inline scripts (the single file's bundle); external ones (`src=`) are allowed as 'self'. */
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
/** Fonts inlined as data URLs (the single file). */
const INLINE_FONT = /url\(\s*["']?data:font\//;

/**
 * The one writer of the deck's Content-Security-Policy, in every build mode: it runs last, on the
 * finished `index.html`, and allows exactly the inline scripts the page ended up with (by hash),
 * the speaker view's, `data:` fonts if the page carries its fonts inside, and the live broker's origin if it has one.
 */
export function cspPlugin(): Plugin {
  let api: DeckPluginApi;
  return {
    name: 'deck-csp',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      api = deckApi(config.plugins);
    },
    // With the social image's, after Vite's own post-processing of the chunks; in plugin order.
    generateBundle: {
      order: 'post',
      async handler(_, bundle: Rolldown.OutputBundle) {
        const page = bundle['index.html'] as Rolldown.OutputAsset | undefined;
        if (!page) throw new Error('CSP: index.html is missing from the bundle');
        const html = String(page.source);
        const inline = [...html.matchAll(INLINE_SCRIPT)].map((match) => match[1]!).filter(Boolean);
        const live = (await api.deckIfValid())?.live;
        const policy = contentSecurityPolicy({
          scriptHashes: [...(await speakerViewScriptHashes()), ...inline.map(sha256)],
          inlineFonts: INLINE_FONT.test(html),
          connectSrc: live && brokerOrigin(live),
        });
        // The policy must come before anything it governs.
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        page.source = html.replace(CHARSET, (charset) => `${charset}\n    ${tag}`);
      },
    },
  };
}
