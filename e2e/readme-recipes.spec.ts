import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { DeckNotReadyError, waitForDeckReady } from '../src/node/browser.ts';
import { measureOverflow } from '../src/client/measure-overflow.ts';
import { exportPdf } from '../src/node/export/pdf.ts';
import { describeOverflow, PRESENT_SELECTORS } from '../src/shared/overflow.ts';
import { RENDERED_DIR, SLIDES_DIR } from '../src/node/paths.ts';
import { SOCIAL_IMAGE } from '../src/node/vite/head-plugin.ts';
import { SETTINGS_FILE } from '../src/node/deck/slides.ts';
import { solidPng } from './support/images.ts';
import { startBroker } from './support/broker.ts';
import { deckCopy, type DeckCopy, type FileEdit } from './support/deck-copy.ts';
import { startDevServer, type DevServer } from './support/dev-server.ts';
import { pagesText, pagesWithImages, unfitFonts } from './support/pdf-reader.ts';
import { expect, source, test, type Deck } from './support/fixtures.ts';

// The README's recipes, followed as written on one copy of the real deck, then the whole chain
// (a build that renders everything afresh, the browser, the phone, the PDF, the handout, the dev
// server): a slide inserted between two as `<number>5-name.md`, with a photo that fills its room
// (`image: fill`), a Cyrillic line and an emoji, its font added as the build's own advice says; an
// image on the last slide, far from the first (reveal hides far slides, and their lazy images never
// load until shown); a step's verdict flipped; a live broker set in deck.yml. The copy has no
// committed renders: the build draws the diagrams and the social image itself.

/** The deck's middle slide: the photo goes right after it, named as the README says to insert one. */
const MIDDLE = source.slides[Math.floor(source.slides.length / 2)]!;
const SLIDE_NUMBER = /^\d+/;
const PHOTO = {
  file: `${SLIDE_NUMBER.exec(basename(MIDDLE.file))?.[0] ?? ''}5-photo.md`,
  id: 'photo',
  alt: 'A gradient',
};
const LAST = source.slides.at(-1)!;
const LAST_ALT = 'A small badge';
const CYRILLIC = 'Гипервизоры повсюду';
const EMOJI = 'Launch 🚀';
const photoSlide = `---
kind: content
title: A photo
image: fill
---

${CYRILLIC}

${EMOJI}

![${PHOTO.alt}](../assets/photo.png)

Notes:

A photo, as the README says to add one.
`;
/** The first step whose verdict is VMware's becomes XenSource's. */
const FLIPPED = source.slides.find((slide) => slide.data.kind === 'step' && slide.data.advantage === 'VMware');
const flipVerdict: FileEdit = {
  file: FLIPPED?.file ?? '',
  change: (text) => text.replace(/^advantage: VMware\b.*$/m, 'advantage: XenSource'),
};
/** The lines the build's font advice names, in backticks (`fonts: ['…/400.css', '…/700.css']`). */
const ADVISED_LINES = /`(fonts: \[[^`]+\])`/;

const SETTINGS = `${SLIDES_DIR}/${SETTINGS_FILE}`;
let copy: DeckCopy;
let broker: Awaited<ReturnType<typeof startBroker>>;
/** 0-based positions of the two image slides in the copy. */
let photoIndex: number;
let lastIndex: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Two builds that draw everything afresh (the first is refused for the emoji).
  test.setTimeout(120_000);
  expect(FLIPPED, 'a step slide whose verdict is VMware').toBeDefined();
  broker = await startBroker();
  const edits: FileEdit[] = [
    { file: LAST.file, change: (text) => text.replace(/^Notes:/m, `![${LAST_ALT}](../assets/badge.png)\n\nNotes:`) },
    flipVerdict,
    { file: SETTINGS, change: (yaml) => `${yaml}\nlive:\n  broker: ${broker.wsUrl}\n` },
  ];
  const options = {
    assets: { 'photo.png': await solidPng(1600, 900), 'badge.png': await solidPng(320, 180, '#c05a00') },
    slides: { [PHOTO.file]: photoSlide },
    freshRenders: true,
  };
  // The emoji stops the build, which says what to add to deck.yml: added as it says.
  const refused = await deckCopy(edits, options).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(Error);
  const advice = ADVISED_LINES.exec((refused as Error).message)?.[1];
  expect(advice, `the lines to add, in: ${(refused as Error).message}`).toBeDefined();
  copy = await deckCopy([...edits, { file: SETTINGS, change: (yaml) => `${yaml}\n${advice}\n` }], options);
  photoIndex = copy.deck.slides.findIndex((slide) => slide.id === PHOTO.id);
  lastIndex = copy.deck.slides.length - 1;
  // Right after the middle slide: beyond the first three, and far from the last.
  expect(copy.deck.slides[photoIndex - 1]?.id).toBe(MIDDLE.id);
  expect(photoIndex).toBeGreaterThan(2);
  expect(lastIndex - photoIndex).toBeGreaterThan(1);
});

test.afterAll(async () => {
  await copy?.close();
  await broker?.close();
});

/** Opens the copy's built deck at `hash`, as a new page load, and waits until it is ready. */
async function openCopy(deck: Deck, hash = ''): Promise<void> {
  await deck.page.goto(`${copy.server.url}${hash}`);
  await deck.ready();
}

/** Opens the slide at `index` and checks its image is on screen and loaded. */
async function expectImageShown(deck: Deck, url: string, index: number, alt: string): Promise<void> {
  await deck.page.goto(`${url}#/${index}`);
  await deck.ready();
  const image = deck.current().getByRole('img', { name: alt });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // Centred again once the image is in: nothing runs past the slide.
  expect(describeOverflow(await deck.page.evaluate(measureOverflow, PRESENT_SELECTORS))).toBe('');
}

