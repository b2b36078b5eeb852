import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Seeds Jawa Timur once per run; test files open that file read-only (src/testing/).
    globalSetup: ['src/testing/global-setup.ts'],
    // Tests open real DuckDB files, and a few seed whole databases of their own.
    // Seeding a province takes 1-3 s on a quiet machine, the nation 16 s; allow a busy one.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
