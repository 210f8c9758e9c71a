import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unescapeHtml } from '../src/node/html.ts';
import { renderMarkdown } from '../src/node/deck/markdown.ts';
import { readOutline } from '../src/node/export/pdf-document.ts';
import { exportPdf } from '../src/node/export/pdf.ts';
import type { HandoutOptions } from '../src/shared/print-options.ts';
import { deckCopy } from './support/deck-copy.ts';
import { expect, source, test } from './support/fixtures.ts';
import { pdfLinks } from './support/pdf-links.ts';
import { pagesText, pdfInfo, pdfWords, unfitFonts } from './support/pdf-reader.ts';

// Each export starts its own browser; two at once is what the machine's two cores allow.
test.describe.configure({ mode: 'parallel' });

let work: string;
test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'deck-handout-'));
});
test.afterAll(() => rm(work, { recursive: true, force: true }));

const TAG = /<[^>]*>/g;
/** A slide's notes as the handout prints them: rendered, typographic, one line. */
const notesText = (notes: string): string =>
  unescapeHtml(renderMarkdown(notes).replace(TAG, ' ')).replace(/\s+/g, ' ').trim();
/** The footer's band at the bottom of a page, in points: the words there are not notes. */
const FOOTER_BAND_PT = 60;
/** Alt texts of the PDF's tagged elements, literal or UTF-16 hex strings. */
const ALT = /\/Alt (?:\(((?:[^()\\]|\\.)*)\)|<FEFF([0-9A-F]*)>)/g;

async function altTexts(file: string): Promise<string[]> {
  const pdf = await readFile(file, 'latin1');
  return [...pdf.matchAll(ALT)].map(([, literal, hex]) =>
    literal !== undefined ? literal.replace(/\\(.)/g, '$1') : Buffer.from(hex!, 'hex').swap16().toString('utf16le'),
  );
}

/** The last words of a page's notes (just above the footer), and their type sizes in points. */
async function notesTail(file: string, page: number, words: number): Promise<{ text: string; sizes: number[] }> {
  const { height, words: all } = await pdfWords(file, page);
  const body = all
    .filter((word) => word.baseline < height - FOOTER_BAND_PT)
    // In reading order: line by line (baselines apart by more than a point), left to right.
    .sort((a, b) => (Math.abs(a.baseline - b.baseline) > 1 ? a.baseline - b.baseline : a.x - b.x));
  const tail = body.slice(-words);
  return { text: tail.map((word) => word.text).join(' '), sizes: tail.map((word) => word.size) };
}

async function exportHandout(baseURL: string, name: string, handout: HandoutOptions): Promise<string> {
  const out = join(work, name);
  await exportPdf({ url: baseURL, out, handout });
  return out;
}

test('the handout: one A4 page per slide, the slide over its notes at 10 pt or more, captioned, tagged, bookmarked', async ({
  baseURL,
}) => {
  const out = await exportHandout(baseURL!, 'handout.pdf', { paper: 'a4', perPage: 1 });
  const count = source.slides.length;
  const info = await pdfInfo(out);
  expect(info.pages).toBe(count);
  // A4 is 210 × 297 mm; Chromium rounds the page to whole CSS pixels (0.75 pt).
  expect(Math.abs(info.width - (210 / 25.4) * 72)).toBeLessThan(1);
  expect(Math.abs(info.height - (297 / 25.4) * 72)).toBeLessThan(1);
  expect(info).toMatchObject({ tagged: true, title: source.settings.title });
  expect(await readOutline(await readFile(out))).toEqual(source.slides.map((slide) => slide.heading));
  expect(await unfitFonts(out)).toEqual([]);

  const alts = await altTexts(out);
  const pages = await pagesText(out);
  for (const [index, slide] of source.slides.entries()) {
    const page = index + 1;
    const text = pages[index];
    const notes = notesText(slide.notes);
    expect(text, `page ${page}`).toContain(`Slide ${page} of ${count} · ${slide.heading}`);
    expect(text, `page ${page}`).toContain(notes);
    expect(text, `page ${page}`).toContain(`${source.settings.title} Page ${page} of ${count}`);
    // The notes end the page's text, in type no smaller than 10 pt.
    const lastWords = notes.split(' ').slice(-3).join(' ');
    const tail = await notesTail(out, page, 3);
    expect(tail.text, `page ${page}`).toBe(lastWords);
    for (const size of tail.sizes) expect(size, `page ${page}`).toBeGreaterThanOrEqual(10 - 0.05);
    // The slide is one figure, whose alt text names it and says what it shows.
    expect(alts.some((alt) => alt.startsWith(`Slide ${page} of ${count}: `))).toBe(true);
  }
  const pdf = await readFile(out, 'latin1');
  expect(pdf).toContain(`/Lang (${source.settings.lang})`);
  expect(pdf).toMatch(/\/S \/P\b/);
});

