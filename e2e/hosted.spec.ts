import { typographicLine } from '../src/node/deck/typography.ts';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { BrowserSession } from '../src/node/browser.ts';
import { LIVE_BROKER_ENV } from '../src/node/deck/live-config.ts';
import { buildSite } from '../src/node/export/site.ts';
import { ASSETS_DIR, CACHE_DIR, RENDERED_DIR, SLIDES_DIR } from '../src/node/paths.ts';
import { DECK_URL_ENV, SOCIAL_IMAGE } from '../src/node/vite/head-plugin.ts';
import { exportHtml } from '../src/node/export/html.ts';
import { measureLegibility } from '../src/client/measure-legibility.ts';
import { measureOverflow } from '../src/client/measure-overflow.ts';
import { describeSmallText, TEXT_SELECTORS } from '../src/shared/legibility.ts';
import { describeOverflow, PRESENT_SELECTORS, SCROLL_VIEW_SELECTORS } from '../src/shared/overflow.ts';
import { solidPng } from './support/images.ts';
import { deckCopy, type DeckCopy } from './support/deck-copy.ts';
import { expect, slideWithDiagram, source, test } from './support/fixtures.ts';

const PHONE = { width: 390, height: 844 };
/**
 * The size Open Graph readers recommend for a large link preview (Facebook's 1200×630, 1.91:1, which
 * X and LinkedIn crop well), written out here rather than taken from the code that makes the image.
 */
const OPEN_GRAPH_SIZE = { width: 1200, height: 630 };
/**
 * The preview differs from a screenshot of the title slide only where the page shows the
 * presenter's controls (arrows, slide number), which the preview leaves out: under 1 % measured.
 */
const UNLIKE_TITLE_SLIDE = 0.02;
/** How far apart two pixels' channels may be and still count as alike (anti-aliasing, colour rounding). */
const CHANNEL_TOLERANCE = 24;

/** An image's pixels, RGB, row by row. */
const rawPixels = (image: Buffer): Promise<Buffer> => sharp(image).removeAlpha().raw().toBuffer();

/** The share of pixels of two same-sized RGB images that differ in any channel by more than the tolerance. */
function differingShare(a: Buffer, b: Buffer): number {
  expect(a.length, 'two images of one size').toBe(b.length);
  let differing = 0;
  for (let pixel = 0; pixel < a.length; pixel += 3) {
    for (let channel = 0; channel < 3; channel++) {
      if (Math.abs(a[pixel + channel]! - b[pixel + channel]!) > CHANNEL_TOLERANCE) {
        differing += 1;
        break;
      }
    }
  }
  return differing / (a.length / 3);
}
const CSP_META = 'meta[http-equiv="Content-Security-Policy"]';
/** The policy's script-src directive, as Chromium quotes it in its error. */
const SCRIPT_SRC = /script-src [^;]*/;
/** The closing slide's QR code of the deck's address. */
const QR_CODE = '.take-home .qr svg';
/**
 * White margin added around the code's screenshot: the code carries a one-module border, and a
 * reader wants four (the quiet zone of ISO/IEC 18004) to find it.
 */
const QUIET_ZONE = { top: 24, bottom: 24, left: 24, right: 24 };
/** An inline script, which the policy forbids. */
const INLINE_SCRIPT = 'window.x = 1';

test('the deck works from a deep path: every slide, and deep links that survive a reload', async ({
  deck,
  page,
  baseURL,
}) => {
  // Everything the deck loads comes from under its own path, as on a host that serves nothing else.
  const deckPath = new URL(baseURL!).pathname;
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && !url.pathname.startsWith(deckPath)) outside.push(request.url());
  });
  await deck.open();
  for (const slide of source.slides) {
    await expect(deck.current()).toHaveAttribute('id', slide.id);
    await deck.next();
  }
  for (const hash of [`#/${source.slides.at(-2)!.id}`, '#/3']) {
    await deck.open(hash);
    const id = await deck.current().getAttribute('id');
    await page.reload();
    await deck.ready();
    await expect(deck.current(), `${hash} after a reload`).toHaveAttribute('id', id!);
  }
  expect(outside, `requests outside ${deckPath}`).toEqual([]);
});

