import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiServer, DEFAULT_LIMITS } from './http-server.js';
import { apiTestContext } from '@pandu/api/testing';

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('the API over HTTP on 127.0.0.1', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true, writable: true });
    // Any origin, as PANDU_CORS_ORIGINS=* (the default, none, is checked in faults/).
    server = createApiServer(t.ctx, { ...DEFAULT_LIMITS, maxBatchSize: 4 }, undefined, {
      corsOrigins: ['*'],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.cleanup();
  });

  it('answers a curl-style GET with plain JSON numbers, an ETag, and 304 for a matching If-None-Match', async () => {
    const url = `${base}/trpc/divide.summary?input=${input({ code: '35.05', year: 2024 })}`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { n: number; gini: number } } };
    expect(typeof body.result.data.gini).toBe('number');
    expect(body.result.data.n).toBeGreaterThan(200);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const again = await fetch(url, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    // A list of tags, and a weak one, match too; another body's tag does not.
    for (const [header, status] of [
      [`"other", W/${etag}`, 304],
      ['"other"', 200],
    ] as const) {
      expect((await fetch(url, { headers: { 'if-none-match': header } })).status).toBe(status);
    }
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('lets the dashboard call from another origin, by GET or POST', async () => {
    const preflight = await fetch(`${base}/trpc/divide.summary`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const post = await fetch(`${base}/trpc/regions.get`, {
      method: 'POST',
      body: JSON.stringify({ code: '35.05' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status).toBe(200);
    expect(((await post.json()) as { result: { data: { name: string } } }).result.data.name).toBe(
      'Kabupaten Blitar',
    );
    expect(post.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a batch, and refuses one larger than the limit', async () => {
    const res = await fetch(
      `${base}/trpc/regions.get,index.timeseries?batch=1&input=${input({ 0: { code: '35.05' }, 1: { code: '35.05' } })}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Array<{ result: { data: unknown } }>;
    expect(body).toHaveLength(2);
    const paths = Array.from({ length: 5 }, () => 'framework.get').join(',');
    const big = await fetch(`${base}/trpc/${paths}?batch=1&input=${input({})}`);
    expect(big.status).toBe(400);
  });

  it('maps errors to 400 naming the field, 404 naming the code, 413 for an oversized input', async () => {
    const bad = await fetch(`${base}/trpc/divide.summary?input=${input({ year: 'last' })}`);
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as {
      error: { message: string; data: { fieldErrors: Record<string, string[]> } };
    };
    expect(badBody.error.message).toMatch(/^year: /);
    expect(Object.keys(badBody.error.data.fieldErrors)).toEqual(['year']);

    const unknown = await fetch(`${base}/trpc/regions.get?input=${input({ code: '35.99' })}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      'unknown region code: 35.99',
    );

    const malformed = await fetch(
      `${base}/trpc/divide.summary?input=${encodeURIComponent('{year:')}`,
    );
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toBe(
      'input is not valid JSON',
    );

    const huge = await fetch(
      `${base}/trpc/regions.search?input=${input({ q: 'x'.repeat(20_000) })}`,
    );
    expect(huge.status).toBe(413);
    const post = await fetch(`${base}/trpc/regions.search`, {
      method: 'POST',
      body: JSON.stringify({ q: 'y'.repeat(100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status).toBe(413);
    const malformedPost = await fetch(`${base}/trpc/regions.search`, {
      method: 'POST',
      body: '{q:',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformedPost.status).toBe(400);
    expect(JSON.stringify(await malformedPost.json())).not.toMatch(/\n\s+at |SyntaxError/);
  });

  it('never sends a stack trace or SQL to the client, even for an internal error', async () => {
    await sql`alter table regions rename to regions_gone`.execute(t.db);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await fetch(`${base}/trpc/regions.get?input=${input({ code: '35.01' })}`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toContain('"message":"internal error"');
      expect(text).not.toMatch(/select|regions_gone|Catalog Error|\bat \w+ \(/i);
      // The cause goes to the server's log instead.
      expect(String(log.mock.calls[0]?.[1])).toContain('Catalog Error');
    } finally {
      log.mockRestore();
      await sql`alter table regions_gone rename to regions`.execute(t.db);
    }
    for (const path of ['/trpc/nope.nothing', '/elsewhere']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a context per request (a server following a data directory)', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  let server: Server;
  let base: string;
  /** The version the next request gets, and how many requests hold one now. */
  let version = 1;
  let held = 0;
  let handedOut = 0;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true });
    server = createApiServer(() => {
      held++;
      handedOut++;
      let released = false;
      return {
        ctx: { ...t.ctx, version },
        release: () => {
          expect(released, 'released twice').toBe(false);
          released = true;
          held--;
        },
      };
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.cleanup();
  });
  /** Bounded: the release follows the answer's `close` event on the server. */
  async function allReleased(): Promise<void> {
    for (let i = 0; i < 100 && held > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(held).toBe(0);
  }

  it('takes one context for each request that reads the database and gives it back once answered', async () => {
    const paths = [
      ['/trpc/regions.get?input=' + input({ code: '35.05' }), 1],
      ['/trpc/regions.get,health?batch=1&input=' + input({ 0: { code: '35.05' } }), 1],
      ['/trpc/regions.get?input=' + input({ code: '35.99' }), 1],
      ['/export/xlsx', 1],
      ['/health', 0],
      ['/', 0],
      ['/nowhere', 0],
    ] as const;
    for (const [path, takes] of paths) {
      const before = handedOut;
      await (await fetch(`${base}${path}`)).text();
      expect(handedOut - before, path).toBe(takes);
    }
    await allReleased();
  });

  it('answers a request that says Cache-Control: no-cache afresh, and keeps nothing of it', async () => {
    const cache = t.ctx.cache;
    expect(cache).not.toBeNull();
    const url = `${base}/trpc/divide.summary?input=${input({ code: '35.05', year: 2023 })}`;
    const before = cache?.size ?? 0;
    for (const header of ['no-cache', 'max-age=0, no-store']) {
      const response = await fetch(url, { headers: { 'cache-control': header } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { result: { data: { code: string } } };
      expect(body.result.data.code).toBe('35.05');
      expect(cache?.size, header).toBe(before);
    }
    await (await fetch(url)).text();
    expect(cache?.size).toBe(before + 1);
    await allReleased();
  });

  it('names the version in a header and in the ETag, so a new version is fetched again', async () => {
    const url = `${base}/trpc/regions.get?input=${input({ code: '35.05' })}`;
    version = 1;
    const first = await fetch(url);
    expect(first.headers.get('pandu-version')).toBe('1');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"1-.+"$/);
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    version = 2;
    const second = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(200);
    expect(second.headers.get('pandu-version')).toBe('2');
    expect(second.headers.get('etag')).toMatch(/^"2-.+"$/);
    // The same data (this test's versions share one file): the same body under either tag.
    expect(await second.text()).toBe(await first.text());
    await allReleased();
  });
});
