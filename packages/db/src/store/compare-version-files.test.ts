import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { compareVersionFiles } from './compare-version-files.js';

// Two small version files written by hand, so every count is known: A's 2024 value changes, B's
// 2023 value goes, C gains a 2024 value and D keeps its value (not a change).

type Row = [village: string, year: number, indicator: string, value: number];

const OLDER: Row[] = [
  ['35.05.04.2014', 2024, 'digital_skills', 3.0],
  ['35.05.04.2014', 2024, 'digital_ethics', 3.0],
  ['35.05.04.2015', 2023, 'digital_skills', 2.0],
  ['35.05.04.2017', 2024, 'digital_skills', 4.0],
];
const NEWER: Row[] = [
  ['35.05.04.2014', 2024, 'digital_skills', 3.5],
  ['35.05.04.2014', 2024, 'digital_ethics', 3.0],
  ['35.05.04.2016', 2024, 'digital_safety', 2.5],
  ['35.05.04.2017', 2024, 'digital_skills', 4.0],
];

let dir: string;
let older: string;
let newer: string;

async function versionFile(path: string, rows: Row[]): Promise<void> {
  const db = await openDatabase(path, { poolSize: 1 });
  try {
    await db
      .insertInto('regions')
      .values({
        code: '35.05.04.2014',
        name: 'Plosorejo',
        level: 'village',
        parent_code: '35.05.04',
        province_code: '35',
        regency_code: '35.05',
        district_code: '35.05.04',
        kind: 'desa',
        search_name: 'plosorejo',
      })
      .execute();
    await db
      .insertInto('observations')
      .values(
        rows.map(([village_code, year, indicator, value]) => ({
          village_code,
          year,
          indicator,
          value,
          source: 'imported' as const,
          batch_id: 1,
        })),
      )
      .execute();
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pandu-compare-'));
  older = join(dir, 'v1.duckdb');
  newer = join(dir, 'v2.duckdb');
  await versionFile(older, OLDER);
  await versionFile(newer, NEWER);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('compareVersionFiles', () => {
  it('counts values replaced, added and removed, by year and by village', async () => {
    const changes = await compareVersionFiles(older, newer);
    expect(changes).toEqual({
      replaced: 1,
      added: 1,
      removed: 1,
      villages: 3,
      years: [
        { year: 2023, villages: 1, values: 1 },
        { year: 2024, villages: 2, values: 2 },
      ],
      sample: [
        { code: '35.05.04.2014', name: 'Plosorejo', years: [2024], values: 1 },
        { code: '35.05.04.2015', name: null, years: [2023], values: 1 },
        { code: '35.05.04.2016', name: null, years: [2024], values: 1 },
      ],
    });
  });

  it('the same file twice changes nothing; the first version adds everything', async () => {
    expect(await compareVersionFiles(newer, newer)).toMatchObject({
      replaced: 0,
      added: 0,
      removed: 0,
      villages: 0,
      years: [],
      sample: [],
    });
    expect(await compareVersionFiles(null, older)).toMatchObject({ added: 4, villages: 3 });
  });

  it('lists at most `limit` villages', async () => {
    const { sample, villages } = await compareVersionFiles(older, newer, { limit: 1 });
    expect(villages).toBe(3);
    expect(sample.map((v) => v.code)).toEqual(['35.05.04.2014']);
  });
});
