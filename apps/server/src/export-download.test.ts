import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportDataset, type ExportOptions } from '@pandu/db';
import { createExportDownloads, type ExportDownloadOptions } from './export-download.js';
import { createApiServer, DEFAULT_LIMITS } from './http-server.js';
import { apiTestContext } from '@pandu/api/testing';

/** One entry of a zip as its central directory describes it. */
interface ZipEntry {
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * Read a zip through its central directory (written here from the format's spec, APPNOTE 4.3.12
 * and 4.3.16, not with the library that wrote it) and check every entry's CRC-32 against its
 * data as fflate inflates it.
 */
function readZip(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength - 22; // no archive comment
  expect(view.getUint32(end, true), 'end of central directory').toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const data = unzipSync(bytes);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true), 'central directory header').toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const entry: ZipEntry = {
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      size: view.getUint32(at + 24, true),
      data: data[name] ?? new Uint8Array(0),
    };
    expect(entry.data.byteLength, name).toBe(entry.size);
    expect(crc32(entry.data), `${name} CRC-32`).toBe(entry.crc);
    entries.set(name, entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Write the entries under `dir` (without the zip's root folder), for DuckDB to read back. */
async function extract(entries: Map<string, ZipEntry>, root: string, dir: string): Promise<void> {
  for (const [name, entry] of entries) {
    expect(name.startsWith(`${root}/`), name).toBe(true);
    const path = join(dir, name.slice(root.length + 1));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, entry.data);
  }
}

interface ErrorBody {
  error: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } };
}