test(
  'the page carries a CSP and a no-referrer policy, and the guards see a violation',
  { tag: '@one-deck' },
  async ({ deck, page, guards }) => {
    await deck.open();
    await expect(page.locator(CSP_META)).toHaveAttribute('content', /default-src 'none'/);
    await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
    // An inline script is what the policy forbids; the test's guards must notice it. Exactly these
    // two errors are expected: Chromium's own line, and the guards' report of the violation.
    const policy = await page.locator(CSP_META).getAttribute('content');
    const scriptSrc = SCRIPT_SRC.exec(policy ?? '')?.[0];
    expect(scriptSrc, 'the policy has a script-src').toBeDefined();
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64');
    const provoked = [
      `Executing inline script violates the following Content Security Policy directive '${scriptSrc}'. Either the 'unsafe-inline' keyword, a hash ('sha256-${hash}'), or a nonce ('nonce-...') is required to enable inline execution. The action has been blocked.`,
      'CSP violation: script-src-elem blocked inline',
    ];
    for (const error of provoked) guards.expectedConsoleErrors.add(error);
    await page.evaluate(
      (code) => document.head.append(Object.assign(document.createElement('script'), { textContent: code })),
      INLINE_SCRIPT,
    );
    await expect.poll(() => [...guards.expectedSeen].sort()).toEqual([...provoked].sort());
  },
);

test('the print view runs under the CSP without a violation', { tag: '@one-deck' }, async ({ deck, page }) => {
  await deck.open('', '?print-pdf');
  await expect(page.locator('.pdf-page')).toHaveCount(source.slides.length);
});

test(
  'the social preview, rendered afresh, is a 1200×630 PNG of the title slide that the tags point to',
  { tag: '@one-deck' },
  async ({ deck, page }) => {
    // A build with no stored render draws the image now, as it does for an owner's changed title slide.
    test.slow();
    const copy = await deckCopy(undefined, { freshRenders: true });
    try {
      await page.setViewportSize(OPEN_GRAPH_SIZE);
      await page.goto(copy.server.url);
      await deck.ready();
      // The title slide as a visitor sees it at that size: the preview must show the same.
      const titleSlide = await rawPixels(await page.screenshot());
      for (const tag of ['meta[property="og:image"]', 'meta[name="twitter:image"]']) {
        const href = await page.locator(tag).getAttribute('content');
        const response = await page.request.get(new URL(href!, copy.server.url).href);
        expect(response.status(), tag).toBe(200);
        const png = await response.body();
        expect(await sharp(png).metadata(), tag).toMatchObject({ format: 'png', ...OPEN_GRAPH_SIZE });
        expect(
          differingShare(await rawPixels(png), titleSlide),
          `${tag}: share of pixels unlike the title slide`,
        ).toBeLessThan(UNLIKE_TITLE_SLIDE);
      }
      await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute(
        'content',
        String(OPEN_GRAPH_SIZE.width),
      );
      await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute(
        'content',
        String(OPEN_GRAPH_SIZE.height),
      );
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', source.settings.title);
      await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
        'content',
        source.settings.description,
      );
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
    } finally {
      await copy.close();
    }
  },
);

