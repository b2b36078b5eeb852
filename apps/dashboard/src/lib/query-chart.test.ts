import { describe, expect, it } from 'vitest';
import { MAX_BARS, isNumericType, queryChart } from './query-chart.js';

const columns = [
  { name: 'name', type: 'VARCHAR' },
  { name: 'villages', type: 'BIGINT' },
  { name: 'mean', type: 'DOUBLE' },
  { name: 'share', type: 'DECIMAL(5,2)' },
];

describe('queryChart', () => {
  it('draws points when both columns are numeric, leaving out non-numbers', () => {
    const chart = queryChart(
      {
        columns,
        rows: [
          ['a', 10, 3.5, '1.25'],
          ['b', null, 3.1, '0.5'],
          ['c', 12, 3.9, null],
        ],
      },
      1,
      2,
    );
    expect(chart).toEqual({
      kind: 'points',
      points: [
        { label: '10, 3.5', x: 10, y: 3.5 },
        { label: '12, 3.9', x: 12, y: 3.9 },
      ],
    });
    // A decimal arrives as text and still counts as a number.
    expect(queryChart({ columns, rows: [['a', 1, 2, '1.25']] }, 3, 1)).toMatchObject({
      kind: 'points',
      points: [{ x: 1.25, y: 1 }],
    });
  });

  it('draws the first bars when x is a label, saying how many rows it left out', () => {
    const rows = Array.from({ length: MAX_BARS + 3 }, (_, i) => [`r${i}`, i, i / 2, null]);
    const chart = queryChart({ columns, rows }, 0, 2);
    expect(chart.kind).toBe('bars');
    if (chart.kind !== 'bars') return;
    expect(chart.bars).toHaveLength(MAX_BARS);
    expect(chart.bars[1]).toEqual({ label: 'r1', value: 0.5 });
    expect(chart.omitted).toBe(3);
  });

  it('draws nothing for a text y, the same column twice, or no rows, and says why', () => {
    expect(queryChart({ columns, rows: [['a', 1, 2, '3']] }, 1, 0)).toEqual({
      kind: 'none',
      reason: 'y-not-numeric',
    });
    expect(queryChart({ columns, rows: [['a', 1, 2, '3']] }, 1, 1).kind).toBe('none');
    expect(queryChart({ columns, rows: [] }, 0, 1)).toEqual({ kind: 'none', reason: 'no-rows' });
  });

  it('knows DuckDB’s numeric types', () => {
    for (const type of ['INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL(18,3)', 'UBIGINT', 'FLOAT']) {
      expect(isNumericType(type)).toBe(true);
    }
    for (const type of ['VARCHAR', 'DATE', 'BOOLEAN', 'INTEGER[]', 'DOUBLE[3]']) {
      expect(isNumericType(type)).toBe(false);
    }
  });
});
