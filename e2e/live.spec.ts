import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { LIVE_OFF_MESSAGE } from '../src/client/live/no-broker-note.ts';
import {
  HEARTBEAT_MS,
  liveTopic,
  MAX_AGE_MS,
  MAX_PAYLOAD_BYTES,
  newKeyPair,
  newSessionId,
  signState,
} from '../src/client/live/protocol.ts';
import { UNKEPT_SESSION } from '../src/client/live/key-store.ts';
import { decodeTicket, encodeTicket } from '../src/client/live/ticket.ts';
import { DAMAGED_FOLLOW_LINK } from '../src/client/live/follower-status.ts';
import { SETTINGS_FILE } from '../src/node/deck/slides.ts';
import { DIST_DIR, SLIDES_DIR } from '../src/node/paths.ts';
import { READY_SELECTOR } from '../src/shared/readiness.ts';
import { axeViolations } from './support/axe.ts';
import { deckCopy, type DeckCopy } from './support/deck-copy.ts';
import { expect, POLL, slideWhere, source, test, type Guards } from './support/fixtures.ts';
import { MOSQUITTO, runExampleBroker, startBroker, tcpClient, type Broker } from './support/broker.ts';
import { expected, liveBadge, ONLINE, openPage, PHONE, position, refusedConnection } from './support/live-pages.ts';

// One broker and one talk, followed step by step.
test.describe.configure({ mode: 'serial' });

