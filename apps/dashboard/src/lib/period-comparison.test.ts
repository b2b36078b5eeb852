import { describe, expect, it } from 'vitest';
import { periodComparison } from './period-comparison.js';

describe('periodComparison', () => {
  const then = [
    { code: 'a', name: 'A', value: 3.4 },
    { code: 'b', name: 'B', value: 3.5 },
    { code: 'c', name: 'C', value: 3.5 },
    { code: 'd', name: 'D', value: null },
  ];
  const now = [
    { code: 'a', name: 'A', value: 3.7 },
    { code: 'b', name: 'B', value: 3.45 },
    { code: 'c', name: 'C', value: 3.6 },
    { code: 'e', name: 'E', value: 3.1 },
  ];
  const rows = periodComparison(then, now, 0.12);
  const row = (code: string) => rows.find((r) => r.code === code)!;

  it('gives both values, the change and both ranks, ties sharing the better rank', () => {
    expect(row('a')).toMatchObject({ from: 3.4, to: 3.7, rankFrom: 3, rankTo: 1, rankChange: 2 });
    expect(row('a').change).toBeCloseTo(0.3, 12);
    expect(row('b')).toMatchObject({ rankFrom: 1, rankTo: 3, rankChange: -2 });
    expect(row('c')).toMatchObject({ rankFrom: 1, rankTo: 2, rankChange: -1 });
  });

  it('marks the children that moved against the scope trend', () => {
    expect(rows.filter((r) => r.against).map((r) => r.code)).toEqual(['b']);
    // With a falling scope, the risers are the ones against it.
    expect(
      periodComparison(then, now, -0.1)
        .filter((r) => r.against)
        .map((r) => r.code),
    ).toEqual(['a', 'c']);
  });

  it('keeps children of either year, without a change where one year lacks a value', () => {
    expect(row('d')).toMatchObject({ from: null, to: null, change: null, rankChange: null });
    expect(row('e')).toMatchObject({ from: null, to: 3.1, change: null, rankTo: 4 });
    expect(rows.map((r) => r.code)).toEqual(['a', 'c', 'b', 'e', 'd']);
  });
});
