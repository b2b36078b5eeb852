import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ancestorCodes } from '@pandu/domain';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { regionScope } from '../sql/index.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { getRegion, regionAncestors, regionRefs } from './get-region.js';
import { regionChildren } from './region-children.js';
import { prepareRegionMemory, regionMemory } from './region-memory.js';
import { regionsTestDatabase } from './regions-test-database.js';
import { readProfileBasics } from './village-profile.js';

// A read-only database answers the region queries from memory (region-memory.ts); a writable one
// with SQL. For a sample of regions at every level, unknown codes and malformed ones, the two
// answers of a file and its read-only copy are equal exactly: same values, same order, same error
// class and message.

/** The answer, or the error's class, name and message (thrown at once or rejected). */
async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    return {
      error: `${(e as Error).constructor.name} ${(e as Error).name}: ${(e as Error).message}`,
    };
  }
}

/** Every region query of one code, by name. */
function regionReads(db: Kysely<Database>, code: string) {
  const refs = () => [...ancestorCodes(code), code, '99.99', code];
  return {
    getRegion: () => getRegion(db, { code }),
    children: () => regionChildren(db, { code }),
    ancestors: () => regionAncestors(db, code),
    refs: () => regionRefs(db, refs()),
    exists: () => assertRegionExists(db, regionScope(code)).then(() => 'exists'),
    profileBasics: () => readProfileBasics(db, code),
  };
}

async function answers(db: Kysely<Database>, codes: readonly string[]) {
  const out: Record<string, unknown> = { nation: await settle(() => regionChildren(db)) };
  for (const code of codes) {
    for (const [name, read] of Object.entries(regionReads(db, code))) {
      out[`${name} ${JSON.stringify(code)}`] = await settle(read);
    }
  }
  return out;
}

const UNKNOWN = ['99', '35.99', '35.05.99', '35.05.04.9999', ' 35.05 '];
const MALFORMED = ['35.5', 'abc', '', '35.05.04.20140', '35..05'];

/** A sample of the codes of every level: the first, the last and every `step`th. */
async function sample(db: Kysely<Database>, steps: Record<string, number>): Promise<string[]> {
  const codes: string[] = [];
  for (const [level, step] of Object.entries(steps)) {
    const rows = await sql<{ code: string }>`
      select code from (
        select code, row_number() over (order by code) as i, count(*) over () as n
        from regions where level = ${level})
      where i = 1 or i = n or i % ${step} = 0 order by code`.execute(db);
    codes.push(...rows.rows.map((r) => r.code));
  }
  return codes;
}

/** A copy of the file `path` of `db` in `dir`, opened read-only. */
async function readOnlyCopy(db: Kysely<Database>, path: string, dir: string, name: string) {
  await sql`checkpoint`.execute(db);
  const copy = join(dir, name);
  await copyFile(path, copy);
  return openDatabase(copy, { readOnly: true });
}

describe('region memory (one province, seeded)', () => {
  let t: SeededTestDatabase;
  let ro: Kysely<Database>;
  beforeAll(async () => {
    t = await seededTestDatabase(['35'], { writable: true });
    ro = await readOnlyCopy(t.db, t.path, t.dir, 'read-only.duckdb');
  });
  afterAll(async () => {
    await ro?.destroy();
    await t?.cleanup();
  });

  it('is kept for a read-only database and never made for a writable one', async () => {
    expect(await regionMemory(t.db)).toBeNull();
    await prepareRegionMemory(t.db);
    await prepareRegionMemory(ro);
    const memory = await regionMemory(ro);
    expect(memory).not.toBeNull();
    expect(await regionMemory(ro)).toBe(memory);
  });

  it('answers as SQL does at every level, for unknown and malformed codes', async () => {
    const codes = [
      ...(await sample(t.db, { province: 1, regency: 5, district: 60, village: 700 })),
      // Blitar's, Kademangan's and Plosorejo's (the seeded event's village).
      '35.05',
      '35.05.04',
      '35.05.04.2014',
      ...UNKNOWN,
      ...MALFORMED,
    ];
    expect(codes.length).toBeGreaterThan(40);
    const memory = await answers(ro, codes);
    const bySql = await answers(t.db, codes);
    expect(memory).toStrictEqual(bySql);
    // The sample reaches every level, and the errors are the domain's and the package's.
    const text = JSON.stringify(bySql);
    for (const level of ['province', 'regency', 'district', 'village']) {
      expect(text).toContain(`"level":"${level}"`);
    }
    expect(bySql['getRegion "35.99"']).toEqual({
      error: 'UnknownRegionError UnknownRegionError: unknown region code: 35.99',
    });
    expect(bySql['getRegion "35.5"']).toMatchObject({ error: /^InvalidRegionCodeError/ });
    expect(bySql['children "35.05.04.2014"']).toEqual([]);
    // A village's profile row and ancestors (the seeded file has the framework and events too).
    expect(bySql['profileBasics "35.05.04.2014"']).toMatchObject({
      village: { code: '35.05.04.2014', district: '35.05.04', regency: '35.05' },
      ancestors: [{ code: '35' }, { code: '35.05' }, { code: '35.05.04' }],
    });
  });

  it('asks DuckDB nothing once read, and hands out fresh answers', async () => {
    await prepareRegionMemory(ro);
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      const first = await regionChildren(ro, { code: '35.05' });
      first[0]?.ancestors.push({ code: 'x', name: 'x', level: 'province' });
      if (first[0]) first[0].name = 'changed';
      const again = await regionChildren(ro, { code: '35.05' });
      expect(again[0]?.name).not.toBe('changed');
      expect(again[0]?.ancestors).toHaveLength(2);
      // Siblings do not share an ancestors array.
      expect(again[0]?.ancestors).not.toBe(again[1]?.ancestors);
      const region = await getRegion(ro, { code: '35.05' });
      region.ancestors.length = 0;
      expect((await getRegion(ro, { code: '35.05' })).ancestors).toHaveLength(1);
      await assertRegionExists(ro, regionScope('35.05.04'));
      await regionAncestors(ro, '35.05.04.2014');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('is not made for a table whose parent codes are not its codes` prefixes: SQL answers', async () => {
    const w = await seededTestDatabase(['35'], { writable: true });
    try {
      await sql`update regions set parent_code = '35.01' where code = '35.05.04'`.execute(w.db);
      const odd = await readOnlyCopy(w.db, w.path, w.dir, 'odd.duckdb');
      try {
        expect(await regionMemory(odd)).toBeNull();
        expect((await getRegion(odd, { code: '35.05.04' })).parentCode).toBe('35.01');
      } finally {
        await odd.destroy();
      }
    } finally {
      await w.cleanup();
    }
  });
});

describe('region memory (the nation, regions only)', () => {
  let dir: string;
  let rw: Kysely<Database>;
  let ro: Kysely<Database>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-region-memory-'));
    const path = join(dir, 'regions.duckdb');
    rw = await regionsTestDatabase(path);
    ro = await readOnlyCopy(rw, path, dir, 'read-only.duckdb');
  });
  afterAll(async () => {
    await ro?.destroy();
    await rw?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers as SQL does for a sample of all 91,599 regions at every level', async () => {
    const codes = [
      ...(await sample(rw, { province: 1, regency: 20, district: 300, village: 4000 })),
      ...UNKNOWN,
      ...MALFORMED,
    ];
    const memory = await answers(ro, codes);
    expect(await regionMemory(ro)).not.toBeNull();
    const bySql = await answers(rw, codes);
    expect(memory).toStrictEqual(bySql);
    expect((bySql.nation as unknown[]).length).toBe(38);
  });
});
