import { describe, expect, it } from 'vitest';
import { ROUTES } from './route-list.js';
import { expectNoProblems, openPage, settled, useBrowser, visit } from './session.js';

// Issue 13, finding 4: every response of the dashboard carries the security headers, pages a
// Content-Security-Policy without 'unsafe-inline' scripts (SvelteKit's nonces), and the pages
// still render and hydrate under it with no violation reported.

/** Every kind of response: pages, their data, downloads, and error pages of each origin. */
const RESPONSES: readonly [string, string, number][] = [
  ...ROUTES.map(([name, path]): [string, string, number] => [`page ${name}`, path, 200]),
  ['page data (client-side navigation)', '/wilayah/35/__data.json', 200],
  ['CSV download', '/data/unduh/wilayah?region=35.05', 200],
  ['dataset download (zip from the API)', '/data/ekspor/csv?region=35.05.04.2014&from=2024', 200],
  ['error page: unknown region', '/wilayah/35.99', 404],
  ['error page: no such route', '/tidak-ada', 404],
  ['error page of an endpoint', '/data/unduh/tidak-ada', 404],
  ['error of the API passed on', '/data/ekspor/csv?region=35.99', 404],
  // Served by adapter-node's static file handler, before SvelteKit's hooks.
  ['static file', '/favicon.svg', 200],
];

/** A directive of a policy, as its list of sources (undefined when the policy lacks it). */
function directive(policy: string, name: string): string[] | undefined {
  for (const part of policy.split(';')) {
    const [key, ...values] = part.trim().split(/\s+/);
    if (key === name) return values;
  }
  return undefined;
}

describe('security headers', () => {
  const session = useBrowser();

  it.each(RESPONSES)('%s (%s) carries them', async (_name, path, status) => {
    for (const accept of ['text/html', '*/*']) {
      const response = await fetch(`${session.baseUrl}${path}`, { headers: { accept } });
      expect(response.status, `${path} (${accept})`).toBe(status);
      // Read to the end: a download left half-read would keep the API's one export slot busy.
      const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
      const h = (name: string) => response.headers.get(name);
      const where = `${path} (${accept})`;
      expect(h('x-content-type-options'), where).toBe('nosniff');
      expect(h('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
      expect(h('x-frame-options'), where).toBe('DENY');
      expect(h('permissions-policy'), where).toMatch(/camera=\(\).*geolocation=\(\)/);
      const csp = h('content-security-policy') ?? '';
      expect(directive(csp, 'frame-ancestors'), where).toEqual(["'none'"]);
      expect(directive(csp, 'object-src'), where).toEqual(["'none'"]);
      expect(directive(csp, 'base-uri'), where).toBeDefined();
      const scripts = directive(csp, 'script-src') ?? directive(csp, 'default-src') ?? [];
      expect(scripts, where).not.toContain("'unsafe-inline'");
      expect(scripts, where).not.toContain("'unsafe-eval'");
      for (const styles of [directive(csp, 'style-src'), directive(csp, 'style-src-attr')]) {
        expect(styles ?? [], where).not.toContain("'unsafe-inline'");
      }
      // A page's inline scripts (SvelteKit's hydration) run by the nonce of this response.
      const nonce = /'nonce-([^']+)'/.exec(scripts.join(' '))?.[1];
      for (const [tag] of body.matchAll(/<script\b[^>]*>/g)) {
        if (/\ssrc=/.test(tag)) continue;
        expect(tag, where).toContain(`nonce="${nonce}"`);
      }
    }
  });

  it("serves the pages' own JavaScript and CSS (adapter-node's static files) with them", async () => {
    const html = await (await fetch(`${session.baseUrl}/`)).text();
    const assets = [...html.matchAll(/(?:href|src)="\.?(\/_app\/immutable\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets.slice(0, 5)) {
      const response = await fetch(`${session.baseUrl}${asset}`);
      await response.arrayBuffer();
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('x-content-type-options'), asset).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), asset).toBe('DENY');
      expect(response.headers.get('referrer-policy'), asset).toBe(
        'strict-origin-when-cross-origin',
      );
      expect(
        directive(response.headers.get('content-security-policy') ?? '', 'default-src'),
        asset,
      ).toEqual(["'none'"]);
    }
  });

  // Every page renders and hydrates under the policy with no violation: routes.test.ts visits each,
  // and openPage (browser.ts) counts a violation among a page's problems.

  it('navigates client-side and back under the policy', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/wilayah/35');
    await page.locator('a[href^="/wilayah/35.05"]').first().click();
    await settled(page);
    await page.waitForURL(/\/wilayah\/35\.05/);
    await page.goBack();
    await settled(page);
    expectNoProblems(problems, 'client-side navigation');
    await page.context().close();
  });
});
