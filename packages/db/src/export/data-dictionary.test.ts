import { describe, expect, it } from 'vitest';
import { FRAMEWORK, SECTORS } from '@pandu/domain';
import { openDatabase } from '../open-database.js';
import { readSchemaComments } from '../schema/read-schema-comments.js';
import { PUBLISHED_ILD, SEED_YEARS } from '../seed/calibration.js';
import { REGION_DATA_ATTRIBUTION } from '../seed/region-source.js';
import { dataDictionary, type DataDictionaryInput } from './data-dictionary.js';
import { dataDictionaryMarkdown, licenseDataMarkdown } from './data-dictionary-markdown.js';
import { EXPORT_TABLES } from './export-tables.js';
import { EXPORT_FORMATS } from './export-types.js';

// The descriptions are the comments of a freshly migrated database.
const empty = await openDatabase(':memory:');
const comments = await readSchemaComments(empty);
await empty.destroy();

const input: DataDictionaryInput = {
  format: 'parquet',
  region: { code: '35.05', name: 'Kabupaten Blitar', level: 'regency' },
  years: { from: 2021, to: null },
  observationYears: { first: 2021, last: 2025 },
  observationSources: { synthetic: 1200, imported: 30 },
  meta: { data_version: '3', seed: '20211102', synthetic: 'true' },
  exportedAt: '2026-11-28T00:00:00.000Z',
  tables: [{ name: 'observations', rows: 1230 }],
  comments,
};

describe('dataDictionary', () => {
  it('derives the extrapolated years from the calibration: seed years without a published ILD', () => {
    const d = dataDictionary(input);
    expect(d.synthetic.calibratedYears).toEqual(Object.keys(PUBLISHED_ILD).map(Number));
    expect(d.synthetic.extrapolatedYears).toEqual([2024, 2025]);
    for (let y = SEED_YEARS.first; y <= SEED_YEARS.last; y++) {
      expect([...d.synthetic.calibratedYears, ...d.synthetic.extrapolatedYears]).toContain(y);
    }
    expect(d.synthetic.statement).toMatch(
      /are SYNTHETIC.*2020-2023.*2024 and 2025 have no published ILD.*extrapolated/,
    );
  });

  it("states the 2021 Blitar workshop's 20 unnamed village governments instead of joining on its venue", () => {
    const d = dataDictionary(input);
    expect(d.knownGaps).toHaveLength(1);
    const [gap] = d.knownGaps;
    expect(gap).toContain('kominfo-blitar-2021-11-02 (2021-11-02 to 2021-11-03)');
    expect(gap).toContain('20 village governments');
    expect(gap).toContain('name none of them');
    expect(gap).toContain('Kampung Coklat, village 35.05.04.2014');
    expect(gap).toMatch(/not assumed to be one of them/);
    const md = dataDictionaryMarkdown(d);
    expect(md).toContain(`## What the sources leave unknown\n\n- ${gap}`);
  });

  it('lists every indicator of the FRAMEWORK with labels, unit, range, level, pillar and direction', () => {
    const d = dataDictionary(input);
    expect(d.indicators).toHaveLength(FRAMEWORK.indicators.length);
    for (const [k, i] of FRAMEWORK.indicators.entries()) {
      expect(d.indicators[k]).toEqual({
        id: i.id,
        level: i.level,
        pillar: 'pillar' in i ? i.pillar : null,
        labels: i.labels,
        description: i.description,
        unit: i.unit,
        range: i.range,
        direction: i.direction,
      });
    }
    expect(d.sectors.map((s) => s.code)).toEqual(SECTORS.map((s) => s.code));
  });

  it('describes the columns each format really has: the partition column only in Parquet', () => {
    for (const format of EXPORT_FORMATS) {
      const d = dataDictionary({ ...input, format });
      expect(d.tables.map((t) => t.name)).toEqual(EXPORT_TABLES.map((t) => t.name));
      const observations = d.tables.find((t) => t.name === 'observations');
      expect(observations?.columns.some((c) => c.name === 'province')).toBe(format === 'parquet');
      expect(observations?.partitionedBy).toEqual(
        format === 'parquet' ? ['province', 'year'] : null,
      );
      expect(observations?.rows).toBe(1230);
      expect(d.tables.find((t) => t.name === 'regions')?.rows).toBeNull();
    }
  });

  it('renders Markdown with the scope, the counts, the attribution, and escaped table cells', () => {
    const md = dataDictionaryMarkdown(dataDictionary(input));
    expect(md).toContain('- Scope: 35.05 Kabupaten Blitar (regency)');
    expect(md).toContain('- Years asked: 2021 to last; years in the observations: 2021-2025');
    expect(md).toContain('- Observations by source: 1,200 synthetic, 30 imported');
    expect(md).toContain('- Data version: 3 (seed 20211102)');
    expect(md).toContain(REGION_DATA_ATTRIBUTION);
    // ILD pillar labels hold no pipe, but a description with one must not split the row.
    const withPipe = dataDictionary(input);
    withPipe.tables[0]!.columns[0]!.description = 'a | b';
    expect(dataDictionaryMarkdown(withPipe)).toContain('| a \\| b |');
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.endsWith(' |')).toBe(true);
    }
  });

  it('writes the licence on its own for LICENSE-DATA.md', () => {
    const licence = licenseDataMarkdown(dataDictionary(input));
    expect(licence).toMatch(/^# Licence of the exported data/);
    expect(licence).toContain(REGION_DATA_ATTRIBUTION);
    expect(licence).toContain('ODbL 1.0 too (share-alike)');
  });
});
