import { createTRPCClient, httpBatchLink, httpBatchStreamLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '@pandu/api';
import { rawHttp } from './raw-http.js';
import { seededCopy, startServe, type ServeProcess } from './serve-process.js';

// What issue 13 found wrong in the HTTP layer of a real `pandu serve` (findings 3 to 6 and parts
// of 8), checked against the built command line over 127.0.0.1.

const ALLOWED_ORIGIN = 'http://dashboard.example:5173';
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** The headers every answer of the API carries (finding 4). */
function expectSecurityHeaders(headers: Headers, what: string): void {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'none'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(headers.get('permissions-policy'), what).toMatch(/camera=\(\)/);
}

describe('the HTTP layer of pandu serve', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>>;
  let serve: ServeProcess;
  beforeAll(async () => {
    copy = await seededCopy();
    serve = await startServe(copy.db, { env: { PANDU_CORS_ORIGINS: ALLOWED_ORIGIN } });
  });
  afterAll(async () => {
    serve?.kill();
    await serve?.exited;
    await copy?.cleanup();
  });

  it("streams a batch to @trpc/client's httpBatchStreamLink (finding 3: chunked and Content-Length together)", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchStreamLink({ url: `${serve.url}/trpc` })],
    });
    const [region, health] = await Promise.all([
      client.regions.get.query({ code: '35.05' }),
      client.health.query(),
    ]);
    expect(region.name).toBe('Kabupaten Blitar');
    expect(health.years?.list.length).toBeGreaterThan(0);

    // The curl reproduction, as a raw request: one framing or the other, never both.
    const raw = await rawHttp(
      serve.url,
      `GET /trpc/health,health?batch=1&input=${input({ 0: {} })} HTTP/1.1\r\n` +
        'Host: 127.0.0.1\r\ntrpc-accept: application/jsonl\r\nConnection: close\r\n\r\n',
    );
    expect(raw.status).toBe(200);
    expect(raw.headers.get('transfer-encoding')).toEqual(['chunked']);
    expect(raw.headers.has('content-length')).toBe(false);
    expect(raw.body).toContain('"dataVersion"');
  });

  it('keeps ETag and 304 for plain JSON GETs, and the ordinary batch link', async () => {
    const url = `${serve.url}/trpc/regions.get?input=${input({ code: '35.05' })}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-length')).toBe(String((await first.text()).length));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${serve.url}/trpc` })],
    });
    expect((await client.regions.get.query({ code: '35.05' })).name).toBe('Kabupaten Blitar');
  });

  it('sends nosniff, no-referrer, no framing, a deny-all CSP and a Permissions-Policy on every kind of answer (finding 4)', async () => {
    const region = `${serve.url}/trpc/regions.get?input=${input({ code: '35.05' })}`;
    const etag = (await fetch(region)).headers.get('etag') ?? '';
    const cases: Array<[string, string, RequestInit, number]> = [
      ['index', '/', {}, 200],
      ['liveness', '/health', {}, 200],
      ['procedure', '/trpc/health', {}, 200],
      [
        'POST',
        '/trpc/regions.get',
        {
          method: 'POST',
          body: '{"code":"35.05"}',
          headers: { 'content-type': 'application/json' },
        },
        200,
      ],
      ['HEAD', '/trpc/regions.get?input=' + input({ code: '35.05' }), { method: 'HEAD' }, 200],
      [
        '304',
        '/trpc/regions.get?input=' + input({ code: '35.05' }),
        { headers: { 'if-none-match': etag } },
        304,
      ],
      [
        'stream',
        '/trpc/health?batch=1&input=' + input({ 0: {} }),
        { headers: { 'trpc-accept': 'application/jsonl' } },
        200,
      ],
      ['bad input', '/trpc/divide.summary?input=' + input({ year: 'x' }), {}, 400],
      ['not JSON', '/trpc/divide.summary?input=%7Bx', {}, 400],
      ['unknown region', '/trpc/regions.get?input=' + input({ code: '35.99' }), {}, 404],
      ['unknown procedure', '/trpc/nope.nothing', {}, 404],
      ['unknown path', '/elsewhere', {}, 404],
      ['method', '/trpc/health', { method: 'PUT' }, 405],
      ['URL too long', '/trpc/health?input=' + 'x'.repeat(9000), {}, 413],
      [
        'preflight',
        '/trpc/health',
        { method: 'OPTIONS', headers: { origin: ALLOWED_ORIGIN } },
        204,
      ],
      ['export refused', '/export/xlsx', {}, 400],
      ['export', '/export/csv?region=35.05.04', {}, 200],
    ];
    for (const [what, path, init, status] of cases) {
      const res = await fetch(`${serve.url}${path}`, init);
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res.headers, what);
      await res.arrayBuffer();
    }
  });

  it('gives the database file name, not its path, and CORS only to configured origins (finding 5)', async () => {
    const res = await fetch(`${serve.url}/trpc/health`);
    const text = await res.text();
    expect((JSON.parse(text) as { result: { data: { file: string } } }).result.data.file).toBe(
      'pandu.duckdb',
    );
    expect(text).not.toContain(copy.dir);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();

    const allowed = await fetch(`${serve.url}/trpc/health`, {
      headers: { origin: ALLOWED_ORIGIN },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    const other = await fetch(`${serve.url}/trpc/health`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) =>
      fetch(`${serve.url}/trpc/regions.get`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const ok = await preflight(ALLOWED_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    const refused = await preflight('http://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('answers 400 to a request line whose absolute URL does not parse, and logs no unhandled error (finding 6)', async () => {
    for (const target of ['http://[', 'http://[::1', 'https://a b/']) {
      const res = await rawHttp(
        serve.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(res.status, target).toBe(400);
    }
    const badHost = await rawHttp(
      serve.url,
      'GET /trpc/health HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n',
    );
    expect(badHost.status).toBeLessThan(500);
    // The server still answers afterwards, and logged nothing as unhandled.
    expect((await fetch(`${serve.url}/health`)).status).toBe(200);
    expect(serve.stderr()).not.toMatch(/unhandled|Invalid URL/);
  });

  it('calls regions.children and published.list without input, by GET and by @trpc/client (finding 8)', async () => {
    for (const path of ['regions.children', 'published.list']) {
      const res = await fetch(`${serve.url}/trpc/${path}`);
      expect(res.status, path).toBe(200);
      expect(Array.isArray(((await res.json()) as { result: { data: unknown } }).result.data)).toBe(
        true,
      );
    }
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${serve.url}/trpc` })],
    });
    const provinces = await client.regions.children.query();
    expect(provinces.map((p) => p.code)).toContain('35');
    expect((await client.published.list.query()).length).toBeGreaterThan(0);
    // With an argument they answer as before.
    expect((await client.regions.children.query({ code: '35' })).length).toBeGreaterThan(0);
  });

  it('answers HEAD /export/{format} as a GET, without a body (finding 8)', async () => {
    const head = await fetch(`${serve.url}/export/csv?region=35.05.04`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/zip');
    expect(head.headers.get('content-disposition')).toBe(
      'attachment; filename="pandu-35.05.04-csv.zip"',
    );
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const bad = await fetch(`${serve.url}/export/xlsx`, { method: 'HEAD' });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${serve.url}/export/csv?region=35.99`, { method: 'HEAD' });
    expect(unknown.status).toBe(404);
    // Years without data: the export's own check, so HEAD answers as GET does.
    for (const method of ['HEAD', 'GET']) {
      const empty = await fetch(`${serve.url}/export/csv?from=2090`, { method });
      await empty.arrayBuffer();
      expect(empty.status, method).toBe(400);
    }
    const post = await fetch(`${serve.url}/export/csv`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
