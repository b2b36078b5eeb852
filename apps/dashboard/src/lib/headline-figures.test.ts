import { describe, expect, it } from 'vitest';
import type {
  Convergence,
  DivideSummary,
  MentoringCoverage,
  TimeseriesPoint,
} from './api-types.js';
import { headlineFigures, type HeadlineInput } from './headline-figures.js';

// Only the fields the figures read; the rest of each API result does not matter here.
const series = [
  { year: 2023, mean: 3.68, n: 10, p10: 3.2, p50: 3.7, p90: 4.1, coverage: 1, complete: true },
  { year: 2024, mean: 3.731, n: 10, p10: 3.3, p50: 3.7, p90: 4.2, coverage: 1, complete: true },
] as TimeseriesPoint[];
const summary = {
  gini: 0.0342,
  shareBelow: 0.0004,
  urbanRuralGap: { kelurahan: 3.84, desa: 3.62, difference: 0.22 },
} as unknown as DivideSummary;
const convergence = {
  sigma: { gini: { slope: -0.0021 } },
  fit: { years: [2023, 2024], partialExcluded: [], includesPartial: [] },
} as unknown as Convergence;
const coverage = {
  total: { villagesMentored: 7639, share: 0.448 },
} as unknown as MentoringCoverage;
const input: HeadlineInput = {
  lang: 'id',
  measure: 'skills_index',
  year: 2024,
  threshold: 3,
  series,
  summary,
  convergence,
  coverage,
};

describe('headlineFigures', () => {
  it('reads the measure, its change, the Gini trend, the share below and the villages mentored', () => {
    const figures = headlineFigures(input);
    expect(figures.map((f) => [f.key, f.value])).toEqual([
      ['mean', '3,73'],
      ['gini', '0,034'],
      ['share-below', '0,04%'],
      ['mentored', '7.639'],
    ]);
    expect(figures[0]?.detail).toMatch(/^\+0,05 /);
    expect(figures[1]?.detail).toContain('0,0021');
    expect(figures[2]?.label).toContain('3,00');
  });

  it('says how few villages a mean rests on, below the minimum a verdict needs (30)', () => {
    const few = headlineFigures(input)[0]?.detail;
    expect(few).toBe('+0,05 dari tahun sebelumnya · hanya 10 desa');
    const many = headlineFigures({
      ...input,
      series: series.map((p) => ({ ...p, n: 30 })),
    })[0]?.detail;
    expect(many).toBe('+0,05 dari tahun sebelumnya');
  });

  it('adds the kelurahan-desa gap when asked, in English too', () => {
    const figures = headlineFigures({ ...input, lang: 'en', urbanRuralGap: true });
    const gap = figures.find((f) => f.key === 'urban-rural');
    expect(gap?.value).toBe('+0.22');
    expect(gap?.detail).toContain('3.84');
    expect(figures.map((f) => f.key)).toEqual([
      'mean',
      'gini',
      'share-below',
      'urban-rural',
      'mentored',
    ]);
  });

  it('shows no change and no trend without the data for them, and no 0 for missing figures', () => {
    const figures = headlineFigures({
      ...input,
      year: 2023,
      // A scope of 30 villages: no "only n villages" note either.
      series: series.slice(0, 1).map((p) => ({ ...p, n: 30 })),
      summary: null,
      convergence: null,
      coverage: null,
    });
    expect(figures.every((f) => f.detail === undefined)).toBe(true);
    expect(figures.find((f) => f.key === 'gini')?.value).not.toMatch(/^0/);
    expect(figures.find((f) => f.key === 'mentored')?.value).not.toBe('0');
  });

  // Issue 10: with one village imported for 2027, the page defaulted to 2027, showed a dash for
  // the Gini and still printed "turun 0,0027 per tahun" under it.
  it('regression: no Gini trend under a dash', () => {
    const figures = headlineFigures({ ...input, summary: null });
    const gini = figures.find((f) => f.key === 'gini');
    expect(gini?.value).toBe('–');
    expect(gini?.detail).toBeUndefined();
  });

  it('names a partial year with its coverage, and the partial years the trend left out', () => {
    const partial = {
      ...input,
      year: 2027,
      series: [
        ...series,
        {
          year: 2027,
          mean: 3.5,
          n: 1,
          p10: 3.5,
          p50: 3.5,
          p90: 3.5,
          coverage: 0.00012,
          complete: false,
        },
      ] as TimeseriesPoint[],
      convergence: {
        sigma: { gini: { slope: -0.0021 } },
        fit: { years: [2023, 2024], partialExcluded: [2027], includesPartial: [] },
      } as unknown as Convergence,
    };
    const id = headlineFigures(partial);
    expect(id[0]?.label).toBe(
      'Indeks kecakapan digital 2027 (tahun sebagian: 0,012% desa berdata)',
    );
    expect(id[1]?.detail).toContain('tahun sebagian 2027 tidak ikut dihitung');
    const en = headlineFigures({ ...partial, lang: 'en' });
    expect(en[0]?.label).toContain('2027 (partial year: 0.012% of villages with data)');
    expect(en[1]?.detail).toContain('partial years 2027 left out');
  });
});