/** A diagram that unfolds step by step. */
const STEPPED = /```mermaid steps/;

/** The live chunk, fetched only when live is used. */
const LIVE_CHUNK = /\/assets\/live-[\w-]+\.js$/;
/** MQTT 3.1.1 CONNECT: clean session, keep-alive 60 s, client id "deck"; and the CONNACK that accepts it. */
const MQTT_CONNECT = [0x10, 16, 0, 4, ...Buffer.from('MQTT'), 4, 0x02, 0, 60, 0, 4, ...Buffer.from('deck')];
const MQTT_CONNACK_ACCEPTED = [0x20, 2, 0, 0];

let broker: Broker & { close(): Promise<void> };
let copy: DeckCopy;
/** The presenter's tab, opened by the first test and kept by the others (serial), like the followers'. */
let presenter: Page | undefined;
let followLink: string;
const followers: Page[] = [];

/** The README's promises for an open broker: a wiped state back within 15 s, no replay older than 45 s shown. */
const WIPE_HEALS_MS = 15_000;
const REPLAY_SHOWN_MS = 45_000;

/** How long after the broker is back presenter and followers may take to say so: the longest retry wait, and slack. */
const RECOVERY_MS = 10_000;

/**
 * How many live bars the page shows, and the area (CSS px²) where they lie over the deck (reveal's
 * viewport, where the slides are laid out).
 */
function barsOverDeck(page: Page): Promise<{ bars: number; overlap: number }> {
  return page.evaluate(() => {
    const deck = document.querySelector('.reveal-viewport')!.getBoundingClientRect();
    const bars = Array.from(document.querySelectorAll('.live-bar'), (bar) => bar.getBoundingClientRect());
    const overlap = bars.reduce((sum, bar) => {
      const width = Math.min(bar.right, deck.right) - Math.max(bar.left, deck.left);
      const height = Math.min(bar.bottom, deck.bottom) - Math.max(bar.top, deck.top);
      return sum + Math.max(0, width) * Math.max(0, height);
    }, 0);
    return { bars: bars.length, overlap };
  });
}

async function expectInStep(leader = livePresenter(), readers = followers, timeout?: number): Promise<void> {
  // With no follower, nothing would be checked.
  expect(readers.length, 'followers to check').toBeGreaterThan(0);
  const at = await position(leader);
  for (const follower of readers) {
    await expect.poll(() => position(follower), { ...POLL, timeout }).toEqual(expected(at, follower));
  }
}

/** The presenter's tab, which the first test opened. */
function livePresenter(): Page {
  if (!presenter) throw new Error('no presenter: the first test of this file opens it');
  return presenter;
}

/** A presenter that went live with L, and a follower of it, in `context`. */
async function talk(guards: Guards, context: BrowserContext): Promise<{ speaker: Page; reader: Page }> {
  const speaker = await openPage(guards, context, copy.server.url);
  await speaker.keyboard.press('l');
  const overlay = speaker.getByRole('dialog', { name: 'Follow this talk live' });
  const link = (await overlay.getByRole('link').getAttribute('href'))!;
  await speaker.keyboard.press('l');
  await expect(overlay).toBeHidden();
  await expect(liveBadge(speaker)).toHaveText(ONLINE);
  const reader = await openPage(guards, context, link);
  await expect(reader.getByRole('status')).toContainText('Following the presenter');
  return { speaker, reader };
}

test.beforeAll(async () => {
  broker = await startBroker();
  copy = await deckCopy([
    {
      file: `${SLIDES_DIR}/${SETTINGS_FILE}`,
      change: (yaml) => `${yaml}\nlive:\n  broker: ${broker.wsUrl}\n`,
    },
  ]);
});

// The presenter's and the followers' tabs, kept from test to test, are watched in each like its own pages.
test.beforeEach(async ({ guards }) => {
  for (const page of [presenter, ...followers]) if (page && !page.isClosed()) await guards.watch(page);
});

test.afterAll(async () => {
  await copy?.close();
  await broker?.close();
});

test('the speaker view’s Go live shows the follow link on the deck; L shows and hides it; followers (one on a phone) follow slides and fragments', async ({
  browser,
  guards,
}) => {
  // The walk below needs a slide with steps; a deck without one fails here, saying so.
  const stepped = slideWhere(
    'steps (fragments: true, or a ```mermaid steps diagram)',
    (slide) => slide.data.fragments === true || STEPPED.test(slide.body),
  );
  presenter = await openPage(guards, browser, copy.server.url);
  const opened = presenter.waitForEvent('popup');
  await presenter.keyboard.press('s');
  const speakerView = await opened;
  await speakerView.getByRole('button', { name: 'Go live' }).click();
  const overlay = presenter.getByRole('dialog', { name: 'Follow this talk live' });
  await expect(overlay).toBeVisible();
  await expect(overlay.getByRole('img', { name: 'QR code of the follow link' })).toBeVisible();
  followLink = (await overlay.getByRole('link').getAttribute('href'))!;
  expect(followLink).toMatch(/\?follow=[0-9a-f]{16}\.[\w-]+$/);
  await expect(presenter.getByRole('status').filter({ hasText: /^Live/ })).toHaveText(/^Live/);
  expect(await axeViolations(presenter)).toEqual([]);
  await expect(speakerView.getByRole('button', { name: /^Live · show or hide the link$/ })).toBeVisible();
  await speakerView.close();
  await overlay.getByRole('button', { name: 'Close' }).click();
  await expect(overlay).toBeHidden();
  await presenter.keyboard.press('l');
  await expect(overlay).toBeVisible();
  await presenter.keyboard.press('l');
  await expect(overlay).toBeHidden();

  followers.push(await openPage(guards, browser, followLink), await openPage(guards, browser, followLink, PHONE));
  for (const follower of followers) {
    await expect(follower.getByRole('status')).toContainText('Following the presenter');
    expect(await axeViolations(follower)).toEqual([]);
  }
  // The badge and the banners stand in a strip of their own, on the projector and on the phone.
  for (const page of [presenter, ...followers]) {
    await expect.poll(() => barsOverDeck(page), POLL).toEqual({ bars: 1, overlap: 0 });
  }
  // Through the deck to the slide with steps, and through two of its steps.
  for (let index = 0; index < source.slides.indexOf(stepped); index++) {
    await presenter.keyboard.press('ArrowRight');
    await expectInStep();
  }
  for (let step = 1; step <= 2; step++) {
    await presenter.keyboard.press('ArrowRight');
    await expectInStep();
    expect((await position(presenter)).id, `step ${step} of ${stepped.file}`).toBe(stepped.id);
  }
});

test('a late joiner lands on the current slide at once', async ({ browser, guards }) => {
  const late = await openPage(guards, browser, followLink);
  const at = await position(livePresenter());
  await expect.poll(() => position(late), POLL).toEqual(at);
  await late.close();
});

