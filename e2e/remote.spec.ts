import type { Locator, Page } from '@playwright/test';
import { liveTopic, newKeyPair, newSessionId } from '../src/client/live/protocol.ts';
import { REMOTE_REJECTED_ATTRIBUTE, remoteTopic, signCommand } from '../src/client/live/remote-protocol.ts';
import { decodePairing, decodeTicket, encodePairing, type Pairing } from '../src/client/live/ticket.ts';
import { SETTINGS_FILE } from '../src/node/deck/slides.ts';
import { SLIDES_DIR } from '../src/node/paths.ts';
import { axeViolations } from './support/axe.ts';
import { MOSQUITTO, runExampleBroker, tcpClient, type ExampleBroker } from './support/broker.ts';
import { deckCopy, type DeckCopy } from './support/deck-copy.ts';
import { expect, POLL, stepIndices, test } from './support/fixtures.ts';
import {
  expected,
  liveBadge,
  offlineConnection,
  ONLINE,
  openPage,
  PHONE,
  position,
  refusedConnection,
} from './support/live-pages.ts';

// The README's locked-down broker (mosquitto.example.conf and its ACL, as committed) and one talk on
// it, driven from a phone; the tests build on one another.
test.describe.configure({ mode: 'serial' });
test.skip(!MOSQUITTO, 'Mosquitto is not on the PATH: the example configuration and its ACL are for Mosquitto');

let broker: ExampleBroker;
let copy: DeckCopy;
let presenter: Page;
const followers: Page[] = [];
let phone: Page;
let remoteLink: string;

/** The sign-in dialog going live opens where the deck names a broker account. */
const signIn = (page: Page) => page.getByRole('dialog', { name: 'Sign in to the live broker' });
const pairingCode = (page: Page) => page.getByRole('dialog', { name: 'Pair your phone as the remote' });
const remoteStatus = (page: Page) => page.getByRole('main', { name: 'Remote' }).getByRole('status');
/** The badge once the broker has refused the password. */
const REFUSED = 'Live · the broker refused the password';

/** The talk's session and the deck's topic, from the remote link. */
function talk(): { session: string; publicKey: string; pairing: Pairing } {
  const url = new URL(remoteLink);
  const ticket = decodeTicket(url.searchParams.get('remote'))!;
  return { ...ticket, pairing: decodePairing(url.hash)! };
}

/** The presenter's deck is at `at`, and every follower with it. */
async function expectAllAt(at: { id: string; steps: number }): Promise<void> {
  await expect.poll(() => position(presenter), POLL).toEqual(at);
  for (const follower of followers) await expect.poll(() => position(follower), POLL).toEqual(expected(at, follower));
}

/** The remote timer with pacing: "0:04 · 13:15 ahead", "1:02 · on time". */
const TIMER = /^\d+:\d\d · (on time|\d+:\d\d (ahead|behind))$/;

async function clearRejection(): Promise<void> {
  await presenter.evaluate((name) => document.documentElement.removeAttribute(name), REMOTE_REJECTED_ATTRIBUTE);
}

/** Publishes `payload` on the remote's topic, as anyone on the broker may, and waits for the deck to say why it refused it. */
async function sendAsStranger(payload: string, rejected: string): Promise<void> {
  await clearRejection();
  const client = tcpClient(broker);
  await client.connect();
  try {
    await client.pub({ topic: remoteTopic(copy.deck.settings.slug, talk().session), payload, qos: 1 });
    await expect(presenter.locator('html')).toHaveAttribute(REMOTE_REJECTED_ATTRIBUTE, rejected);
  } finally {
    await client.disconnect();
  }
}

/** How long a page may take to find the broker back after an outage. */
const RECONNECTED = { timeout: 15_000 };