test('--per-page 2 on US Letter: two slides to a page, every slide still bookmarked and its notes at 10 pt', async ({
  baseURL,
}) => {
  const out = await exportHandout(baseURL!, 'handout-2.pdf', { paper: 'letter', perPage: 2 });
  const info = await pdfInfo(out);
  expect(info.pages).toBe(Math.ceil(source.slides.length / 2));
  // US Letter is 8.5 × 11 in.
  expect([info.width, info.height]).toEqual([8.5 * 72, 11 * 72]);
  expect(await readOutline(await readFile(out))).toEqual(source.slides.map((slide) => slide.heading));
  const [first, second] = source.slides as [(typeof source.slides)[0], (typeof source.slides)[0]];
  const [page] = await pagesText(out);
  expect(page).toContain(notesText(first.notes));
  expect(page).toContain(notesText(second.notes));
  const tail = await notesTail(out, 1, 3);
  expect(tail.text).toBe(notesText(second.notes).split(' ').slice(-3).join(' '));
  for (const size of tail.sizes) expect(size).toBeGreaterThanOrEqual(10 - 0.05);
});

test(
  'a link to another slide, on a slide or in its notes, jumps to that slide’s page in both PDFs',
  { tag: '@one-deck' },
  async () => {
    const [from, toInSlide, toInNotes] = [source.slides[2]!, source.slides[4]!, source.slides[1]!];
    const copy = await deckCopy({
      slide: from,
      change: (text) =>
        text
          .replace(/^Notes:/m, `See [the other slide](#/${toInSlide.id}).\n\nNotes:`)
          .replace(/$/, `\n\nBack to [the earlier slide](#/${toInNotes.id}).\n`),
    });
    try {
      const page = (id: string): number => source.slides.findIndex((slide) => slide.id === id) + 1;
      for (const options of [{}, { handout: { paper: 'a4', perPage: 1 } as const }]) {
        const out = join(work, `links-${'handout' in options ? 'handout' : 'slides'}.pdf`);
        await exportPdf({ url: copy.server.url, out, ...options });
        const links = await pdfLinks(out);
        const from3 = links.filter((link) => link.page === page(from.id));
        expect(from3.filter((link) => link.uri?.includes('#/'))).toEqual([]);
        expect(from3.map((link) => link.toPage)).toContain(page(toInSlide.id));
        if ('handout' in options) expect(from3.map((link) => link.toPage)).toContain(page(toInNotes.id));
      }
    } finally {
      await copy.close();
    }
  },
);

test(
  'notes longer than the page continue on the next one, none cut, and the bookmarks still point at the slides',
  { tag: '@one-deck' },
  async () => {
    const long = source.slides[1]!;
    const paragraphs = Array.from({ length: 45 }, (_, index) => `Paragraph ${index + 1} of the long notes.`);
    const copy = await deckCopy({ slide: long, change: (text) => `${text.trimEnd()}\n\n${paragraphs.join('\n\n')}\n` });
    try {
      const out = join(work, 'long-notes.pdf');
      const result = await exportPdf({
        url: copy.server.url,
        out,
        handout: { paper: 'a4', perPage: 1 },
      });
      expect(result.check.pages).toBeGreaterThan(source.slides.length);
      const extra = result.check.pages - source.slides.length;
      const pages = (await pagesText(out)).slice(0, 3 + extra);
      const text = pages.join(' ');
      for (const paragraph of paragraphs) expect(text).toContain(paragraph);
      expect(pages[2]).toContain(`Slide 2 of ${source.slides.length} · ${long.heading} (notes, continued)`);
      // The slide after the long one still opens its own page, and its bookmark points there.
      expect(pages[2 + extra]).toContain(`Slide 3 of ${source.slides.length} · ${source.slides[2]!.heading}`);
      expect(await readOutline(await readFile(out))).toEqual(source.slides.map((slide) => slide.heading));
    } finally {
      await copy.close();
    }
  },
);
