import { describe, expect, it } from 'vitest';
import { NON_PAGE_POLICY, SECURITY_HEADERS, withSecurityHeaders } from './security-headers.js';

describe('withSecurityHeaders', () => {
  it('adds every header, and the non-page policy only where there is no policy', () => {
    const csv = withSecurityHeaders(new Response('a,b\n'));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(csv.headers.get(name), name).toBe(value);
    }
    expect(csv.headers.get('content-security-policy')).toBe(NON_PAGE_POLICY);

    const page = withSecurityHeaders(
      new Response('<p>', { headers: { 'content-security-policy': "script-src 'self'" } }),
    );
    expect(page.headers.get('content-security-policy')).toBe("script-src 'self'");
  });

  it('copies a response whose headers cannot be changed, keeping its status and body', async () => {
    const frozen = Response.redirect('http://127.0.0.1/elsewhere', 307);
    expect(() => frozen.headers.set('x-test', '1')).toThrow();
    const copy = withSecurityHeaders(frozen);
    expect(copy.status).toBe(307);
    expect(copy.headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    expect(copy.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
