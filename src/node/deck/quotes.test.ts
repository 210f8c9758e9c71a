import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { unescapeHtml } from '../html.ts';
import { renderMarkdown } from './markdown.ts';
import { parseDeck, readDeckSource } from './pipeline.ts';

/**
 * The blog post the deck is about (a copy of `../shared/source/xensource-keynote-2006.txt`, kept in
 * the repository so the check runs anywhere; `.ci/run` checks the copy is identical). Every quote
 * on a slide or in the notes must stand in it verbatim.
 */
const SOURCE_TEXT = 'assets/source/xensource-keynote-2006.txt';
const CODE_BLOCK = /<pre>[\s\S]*?<\/pre>/g;
const TAG = /<[^>]*>/g;
const LETTER = /\p{L}/u;

/** The text a slide shows for some Markdown: typographic marks and all, code left out. */
const shownText = (markdown: string): string =>
  unescapeHtml(renderMarkdown(markdown).replace(CODE_BLOCK, '').replace(TAG, ''));

/**
 * The quotes of a shown text (“…”, each whole, a quote inside it included), written back with the
 * source's straight marks: “ ” and a nested ‘ ’ as ", an apostrophe ’ as '.
 */
function quotesIn(text: string): string[] {
  const quotes: string[] = [];
  const characters = Array.from(text);
  let current: string | undefined;
  let nested = 0;
  characters.forEach((character, index) => {
    if (current === undefined) {
      if (character === '“') current = '';
    } else if (character === '”') {
      quotes.push(current);
      current = undefined;
    } else if (character === '‘') {
      nested += 1;
      current += '"';
    } else if (character === '’') {
      // Before a letter it is an apostrophe (it’s); otherwise it may close a nested quote.
      const closes = nested > 0 && !LETTER.test(characters[index + 1] ?? '');
      if (closes) nested -= 1;
      current += closes ? '"' : "'";
    } else {
      current += character;
    }
  });
  return quotes;
}

/**
 * The passage of the post most like `quote`: of the same number of words, the one sharing the most
 * words with it. A failed check shows it, so the author sees the difference at a glance.
 */
function closestPassage(post: string, quote: string): string {
  const words = post.split(' ');
  const wanted = quote.toLowerCase().split(' ');
  let best = { score: -1, start: 0 };
  for (let start = 0; start + wanted.length <= words.length; start++) {
    const window = words.slice(start, start + wanted.length).map((word) => word.toLowerCase());
    const score = wanted.filter((word) => window.includes(word)).length;
    if (score > best.score) best = { score, start };
  }
  return words.slice(best.start, best.start + wanted.length).join(' ');
}

function expectInPost(post: string, quote: string, where: string): void {
  if (post.includes(quote)) return;
  expect.fail(
    `${where}: "${quote}" is not in the source text; its closest passage is "${closestPassage(post, quote)}"`,
  );
}

describe('closestPassage', () => {
  it('points at the passage a misquote was taken from', () => {
    const post = 'The good news is that this change is happening now, thanks to Intel and AMD. Check this box.';
    expect(closestPassage(post, 'this change happens now, thanks to Intel')).toBe(
      'this change is happening now, thanks to',
    );
  });
});

describe('quotesIn', () => {
  it("reads each shown quote back with the source text's straight marks, a nested quote included", () => {
    const shown = shownText(`- "VMware ESX is "good enough"." The author's "It's theirs to lose."`);
    expect(shown).toContain('“VMware ESX is ‘good enough’.”');
    expect(quotesIn(shown)).toEqual(['VMware ESX is "good enough".', "It's theirs to lose."]);
  });
});

describe('quotes in the slides', async () => {
  const post = (await readFile(SOURCE_TEXT, 'utf8')).replace(/\s+/g, ' ');
  const deck = parseDeck(await readDeckSource(process.cwd()));

  const quoted = deck.slides
    .map((slide) => ({
      slide,
      quotes: [slide.body, slide.notes]
        .flatMap((markdown) => quotesIn(shownText(markdown)))
        .map((quote) => quote.trim())
        .filter((quote) => quote.length > 3),
    }))
    .filter(({ quotes }) => quotes.length > 0);

  // A deck that quotes the post nowhere (or a quotesIn that finds nothing) leaves the check below empty.
  it('the deck quotes the post', () => {
    expect(quoted.map(({ slide }) => slide.file)).not.toEqual([]);
  });

  it.each(quoted.map(({ slide, quotes }) => [slide.file, quotes] as const))(
    '%s quotes the post exactly',
    (file, quotes) => {
      for (const quote of quotes) expectInPost(post, quote, file);
    },
  );

  it("the blockquotes are the post's own words", () => {
    const blockquotes = deck.slides.flatMap((slide) => slide.body.split('\n').filter((line) => line.startsWith('> ')));
    expect(blockquotes.length).toBeGreaterThan(0);
    for (const line of blockquotes) expectInPost(post, line.slice(2).trim(), 'a blockquote');
  });
});
