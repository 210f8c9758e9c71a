import { defineConfig } from '@playwright/test';
import { browserLaunchOptions } from './src/build/browser.ts';

/** The built site is served under a deep path, as a static host would, to prove it works from any path. */
export const E2E_PORT = 4321;
export const E2E_BASE = '/talks/2006/xensource/';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: browserLaunchOptions(),
    trace: 'off',
  },
  webServer: {
    command: `npx tsx src/export/serve.ts --dir dist --base ${E2E_BASE} --port ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
  },
});
