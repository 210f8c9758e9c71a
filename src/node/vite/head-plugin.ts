import type { Plugin } from 'vite';
import { contentSecurityPolicy, speakerViewScriptHashes } from './csp.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';
import { escapeHtml } from '../html.ts';

/** The environment variable that gives the deck's public URL, for absolute social-preview links. */
export const DECK_URL_ENV = 'DECK_URL';
/** The social preview image, beside `index.html`. */
export const SOCIAL_IMAGE = { file: 'social.png', width: 1200, height: 630 } as const;

export interface HeadPluginOptions {
  /** The deck's public URL (`https://…/deck/`); without it the preview tags use relative URLs. */
  deckUrl?: string;
  /**
   * Add the social preview tags (the single-file build has no image beside it).
   *
   * @default true
   */
  social?: boolean;
}

const CHARSET = /<meta charset="utf-8" \/>/;

/** Built pages only: a strict CSP and no-referrer policy, and Open Graph / Twitter card tags. */
export function headPlugin(options: HeadPluginOptions = {}): Plugin {
  let api: DeckPluginApi;
  let warned = false;
  return {
    name: 'deck-head',
    apply: 'build',
    configResolved(config) {
      api = deckApi(config.plugins);
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const { settings } = await api.deck();
        const csp = contentSecurityPolicy({
          scriptHashes: await speakerViewScriptHashes(),
        });
        const tags = [
          `<meta http-equiv="Content-Security-Policy" content="${csp}" />`,
          '<meta name="referrer" content="no-referrer" />',
        ];
        if (options.social ?? true) {
          if (!options.deckUrl && !warned) {
            warned = true;
            console.info(
              `deck: ${DECK_URL_ENV} is not set, so the social preview tags use relative URLs; set ${DECK_URL_ENV}=https://… for absolute ones`,
            );
          }
          const image = options.deckUrl ? new URL(SOCIAL_IMAGE.file, options.deckUrl).href : `./${SOCIAL_IMAGE.file}`;
          const meta = (attribute: string, name: string, content: string): string =>
            `<meta ${attribute}="${name}" content="${escapeHtml(content)}" />`;
          tags.push(
            meta('property', 'og:type', 'website'),
            meta('property', 'og:title', settings.title),
            meta('property', 'og:description', settings.description),
            meta('property', 'og:image', image),
            meta('property', 'og:image:width', String(SOCIAL_IMAGE.width)),
            meta('property', 'og:image:height', String(SOCIAL_IMAGE.height)),
            meta('property', 'og:image:alt', `Title slide: ${settings.title}`),
            ...(options.deckUrl ? [meta('property', 'og:url', options.deckUrl)] : []),
            meta('name', 'twitter:card', 'summary_large_image'),
            meta('name', 'twitter:title', settings.title),
            meta('name', 'twitter:description', settings.description),
            meta('name', 'twitter:image', image),
          );
        }
        // The policy must come before anything it governs.
        return html.replace(CHARSET, (charset) => `${charset}\n    ${tags.join('\n    ')}`);
      },
    },
  };
}
