import { defineConfig } from '@playwright/test';
import { browserLaunchOptions } from './src/node/browser.ts';
import { DIST_DIR, SLIDES_ENV } from './src/node/paths.ts';

/**
 * With `$DECK_SLIDES` set, the specs whose checks follow the deck's shape (its slides, diagrams,
 * steps and notes) run against that deck (the second, fixture deck): the features that work the
 * same whatever the slides are (fonts, images, the dev server, live, the README's recipes, and the tests tagged
 * `@one-deck`) are tested on the real deck only, and its content checks (tagged `@content`) and
 * screenshot baselines stay out.
 */
const otherDeck = Boolean(process.env[SLIDES_ENV]);
const SHAPE_SPECS = ['present', 'a11y', 'shared-link', 'diagrams', 'overflow', 'phone', 'pdf', 'handout', 'hosted'].map(
  (name) => `${name}.spec.ts`,
);
/** `$DECK_E2E_PORT` moves the served site off the default port (another checkout's tests may hold it). */
export const E2E_PORT = Number(process.env.DECK_E2E_PORT ?? (otherDeck ? 4322 : 4321));
/**
 * Chromium's headless shell sets text with hinting, the full browser without: the same slide
 * differs in 1–4 % of its pixels, so each keeps its own screenshot baselines.
 */
const launchOptions = browserLaunchOptions();
const RENDERER = /headless[-_]shell/.test(launchOptions.executablePath ?? '') ? 'headless-shell' : 'chromium';

/** The built site is served under a deep path, as a static host would, to prove it works from any path. */
export const E2E_BASE = '/talks/2006/xensource/';

export default defineConfig({
  testDir: 'e2e',
  ...(otherDeck ? { grepInvert: /@content|@one-deck/, testMatch: SHAPE_SPECS } : {}),
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: 'list',
  snapshotPathTemplate: `{testDir}/{testFileName}-snapshots/{arg}-{platform}-${RENDERER}{ext}`,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    viewport: { width: 1280, height: 720 },
    launchOptions,
    trace: 'off',
    // One page per worker, reset between tests (storage, routes, init scripts, extra windows), instead
    // of a new browser context and page per test: a fifth of the suite's time on two cores. A test
    // that needs another device's context (a phone) still gets a fresh one.
    reuseContext: true,
  },
  webServer: {
    command: `node scripts/run-command.mjs serve --dir ${DIST_DIR} --base ${E2E_BASE} --port ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
  },
});
