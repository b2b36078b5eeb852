import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { loadPublishedFigures } from './load-published-figures.js';
import { seedDefaultDataset } from './seed-default-dataset.js';

/** A folder of figure files: the given ones, and an empty file (header only) for the others. */
async function withFiles(
  files: Record<string, string>,
  test: (dir: URL) => void | Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pandu-figures-'));
  try {
    const header = 'source,region_code,year,measure,value,note\n';
    const all = { 'ild.csv': header, 'iptik.csv': header, 'imdi.csv': header, ...files };
    for (const [name, text] of Object.entries(all)) await writeFile(join(dir, name), text);
    await test(pathToFileURL(`${dir}/`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('loadPublishedFigures', () => {
  it('gives what the seed writes: the same figures in the same order', async () => {
    const db = await openDatabase(':memory:');
    try {
      await seedDefaultDataset(db, { provinces: ['34'] });
      const written = await sql`
        select dataset, region_code, year, measure, value, note, citation
        from published_figures order by rowid`.execute(db);
      expect(written.rows).toEqual(loadPublishedFigures());
    } finally {
      await db.destroy();
    }
  });

  it('holds the figures as published, each once, each with its citation', () => {
    const figures = loadPublishedFigures();
    expect(figures).toHaveLength(114);
    const find = (dataset: string, region: string | null, year: number, measure: string) =>
      figures.find(
        (f) =>
          f.dataset === dataset &&
          f.region_code === region &&
          f.year === year &&
          f.measure === measure,
      );
    // As the TypeScript list these files replace had them (the move was checked equal in full).
    expect(find('ild', null, 2020, 'index')).toEqual({
      dataset: 'ild',
      region_code: null,
      year: 2020,
      measure: 'index',
      value: 3.46,
      note: null,
      citation: 'katadata.co.id (Status Literasi Digital Indonesia 2022 comparison table)',
    });
    expect(find('iptik', '35', 2024, 'index')?.value).toBe(6.07);
    expect(find('iptik', null, 2024, 'index')?.citation).toBe('BPS, Indeks Pembangunan TIK');
    expect(find('imdi', null, 2025, 'employment')?.value).toBe(42.91);
    expect(find('ild', '34', 2021, 'index')?.note).toBe('top 10');
    const keys = figures.map((f) => `${f.dataset} ${f.region_code} ${f.year} ${f.measure}`);
    expect(new Set(keys).size).toBe(figures.length);
    expect([...new Set(figures.map((f) => f.dataset))]).toEqual(['ild', 'iptik', 'imdi']);
  });

  it('reads quoted fields, CRLF line ends and blank lines; an empty field is null', async () => {
    await withFiles(
      {
        'sources.csv': 'source,citation\r\nr,"A report, p. 3 (""final"")"\r\n',
        'iptik.csv':
          'source,region_code,year,measure,value,note\r\n\r\nr,35,2024,index,6.07,"two\nlines"\r\nr,,2024,use,5.5,\r\n',
      },
      (dir) => {
        expect(loadPublishedFigures(dir)).toEqual([
          {
            dataset: 'iptik',
            region_code: '35',
            year: 2024,
            measure: 'index',
            value: 6.07,
            note: 'two\nlines',
            citation: 'A report, p. 3 ("final")',
          },
          {
            dataset: 'iptik',
            region_code: null,
            year: 2024,
            measure: 'use',
            value: 5.5,
            note: null,
            citation: 'A report, p. 3 ("final")',
          },
        ]);
      },
    );
  });

  it('names the file and line of a malformed figure', async () => {
    const sources = 'source,citation\nr,A report\n';
    const cases: Array<[string, RegExp]> = [
      [
        'r,35,2024,index,six,\n',
        /published-figures\/imdi\.csv line 3: value "six" is not a number/,
      ],
      ['r,35,20.5,index,6,\n', /imdi\.csv line 3: year "20\.5" is not a whole year/],
      ['x,35,2024,index,6,\n', /imdi\.csv line 3: unknown source "x"/],
      ['r,35,2024,index,6\n', /imdi\.csv line 3: 5 fields, the header has 6/],
      ['r,35,2024,,6,\n', /imdi\.csv line 3: measure is required/],
      ['r,35,2024,index,6,"open\n', /imdi\.csv line 3: a quoted field is not closed/],
    ];
    for (const [row, message] of cases) {
      const figures = `source,region_code,year,measure,value,note\nr,,2024,index,70,\n${row}`;
      await withFiles({ 'sources.csv': sources, 'imdi.csv': figures }, (dir) => {
        expect(() => loadPublishedFigures(dir), String(message)).toThrow(message);
      });
    }
    await withFiles({ 'sources.csv': 'id,citation\n' }, (dir) => {
      expect(() => loadPublishedFigures(dir)).toThrow(
        'published-figures/sources.csv: the header must be source,citation',
      );
    });
  });
});