/** A swipe across `target`, as a thumb makes it. */
async function swipe(page: Page, target: Locator, direction: 'left' | 'right'): Promise<void> {
  const box = (await target.boundingBox())!;
  const [from, to] = direction === 'left' ? [box.x + box.width - 10, box.x + 10] : [box.x + 10, box.x + box.width - 10];
  await page.mouse.move(from, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(to, box.y + 10, { steps: 5 });
  await page.mouse.up();
}

/**
 * Signs `command` in the phone's page with the phone's own key, read from its IndexedDB (key-store.ts):
 * what only that phone can make, for the checks that do not rest on the key.
 */
function signWithPhoneKey({ pairingId, command }: { pairingId: string; command: object }): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('deck-live');
    request.onerror = () => reject(request.error ?? new Error('IndexedDB would not open'));
    request.onsuccess = () => {
      const read = request.result.transaction('keys').objectStore('keys').get(`phone:${pairingId}`);
      read.onerror = () => reject(read.error ?? new Error('no phone key'));
      read.onsuccess = () => {
        const { privateKey } = read.result as { privateKey: CryptoKey };
        const text = JSON.stringify(command);
        crypto.subtle
          .sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(text))
          .then((sig) => {
            const bytes = String.fromCharCode(...new Uint8Array(sig));
            resolve(
              JSON.stringify({
                command: text,
                sig: btoa(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
              }),
            );
          }, reject);
      };
    };
  });
}

test.beforeAll(async () => {
  broker = await runExampleBroker();
  copy = await deckCopy([
    {
      file: `${SLIDES_DIR}/${SETTINGS_FILE}`,
      change: (yaml) => `${yaml}\nminutes: 20\nlive:\n  broker: ${broker.wsUrl}\n  user: ${broker.login.username}\n`,
    },
  ]);
});

test.beforeEach(async ({ guards }) => {
  for (const page of [presenter, phone, ...followers]) if (page && !page.isClosed()) await guards.watch(page);
});

test.afterAll(async () => {
  await copy?.close();
  await broker?.close();
});

test('on the example broker only the presenter’s account publishes a talk; anyone may only read it, and packets are capped', async () => {
  const topic = liveTopic(copy.deck.settings.slug, newSessionId());
  const received: string[] = [];
  const reader = tcpClient(broker);
  await reader.connect();
  await reader.subscribe_topic(topic, (packet) => received.push(new TextDecoder().decode(packet.payload)));
  const stranger = tcpClient(broker);
  await stranger.connect();
  const account = tcpClient(broker);
  await account.connect(broker.login);
  try {
    // The stranger's publish is acknowledged (MQTT 3.1.1 has no refusal) but reaches nobody, retained or not.
    await stranger.pub({ topic, payload: 'stranger', qos: 1, retain: 1 });
    await account.pub({ topic, payload: 'presenter', qos: 1, retain: 1 });
    await expect.poll(() => received, POLL).toEqual(['presenter']);
    // A late reader gets the presenter's retained state, not the stranger's.
    const late = tcpClient(broker);
    await late.connect();
    const retained: string[] = [];
    await late.subscribe_topic(topic, (packet) => retained.push(new TextDecoder().decode(packet.payload)));
    await expect.poll(() => retained, POLL).toEqual(['presenter']);
    await late.disconnect();
    // A packet over the cap never reaches anyone, even from the presenter's account (which is cut off).
    void account.pub({ topic, payload: 'x'.repeat(2048), qos: 1 }).catch(() => undefined);
    const after = tcpClient(broker);
    await after.connect(broker.login);
    await after.pub({ topic, payload: 'after', qos: 1 });
    await expect.poll(() => received, POLL).toEqual(['presenter', 'after']);
    await after.disconnect();
    // A wrong password is refused at the door.
    await expect(tcpClient(broker).connect({ ...broker.login, password: 'guessed' })).rejects.toThrow(
      /not authorized|bad user name or password/,
    );
  } finally {
    await Promise.all([reader, stranger].map((client) => client.disconnect().catch(() => undefined)));
  }
});

