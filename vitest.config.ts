import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The Mermaid tests start a real browser.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Both cores (the default leaves one idle on a 2-core machine), and the modules loaded once per
    // worker rather than once per file: no test here mocks a module or leaves global state behind.
    maxWorkers: 2,
    isolate: false,
  },
});
