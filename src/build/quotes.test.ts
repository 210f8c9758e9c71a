import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDeck, readDeckSource } from './deck.ts';

/**
 * The blog post the deck is about (a copy of `../shared/source/xensource-keynote-2006.txt`, kept in
 * the repository so the check runs anywhere; `.ci/run` checks the copy is identical). Every quote
 * on a slide or in the notes must stand in it verbatim.
 */
const SOURCE_TEXT = 'assets/source/xensource-keynote-2006.txt';
/** Text between straight double quotes (a quote inside a quote splits it, and each part must match). */
const QUOTED = /"([^"\n]+)"/g;

describe('quotes in the slides', async () => {
  const post = (await readFile(SOURCE_TEXT, 'utf8')).replace(/\s+/g, ' ');
  const deck = parseDeck(await readDeckSource(process.cwd()));

  it.each(deck.slides.map((slide) => [slide.file, slide] as const))('%s quotes the post exactly', (_, slide) => {
    const texts = [slide.body, slide.notes];
    const quotes = texts
      .flatMap((text) => [...text.matchAll(QUOTED)].map((m) => m[1]!.trim()))
      .filter((q) => q.length > 3);
    for (const quote of quotes) expect(post, `${slide.file}: "${quote}"`).toContain(quote);
  });

  it("the blockquotes are the post's own words", () => {
    const blockquotes = deck.slides.flatMap((slide) => slide.body.split('\n').filter((line) => line.startsWith('> ')));
    expect(blockquotes.length).toBeGreaterThan(0);
    for (const line of blockquotes) expect(post).toContain(line.slice(2).trim());
  });
});
