import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The fault suite (`pnpm test:faults`): real `pandu serve` processes on copies of a seeded DuckDB
// file, driven over 127.0.0.1 only, every loop bounded in count and time. Files run one at a time:
// the load and signal tests need the machine's two cores to themselves.
export default defineConfig({
  test: {
    include: ['faults/**/*.test.ts'],
    globalSetup: [require.resolve('@pandu/db/testing/global-setup')],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
