import { describe, expect, it } from 'vitest';
import {
  extrapolatedMark,
  extrapolatedNote,
  linePoints,
  partialLabel,
  partialOf,
  quantileBand,
  yearShareText,
} from './year-notes.js';

// The 2027 case of issue 10: one village of about 8,500 (Jawa Timur) has values for 2027.
const series = [
  { year: 2024, mean: 3.7, coverage: 0.998, complete: true },
  { year: 2025, mean: 3.75, coverage: 0.997, complete: true },
  { year: 2027, mean: 3.5, coverage: 1 / 8494, complete: false },
];

describe('year notes', () => {
  it('flags partial years on the line points, and only them', () => {
    expect(linePoints(series, (p) => p.mean)).toEqual([
      { x: 2024, y: 3.7 },
      { x: 2025, y: 3.75 },
      { x: 2027, y: 3.5, partial: true },
    ]);
    expect(partialOf(series)).toEqual([{ year: 2027, share: 1 / 8494 }]);
  });

  it('names partial years with their coverage, never as 0%', () => {
    expect(yearShareText({ year: 2027, share: 1 / 8494 }, 'id')).toBe('2027: 0,012% desa berdata');
    expect(yearShareText({ year: 2027, share: 0.4 }, 'en')).toBe('2027: 40% of villages with data');
    expect(partialLabel(partialOf(series), 'id')).toBe(
      'Tahun sebagian (2027: 0,012% desa berdata)',
    );
    expect(partialLabel(partialOf(series), 'en')).toBe(
      'Partial year (2027: 0.012% of villages with data)',
    );
    expect(partialLabel([], 'id')).toBeUndefined();
  });

  it('marks extrapolated years after the last published ILD year, in both languages', () => {
    const years = { extrapolated: [2024, 2025], lastPublished: 2023 };
    expect(extrapolatedMark(years, 'id')).toEqual({ years: [2024, 2025], label: 'ekstrapolasi' });
    expect(extrapolatedMark(years, 'en')).toEqual({ years: [2024, 2025], label: 'extrapolated' });
    expect(extrapolatedNote(years, 'id')).toBe(
      'Tahun 2024, 2025 diekstrapolasi dari tren ILD yang terbit (sampai 2023), bukan hasil pengukuran.',
    );
    expect(extrapolatedNote(years, 'en')).toContain('extrapolated from the published ILD trend');
    // Nothing to say for measured data, or without published figures.
    expect(extrapolatedMark({ extrapolated: [], lastPublished: 2023 }, 'id')).toBeUndefined();
    expect(extrapolatedNote({ extrapolated: [2024], lastPublished: null }, 'en')).toBeUndefined();
    expect(extrapolatedMark(null, 'en')).toBeUndefined();
  });
});

describe('quantileBand', () => {
  it('spans p10 to p90 over the complete years only', () => {
    const point = (year: number, complete: boolean) => ({
      year,
      complete,
      p10: year - 1,
      p90: year + 1,
    });
    expect(quantileBand([point(2023, true), point(2024, false)], 'p10-p90')).toEqual({
      label: 'p10-p90',
      points: [{ x: 2023, y0: 2022, y1: 2024 }],
    });
  });
});