test(
  'a follow link cut short, or with a key that is not one, follows nobody and says so; the tab is a deck of its own, and L still goes live',
  { tag: '@one-deck' },
  async ({ context, guards }) => {
    // A well-formed ticket whose key is not a P-256 public key.
    const { session } = decodeTicket(new URL(followLink).searchParams.get('follow'))!;
    const badKey = await openPage(guards, context, `${copy.server.url}?follow=${session}.AAAA`, PHONE);
    await expect(badKey.getByRole('status')).toHaveText(DAMAGED_FOLLOW_LINK);
    await badKey.screenshot({ path: test.info().outputPath('damaged-follow-link-phone.png') });
    await badKey.close();
    // The ticket cut at its dot: the session without the key.
    const cut = followLink.slice(0, followLink.lastIndexOf('.') + 1);
    const reader = await openPage(guards, context, cut);
    await expect(reader.getByRole('status')).toContainText(DAMAGED_FOLLOW_LINK);
    await reader.getByRole('button', { name: 'Close' }).click();
    await expect(reader.getByRole('status')).toHaveCount(0);
    const first = await position(reader);
    await reader.keyboard.press('l');
    await expect(reader.getByRole('dialog', { name: 'Follow this talk live' })).toBeVisible();
    expect(await position(reader), 'L moved no slide').toEqual(first);
    await reader.close();
  },
);

test(
  'a reader who does not follow fetches no live code; L fetches it, and presses while it loads make one session',
  { tag: '@one-deck' },
  async ({ context, guards }) => {
    const fetched: string[] = [];
    context.on('request', (request) => {
      if (LIVE_CHUNK.test(new URL(request.url()).pathname)) fetched.push(request.url());
    });
    // The live chunk is held back until L has been pressed twice, as on a slow network.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(LIVE_CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    const speaker = await openPage(guards, context, copy.server.url);
    expect(fetched, 'live code fetched before L').toEqual([]);
    await speaker.keyboard.press('l');
    await speaker.keyboard.press('l');
    await expect.poll(() => fetched.length).toBe(1);
    release();
    await expect(liveBadge(speaker)).toHaveText(ONLINE);
    // Two presses: shown, then hidden; a third shows the one overlay of the one session.
    const overlay = speaker.getByRole('dialog', { name: 'Follow this talk live', includeHidden: true });
    await expect(overlay).toHaveCount(1);
    await expect(overlay).toBeHidden();
    await speaker.keyboard.press('l');
    await expect(overlay).toBeVisible();
    await speaker.close();
  },
);

test(
  'a browser that will not store the session says so on the follow link’s overlay, and still goes live',
  { tag: '@one-deck' },
  async ({ context, guards }) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        value: {
          open: () => {
            throw new DOMException('refused for this test', 'SecurityError');
          },
        },
      });
    });
    const speaker = await openPage(guards, context, copy.server.url);
    await speaker.keyboard.press('l');
    const overlay = speaker.getByRole('dialog', { name: 'Follow this talk live' });
    await expect(overlay).toContainText(UNKEPT_SESSION);
    await expect(liveBadge(speaker)).toHaveText(ONLINE);
    await speaker.close();
  },
);

test('a reload of the presenter’s tab resumes the same session; followers keep following', async () => {
  const presenter = livePresenter();
  await presenter.reload();
  await expect(presenter.locator(READY_SELECTOR)).toBeAttached();
  await expect(presenter.getByRole('status').filter({ hasText: /^Live/ })).toHaveText(/^Live(?! ·)/);
  await presenter.keyboard.press('l');
  const overlay = presenter.getByRole('dialog', { name: 'Follow this talk live' });
  await expect(overlay.getByRole('link')).toHaveAttribute('href', followLink);
  await presenter.keyboard.press('l');
  await presenter.keyboard.press('ArrowRight');
  await expectInStep();
});