test('going live asks for the broker password, asks again when the broker refuses it, and keeps it for the tab; followers need none', async ({
  browser,
  guards,
}) => {
  presenter = await openPage(guards, browser, copy.server.url);
  // Cancel: not live, nothing shown; the next L asks again.
  await presenter.keyboard.press('l');
  await signIn(presenter).getByRole('button', { name: 'Cancel' }).click();
  await expect(signIn(presenter)).toHaveCount(0);
  await expect(presenter.getByRole('status')).toHaveCount(0);
  await expect(presenter.getByRole('dialog')).toHaveCount(0);
  await presenter.keyboard.press('l');
  await expect(signIn(presenter)).toBeVisible();
  expect(await axeViolations(presenter)).toEqual([]);
  await signIn(presenter)
    .getByLabel(/Broker password/)
    .fill('not the password');
  await signIn(presenter).getByRole('button', { name: 'Go live' }).click();
  await expect(liveBadge(presenter)).toContainText(REFUSED);
  const overlay = presenter.getByRole('dialog', { name: 'Follow this talk live' });
  await overlay.getByRole('button', { name: 'Close' }).click();
  await liveBadge(presenter).getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn(presenter)).toContainText('The broker refused that password');
  await signIn(presenter)
    .getByLabel(/Broker password/)
    .fill(broker.login.password);
  await signIn(presenter).getByRole('button', { name: 'Go live' }).click();
  await expect(liveBadge(presenter)).toHaveText(ONLINE);
  await presenter.keyboard.press('l');
  const followLink = (await overlay.getByRole('link').getAttribute('href'))!;
  await presenter.keyboard.press('l');
  // A reload resumes the session with the password the tab kept: nothing is asked.
  await presenter.reload();
  await expect(liveBadge(presenter)).toHaveText(ONLINE);
  await expect(signIn(presenter)).toHaveCount(0);
  followers.push(await openPage(guards, browser, followLink), await openPage(guards, browser, followLink, PHONE));
  for (const follower of followers) await expect(follower.getByRole('status')).toContainText('Following the presenter');
  await presenter.keyboard.press('ArrowRight');
  await expectAllAt(await position(presenter));
});

