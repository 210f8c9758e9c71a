import { describe, expect, it } from 'vitest';
import { parseDeckSettings } from './slides.ts';
import { deckUrl } from './deck-url.ts';

const settings = (extra = '') =>
  parseDeckSettings('slides/deck.yml', `title: T\ndescription: D\nlang: en\nslug: t\n${extra}`);

describe('deckUrl', () => {
  it("comes from deck.yml's url, and DECK_URL overrides it", () => {
    expect(deckUrl(settings(), {})).toBeUndefined();
    expect(deckUrl(settings('url: https://example.org/deck/\n'), {})).toBe('https://example.org/deck/');
    expect(deckUrl(settings('url: https://example.org/deck/\n'), { DECK_URL: 'https://venue.example/d/' })).toBe(
      'https://venue.example/d/',
    );
  });

  it('must be an absolute http(s) URL, in deck.yml (file, line, field) and in DECK_URL', () => {
    expect(() => settings('url: example.org/deck/\n')).toThrow(
      /^slides\/deck\.yml:5: field "url": .*an absolute http\(s\) URL/,
    );
    expect(() => deckUrl(settings(), { DECK_URL: 'ftp://example.org/' })).toThrow(
      'DECK_URL: found "ftp://example.org/"; expected an absolute http(s) URL',
    );
  });
});
