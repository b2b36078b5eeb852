import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Seeds Jawa Timur once per run (the db package's fixture); apiTestContext opens it read-only,
    // or copies it for a test that writes.
    globalSetup: [require.resolve('@pandu/db/testing/global-setup')],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
