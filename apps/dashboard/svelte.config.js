import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // `node build` listens on HOST and PORT (adapter-node reads them at start, not at build).
    adapter: adapter(),
  },
};

export default config;
