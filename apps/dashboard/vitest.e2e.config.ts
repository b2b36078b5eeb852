import { defineConfig } from 'vitest/config';

// Browser tests: Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the real
// API and the real built dashboard on a seeded DuckDB database, both started by e2e/global-setup.ts
// through scripts/start.js, the same path as `pnpm start`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // One browser, one file at a time: the machine is shared and the tests share one server.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
