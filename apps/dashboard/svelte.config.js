import { createHash } from 'node:crypto';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The one inline style the pages need: the `style` attribute of SvelteKit's route announcer (the
// visually hidden live region its root component adds once mounted, which tells screen readers the
// new page's title after a client-side navigation). Blocked, it would show as text on every page.
// A style attribute takes no nonce; 'unsafe-hashes' with its hash allows exactly this one value,
// where 'unsafe-inline' would allow any. If SvelteKit changes the text, the browser tests'
// check for policy violations (e2e/security-headers.test.ts) fails and names the new hash.
const ANNOUNCER_STYLE =
  'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const ANNOUNCER_STYLE_HASH = `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // scripts/start.js serves the build's handler on HOST and PORT (read at start, not at build).
    adapter: adapter(),
    // Every page is rendered per request, so 'auto' means nonces: SvelteKit adds a fresh one to
    // script-src for its hydration script and sends the policy as a header. Everything else is a
    // file of our own origin. No 'unsafe-inline' anywhere, styles included: component styles are
    // CSS files, charts are SVG with presentation attributes (no style=), d3 only sets styles
    // through the CSSOM, which a policy does not govern, and app.html's wrapper takes its
    // `display: contents` from a class; the announcer's style attribute is allowed by its hash.
    // The other security headers, and a policy for responses that are not pages (downloads,
    // data, errors of endpoints), are set in hooks.server.ts.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        'style-src-attr': ['unsafe-hashes', ANNOUNCER_STYLE_HASH],
        'img-src': ['self'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'base-uri': ['self'],
        'object-src': ['none'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