test('the build renders the social image afresh and each image shows on its slide', async ({ deck }) => {
  const stored = (await readdir(join(copy.slidesDir, RENDERED_DIR))).filter((name) => name.endsWith('.png'));
  expect(stored, 'the social image the build rendered').toHaveLength(1);
  const social = await readFile(join(copy.outDir, SOCIAL_IMAGE.file));
  expect(social.equals(await readFile(join(copy.slidesDir, RENDERED_DIR, stored[0]!)))).toBe(true);
  expect(await sharp(social).metadata()).toMatchObject({ width: SOCIAL_IMAGE.width, height: SOCIAL_IMAGE.height });

  await expectImageShown(deck, copy.server.url, photoIndex, PHOTO.alt);
  await expectImageShown(deck, copy.server.url, lastIndex, LAST_ALT);
});

test('the inserted slide sits where its name puts it: its photo fills the room, its Cyrillic and emoji are drawn', async ({
  deck,
}) => {
  // Its number in the deck is the one after the slide its name follows.
  await openCopy(deck, `#/${photoIndex}`);
  const slide = deck.current();
  await expect(slide).toHaveAttribute('id', PHOTO.id);
  for (const text of [CYRILLIC, EMOJI]) await expect(slide.getByText(text)).toBeVisible();
  // `image: fill`: the photo takes the height left under the heading and the text, not a third of it.
  const photo = await slide.getByRole('img', { name: PHOTO.alt }).boundingBox();
  const text = await slide.getByText(EMOJI).boundingBox();
  const box = await deck.page.locator('.reveal .slides').boundingBox();
  expect(photo!.height).toBeGreaterThan(((box!.y + box!.height - (text!.y + text!.height)) * 2) / 3);
  expect(describeOverflow(await deck.page.evaluate(measureOverflow, PRESENT_SELECTORS))).toBe('');
  // Back one slide is the one its name follows.
  await deck.page.keyboard.press('ArrowLeft');
  await expect(deck.current()).toHaveAttribute('id', MIDDLE.id);
});

test('the flipped verdict shows on its step slide, and the tally recounts it, its heading too', async ({
  baseURL,
  deck,
  guards,
}) => {
  // The built deck first (for the counts before the flip), then the copy, from its own server.
  for (const url of [baseURL!, copy.server.url]) guards.origins.add(new URL(url).origin);
  const tallyId = source.slides.find((slide) => slide.data.kind === 'tally')!.id;
  /** The tally's counts per party as a page shows them. */
  const counts = async (): Promise<Record<string, number>> => {
    const totals = deck.current().locator('ul.totals > li');
    await expect(totals).not.toHaveCount(0);
    const shown: Record<string, number> = {};
    for (const item of await totals.all()) {
      shown[(await item.getAttribute('data-party'))!] = Number(await item.locator('.count').textContent());
    }
    return shown;
  };
  await deck.open(`#/${tallyId}`);
  const before = await counts();
  const flipped = copy.deck.slides.find((slide) => slide.file.endsWith(basename(FLIPPED!.file)))!;
  await openCopy(deck, `#/${flipped.id}`);
  await expect(deck.current().locator('p.verdict')).toHaveAttribute('data-advantage', 'XenSource');
  await openCopy(deck, `#/${tallyId}`);
  const after = await counts();
  expect(after).toEqual({ ...before, VMware: before.VMware! - 1, XenSource: (before.XenSource ?? 0) + 1 });
  // The heading names the leader, or the tie, in the post's words (README, "To change a step's verdict").
  const heading = deck.heading();
  if (after.VMware === after.XenSource) await expect(heading).toContainText('VMware and XenSource are tied today');
  else await expect(heading).toContainText(after.VMware! > after.XenSource! ? 'VMware' : 'XenSource');
});

test('with a broker in deck.yml, L goes live and shows the follow link', async ({ deck, page }) => {
  await openCopy(deck);
  await page.keyboard.press('l');
  const overlay = page.getByRole('dialog', { name: 'Follow this talk live' });
  await expect(overlay.getByRole('img', { name: 'QR code of the follow link' })).toBeVisible();
  await expect(overlay.getByRole('link')).toHaveAttribute('href', /\?follow=[0-9a-f]{16}\.[\w-]+$/);
  await expect(page.getByRole('status').filter({ hasText: /^Live/ })).toHaveText(/^Live(?! ·)/);
});

