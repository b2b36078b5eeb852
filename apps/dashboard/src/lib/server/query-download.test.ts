import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { answerCsv, answerParquet } from './query-download.js';

const answer = {
  columns: [
    { name: 'code', type: 'VARCHAR' },
    { name: 'year', type: 'SMALLINT' },
    { name: 'villages', type: 'BIGINT' },
    { name: 'mean', type: 'DOUBLE' },
    { name: 'share', type: 'DECIMAL(5,2)' },
    { name: 'codes', type: 'VARCHAR[]' },
    { name: 'kelurahan', type: 'BOOLEAN' },
  ],
  rows: [
    ['35.05', 2024, 248, 3.7171234567891234, '12.50', ['35.05.01', '35.05.02'], false],
    ['=cmd', 2023, null, null, null, null, true],
  ],
};

describe('console downloads', () => {
  it('writes CSV with full precision, empty missing cells, JSON lists, and formulas defused', () => {
    expect(answerCsv(answer)).toBe(
      'code,year,villages,mean,share,codes,kelurahan\r\n' +
        '35.05,2024,248,3.7171234567891234,12.50,"[""35.05.01"",""35.05.02""]",false\r\n' +
        '"\'=cmd",2023,,,,,true\r\n',
    );
  });

  it('writes Parquet that reads back with its types and nulls', async () => {
    const rows = await parquetReadObjects({ file: answerParquet(answer) });
    expect(rows).toEqual([
      {
        code: '35.05',
        year: 2024,
        villages: 248n,
        mean: 3.7171234567891234,
        share: 12.5,
        codes: '["35.05.01","35.05.02"]',
        kelurahan: false,
      },
      {
        code: '=cmd',
        year: 2023,
        villages: null,
        mean: null,
        share: null,
        codes: null,
        kelurahan: true,
      },
    ]);
  });
});
