import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { exportPdf } from '../src/node/export/pdf.ts';
import { SETTINGS_FILE } from '../src/node/deck/slides.ts';
import { SLIDES_DIR } from '../src/node/paths.ts';
import { deckCopy, type FileEdit } from './support/deck-copy.ts';
import { expect, source, test } from './support/fixtures.ts';
import { pdftotext, unfitFonts } from './support/poppler.ts';

const CYRILLIC = 'Гипервизоры повсюду';
const EMOJI = 'Launch 🚀';
const EMOJI_FONTS = ['@fontsource/noto-emoji/400.css', '@fontsource/noto-emoji/700.css'];

const [cyrillicSlide, emojiSlide] = source.slides.slice(1, 3) as [(typeof source.slides)[0], (typeof source.slides)[0]];
const withText = (file: string, text: string): FileEdit => ({
  file,
  change: (markdown) => markdown.replace(/^Notes:/m, `${text}\n\nNotes:`),
});
const slideEdits = [withText(cyrillicSlide.file, CYRILLIC), withText(emojiSlide.file, EMOJI)];
const addEmojiFont: FileEdit = {
  file: `${SLIDES_DIR}/${SETTINGS_FILE}`,
  change: (yaml) => `${yaml}\nfonts:\n${EMOJI_FONTS.map((font) => `  - '${font}'\n`).join('')}`,
};

/** The fonts Chromium drew a paragraph's text with (DevTools' "Rendered fonts"). */
async function renderedFonts(page: Page, text: string): Promise<{ familyName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'section p' });
  for (const nodeId of nodeIds) {
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
    if (outerHTML.includes(text)) return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
  }
  throw new Error(`no paragraph shows "${text}"`);
}

test('a slide with an emoji stops the build until a font that draws it is added', async () => {
  await expect(deckCopy(slideEdits)).rejects.toThrow(
    new RegExp(
      `${basename(emojiSlide.file)}:\\d+: text: no font of the deck \\(Inter\\) draws "🚀" \\(U\\+1F680\\).*npm install @fontsource/noto-emoji`,
    ),
  );
});

test('Cyrillic in Inter and an emoji in the added font, on screen and in the PDF, as embedded outline fonts', async ({
  deck,
  page,
}) => {
  const copy = await deckCopy([...slideEdits, addEmojiFont]);
  const pdfDir = await mkdtemp(join(tmpdir(), 'deck-fonts-pdf-'));
  try {
    await page.goto(`${copy.server.url}#/${cyrillicSlide.id}`);
    await deck.ready();
    await expect(deck.current().getByText(CYRILLIC)).toBeVisible();
    expect(await renderedFonts(page, CYRILLIC)).toEqual([
      expect.objectContaining({ familyName: 'Inter', isCustomFont: true }),
    ]);
    await page.goto(`${copy.server.url}#/${emojiSlide.id}`);
    await deck.ready();
    await expect(deck.current().getByText(EMOJI)).toBeVisible();
    expect(await renderedFonts(page, EMOJI)).toEqual(
      expect.arrayContaining([expect.objectContaining({ familyName: 'Noto Emoji', isCustomFont: true })]),
    );
    expect((await renderedFonts(page, EMOJI)).every((font) => font.isCustomFont)).toBe(true);

    const out = join(pdfDir, 'deck.pdf');
    await exportPdf({ url: copy.server.url, out });
    const pageOf = (id: string): number => source.slides.findIndex((slide) => slide.id === id) + 1;
    expect(await pdftotext(out, pageOf(cyrillicSlide.id))).toContain(CYRILLIC);
    expect(await pdftotext(out, pageOf(emojiSlide.id))).toContain(EMOJI);
    expect(await unfitFonts(out)).toEqual([]);
  } finally {
    await copy.close();
    await rm(pdfDir, { recursive: true, force: true });
  }
});