test('a message signed with another key, and a replayed genuine one, move no follower', async () => {
  const presenter = livePresenter();
  const topic = liveTopic(copy.deck.settings.slug, new URL(followLink).searchParams.get('follow')!.split('.')[0]!);
  const client = tcpClient(broker);
  await client.connect();
  const genuine: string[] = [];
  await client.subscribe_topic(topic, (packet) => genuine.push(new TextDecoder().decode(packet.payload)));
  await expect.poll(() => genuine.length).toBeGreaterThan(0);
  const replayed = genuine.at(-1)!;
  // The presenter moves on; then the old message is sent again, and a forgery with a huge number.
  await presenter.keyboard.press('ArrowLeft');
  await expectInStep();
  const seqs = followers.map((follower) =>
    follower.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          new MutationObserver(() => seen.push(document.documentElement.dataset.liveSeq ?? '')).observe(
            document.documentElement,
            { attributeFilter: ['data-live-seq'] },
          );
          (window as unknown as { liveSeqs: () => void }).liveSeqs = () => resolve(seen);
        }),
    ),
  );
  const intruder = await newKeyPair();
  const forged = await signState({ h: 0, v: 0, f: -1, seq: Date.now() * 2, at: Date.now() }, intruder.privateKey);
  await client.pub({ topic, payload: forged, qos: 1, retain: 1 });
  await client.pub({ topic, payload: replayed, qos: 1, retain: 1 });
  await presenter.keyboard.press('ArrowLeft');
  await expectInStep();
  for (const [index, follower] of followers.entries()) {
    await follower.evaluate(() => (window as unknown as { liveSeqs: () => void }).liveSeqs());
    const applied = (await seqs[index]!).map(Number);
    // Only the presenter's new message was applied: one rising number, neither the forgery's nor the replay's.
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    expect(applied.every((seq) => seq < Date.now() * 1.5)).toBe(true);
  }
  await client.disconnect();
});

/** The topic of the live session the tests present. */
const sessionTopic = (): string =>
  liveTopic(copy.deck.settings.slug, new URL(followLink).searchParams.get('follow')!.split('.')[0]!);

test('a genuine message past the maximum age, replayed to a fresh follower, moves nobody: it waits for the presenter', async ({
  browser,
  guards,
}) => {
  expect(MAX_AGE_MS, "the follower's age limit").toBeLessThanOrEqual(REPLAY_SHOWN_MS);
  // A session of the test's own: its messages are genuine, signed with its key.
  const session = newSessionId();
  const keys = await newKeyPair();
  const topic = liveTopic(copy.deck.settings.slug, session);
  const client = tcpClient(broker);
  await client.connect();
  try {
    const last = copy.deck.slides.length - 1;
    const stale = { h: last, v: 0, f: -1, seq: Date.now(), at: Date.now() - REPLAY_SHOWN_MS - 5_000 };
    await client.pub({ topic, payload: await signState(stale, keys.privateKey), qos: 1, retain: 1 });
    const reader = await openPage(
      guards,
      browser,
      `${copy.server.url}?follow=${encodeTicket({ session, publicKey: keys.publicKey })}`,
    );
    await expect(reader.locator('html')).toHaveAttribute('data-live-rejected', 'too old');
    await expect(reader.getByRole('status')).toHaveText(/^Waiting for the presenter…/);
    expect((await position(reader)).id, 'the replay moved the reader').toBe(copy.deck.slides[0]!.id);
    // A message of the last seconds moves it, and the banner says it follows.
    const fresh = { h: 2, v: 0, f: -1, seq: Date.now() + 1, at: Date.now() };
    await client.pub({ topic, payload: await signState(fresh, keys.privateKey), qos: 1, retain: 1 });
    await expect.poll(async () => (await position(reader)).id, POLL).toBe(copy.deck.slides[2]!.id);
    await expect(reader.getByRole('status')).toHaveText(/^Following the presenter/);
    await reader.close();
  } finally {
    await client.pub({ topic, payload: '', qos: 1, retain: 1 });
    await client.disconnect();
  }
});

test(
  'a follower whose presenter falls silent for longer than a message may be old says the presenter seems to be offline',
  { tag: '@one-deck' },
  async ({ browser, guards }) => {
    const keys = await newKeyPair();
    const session = newSessionId();
    const topic = liveTopic(copy.deck.settings.slug, session);
    const client = tcpClient(broker);
    await client.connect();
    const context = await browser.newContext();
    try {
      await guards.watch(context);
      const fresh = { h: 1, v: 0, f: -1, seq: Date.now(), at: Date.now() };
      await client.pub({ topic, payload: await signState(fresh, keys.privateKey), qos: 1, retain: 1 });
      // The page's clock is the test's to move: the silence passes in an instant.
      const reader = await context.newPage();
      await reader.clock.install();
      await reader.goto(`${copy.server.url}?follow=${encodeTicket({ session, publicKey: keys.publicKey })}`);
      await expect(reader.getByRole('status')).toHaveText(/^Following the presenter/);
      await reader.clock.fastForward(MAX_AGE_MS - HEARTBEAT_MS);
      await expect(reader.getByRole('status')).toHaveText(/^Following the presenter/);
      await reader.clock.fastForward(2 * HEARTBEAT_MS);
      await expect(reader.getByRole('status')).toHaveText(/^The presenter seems to be offline/);
      expect((await position(reader)).id, 'the slide stays').toBe(copy.deck.slides[1]!.id);
    } finally {
      await context.close();
      await client.pub({ topic, payload: '', qos: 1, retain: 1 });
      await client.disconnect();
    }
  },
);

