import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  const columns = [
    { header: 'code', value: (r: { code: string; name: string; value: number | null }) => r.code },
    { header: 'name', value: (r: { code: string; name: string; value: number | null }) => r.name },
    {
      header: 'value',
      value: (r: { code: string; name: string; value: number | null }) => r.value,
    },
  ];

  it('quotes what needs quoting and leaves missing values empty', () => {
    expect(
      toCsv(
        [
          { code: '35', name: 'Jawa "Timur"', value: 3.7 },
          { code: '36', name: 'Banten, West', value: null },
          { code: '11', name: 'Aceh', value: 0.1 + 0.2 },
        ],
        columns,
      ),
    ).toBe(
      'code,name,value\r\n35,"Jawa ""Timur""",3.7\r\n36,"Banten, West",\r\n11,Aceh,0.30000000000000004\r\n',
    );
  });

  it('defuses spreadsheet formulas', () => {
    expect(toCsv([{ code: '=1+1', name: '@x', value: 1 }], columns)).toBe(
      `code,name,value\r\n"'=1+1","'@x",1\r\n`,
    );
  });

  it('writes the header alone for no rows', () => {
    expect(toCsv([], columns)).toBe('code,name,value\r\n');
  });
});
