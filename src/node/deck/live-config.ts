import type { LiveConfig } from '../../shared/live-config.ts';
import { WEBSOCKET_URL, type DeckSettings } from './schema.ts';

/** Overrides `live.broker` of deck.yml at build time (a broker per venue, or one for tests). */
export const LIVE_BROKER_ENV = 'DECK_LIVE_BROKER';

/** The live configuration the page gets, or undefined when the deck has no broker. */
export function liveConfig(settings: DeckSettings, env: Record<string, string | undefined>): LiveConfig | undefined {
  const broker = env[LIVE_BROKER_ENV] || settings.live?.broker;
  if (!broker) return undefined;
  if (!WEBSOCKET_URL.test(broker)) {
    throw new Error(`${LIVE_BROKER_ENV}: found "${broker}"; expected a WebSocket URL, wss://host[:port][/path]`);
  }
  const user = settings.live?.user;
  return { broker, slug: settings.slug, ...(user ? { user } : {}) };
}

/** The origin the page's CSP must let it connect to: the broker's, nothing else. */
export const brokerOrigin = (config: LiveConfig): string => new URL(config.broker).origin;

/**
 * What the build should say about a live configuration: a deck served over https can only open a
 * `wss://` broker (and WebCrypto, which signs and verifies, exists only in secure contexts).
 */
export function liveWarnings(config: LiveConfig | undefined, deckUrl: string | undefined): string[] {
  if (!config || !deckUrl?.startsWith('https:') || config.broker.startsWith('wss:')) return [];
  return [
    `live: the deck is served over https (${deckUrl}) but the broker is ${config.broker}; browsers block ws:// from https pages: use wss://`,
  ];
}