test('the retained state wiped by anyone comes back within one heartbeat: a late joiner lands then', async ({
  browser,
  guards,
}) => {
  expect(HEARTBEAT_MS, "the presenter's heartbeat").toBeLessThanOrEqual(WIPE_HEALS_MS);
  const client = tcpClient(broker);
  await client.connect();
  // An empty retained payload deletes the retained message: anyone on an open broker can send it.
  await client.pub({ topic: sessionTopic(), payload: '', qos: 1, retain: 1 });
  await client.disconnect();
  const late = await openPage(guards, browser, followLink);
  const at = await position(livePresenter());
  await expect.poll(() => position(late), { timeout: WIPE_HEALS_MS + 5_000 }).toEqual(at);
  await expect(late.getByRole('status')).toHaveText(/^Following the presenter/);
  await late.close();
});

test('payloads larger than a signed state, and garbage, are dropped: followers keep following', async () => {
  const client = tcpClient(broker);
  await client.connect();
  // Not retained: the presenter's state stays for late joiners.
  await client.pub({ topic: sessionTopic(), payload: 'x'.repeat(100 * MAX_PAYLOAD_BYTES), qos: 1, retain: 0 });
  for (const follower of followers)
    await expect(follower.locator('html')).toHaveAttribute('data-live-rejected', 'too large');
  for (const garbage of ['{', 'null', '{"state":"{}","sig":"AAAA"}']) {
    await client.pub({ topic: sessionTopic(), payload: garbage, qos: 1, retain: 0 });
  }
  for (const follower of followers) {
    await expect(follower.locator('html')).toHaveAttribute('data-live-rejected', /^(malformed|bad signature)$/);
    await expect(follower.getByRole('status')).toHaveText(/^Following the presenter/);
  }
  await client.disconnect();
  await livePresenter().keyboard.press('ArrowRight');
  await expectInStep();
});

test('the broker lost and back: followers say so, keep their slide, and catch up; presenting never stalls', async ({
  guards,
}) => {
  const presenter = livePresenter();
  // A try while the broker is down (if one falls in the outage) fails like this in Chromium's console; only this may.
  guards.expectedConsoleErrors.add(refusedConnection(broker.wsUrl));
  await broker.stop();
  for (const follower of followers) await expect(follower.getByRole('status')).toContainText('Reconnecting');
  await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('ArrowRight');
  await expect(presenter.getByRole('status').filter({ hasText: /^Live/ })).toContainText('offline, retrying');
  await broker.start();
  for (const follower of followers) await expect(follower.getByRole('status')).toContainText('Following the presenter');
  await expectInStep();
});

for (const outageS of [5, 30]) {
  test(
    `the broker down for ${outageS} s mid-talk: both sides retry until it is back, then the follower reaches the presenter’s slide`,
    { tag: '@one-deck' },
    async ({ context, guards }) => {
      test.setTimeout(outageS * 1000 + 60_000);
      // Each try while the broker is down fails like this in Chromium's console, and only this may.
      guards.expectedConsoleErrors.add(refusedConnection(broker.wsUrl));
      const { speaker, reader } = await talk(guards, context);
      await speaker.keyboard.press('ArrowRight');
      await expectInStep(speaker, [reader]);
      await broker.stop();
      await expect(liveBadge(speaker)).toContainText('offline, retrying');
      await expect(reader.getByRole('status')).toContainText('Reconnecting to the presenter');
      // Presenting goes on while the broker is down.
      await speaker.keyboard.press('ArrowRight');
      await new Promise((outage) => setTimeout(outage, outageS * 1000));
      await broker.start();
      await expect(liveBadge(speaker)).toHaveText(ONLINE, { timeout: RECOVERY_MS });
      await expect(reader.getByRole('status')).toContainText('Following the presenter', { timeout: RECOVERY_MS });
      await expectInStep(speaker, [reader], RECOVERY_MS);
      // And after it.
      await speaker.keyboard.press('ArrowRight');
      await expectInStep(speaker, [reader]);
      for (const page of [speaker, reader]) await page.close();
    },
  );
}

