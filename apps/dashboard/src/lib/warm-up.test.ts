import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUncachedApi, uncachedApiClient, createApiClient } from '$lib/server/api.js';
import { datasetInfo } from '$lib/server/dataset-info.js';
import { readPolicy } from '$lib/server/read-policy.js';
import { WARM_UP_HEADER, warmUp, warmUpPaths } from './warm-up.js';

// The warm-up before the dashboard listens (scripts/start.js): which pages it renders, that every
// request of it says so, and that its API calls ask no cache and fill none of the dashboard's.
// One loopback server plays both sides: a tRPC `regions.children` (a province, a regency, a
// district, a village) and `health`/`auth.policy`, and any page path.

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

const CHILDREN: Record<string, { code: string; name: string }> = {
  '': { code: '11', name: 'Aceh' },
  '11': { code: '11.01', name: 'Kabupaten Aceh Selatan' },
  '11.01': { code: '11.01.01', name: 'Bakongan' },
  '11.01.01': { code: '11.01.01.2001', name: 'Keude Bakongan' },
};

describe('the warm-up before the dashboard listens', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ path: `${url.pathname}${url.search}`, headers: req.headers });
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/trpc/regions.children') {
        const input = JSON.parse(url.searchParams.get('input') ?? '{}') as { code?: string };
        const child = CHILDREN[input.code ?? ''];
        res.end(JSON.stringify({ result: { data: child ? [child] : [] } }));
      } else if (url.pathname === '/trpc/health') {
        res.end(JSON.stringify({ result: { data: { status: 'ok' } } }));
      } else if (url.pathname === '/trpc/auth.policy') {
        res.end(JSON.stringify({ result: { data: { publicRead: true, logins: false } } }));
      } else {
        res.statusCode = url.pathname === '/gagal' ? 500 : 200;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders every kind of page, at each level, for the first region the API lists', async () => {
    seen.length = 0;
    const paths = await warmUpPaths(base);
    expect(paths).toEqual([
      '/',
      '/kesenjangan',
      '/pendampingan',
      '/data',
      '/banding',
      '/wilayah/11',
      '/wilayah/11.01',
      '/wilayah/11.01.01',
      '/kesenjangan?region=11.01',
      '/pendampingan?region=11.01',
      '/desa/11.01.01.2001',
      '/cari?q=Keude%20Bakongan',
    ]);
    // The regions were asked without the API's cache.
    expect(seen.map((s) => s.headers['cache-control'])).toEqual(Array(4).fill('no-cache'));
  });

  it('keeps the pages that need no region when the API cannot be asked', async () => {
    expect(await warmUpPaths('http://127.0.0.1:9')).toEqual([
      '/',
      '/kesenjangan',
      '/pendampingan',
      '/data',
      '/banding',
    ]);
  });

  it('asks each page once with the warm-up header and counts those that answered 200', async () => {
    seen.length = 0;
    expect(await warmUp(base, ['/', '/gagal', '/wilayah/11'])).toBe(2);
    expect(seen.map((s) => s.path)).toEqual(['/', '/gagal', '/wilayah/11']);
    expect(seen.every((s) => s.headers[WARM_UP_HEADER] === '1')).toBe(true);
  });

  it("gives the warm-up's requests a client that asks no cache and whose answers are not kept", async () => {
    const warm = uncachedApiClient(base);
    const plain = createApiClient(base);
    expect(isUncachedApi(warm)).toBe(true);
    expect(isUncachedApi(plain)).toBe(false);
    seen.length = 0;
    // The warm-up's calls reach the API each time, with no-cache, and leave nothing kept...
    await datasetInfo(warm, 1_000);
    await datasetInfo(warm, 1_000);
    await readPolicy(warm, 1_000);
    await readPolicy(warm, 1_000);
    expect(seen.map((s) => s.headers['cache-control'])).toEqual(Array(4).fill('no-cache'));
    // ...so a visitor's first call right after is the API's, not the warm-up's answer.
    seen.length = 0;
    await datasetInfo(plain, 1_000);
    await datasetInfo(plain, 1_001);
    await readPolicy(plain, 1_000);
    await readPolicy(plain, 1_001);
    expect(seen.map((s) => s.path.split('?')[0])).toEqual(['/trpc/health', '/trpc/auth.policy']);
    expect(seen.every((s) => s.headers['cache-control'] === undefined)).toBe(true);
  });
});
