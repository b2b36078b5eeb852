import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The machine is shared: one worker thread is plenty for pure functions.
    pool: 'threads',
    maxWorkers: 1,
  },
});