test('navigating by hand pauses following; Catch up resumes', async () => {
  const presenter = livePresenter();
  const [wide] = followers;
  await wide!.keyboard.press('ArrowLeft');
  await expect(wide!.getByRole('status')).toContainText('Paused');
  await presenter.keyboard.press('ArrowRight');
  await wide!.getByRole('button', { name: 'Catch up' }).click();
  await expect.poll(() => position(wide!), POLL).toEqual(await position(presenter));
  // Stop: the banner goes and the reader has the deck to themselves.
  await wide!.getByRole('button', { name: 'Stop' }).click();
  await expect(wide!.getByRole('status')).toHaveCount(0);
});

test(
  'the example configuration starts Debian’s Mosquitto as shipped and takes MQTT over WebSockets',
  { tag: '@one-deck' },
  async ({ browser, guards }) => {
    // Mosquitto reads this file; Aedes, the tests' broker where Mosquitto is missing, would not. CI installs Mosquitto.
    test.skip(!MOSQUITTO, 'Mosquitto is not on the PATH: the example configuration is for Mosquitto');
    const example = await runExampleBroker();
    // A page of a fresh context: on the test's reused one (`reuseContext`), Chromium's local network
    // access checks refused the socket to 127.0.0.1.
    const context = await browser.newContext();
    await guards.watch(context);
    const page = await context.newPage();
    try {
      const answer = await page.evaluate(
        ({ url, connect }) =>
          new Promise<number[]>((resolve, reject) => {
            const socket = new WebSocket(url, ['mqtt']);
            socket.binaryType = 'arraybuffer';
            socket.onopen = () => socket.send(new Uint8Array(connect));
            socket.onmessage = (event) => {
              resolve([...new Uint8Array(event.data as ArrayBuffer)]);
              socket.close();
            };
            socket.onerror = () => reject(new Error(`no WebSocket to ${url}`));
          }),
        { url: example.wsUrl, connect: MQTT_CONNECT },
      );
      expect(answer).toEqual(MQTT_CONNACK_ACCEPTED);
    } finally {
      await context.close();
      await example.close();
    }
  },
);

test(
  'L without a broker says on screen that live is off, and moves no slide',
  { tag: '@one-deck' },
  async ({ deck, page, guards, baseURL }) => {
    // The built deck, beside the copy that the kept tabs show.
    guards.origins.add(new URL(baseURL!).origin);
    const second = source.slides[1]!;
    await deck.open(`#/${second.id}`);
    await page.keyboard.press('l');
    await expect(page.getByRole('status')).toHaveText(LIVE_OFF_MESSAGE);
    await expect(deck.current()).toHaveAttribute('id', second.id);
    expect(await axeViolations(page)).toEqual([]);
    // Nor in the speaker view, which passes its keys to a preview of the deck: L then ← there lands
    // the deck on the slide before (had L moved the preview, ← would have brought it back).
    const opened = page.waitForEvent('popup');
    await page.keyboard.press('s');
    const speakerView = await opened;
    const preview = speakerView.frameLocator('#current-slide iframe').locator('.reveal .slides > section.present');
    await expect(preview).toHaveAttribute('id', second.id);
    await speakerView.keyboard.press('l');
    await speakerView.keyboard.press('ArrowLeft');
    await expect(preview).toHaveAttribute('id', source.slides[0]!.id);
    await expect(deck.current()).toHaveAttribute('id', source.slides[0]!.id);
    await speakerView.close();
  },
);

test(
  'without a broker the deck ships no live code and its CSP allows no connection',
  { tag: '@one-deck' },
  async () => {
    const assets = await readdir(join(DIST_DIR, 'assets'));
    expect(assets.filter((file) => file.startsWith('live'))).toEqual([]);
    expect(await readFile(join(DIST_DIR, 'index.html'), 'utf8')).not.toContain('connect-src');
    // With one, the page may connect to that broker and nowhere else.
    expect((await readdir(join(copy.outDir, 'assets'))).some((file) => file.startsWith('live'))).toBe(true);
    const policy = /content="(default-src[^"]*)"/.exec(await readFile(join(copy.outDir, 'index.html'), 'utf8'))![1]!;
    expect(policy).toContain(`connect-src ${broker.wsUrl}`);
    expect(policy.match(/connect-src [^;]*/)![0]).toBe(`connect-src ${broker.wsUrl}`);
  },
);