test(
  'the committed social image serves a build that changes a later slide, or the live broker, without a browser',
  { tag: '@one-deck' },
  async () => {
    const later = source.slides.at(-2)!;
    const photo = await solidPng(640, 360);
    const noBrowser = new BrowserSession(() => Promise.reject(new Error('no browser can start on this machine')));
    process.env[LIVE_BROKER_ENV] = 'wss://venue.example.org/mqtt';
    const fixture = await deckCopy(
      { slide: later, change: (text) => text.replace(/^Notes:/m, '![A photo](../assets/photo.png)\n\nNotes:') },
      { assets: { 'photo.png': photo }, browser: noBrowser },
    ).finally(() => {
      delete process.env[LIVE_BROKER_ENV];
    });
    try {
      const html = await readFile(join(fixture.outDir, 'index.html'), 'utf8');
      expect(html, 'the build was for the venue').toContain('wss://venue.example.org');
      expect(html, 'the later slide changed').toContain('alt="A photo"');
      const committed = (await readdir(join(SLIDES_DIR, RENDERED_DIR))).filter((name) => name.endsWith('.png'));
      expect(committed).toHaveLength(1);
      const built = await readFile(join(fixture.outDir, SOCIAL_IMAGE.file));
      expect(built.equals(await readFile(join(SLIDES_DIR, RENDERED_DIR, committed[0]!)))).toBe(true);
    } finally {
      await fixture.close();
    }
  },
);

