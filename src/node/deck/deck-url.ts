import { HTTP_URL, type DeckSettings } from './schema.ts';

/** Overrides `url` of deck.yml at build time (the GitHub Pages workflow sets it). */
export const DECK_URL_ENV = 'DECK_URL';

/**
 * The hosted deck's address, the one place it is read: `$DECK_URL`, else deck.yml's `url` (checked
 * with the other settings); undefined when neither is set.
 */
export function deckUrl(settings: DeckSettings, env: Record<string, string | undefined>): string | undefined {
  const url = env[DECK_URL_ENV] || settings.url;
  if (url && !HTTP_URL.test(url)) {
    throw new Error(
      `${DECK_URL_ENV}: found "${url}"; expected an absolute http(s) URL, e.g. https://example.org/deck/`,
    );
  }
  return url;
}
