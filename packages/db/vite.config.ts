import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Seeds Jawa Timur once per run; test files open that file read-only, or copy it to write
    // (src/testing/seeded-test-database.ts).
    globalSetup: ['src/testing/global-setup.ts'],
    // One runtime for every file, as Rill's tests share one: loading Kysely, zod, the domain and
    // DuckDB's binding afresh for each of 33 files cost ~12 s of the run. It holds because every
    // file opens and closes its own databases, no module keeps state between them, and
    // the one stubbed variable (TZ) is unstubbed after each test. A new test that mocks a module
    // (vi.mock) or leaves global state behind must undo it, or this must go back to true.
    isolate: false,
    // Tests open real DuckDB files, and a few seed whole databases of their own.
    // Seeding a province takes 1-3 s on a quiet machine, the nation 16 s; allow a busy one.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
