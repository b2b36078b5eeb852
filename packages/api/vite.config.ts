import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Router tests seed a real DuckDB file (Jawa Timur) in beforeAll.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
