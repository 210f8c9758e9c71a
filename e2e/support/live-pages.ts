import type { Browser, BrowserContext, Page } from '@playwright/test';
import { READY_SELECTOR } from '../../src/shared/readiness.ts';
import { expect, stepIndices, type Guards } from './fixtures.ts';

/** Pages of a live talk: the presenter's, the followers', the phone remote's. */

export const PHONE = { width: 390, height: 844 };
export const WIDE = { width: 1280, height: 720 };

/**
 * A page at `url`, in a browser context of its own or in the test's, watched by the test's guards
 * from its first load on (console errors, CSP violations, failed and foreign requests).
 */
export async function openPage(
  guards: Guards,
  opener: Browser | BrowserContext,
  url: string,
  viewport = WIDE,
): Promise<Page> {
  const page = await opener.newPage();
  await guards.watch(page);
  await page.setViewportSize(viewport);
  await page.goto(url);
  await expect(page.locator(READY_SELECTOR)).toBeAttached();
  return page;
}

/** Where a page is: the slide shown (or at the top of the phone layout) and its shown fragment steps. */
export async function position(page: Page): Promise<{ id: string; steps: number }> {
  const scroll = await page.locator('.reveal-scroll').count();
  if (scroll > 0) return { id: new URL(page.url()).hash.replace('#/', ''), steps: -1 };
  const present = page.locator('.reveal .slides > section.present');
  const id = (await present.getAttribute('id')) ?? '';
  const hidden = (await stepIndices(present, { hiddenOnly: true })).length;
  return { id, steps: (await stepIndices(present)).length - hidden };
}

/** What a follower should show for the presenter's position: a phone shows the slide whole. */
export const expected = (at: { id: string; steps: number }, page: Page): { id: string; steps: number } =>
  page.viewportSize()!.width < 700 ? { id: at.id, steps: -1 } : at;

/** The presenter's corner badge ("Live", "Live · offline, retrying…"). */
export const liveBadge = (page: Page) => page.getByRole('status').filter({ hasText: /^Live/ });
/** The badge once the broker has the presenter's state: "Live", nothing after it. */
export const ONLINE = /^Live(?! ·)/;

/** Chromium's console error for each try while nothing listens: the one error these tests expect. */
export const refusedConnection = (wsUrl: string): string =>
  `WebSocket connection to '${wsUrl}/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`;
/** The same, from a page whose network is off. */
export const offlineConnection = (wsUrl: string): string =>
  `WebSocket connection to '${wsUrl}/' failed: Error in connection establishment: net::ERR_INTERNET_DISCONNECTED`;
