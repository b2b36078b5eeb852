import { describe, expect, it } from 'vitest';
import type { Convergence } from '$lib/api-types.js';
import {
  convergenceFigures,
  convergenceVerdictFigure,
  pText,
  projectionSegment,
  projectionText,
} from './convergence-text.js';

const inference = (slope: number, pValue: number | null, half = 0.0002) => ({
  slope,
  df: 4,
  slopeSe: pValue === null ? null : half / 2.776,
  t: null,
  pValue,
  ciLow: pValue === null ? null : slope - half,
  ciHigh: pValue === null ? null : slope + half,
});

/** A convergence answer with the fields the words read; the rest as the API gives them. */
function answer(over: {
  verdict: Convergence['sigma']['verdict'];
  villages: number;
  p: number | null;
  projection: Convergence['shareBelowProjection'];
  absoluteHalfLife?: number | null;
}): Convergence {
  const sigmaInference = inference(-0.0023, over.p);
  return {
    measure: 'skills_index',
    sigma: {
      years: [],
      trend: { cvSlopePerYear: -0.004, giniSlopePerYear: -0.0023 },
      cv: inference(-0.004, over.p),
      gini: sigmaInference,
      villages: over.villages,
      verdict: over.verdict,
      converging: over.verdict === 'converging',
    },
    beta: {
      ...inference(-0.0541, 0),
      df: over.villages - 2,
      intercept: 0.08,
      r2: 0.69,
      n: over.villages,
      speed: 0.063,
      halfLifeYears: 11.0,
      verdict: over.verdict,
      converging: over.verdict === 'converging',
      absolute:
        over.absoluteHalfLife === null
          ? null
          : {
              ...inference(-0.0415, 0),
              intercept: 0.2,
              r2: 0.53,
              speed: 0.0465,
              halfLifeYears: over.absoluteHalfLife ?? 14.9,
            },
      firstYear: 2020,
      lastYear: 2025,
      excluded: 0,
    },
    shareBelow: [
      { year: 2024, share: 0.012 },
      { year: 2025, share: over.projection.lastShare },
    ],
    threshold: 3,
    minVillages: 30,
    shareBelowProjection: over.projection,
    yearShareBelowReachesZero: null,
    shareBelowTrend: { slope: -0.01, intercept: 20, r2: 0.9 },
    coverage: [],
    fit: { years: [2024, 2025], partialExcluded: [], includesPartial: [] },
  };
}

const already = {
  kind: 'already-below',
  level: 0.01,
  lastYear: 2025,
  lastShare: 0.0065,
} as const;

