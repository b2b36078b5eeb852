// The headers every response of the dashboard carries (issue 13, finding 4), as plain JavaScript:
// SvelteKit's hooks (lib/server/security-headers.ts) set them on what SvelteKit answers, and the
// launcher (scripts/start.js) on everything, the static files adapter-node serves first included.

/**
 * Headers set on every response.
 *
 * @type {Readonly<Record<string, string>>}
 */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // frame-ancestors 'none' in the policy says the same to browsers that read it.
  'x-frame-options': 'DENY',
  // Powerful features no page uses. Only features Chromium knows: an unknown one is logged as an
  // error in the console of every page.
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
};

/** The policy of a response that is not a page rendered by SvelteKit: nothing may run or load. */
export const NON_PAGE_POLICY =
  "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
