import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { exportPdf } from '../src/node/export/pdf.ts';
import { SETTINGS_FILE } from '../src/node/deck/slides.ts';
import { SLIDES_DIR } from '../src/node/paths.ts';
import { deckCopy, type DeckCopy, type FileEdit } from './support/deck-copy.ts';
import { expect, source, test } from './support/fixtures.ts';
import { pagesText, unfitFonts } from './support/pdf-reader.ts';

const CYRILLIC = 'Гипервизоры повсюду';
const EMOJI = 'Launch 🚀';
const EMOJI_FONTS = ['@fontsource/noto-emoji/400.css', '@fontsource/noto-emoji/700.css'];

const [cyrillicSlide, emojiSlide] = source.slides.slice(1, 3) as [(typeof source.slides)[0], (typeof source.slides)[0]];
const withText = (file: string, text: string): FileEdit => ({
  file,
  change: (markdown) => markdown.replace(/^Notes:/m, `${text}\n\nNotes:`),
});
const slideEdits = [withText(cyrillicSlide.file, CYRILLIC), withText(emojiSlide.file, EMOJI)];
/** A diagram label in two scripts that need two fonts. */
const DIAGRAM_WORDS = { cyrillic: 'Запуск', emoji: '🚀' };
const DIAGRAM_LABEL = `${DIAGRAM_WORDS.cyrillic} ${DIAGRAM_WORDS.emoji}`;
/** The SVG elements that hold a diagram's text itself (Mermaid puts each word in its own). */
const DIAGRAM_TEXT = 'figure.diagram tspan:not(:has(tspan))';
const FRONT_MATTER_THEN_BODY = /^(---\n[\s\S]*?\n---\n)[\s\S]*?(?=^Notes:)/m;
/** The emoji slide's body becomes the emoji line and a small diagram labelled in both scripts. */
const withDiagram: FileEdit = {
  file: emojiSlide.file,
  change: (markdown) =>
    markdown.replace(
      FRONT_MATTER_THEN_BODY,
      `$1\n${EMOJI}\n\n\`\`\`mermaid\nflowchart LR\n  accTitle: Launch\n  accDescr: A box labelled in Cyrillic with an emoji.\n  launch[${DIAGRAM_LABEL}]\n\`\`\`\n\n`,
    ),
};
const addEmojiFont: FileEdit = {
  file: `${SLIDES_DIR}/${SETTINGS_FILE}`,
  change: (yaml) => `${yaml}\nfonts:\n${EMOJI_FONTS.map((font) => `  - '${font}'\n`).join('')}`,
};

/** The fonts Chromium drew the text of the first `selector` element holding `text` with (DevTools' "Rendered fonts"). */
async function renderedFonts(
  page: Page,
  text: string,
  selector = 'section p',
): Promise<{ familyName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  for (const nodeId of nodeIds) {
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
    if (outerHTML.includes(text)) return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
  }
  throw new Error(`no ${selector} shows "${text}"`);
}

test('a slide with an emoji stops the build until a font that draws it is added', async () => {
  await expect(deckCopy(slideEdits)).rejects.toThrow(
    new RegExp(
      `${basename(emojiSlide.file)}:\\d+: text: no font of the deck \\(Inter\\) draws "🚀" \\(U\\+1F680\\); @fontsource/noto-emoji is installed: list its stylesheets under "fonts:"`,
    ),
  );
});

test.describe('with a font for the emoji added to deck.yml', () => {
  // One build for both tests, in one worker: each check then has its own time limit and its own report.
  test.describe.configure({ mode: 'default' });
  let copy: DeckCopy;
  test.beforeAll(async () => {
    copy = await deckCopy([withText(cyrillicSlide.file, CYRILLIC), withDiagram, addEmojiFont]);
  });
  test.afterAll(async () => {
    await copy?.close();
  });

  test('on screen, Cyrillic is drawn in Inter and the emoji in the added font, no system font', async ({
    deck,
    page,
  }) => {
    await page.goto(`${copy.server.url}#/${cyrillicSlide.id}`);
    await deck.ready();
    await expect(deck.current().getByText(CYRILLIC)).toBeVisible();
    expect(await renderedFonts(page, CYRILLIC)).toEqual([
      expect.objectContaining({ familyName: 'Inter', isCustomFont: true }),
    ]);
    await page.goto(`${copy.server.url}#/${emojiSlide.id}`);
    await deck.ready();
    await expect(deck.current().getByText(EMOJI)).toBeVisible();
    const emojiFonts = await renderedFonts(page, EMOJI);
    expect(emojiFonts).toEqual(
      expect.arrayContaining([expect.objectContaining({ familyName: 'Noto Emoji', isCustomFont: true })]),
    );
    expect(emojiFonts.every((font) => font.isCustomFont)).toBe(true);
    // The diagram, drawn at build time, is set in the deck's fonts too: each word of its label in its own.
    expect(await renderedFonts(page, DIAGRAM_WORDS.cyrillic, DIAGRAM_TEXT)).toEqual([
      expect.objectContaining({ familyName: 'Inter', isCustomFont: true }),
    ]);
    const labelEmojiFonts = await renderedFonts(page, DIAGRAM_WORDS.emoji, DIAGRAM_TEXT);
    expect(labelEmojiFonts).toEqual(
      expect.arrayContaining([expect.objectContaining({ familyName: 'Noto Emoji', isCustomFont: true })]),
    );
    expect(labelEmojiFonts.every((font) => font.isCustomFont)).toBe(true);
  });

  test('in the PDF, both on their pages, in embedded outline fonts only', async () => {
    const pdfDir = await mkdtemp(join(tmpdir(), 'deck-fonts-pdf-'));
    try {
      const out = join(pdfDir, 'deck.pdf');
      // Inside the test's own limit, so a stuck export says at which stage it was.
      await exportPdf({ url: copy.server.url, out, timeoutMs: 20_000 });
      const pages = await pagesText(out);
      const pageOf = (id: string): string | undefined => pages[source.slides.findIndex((slide) => slide.id === id)];
      expect(pageOf(cyrillicSlide.id)).toContain(CYRILLIC);
      expect(pageOf(emojiSlide.id)).toContain(EMOJI);
      expect(pageOf(emojiSlide.id)).toContain(DIAGRAM_LABEL);
      expect(await unfitFonts(out)).toEqual([]);
    } finally {
      await rm(pdfDir, { recursive: true, force: true });
    }
  });
});