describe('convergence words', () => {
  it('never says "reaches zero" beside a share above zero: already below 1 % (issue 12)', () => {
    // Regression: /kesenjangan said "mencapai nol sekitar 2025" beside 0.65 % in 2025.
    expect(projectionText(already, 'id')).toBe('Sudah di bawah 1% (0,65% pada 2025).');
    expect(projectionText(already, 'en')).toBe('Already below 1% (0.65% in 2025).');
    for (const lang of ['id', 'en'] as const) {
      const items = convergenceFigures(
        answer({ verdict: 'converging', villages: 8379, p: 0.00001, projection: already }),
        lang,
        'share',
      );
      const share = items.find((i) => i.key === 'share-below');
      expect(share?.value).toBe(lang === 'id' ? '0,65%' : '0.65%');
      expect(share?.detail).not.toMatch(/nol|zero/);
    }
  });

  it('gives the projected year of the logit trend, after the last year, with its p', () => {
    const text = projectionText(
      {
        kind: 'reaches-level',
        level: 0.01,
        lastYear: 2025,
        lastShare: 0.55,
        year: 2038.48,
        logitSlope: -0.36,
        pValue: 0.0005,
      },
      'en',
    );
    expect(text).toBe(
      'On its logit trend it falls below 1% around 2039 (trend p < 0.001); an extrapolation.',
    );
    const notFalling = projectionText(
      { ...already, kind: 'not-falling', lastShare: 0.2, logitSlope: 0.1, pValue: 0.4 },
      'id',
    );
    expect(notFalling).toBe('Tidak menurun pada tren logitnya: belum terlihat tahun di bawah 1%.');
  });

  it('states the verdict with p and n, and n against the minimum for a small scope', () => {
    // 35.10.17: six villages, p = 0.92.
    const small = convergenceFigures(
      answer({ verdict: 'too-few-villages', villages: 6, p: 0.92, projection: already }),
      'id',
      'share',
    );
    const sigma = small.find((i) => i.key === 'sigma');
    expect(sigma?.value).toBe('Terlalu sedikit desa (hanya 6 desa; putusan perlu sedikitnya 30)');
    expect(sigma?.detail).toContain('p = 0,92');
    expect(sigma?.detail).toContain('n = 6 desa');
    const big = convergenceFigures(
      answer({ verdict: 'converging', villages: 8379, p: 0.0000057, projection: already }),
      'en',
      'share',
    );
    expect(big.find((i) => i.key === 'sigma')).toMatchObject({
      value: 'Closing',
      detail:
        'Gini -0.0023 a year; 95 % CI -0.0025 to -0.0021; p < 0.001; CV p < 0.001; n = 8,379 villages',
    });
    expect(big.find((i) => i.key === 'beta')?.detail).toContain('95 % CI -0.0543 to -0.0539');
  });

  it('shows both half-lives, and says when the absolute gaps do not close', () => {
    const both = convergenceFigures(
      answer({ verdict: 'converging', villages: 100, p: 0.01, projection: already }),
      'en',
      'share',
    ).find((i) => i.key === 'half-life');
    expect(both).toMatchObject({
      value: '11 years (relative)',
      detail: 'absolute gaps (points): 14.9 years',
    });
    const none = convergenceFigures(
      answer({
        verdict: 'no-clear-trend',
        villages: 100,
        p: 0.4,
        projection: already,
        absoluteHalfLife: null,
      }),
      'id',
      'share',
    ).find((i) => i.key === 'half-life');
    expect(none?.detail).toBe('kesenjangan absolut (poin): tidak menyempit');
  });

  it('writes p as a paper does, and the segment only for a projected year', () => {
    expect(pText(0.032, 'en')).toBe('p = 0.032');
    expect(pText(0.5, 'id')).toBe('p = 0,500');
    expect(pText(0.0004, 'id')).toBe('p < 0,001');
    expect(pText(null, 'en')).toBe('p not computable (two years)');
    expect(
      projectionSegment(
        answer({ verdict: 'converging', villages: 100, p: 0.01, projection: already }),
        'x',
      ),
    ).toBeUndefined();
    const seg = projectionSegment(
      answer({
        verdict: 'converging',
        villages: 100,
        p: 0.01,
        projection: {
          kind: 'reaches-level',
          level: 0.01,
          lastYear: 2025,
          lastShare: 0.2,
          year: 2031.5,
          logitSlope: -0.4,
          pValue: 0.01,
        },
      }),
      'x',
    );
    expect(seg).toEqual({ label: 'x', from: { x: 2025, y: 0.2 }, to: { x: 2031.5, y: 0.01 } });
  });
});

describe('convergenceVerdictFigure', () => {
  it("gives the region page the verdict, p and n; a district's n against the minimum", () => {
    const small = answer({
      verdict: 'too-few-villages',
      villages: 6,
      p: 0.956,
      projection: already,
    });
    expect(convergenceVerdictFigure(small, 'en')).toEqual({
      key: 'convergence',
      label: 'Sigma convergence',
      value: 'Too few villages (only 6 villages; a verdict needs at least 30)',
      detail: 'p = 0.956; n = 6 villages',
    });
    expect(convergenceVerdictFigure(null, 'id')).toBeNull();
  });
});
