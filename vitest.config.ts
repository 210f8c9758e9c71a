import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The Mermaid tests start a real browser.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