test('the speaker view pairs a 390-px phone as the remote: it drives the deck through every slide and step, with the followers following', async ({
  browser,
  guards,
}) => {
  await presenter.keyboard.press('Home');
  const opened = presenter.waitForEvent('popup');
  await presenter.keyboard.press('s');
  const speakerView = await opened;
  await speakerView.getByRole('button', { name: 'Pair phone' }).click();
  // The code shows on the presenter's screen only, never on the projector.
  const code = pairingCode(speakerView);
  await expect(code).toBeVisible();
  await expect(code.getByRole('img', { name: 'QR code of the remote link' })).toBeVisible();
  await expect(pairingCode(presenter)).toHaveCount(0);
  remoteLink = (await code.getByRole('link').getAttribute('href'))!;
  expect(remoteLink).toMatch(/\?remote=[0-9a-f]{16}\.[\w-]+#[0-9a-f]{16}\.[\w-]{43}$/);

  phone = await openPage(guards, browser, remoteLink, PHONE);
  // The phone says hello: the code closes; the secret leaves the phone's address bar.
  await expect(code).toHaveCount(0);
  await expect(remoteStatus(phone)).toHaveText('Paired');
  expect(new URL(phone.url()).hash).toBe('');
  expect(await axeViolations(phone)).toEqual([]);
  await speakerView.close();

  const slides = copy.deck.slides;
  const remote = phone.getByRole('main', { name: 'Remote' });
  await expect(remote).toContainText('Timer: starts at the first move');
  // One press per slide after the first and per step: as many as the deck has, and no more.
  const steps = await presenter
    .locator('.reveal .slides > section')
    .evaluateAll((sections) =>
      sections.map(
        (section) =>
          new Set(Array.from(section.querySelectorAll('.fragment'), (part) => part.getAttribute('data-fragment-index')))
            .size,
      ),
    );
  const expectedPresses = steps.reduce((sum, count) => sum + count, 0) + slides.length - 1;
  let at = await position(presenter);
  let presses = 0;
  for (;;) {
    const slide = slides.find(({ id }) => id === at.id)!;
    const index = slides.indexOf(slide);
    await expect(remote.getByRole('heading', { level: 1 })).toHaveText(slide.heading);
    await expect(remote).toContainText(`Slide ${index + 1} of ${slides.length}`);
    // The notes the speaker view shows: the deck's own, for this slide.
    const notes = (await presenter.locator('.reveal .slides > section.present aside.notes').textContent())!.trim();
    expect(notes.length).toBeGreaterThan(0);
    await expect(remote.getByRole('region', { name: 'Speaker notes' })).toHaveText(notes);
    const stepsLeft = (await stepIndices(presenter.locator('.reveal .slides > section.present'), { hiddenOnly: true }))
      .length;
    const nextLine = remote.getByText(/^Next: /);
    if (stepsLeft > 0) await expect(nextLine).toHaveText('Next: the next step of this slide');
    else if (index + 1 < slides.length) await expect(nextLine).toHaveText(`Next: ${slides[index + 1]!.heading}`);
    else {
      await expect(nextLine).toHaveText('Next: nothing, this is the last slide');
      break;
    }
    await remote.getByRole('button', { name: 'Next', exact: true }).click();
    presses++;
    await expect.poll(() => position(presenter), POLL).not.toEqual(at);
    at = await position(presenter);
    await expectAllAt(at);
    // Against deck.yml's minutes: "0:04 · 13:15 ahead".
    await expect(remote.getByText(TIMER)).toBeVisible();
  }
  expect(presses).toBe(expectedPresses);
  await phone.screenshot({ path: test.info().outputPath('phone-remote.png') });

  // A swipe to the right goes back a step, one to the left forward again; Previous goes back.
  const title = remote.getByRole('heading', { level: 1 });
  await swipe(phone, title, 'right');
  await expect.poll(() => position(presenter), POLL).not.toEqual(at);
  const back = await position(presenter);
  await expectAllAt(back);
  await swipe(phone, title, 'left');
  await expect.poll(() => position(presenter), POLL).toEqual(at);
  await remote.getByRole('button', { name: 'Previous' }).click();
  await expect.poll(() => position(presenter), POLL).toEqual(back);

  // Black screen, and back.
  const black = remote.getByRole('button', { name: 'Black screen' });
  await black.click();
  await expect(presenter.locator('.reveal.paused')).toHaveCount(1);
  await expect(black).toHaveAttribute('aria-pressed', 'true');
  await black.click();
  await expect(presenter.locator('.reveal.paused')).toHaveCount(0);
  await expect(black).toHaveAttribute('aria-pressed', 'false');
});

test('a reload of the deck’s tab keeps the phone paired', async () => {
  // From the first slide, once its address is written (reveal writes it up to a second after a move,
  // and a reload lands where the address says): the phone's press then has somewhere to go.
  await presenter.keyboard.press('Home');
  await expect(presenter).toHaveURL(new RegExp(`#/${copy.deck.slides[0]!.id}$`));
  await presenter.reload();
  await expect(liveBadge(presenter)).toHaveText(ONLINE);
  const before = await position(presenter);
  await phone.getByRole('button', { name: 'Next', exact: true }).click();
  await expect.poll(() => position(presenter), POLL).not.toEqual(before);
  await expectAllAt(await position(presenter));
});

test('the remote says "Reconnecting…" while the broker is away, waits for the deck when it is back, and drives again once the deck is', async ({
  guards,
}) => {
  // A try while the broker is down (if one falls in the outage) fails like this in Chromium's console; only this may.
  guards.expectedConsoleErrors.add(refusedConnection(broker.wsUrl));
  guards.expectedConsoleErrors.add(offlineConnection(broker.wsUrl));
  const previous = phone.getByRole('button', { name: 'Previous' });
  await broker.stop();
  await expect(remoteStatus(phone)).toHaveText('Reconnecting…');
  await expect(previous).toBeDisabled();
  // The phone is back on the broker before the deck's tab: a press now would reach no deck.
  await presenter.context().setOffline(true);
  await broker.start();
  // Each page tries again within 4 s (RECONNECT_BACKOFF), and the machine may be busy.
  await expect(remoteStatus(phone)).toHaveText('Waiting for the deck…', RECONNECTED);
  await expect(previous).toBeDisabled();
  await presenter.context().setOffline(false);
  await expect(liveBadge(presenter)).toHaveText(ONLINE, RECONNECTED);
  await expect(remoteStatus(phone)).toHaveText('Paired');
  const before = await position(presenter);
  await previous.click();
  await expect.poll(() => position(presenter), POLL).not.toEqual(before);
  await expectAllAt(await position(presenter));
});

test('nobody else drives the deck: a second phone with the link, a guessed secret, a replayed, stale or forged command, the phone paired before once R pairs anew', async ({
  browser,
  guards,
}) => {
  const { session, publicKey, pairing } = talk();
  const topic = remoteTopic(copy.deck.settings.slug, session);
  // From the first slide, so that each press below has somewhere to go (the tests before end near the last).
  await presenter.keyboard.press('Home');
  await expect.poll(() => position(presenter), POLL).toEqual({ id: copy.deck.slides[0]!.id, steps: 0 });
  const home = await position(presenter);
  await expectAllAt(home);

  // A second device with the very link (someone saw the code): the pairing is the first phone's.
  const second = await openPage(guards, browser, remoteLink, PHONE);
  await expect(presenter.locator('html')).toHaveAttribute(REMOTE_REJECTED_ATTRIBUTE, 'another phone');
  await expect(remoteStatus(second)).toHaveText(/^Another phone took this pairing/);
  await expect(second.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await second.close();

  // A page with the pairing's id (every state names it) and a guessed secret: its hello is refused.
  await clearRejection();
  const guessed = { id: pairing.id, secret: pairing.secret.split('').reverse().join('') };
  const guesser = await openPage(
    guards,
    browser,
    `${copy.server.url}?remote=${session}.${publicKey}#${encodePairing(guessed)}`,
    PHONE,
  );
  await expect(presenter.locator('html')).toHaveAttribute(REMOTE_REJECTED_ATTRIBUTE, 'bad signature');
  await expect(guesser.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await guesser.close();

  // The phone's own commands, as the broker carried them (the presenter's account may read them).
  const listener = tcpClient(broker);
  await listener.connect(broker.login);
  const carried: string[] = [];
  await listener.subscribe_topic(topic, (packet) => carried.push(new TextDecoder().decode(packet.payload)));
  try {
    await phone.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => carried.length, POLL).toBe(1);
    await expect.poll(() => position(presenter), POLL).not.toEqual(home);
    // Replayed: refused, and still refused after a reload of the deck's tab.
    const afterPress = await position(presenter);
    await sendAsStranger(carried[0]!, 'not newer');
    expect(await position(presenter)).toEqual(afterPress);
    await presenter.reload();
    await expect(liveBadge(presenter)).toHaveText(ONLINE);
    // Where the reload lands (reveal writes the address a moment after a move) is where it must stay.
    const moved = await position(presenter);
    await sendAsStranger(carried[0]!, 'not newer');
    expect(await position(presenter)).toEqual(moved);
    // Signed by the phone itself but stale (its key, read out of its own storage, signs one 11 s old).
    const stale = await phone.evaluate(signWithPhoneKey, {
      pairingId: pairing.id,
      command: { action: 'next', seq: Date.now() + 60_000, at: Date.now() - 11_000 },
    });
    await sendAsStranger(stale, 'too old');
    // Forged: another key.
    const intruder = await newKeyPair();
    await sendAsStranger(
      await signCommand({ action: 'next', seq: Date.now() + 70_000, at: Date.now() }, intruder.privateKey),
      'bad signature',
    );
    expect(await position(presenter)).toEqual(moved);

    // R pairs anew on the deck: the old phone is told, and its key drives nothing any more.
    await presenter.keyboard.press('r');
    await expect(pairingCode(presenter)).toBeVisible();
    await expect(remoteStatus(phone)).toHaveText(/^This phone is no longer the remote/);
    await expect(phone.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
    const revoked = await phone.evaluate(signWithPhoneKey, {
      pairingId: pairing.id,
      command: { action: 'next', seq: Date.now() + 80_000, at: Date.now() },
    });
    await sendAsStranger(revoked, 'not paired');
    expect(await position(presenter)).toEqual(moved);
    const fresh = (await pairingCode(presenter).getByRole('link').getAttribute('href'))!;
    const newPhone = await openPage(guards, browser, fresh, PHONE);
    await expect(pairingCode(presenter)).toHaveCount(0);
    await expect(remoteStatus(newPhone)).toHaveText('Paired');
    await sendAsStranger(revoked, 'bad signature');
    await newPhone.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => position(presenter), POLL).not.toEqual(moved);
    await expectAllAt(await position(presenter));
    await newPhone.close();
  } finally {
    await listener.disconnect();
  }
});

test('a remote link cut short drives nothing and says so', { tag: '@one-deck' }, async ({ browser, guards }) => {
  const cut = remoteLink.slice(0, remoteLink.indexOf('#') + 5);
  const page = await openPage(guards, browser, cut, PHONE);
  await expect(remoteStatus(page)).toHaveText(/remote link is incomplete/);
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.close();
});
