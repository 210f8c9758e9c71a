import { describe, expect, it } from 'vitest';
import { brokerOrigin, liveConfig, liveWarnings } from './live-config.ts';
import type { DeckSettings } from './schema.ts';

const settings = { slug: 'talk', live: { broker: 'wss://broker.example.org/mqtt' } } as DeckSettings;
const withoutLive = { slug: 'talk' } as DeckSettings;

describe('live configuration', () => {
  it('comes from deck.yml, or the environment variable, or is off', () => {
    expect(liveConfig(settings, {})).toEqual({ broker: 'wss://broker.example.org/mqtt', slug: 'talk' });
    expect(liveConfig(withoutLive, { DECK_LIVE_BROKER: 'ws://127.0.0.1:9001' })).toEqual({
      broker: 'ws://127.0.0.1:9001',
      slug: 'talk',
    });
    expect(liveConfig({ ...settings, live: { ...settings.live!, user: 'presenter' } }, {})).toEqual({
      broker: 'wss://broker.example.org/mqtt',
      slug: 'talk',
      user: 'presenter',
    });
    expect(liveConfig(withoutLive, {})).toBeUndefined();
    expect(() => liveConfig(withoutLive, { DECK_LIVE_BROKER: 'mqtt://x' })).toThrow(
      'DECK_LIVE_BROKER: found "mqtt://x"; expected a WebSocket URL',
    );
  });

  it('names the origin the CSP allows, and warns about ws:// under an https deck', () => {
    expect(brokerOrigin({ broker: 'wss://broker.example.org:8084/mqtt', slug: 'talk' })).toBe(
      'wss://broker.example.org:8084',
    );
    const plain = { broker: 'ws://broker.example.org/mqtt', slug: 'talk' };
    expect(liveWarnings(plain, 'https://example.org/deck/')).toEqual([expect.stringMatching(/use wss:\/\//)]);
    expect(liveWarnings(plain, 'http://192.168.1.5/deck/')).toEqual([]);
    expect(liveWarnings(liveConfig(settings, {}), 'https://example.org/deck/')).toEqual([]);
  });
});
