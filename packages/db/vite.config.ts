import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Tests open real DuckDB files and, later, seed whole databases.
    // Seeding a province in beforeAll takes 2-3 s on a quiet machine; allow a busy one.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
