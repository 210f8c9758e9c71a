import type { Page } from 'playwright';
import { launchBrowser, waitForDeckReady } from '../src/node/browser.ts';
import { withDeadline } from '../src/node/deadline.ts';
import { SETTINGS_FILE } from '../src/node/deck/slides.ts';
import { SLIDES_DIR } from '../src/node/paths.ts';
import { startBroker } from '../e2e/support/broker.ts';
import { deckCopy } from '../e2e/support/deck-copy.ts';
import { quantile } from './live-latency.ts';

/** A `live:` section of deck.yml, with its indented lines. */
const LIVE_SECTION = /^live:[^\n]*\n(?:[ \t]+[^\n]*\n?)*/m;

export interface RemoteLatency {
  commands: number;
  /** From the press on the phone's page to the deck's move (reveal's slide or fragment event), per command. */
  medianMs: number;
  p95Ms: number;
}

/** reveal's events for a move: a new slide, or a step shown or hidden. */
const MOVES = ['slidechanged', 'fragmentshown', 'fragmenthidden'];
const PHONE = { width: 390, height: 844 };

/** A high-resolution wall-clock time in a page, comparable across the browser's pages. */
const now = (page: Page): Promise<number> => page.evaluate(() => performance.timeOrigin + performance.now());

/**
 * The phone remote on a local broker (Mosquitto where installed, else Aedes, as in the tests): the deck (a copy, built with that broker) pairs a phone page
 * with R, and the phone presses Next and Previous in turn, `commands` times, each once the deck has
 * moved for the last.
 */
export async function measureRemoteLatency(commands = 50, timeLimitMs = 120_000): Promise<RemoteLatency> {
  const deadline = Date.now() + timeLimitMs;
  const broker = await startBroker();
  const copy = await deckCopy([
    // The deck's own live section, if it has one, gives way to the test broker's.
    {
      file: `${SLIDES_DIR}/${SETTINGS_FILE}`,
      change: (yaml) => `${yaml.replace(LIVE_SECTION, '')}\nlive:\n  broker: ${broker.wsUrl}\n`,
    },
  ]);
  const browser = await launchBrowser();
  try {
    const deck = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await deck.goto(copy.server.url);
    await waitForDeckReady(deck);
    await deck.keyboard.press('r');
    const link = deck.locator('.live-overlay:not([hidden]) a.live-link');
    const remoteLink = (await link.getAttribute('href'))!;
    const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
    await phone.goto(remoteLink);
    await phone.locator('.remote-status', { hasText: /^Paired/ }).waitFor();
    await link.waitFor({ state: 'detached' });
    const times: number[] = [];
    for (let command = 0; command < commands; command++) {
      const moved = deck.evaluate(
        (events) =>
          new Promise<number>((resolve) => {
            // No named function in here: tsx would wrap it in a helper the page does not have.
            const listening = new AbortController();
            for (const type of events) {
              document.querySelector('.reveal')!.addEventListener(
                type,
                () => {
                  listening.abort();
                  resolve(performance.timeOrigin + performance.now());
                },
                { signal: listening.signal },
              );
            }
          }),
        MOVES,
      );
      // The listener is in place once a round trip to the deck's page has come back.
      await now(deck);
      const button = command % 2 === 0 ? '.remote-forward' : '.remote-previous';
      // A press on a button that is off (the phone not paired any more) would hang the measure.
      await phone.locator(`${button}:enabled`).waitFor({ timeout: Math.max(1, deadline - Date.now()) });
      const pressed = await phone.evaluate(
        (selector) => {
          const at = performance.timeOrigin + performance.now();
          document.querySelector<HTMLButtonElement>(selector)!.click();
          return at;
        },
        command % 2 === 0 ? '.remote-forward' : '.remote-previous',
      );
      const movedAt = await withDeadline(
        moved,
        Math.max(1, deadline - Date.now()),
        () => `the deck did not move within the time limit (${timeLimitMs} ms), after ${command} presses`,
      );
      times.push(movedAt - pressed);
    }
    return { commands, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
  } finally {
    await browser.close();
    await copy.close();
    await broker.close();
  }
}
