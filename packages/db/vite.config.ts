import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Tests open real DuckDB files and, later, seed whole databases.
    testTimeout: 60_000,
  },
});
