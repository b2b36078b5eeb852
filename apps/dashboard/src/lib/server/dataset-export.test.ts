import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportQuery, exportYears, proxyDatasetExport } from './dataset-export.js';

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];

describe('exportYears', () => {
  it.each([
    ['', { from: null, to: null }],
    ['from=2022&to=2024', { from: 2022, to: 2024 }],
    ['from=2024&to=2022', { from: 2022, to: 2024 }],
    ['from=2019&to=2023', { from: null, to: 2023 }],
    ['from=abc&to=', { from: null, to: null }],
    ['to=2021', { from: null, to: 2021 }],
  ])('%s -> %j', (query, years) => {
    expect(exportYears(new URLSearchParams(query), YEARS)).toEqual(years);
  });
});

describe('exportQuery', () => {
  it.each([
    [{ region: null, from: null, to: null }, ''],
    [{ region: '35.05', from: null, to: null }, '?region=35.05'],
    [{ region: '35', from: 2022, to: 2024 }, '?region=35&from=2022&to=2024'],
  ])('%j -> %s', (scope, query) => {
    expect(exportQuery(scope)).toBe(query);
  });
});

describe('proxyDatasetExport', () => {
  // A stand-in for the API's /export route: the real one is tested in apps/server and end to end.
  const asked: string[] = [];
  const ZIP = Buffer.from('PK\x03\x04 not really a zip, but bytes to pass on unchanged');
  let server: Server;
  let apiUrl: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url?.includes('region=35.99')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'unknown region code: 35.99' } }));
        return;
      }
      if (req.url?.includes('busy')) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '15' });
        res.end('busy');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-disposition': 'attachment; filename="pandu-35.05-parquet.zip"',
        'x-internal': 'not for the browser',
      });
      // In two pieces, as a stream.
      res.write(ZIP.subarray(0, 4));
      res.end(ZIP.subarray(4));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("passes the API's zip on with its filename and type, and nothing else of its headers", async () => {
    const res = await proxyDatasetExport(apiUrl, 'parquet', {
      region: '35.05',
      from: 2022,
      to: null,
    });
    expect(asked.at(-1)).toBe('/export/parquet?region=35.05&from=2022');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="pandu-35.05-parquet.zip"',
    );
    expect(res.headers.get('x-internal')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(ZIP);
  });

  it.each([
    [{ region: '35.99', from: null, to: null }, 404, 'unknown region code: 35.99'],
    [{ region: 'busy', from: null, to: null }, 503, 'the Pandu API answered 503'],
  ])(
    "turns the API's refusal %j into an error page %i with its message",
    async (scope, status, message) => {
      const failure = await proxyDatasetExport(apiUrl, 'csv', scope).catch((e: unknown) => e);
      expect(isHttpError(failure) && failure.status).toBe(status);
      expect(isHttpError(failure) && failure.body.message).toBe(message);
    },
  );

  it('answers 502 when the API is not there', async () => {
    const failure = await proxyDatasetExport('http://127.0.0.1:1', 'csv', {
      region: null,
      from: null,
      to: null,
    }).catch((e: unknown) => e);
    expect(isHttpError(failure) && failure.status).toBe(502);
  });
});