describe('GET /export/{format}: the dataset of a scope as one zip', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  /** Each server's exports make their temporary directories here, so the tests can see them. */
  let tmpRoot: string;
  let scratch: string;
  const servers: Server[] = [];

  /** An API server on a free port of 127.0.0.1 with these export options; its base URL. */
  async function serve(options: Omit<ExportDownloadOptions, 'tmpRoot'> = {}): Promise<string> {
    const downloads = createExportDownloads({ tmpRoot, log: () => {}, ...options });
    const server = createApiServer(t.ctx, DEFAULT_LIMITS, downloads);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function count(query: string): Promise<number> {
    const result = await sql.raw<{ n: number }>(query).execute(t.db);
    return Number(result.rows[0]?.n);
  }

  const leftovers = () => readdir(tmpRoot);

  let base: string;
  beforeAll(async () => {
    t = await apiTestContext();
    tmpRoot = await mkdtemp(join(tmpdir(), 'pandu-export-test-tmp-'));
    scratch = await mkdtemp(join(tmpdir(), 'pandu-export-test-'));
    base = await serve();
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await t?.cleanup();
    await rm(tmpRoot, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  const BLITAR = "select count(*) as n from observations where village_code like '35.05.%'";

  it.each([
    ['parquet', `read_parquet('{dir}/observations/*/*/*.parquet', hive_partitioning = false)`],
    ['csv', `read_csv('{dir}/observations.csv')`],
    ['duckdb', '{alias}.observations'],
  ] as const)(
    '%s: a valid zip of the export with the dictionary and licence, observations of 35.05 only',
    async (format, observations) => {
      const res = await fetch(`${base}/export/${format}?region=35.05`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      const name = `pandu-35.05-${format}`;
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.zip"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const entries = readZip(new Uint8Array(await res.arrayBuffer()));
      const names = [...entries.keys()];
      // The dictionary, methods and licence first, where a reader opening the archive looks.
      expect(names.slice(0, 4)).toEqual([
        `${name}/DATA_DICTIONARY.md`,
        `${name}/METHODS.md`,
        `${name}/LICENSE-DATA.md`,
        `${name}/data-dictionary.json`,
      ]);
      expect(new TextDecoder().decode(entries.get(`${name}/METHODS.md`)?.data)).toContain(
        '## Gini coefficient {#gini}',
      );
      const dictionary = new TextDecoder().decode(entries.get(`${name}/DATA_DICTIONARY.md`)?.data);
      expect(dictionary).toContain('- Scope: 35.05 Kabupaten Blitar (regency)');
      expect(new TextDecoder().decode(entries.get(`${name}/LICENSE-DATA.md`)?.data)).toContain(
        'ODbL',
      );
      // Already-compressed files are stored, text is deflated.
      for (const [entryName, entry] of entries) {
        expect(entry.method, entryName).toBe(/\.(parquet|duckdb)$/.test(entryName) ? 0 : 8);
      }

      const dir = join(scratch, format);
      await extract(entries, name, dir);
      const alias = `check_${format}`;
      if (format === 'duckdb') {
        expect(names).toContain(`${name}/pandu-export.duckdb`);
        await sql.raw(`attach '${dir}/pandu-export.duckdb' as ${alias} (read_only)`).execute(t.db);
      }
      try {
        const from = observations.replace('{dir}', dir).replace('{alias}', alias);
        expect(await count(`select count(*) as n from ${from}`)).toBe(await count(BLITAR));
        expect(
          await count(`select count(*) as n from ${from} where village_code not like '35.05.%'`),
        ).toBe(0);
      } finally {
        if (format === 'duckdb') await sql.raw(`detach ${alias}`).execute(t.db);
      }
      expect(await count(BLITAR)).toBeGreaterThan(1000);
      expect(await leftovers()).toEqual([]);
    },
  );

  it('names a national export and its years in the file, and keeps to the years', async () => {
    const res = await fetch(`${base}/export/csv?from=2022&to=2023`);
    expect(res.status).toBe(200);
    const name = 'pandu-nasional-2022-2023-csv';
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.zip"`);
    const entries = readZip(new Uint8Array(await res.arrayBuffer()));
    const dir = join(scratch, 'national-csv');
    await extract(entries, name, dir);
    const years = await sql
      .raw<{ year: number }>(
        `select distinct year from read_csv('${dir}/observations.csv') order by year`,
      )
      .execute(t.db);
    expect(years.rows.map((r) => r.year)).toEqual([2022, 2023]);
    expect(await leftovers()).toEqual([]);
  });

  it.each([
    ['/export/xlsx', 'format', /^format: must be parquet, csv or duckdb, got "xlsx"$/],
    ['/export/', 'format', /^format: /],
    ['/export/csv?region=35-05', 'region', /^region: .*35-05/],
    ['/export/csv?from=20x4', 'from', /^from: must be a year/],
    ['/export/csv?to=1999', 'to', /^to: /],
    ['/export/csv?from=2024&to=2021', 'from', /^from: must not be after to$/],
  ])('%s: 400 naming the field %s', async (path, field, message) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toMatch(message);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.data.fieldErrors ?? {})).toEqual([field]);
  });

  it('answers an unknown region 404, years without data 400, another method 405', async () => {
    const unknown = await fetch(`${base}/export/parquet?region=35.99`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.message).toBe('unknown region code: 35.99');
    // The db package refuses these (ExportOptionsError); errors.ts maps it.
    const empty = await fetch(`${base}/export/csv?from=2031`);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).error.message).toMatch(
      /^years 2031 to \.\.\. hold no observations/,
    );
    const post = await fetch(`${base}/export/csv`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await leftovers()).toEqual([]);
  });

  it('runs one export at a time: a second request meanwhile gets 503 with Retry-After', async () => {
    let entered = (): void => undefined;
    const started = new Promise<void>((resolve) => (entered = resolve));
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = await serve({
      retryAfterSeconds: 7,
      exportDataset: async (db, options) => {
        entered();
        await gate;
        return exportDataset(db, options);
      },
    });
    const first = fetch(`${held}/export/csv?region=35.05.04`);
    await started;
    const second = await fetch(`${held}/export/parquet?region=35.05`);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('7');
    expect(((await second.json()) as ErrorBody).error.data.code).toBe('SERVICE_UNAVAILABLE');
    // Bad input is still told so while an export runs.
    expect((await fetch(`${held}/export/zip`)).status).toBe(400);
    release();
    const done = await first;
    expect(done.status).toBe(200);
    expect(readZip(new Uint8Array(await done.arrayBuffer())).size).toBeGreaterThan(3);
    // The slot is free again.
    const third = await fetch(`${held}/export/csv?region=35.05.04`);
    expect(third.status).toBe(200);
    await third.arrayBuffer();
    expect(await leftovers()).toEqual([]);
  });

  it('removes the temporary directory when the client goes away during the download', async () => {
    const lines: string[] = [];
    // 48 MiB that does not compress: the server is still sending when the client leaves.
    const big = await serve({
      log: (line) => lines.push(line),
      exportDataset: async (db, options: ExportOptions) => {
        const result = await exportDataset(db, options);
        await writeFile(join(options.outDir, 'padding.parquet'), randomBytes(48 * 1024 * 1024));
        return result;
      },
    });
    const abort = new AbortController();
    const res = await fetch(`${big}/export/parquet?region=35.05.04`, { signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    expect((await reader?.read())?.done).toBe(false);
    abort.abort();
    await vi.waitFor(async () => expect(await leftovers()).toEqual([]), { timeout: 15_000 });
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/client went away during/), {
      timeout: 15_000,
    });
    // The slot is free again.
    const again = await fetch(`${base}/export/csv?region=35.05.04`);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  });

  it('answers a failed export with 500 "internal error", no stack, and removes what it wrote', async () => {
    const failing = await serve({
      exportDataset: async (_db, options) => {
        await mkdir(options.outDir, { recursive: true });
        await writeFile(join(options.outDir, 'observations.csv'), 'half a file');
        throw new Error('disk full at /var/secret/path');
      },
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await fetch(`${failing}/export/csv`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ error: { message: 'internal error' } });
      expect(text).not.toMatch(/disk full|secret|\n\s+at /);
      expect(String(log.mock.calls[0]?.[1])).toContain('disk full');
    } finally {
      log.mockRestore();
    }
    expect(await leftovers()).toEqual([]);
  });
});