test('the PDF and the handout print each image on its slide’s page, and the added scripts in embedded fonts', async () => {
  // Two exports, each its own browser and its own check.
  test.setTimeout(60_000);
  const dir = await mkdtemp(join(tmpdir(), 'deck-images-pdf-'));
  try {
    const slides = await exportPdf({ url: copy.server.url, out: join(dir, 'slides.pdf') });
    expect(await pagesWithImages(slides.out)).toEqual([photoIndex + 1, lastIndex + 1]);
    const photoPage = (await pagesText(slides.out))[photoIndex];
    for (const text of [CYRILLIC, EMOJI]) expect(photoPage).toContain(text);
    expect(await unfitFonts(slides.out)).toEqual([]);
    // One slide per handout page, unless its notes run on: find each slide's page by its caption.
    const handout = await exportPdf({
      url: copy.server.url,
      out: join(dir, 'handout.pdf'),
      handout: { paper: 'a4', perPage: 1 },
    });
    const pages = await pagesText(handout.out);
    const pageOf = (index: number): number =>
      pages.findIndex((text) => text.includes(`Slide ${index + 1} of ${lastIndex + 1} ·`)) + 1;
    expect(await pagesWithImages(handout.out)).toEqual([pageOf(photoIndex), pageOf(lastIndex)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a broken image stops the PDF, naming its slide file', async () => {
  const assets = join(copy.outDir, 'assets');
  const photo = (await readdir(assets)).find((name) => name.startsWith('photo'));
  expect(photo, 'the bundled photo').toBeDefined();
  const dir = await mkdtemp(join(tmpdir(), 'deck-images-broken-'));
  const kept = await readFile(join(assets, photo!));
  await rm(join(assets, photo!));
  try {
    const error = await exportPdf({ url: copy.server.url, out: join(dir, 'slides.pdf') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    for (const part of [photo!, `"${PHOTO.alt}"`, PHOTO.file, 'did not load']) expect(message).toContain(part);
    expect(await readdir(dir), 'no PDF written').toEqual([]);
  } finally {
    await writeFile(join(assets, photo!), kept);
    await rm(dir, { recursive: true, force: true });
  }
});

test('a time limit on the ready signal names the image it was still waiting for', async ({ page }) => {
  // The photo's request never answers, as on a stalled network.
  await page.route(/\/assets\/photo[^/]*$/, () => undefined);
  await page.goto(`${copy.server.url}#/${photoIndex}`);
  const waited = await waitForDeckReady(page, 2000).catch((e: unknown) => e);
  expect(waited).toBeInstanceOf(DeckNotReadyError);
  expect((waited as Error).message).toMatch(
    new RegExp(`not ready in time: still waiting for images: \\S*photo\\S* \\("${PHOTO.alt}"\\) on \\S*${PHOTO.file}$`),
  );
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('each image shows on its slide in the scroll view', async ({ deck, page }) => {
    for (const [index, alt] of [
      [photoIndex, PHOTO.alt],
      [lastIndex, LAST_ALT],
    ] as const) {
      await page.goto(`${copy.server.url}#/${index}`);
      await deck.ready();
      const image = page.locator(`section#${copy.deck.slides[index]!.id}`).getByRole('img', { name: alt });
      await expect(image).toBeInViewport();
      expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    }
  });

  test('the filled photo sits right under the text, not in the middle of the page', async ({ deck, page }) => {
    await page.goto(`${copy.server.url}#/${photoIndex}`);
    await deck.ready();
    const slide = page.locator(`section#${PHOTO.id}`);
    const text = (await slide.getByText(EMOJI).boundingBox())!;
    // Where the picture is drawn inside the image's box (object-fit keeps its aspect).
    const picture = await slide.getByRole('img', { name: PHOTO.alt }).evaluate((img: HTMLImageElement) => {
      const box = img.getBoundingClientRect();
      const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
      const [, y = '50%'] = getComputedStyle(img).objectPosition.split(' ');
      const top = box.top + ((box.height - img.naturalHeight * scale) * parseFloat(y)) / 100;
      return { top, width: img.naturalWidth * scale, room: box.width };
    });
    expect(picture.top - (text.y + text.height), 'blank between the text and the photo').toBeLessThan(24);
    expect(picture.width, 'the photo as wide as the page').toBeCloseTo(picture.room, 0);
  });
});

test.describe('in the dev server', () => {
  let dev: DevServer;

  test.beforeAll(async () => {
    dev = await startDevServer(copy.slidesDir);
  });

  test.afterAll(async () => {
    await dev?.close();
  });

  test('each image shows on its slide', async ({ deck }) => {
    await expectImageShown(deck, dev.url, photoIndex, PHOTO.alt);
    await expectImageShown(deck, dev.url, lastIndex, LAST_ALT);
  });
});
