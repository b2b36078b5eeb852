import { describe, expect, it } from 'vitest';
import { chartTip } from './chart-tip.js';

describe('chartTip', () => {
  it('names the measure with its scale, the year and the source kind, in the language', () => {
    expect(chartTip('skills_index', 'id', { year: 2024, synthetic: true })).toBe(
      'Indeks kecakapan digital (1,00–5,00) · 2024 · sumber: data sintetis',
    );
    expect(chartTip('access_index', 'en', { synthetic: false })).toBe(
      'Access index (0.0–100.0) · source: imported data',
    );
  });
});
