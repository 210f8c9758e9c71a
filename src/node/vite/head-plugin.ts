import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { DeckSettings } from '../deck/schema.ts';
import { escapeHtml } from '../html.ts';
import { DECK_URL_ENV } from '../deck/deck-url.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';

export { DECK_URL_ENV } from '../deck/deck-url.ts';
/** The social preview image, beside `index.html`. */
export const SOCIAL_IMAGE = { file: 'social.png', width: 1200, height: 630 } as const;
/** The favicon, inlined into the page as a data URL: one request fewer before the first slide. */
export const FAVICON_FILE = 'assets/favicon.svg';

export interface HeadPluginOptions {
  /**
   * Add the social preview tags (built pages only; the single file has no image beside it).
   *
   * @default false
   */
  social?: boolean;
}

const FAVICON_LINK = /<link rel="icon" href="[^"]*"/;
const HTML_LANG = /<html lang="[^"]*"/;
const TITLE = /<title>[^<]*<\/title>/;
const DESCRIPTION = /(<meta name="description" content=")[^"]*"/;
const CHARSET = /<meta charset="utf-8" \/>/;

/** The page's `<head>` from `deck.yml`: language, title, description, author, favicon, social preview. */
export function headPlugin(options: HeadPluginOptions = {}): Plugin {
  let api: DeckPluginApi;
  let root = process.cwd();
  let isBuild = false;
  let warned = false;

  /** `deckUrl`: the deck's public URL (`https://…/deck/`); without it the preview tags use relative URLs. */
  const socialTags = (settings: DeckSettings, deckUrl: string | undefined): string[] => {
    if (!deckUrl && !warned) {
      warned = true;
      console.info(
        `deck: neither ${DECK_URL_ENV} nor url in deck.yml is set, so the social preview tags use relative URLs; set one to https://… for absolute ones`,
      );
    }
    const image = deckUrl ? new URL(SOCIAL_IMAGE.file, deckUrl).href : `./${SOCIAL_IMAGE.file}`;
    const meta = (attribute: string, name: string, content: string): string =>
      `<meta ${attribute}="${name}" content="${escapeHtml(content)}" />`;
    return [
      meta('property', 'og:type', 'website'),
      meta('property', 'og:title', settings.title),
      meta('property', 'og:description', settings.description),
      meta('property', 'og:image', image),
      meta('property', 'og:image:width', String(SOCIAL_IMAGE.width)),
      meta('property', 'og:image:height', String(SOCIAL_IMAGE.height)),
      meta('property', 'og:image:alt', `Title slide: ${settings.title}`),
      ...(deckUrl ? [meta('property', 'og:url', deckUrl)] : []),
      meta('name', 'twitter:card', 'summary_large_image'),
      meta('name', 'twitter:title', settings.title),
      meta('name', 'twitter:description', settings.description),
      meta('name', 'twitter:image', image),
    ];
  };

  return {
    name: 'deck-head',
    configResolved(config) {
      root = config.root;
      isBuild = config.command === 'build';
      api = deckApi(config.plugins);
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        // While the deck has an error (dev server), the page keeps index.html's placeholders.
        const deck = await api.deckIfValid();
        if (!deck) return html;
        const { settings } = deck;
        const favicon = await readFile(resolve(root, FAVICON_FILE));
        // Security and social tags go first in the head: a policy must come before what it governs.
        const first = [
          ...(isBuild ? ['<meta name="referrer" content="no-referrer" />'] : []),
          ...(isBuild && options.social ? socialTags(settings, deck.url) : []),
        ];
        return html
          .replace(CHARSET, (charset) => [charset, ...first].join('\n    '))
          .replace(FAVICON_LINK, `<link rel="icon" href="data:image/svg+xml;base64,${favicon.toString('base64')}"`)
          .replace(HTML_LANG, `<html lang="${escapeHtml(settings.lang)}"`)
          .replace(TITLE, `<title>${escapeHtml(settings.title)}</title>`)
          .replace(DESCRIPTION, `$1${escapeHtml(settings.description)}"`)
          .replace(
            '</head>',
            settings.author
              ? `  <meta name="author" content="${escapeHtml(settings.author)}" />\n  </head>`
              : '</head>',
          );
      },
    },
  };
}
