import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '@pandu/api';
import { emptyApiTestContext } from '@pandu/api/testing';
import { AuthStore, DataStore, openDatabase, versionFilePath } from '@pandu/db';
import { seededTestDatabase } from '@pandu/db/testing';
import { createApiServer, DEFAULT_LIMITS } from './http-server.js';
import { createImportUploads, uploadFileName, type UploadRejected } from './import-upload.js';

// Uploads over real HTTP (issue 10): the API in this process on 127.0.0.1, a data directory whose
// version 1 is the seeded Jawa Timur file, users of every role.

const PASSWORD = 'correct horse battery';
const LIMIT = 256 * 1024;
const HEADER = 'village_code,year,indicator,value';

interface ErrorBody {
  error: { message: string; data: { code: string } };
}

describe('POST /import/* and GET /import/rejects/*', () => {
  let t: Awaited<ReturnType<typeof emptyApiTestContext>>;
  let dir: string;
  let store: DataStore;
  let server: Server;
  let base: string;
  let village: string;
  let stored: number;
  const sessions: Record<string, string> = {};
  let apiToken: string;
  const logged: string[] = [];

  beforeAll(async () => {
    const seeded = await seededTestDatabase(['35'], { writable: true });
    const row = await seeded.db
      .selectFrom('observations')
      .select(['village_code', 'value'])
      .where('indicator', '=', 'digital_skills')
      .where('year', '=', 2024)
      .orderBy('village_code')
      .executeTakeFirstOrThrow();
    village = row.village_code;
    stored = row.value;
    await seeded.db.destroy();
    dir = await mkdtemp(join(tmpdir(), 'pandu-upload-'));
    await copyFile(seeded.path, join(dir, 'pandu.duckdb'));
    await seeded.cleanup().catch(() => undefined);
    store = await DataStore.open(dir, { onMessage: () => undefined });
    const auth = await AuthStore.open(dir);
    for (const [name, role] of [
      ['vera', 'viewer'],
      ['ana', 'analyst'],
      ['anto', 'analyst'],
      ['root', 'admin'],
    ] as const) {
      await auth.addUser(name, role, PASSWORD);
      sessions[name] = (await auth.createSession(name)).token;
    }
    apiToken = (await auth.createToken('ana', 'nightly')).token;
    t = await emptyApiTestContext();
    const ctx: Context = { ...t.ctx, store };
    const imports = createImportUploads({ store, limitBytes: LIMIT, log: (l) => logged.push(l) });
    server = createApiServer(ctx, DEFAULT_LIMITS, undefined, { imports, auth });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const as = (name: string) => ({ authorization: `Bearer ${sessions[name] ?? ''}` });
  const upload = (
    body: string | Uint8Array | ReadableStream<Uint8Array>,
    query: string,
    headers: Record<string, string> = {},
    kind = 'observations',
  ) =>
    fetch(`${base}/import/${kind}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  const currentVersion = async () => (await store.current())?.version;
  /** What an upload may leave in staging: rejection reports only, never an upload or a copy. */
  const leftovers = async () =>
    (await readdir(join(dir, 'staging'))).filter((n) => !n.startsWith('rejects-'));
  const valueIn = async (version: number) => {
    const db = await openDatabase(versionFilePath(dir, version), { readOnly: true, poolSize: 1 });
    try {
      const row = await db
        .selectFrom('observations')
        .select('value')
        .where('village_code', '=', village)
        .where('year', '=', 2024)
        .where('indicator', '=', 'digital_skills')
        .executeTakeFirstOrThrow();
      return row.value;
    } finally {
      await db.destroy();
    }
  };
  const newValue = () => (stored === 4.5 ? 4.25 : 4.5);
  const goodCsv = () => `${HEADER}\n${village},2024,digital_skills,${newValue()}\n`;

  it('refuses without credentials (401) and a viewer (403), in JSON, publishing nothing', async () => {
    const before = await currentVersion();
    const anonymous = await upload(goodCsv(), 'replace=1');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as ErrorBody).error.data.code).toBe('UNAUTHORIZED');
    const viewer = await upload(goodCsv(), 'replace=1', as('vera'));
    expect(viewer.status).toBe(403);
    const body = (await viewer.json()) as ErrorBody;
    expect(body.error.message).toMatch(/needs the role analyst/);
    expect(await currentVersion()).toBe(before);
  });

  it('a dry run validates fully and publishes nothing, leaving no file behind', async () => {
    const before = await currentVersion();
    const versionsBefore = await readdir(join(dir, 'versions'));
    const res = await upload(goodCsv(), 'replace=1&dryRun=1&name=fix.csv', as('ana'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      dryRun: true,
      accepted: 1,
      replaced: 1,
      version: null,
      record: null,
    });
    expect(await currentVersion()).toBe(before);
    expect(await readdir(join(dir, 'versions'))).toEqual(versionsBefore);
    expect(await leftovers()).toEqual([]);
    // A dry run of a key already stored without replace is rejected as the real import would be.
    const clash = await upload(goodCsv(), 'dryRun=1&name=fix.csv', as('ana'));
    expect(clash.status).toBe(422);
  });

  it('an analyst publishes a new version, audited with the user and the file name', async () => {
    const before = (await currentVersion()) ?? 0;
    const res = await upload(goodCsv(), 'replace=1&name=C%3A%5Cdata%5Cfix.csv', as('ana'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      ok: boolean;
      version: number;
      accepted: number;
      replaced: number;
      record: { actor: unknown; fileName: string; rowsReplaced: number; fileSha256: string };
    };
    expect(body).toMatchObject({ ok: true, dryRun: false, accepted: 1, replaced: 1 });
    expect(body.version).toBe(before + 1);
    expect(body.record).toMatchObject({
      actor: { kind: 'user', name: 'ana' },
      fileName: 'fix.csv',
      rowsReplaced: 1,
    });
    expect(body.record.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await currentVersion()).toBe(body.version);
    expect(await valueIn(body.version)).toBe(newValue());
    const history = await store.history();
    expect(history.at(-1)).toMatchObject({ version: body.version, action: 'import-observations' });
    expect(await leftovers()).toEqual([]);
  });

  it('an API token is the actor when it uploads; Parquet is told from CSV by its content', async () => {
    const parquet = join(dir, 'values.parquet');
    const db = await openDatabase(':memory:', { poolSize: 1 });
    try {
      await db.connection().execute(async (conn) => {
        const { sql } = await import('kysely');
        await sql
          .raw(
            `copy (select '${village}' as village_code, 2024 as year, 'digital_ethics' as indicator, 3.5 as value) to '${parquet}' (format parquet)`,
          )
          .execute(conn);
      });
    } finally {
      await db.destroy();
    }
    const { readFile } = await import('node:fs/promises');
    const res = await upload(new Uint8Array(await readFile(parquet)), 'replace=1&name=v.parquet', {
      authorization: `Bearer ${apiToken}`,
      'content-type': 'application/octet-stream',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { record: { actor: unknown } };
    expect(body.record.actor).toEqual({ kind: 'token', name: 'ana (token nightly)' });
  });

  it('a bad row is 422 naming row, column and value; the full CSV is for the same user only', async () => {
    const before = await currentVersion();
    const csv = `${HEADER}\n${village},2024,digital_skills,4.1\n${village},2024,digital_ethics,abc\n`;
    const res = await upload(csv, 'replace=1&name=bad.csv', as('ana'));
    expect(res.status).toBe(422);
    const body = (await res.json()) as UploadRejected;
    expect(body).toMatchObject({ ok: false, rejectionCount: 1, fileName: 'bad.csv' });
    expect(body.rejections[0]).toMatchObject({ row: 3, column: 'value', value: 'abc' });
    expect(body.rejectsUrl).toMatch(/^\/import\/rejects\/[0-9a-f]{32}\.csv$/);
    expect(await currentVersion()).toBe(before);
    expect(await leftovers()).toEqual([]);

    const mine = await fetch(`${base}${body.rejectsUrl}`, { headers: as('ana') });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await mine.text();
    expect(text.split('\r\n')[0]).toBe('row,column,value,reason');
    expect(text).toContain('3,value,abc,');
    // Another analyst, nobody, a made-up id: never the report.
    expect((await fetch(`${base}${body.rejectsUrl}`, { headers: as('anto') })).status).toBe(404);
    expect((await fetch(`${base}${body.rejectsUrl}`)).status).toBe(401);
    const guessed = `${base}/import/rejects/${'0'.repeat(32)}.csv`;
    expect((await fetch(guessed, { headers: as('ana') })).status).toBe(404);
    expect(
      (await fetch(`${base}/import/rejects/../../auth.json`, { headers: as('ana') })).status,
    ).toBe(404);
  });

  it('more than the limit is 413, by Content-Length at once or while streaming, nothing left', async () => {
    const big = `${HEADER}\n${`${village},2024,digital_skills,4.1\n`.repeat(LIMIT / 20)}`;
    const declared = await upload(big, 'name=big.csv', as('ana'));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorBody).error.message).toMatch(/larger than this server/);
    // No Content-Length: the body is counted as it comes.
    const chunk = new TextEncoder().encode(`${village},2024,digital_skills,4.1\n`.repeat(1000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIMIT * 4) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await upload(stream, 'name=stream.csv', as('ana'));
    expect(streamed.status).toBe(413);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a cross-origin POST (403) and a form body (415)', async () => {
    const before = await currentVersion();
    const foreign = await upload(goodCsv(), 'replace=1', {
      ...as('ana'),
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    const crossSite = await upload(goodCsv(), 'replace=1', {
      ...as('ana'),
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const form = await upload('a=b', 'replace=1', {
      ...as('ana'),
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(await currentVersion()).toBe(before);
  });

  it('a write holding the lock is 409 with a clear message; a bad flag is 400; no stack trace', async () => {
    await writeFile(
      join(dir, 'write.lock'),
      JSON.stringify({
        pid: process.ppid,
        startedAt: '2026-12-05T00:00:00.000Z',
        host: hostname(),
      }),
    );
    try {
      const res = await upload(goodCsv(), 'replace=1', as('ana'));
      expect(res.status).toBe(409);
      const text = await res.text();
      expect((JSON.parse(text) as ErrorBody).error.message).toMatch(/another write is running/);
      expect(text).not.toContain(dir);
      expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
    } finally {
      await rm(join(dir, 'write.lock'), { force: true });
    }
    expect(await leftovers()).toEqual([]);
    const bad = await upload(goodCsv(), 'replace=maybe', as('ana'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.message).toMatch(/replace/);
    expect((await fetch(`${base}/import/observations`, { headers: as('ana') })).status).toBe(405);
    expect((await upload(goodCsv(), '', as('ana'), 'volunteers')).status).toBe(404);
  });

  it('mentoring files go through the mentoring import', async () => {
    const res = await upload(
      'event_id,start_date\nx,2024-01-01\n',
      'name=m.csv',
      as('ana'),
      'mentoring',
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as UploadRejected;
    expect(body.kind).toBe('mentoring');
    expect(body.rejections.some((r) => /end_date/.test(`${r.column} ${r.reason}`))).toBe(true);
  });
});

describe('uploadFileName', () => {
  it.each([
    [undefined, 'upload'],
    ['survey.csv', 'survey.csv'],
    ['C:\\Users\\ana\\survey.csv', 'survey.csv'],
    ['../../etc/passwd', 'passwd'],
    ['..', 'upload'],
    ['a\u0000b\nc.csv', 'abc.csv'],
  ])('%j -> %j', (name, expected) => {
    expect(uploadFileName(name)).toBe(expected);
  });
});