test(
  'a build that needs a browser where none starts fails at once, saying so, and removes no committed render',
  { tag: '@one-deck' },
  async () => {
    await mkdir(CACHE_DIR, { recursive: true });
    const dir = await mkdtemp(join(CACHE_DIR, 'deck-no-browser-'));
    const slidesDir = join(dir, SLIDES_DIR);
    try {
      await cp(SLIDES_DIR, slidesDir, { recursive: true });
      await cp(ASSETS_DIR, join(dir, ASSETS_DIR), { recursive: true });
      const title = join(slidesDir, basename(source.slides[0]!.file));
      // A new title slide: its social image must be rendered.
      await writeFile(title, (await readFile(title, 'utf8')).replace(/^title: .*$/m, 'title: A title never rendered'));
      const renders = (await readdir(join(slidesDir, RENDERED_DIR))).sort();
      const noBrowser = new BrowserSession(() => Promise.reject(new Error('no browser can start on this machine')));
      const error = await buildSite({ slidesDir, outDir: join(dir, 'site'), browser: noBrowser }).catch(
        (e: unknown) => e,
      );
      expect(String(error)).toContain('no browser can start on this machine');
      expect((await readdir(join(slidesDir, RENDERED_DIR))).sort()).toEqual(renders);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test.describe('with DECK_URL set', { tag: '@one-deck' }, () => {
  // One build for both tests, in one worker.
  test.describe.configure({ mode: 'default' });
  // As long as the addresses GitHub Pages gives (the README's hosting recipe).
  const deckUrl = 'https://someone-with-a-long-name.github.io/xensource-keynote-2006/';
  let fixture: DeckCopy;
  // The README's recipe: the address set in the environment of the build, nothing else changed.
  test.beforeAll(async () => {
    process.env[DECK_URL_ENV] = deckUrl;
    fixture = await deckCopy().finally(() => {
      delete process.env[DECK_URL_ENV];
    });
  });
  test.afterAll(() => fixture?.close());

  test('the preview tags carry absolute URLs', async ({ page }) => {
    const html = await readFile(join(fixture.outDir, 'index.html'), 'utf8');
    await page.setContent(html.replace(/<script[\s\S]*?<\/script>/g, ''));
    const image = new URL(SOCIAL_IMAGE.file, deckUrl).href;
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', image);
    await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', image);
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', deckUrl);
  });

  test('the closing slide shows a QR code that a phone reads as the address, and the address as a link', async ({
    deck,
    page,
  }) => {
    const closing = fixture.deck.slides.at(-1)!;
    await page.goto(`${fixture.server.url}#/${closing.id}`);
    await deck.ready();
    await expect(deck.current()).toHaveAttribute('id', closing.id);
    const qr = deck.current().locator(QR_CODE);
    await expect(qr).toBeVisible();
    // Read back from what the screen shows, as a phone's camera would: pixels, not the markup.
    const { data, info } = await sharp(await qr.screenshot())
      .extend({ ...QUIET_ZONE, background: '#ffffff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const read = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    expect(read?.data, 'what a QR reader finds on the closing slide').toBe(deckUrl);
    await expect(deck.current().getByRole('link', { name: deckUrl })).toHaveAttribute('href', deckUrl);
    // Large enough to read from the back of the room, and the slide still fits, its text legible.
    const slideBox = (await page.locator('.reveal .slides').boundingBox())!;
    expect((await qr.boundingBox())!.height).toBeGreaterThanOrEqual(slideBox.height / 4 - 0.5);
    expect(describeOverflow(await page.evaluate(measureOverflow, PRESENT_SELECTORS))).toBe('');
    expect(describeSmallText(await page.evaluate(measureLegibility, TEXT_SELECTORS))).toBe('');
  });

  test.describe('on a 320-px phone', () => {
    test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

    test('the closing slide keeps the address as a link, within the screen', async ({ deck, page }) => {
      const closing = fixture.deck.slides.at(-1)!;
      await page.goto(`${fixture.server.url}#/${closing.id}`);
      await deck.ready();
      const section = page.locator(`section#${closing.id}`);
      const link = section.getByRole('link', { name: deckUrl });
      await expect(link).toBeInViewport();
      // The code is for the room; the reader holds the deck already.
      await expect(section.locator(QR_CODE)).toBeHidden();
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(describeOverflow(await page.evaluate(measureOverflow, SCROLL_VIEW_SELECTORS))).toBe('');
      expect(describeSmallText(await page.evaluate(measureLegibility, TEXT_SELECTORS))).toBe('');
    });
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test('the deck is a scroll view of every slide, with no sideways scrolling', async ({ deck, page }) => {
    await deck.open();
    await expect(page.locator('.reveal-viewport')).toHaveClass(/\breveal-scroll\b/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const slide of source.slides) {
      const section = page.locator(`section#${slide.id}`);
      await section.scrollIntoViewIfNeeded();
      await expect(section.getByRole('heading').first()).toBeInViewport();
      // Reading size: a line of the slide's text is at least 16 CSS pixels high as shown.
      const lineHeight = await section.locator('.slide-content').evaluate((content) => {
        const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, (node) =>
          node.textContent?.trim() && !node.parentElement?.closest('svg')
            ? NodeFilter.FILTER_ACCEPT
            : NodeFilter.FILTER_SKIP,
        );
        const text = walker.nextNode();
        if (!text) return 0;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 1);
        return range.getBoundingClientRect().height;
      });
      expect(lineHeight, slide.id).toBeGreaterThanOrEqual(16);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});

test.describe('as one file', () => {
  let dir: string;
  let file: string;
  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deck-one-file-'));
    file = join(dir, 'deck.html');
    await exportHtml(file);
  });
  test.afterAll(() => rm(dir, { recursive: true, force: true }));

  test('it presents every slide from disk with the network blocked, speaker view included', async ({
    context,
    page,
    deck,
  }) => {
    await context.route(/^(?!file:|data:|about:)/, (route) => route.abort());
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
    await page.goto(pathToFileURL(file).href);
    await deck.ready();
    // Each face once, cut to the whole deck, in the stylesheet: the file has no first screen to
    // fetch before the rest, and carries no font twice.
    const declared = await page.evaluate(
      () =>
        [...document.styleSheets]
          .flatMap((sheet) => [...sheet.cssRules])
          .filter((rule) => rule instanceof CSSFontFaceRule).length,
    );
    expect(declared).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.fonts.size)).toBe(declared);
    expect(html.match(/data:font\/woff2/g)).toHaveLength(declared);
    for (const slide of source.slides) {
      await expect(deck.current()).toHaveAttribute('id', slide.id);
      await deck.next();
    }
    // The address bar has caught up with the last slide: going to another hash is a real move.
    await expect(page).toHaveURL(new RegExp(`#/${source.slides.at(-1)!.id}$`));
    const pictured = slideWithDiagram();
    await page.goto(`${pathToFileURL(file).href}#/${pictured.id}`);
    await expect(deck.current()).toHaveAttribute('id', pictured.id);
    await expect(deck.current().locator('figure.diagram svg').first()).toBeVisible();
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('s');
    const { notes } = pictured;
    await expect((await popup).locator('.speaker-controls-notes')).toContainText(typographicLine(notes).slice(0, 30));
  });
});
