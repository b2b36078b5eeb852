import type { LineChartOptions, LinePoint } from './charts/index.js';
import { formatPercent, t, type Lang } from './i18n/index.js';

// What the pages say about years that are not like the others: a partial year (few villages have
// a value: a first import of a new year) and an extrapolated one (synthetic values beyond the last
// published ILD year). Pure functions from the API's answers to chart options and words.

/** A year's coverage as the API's `coverage` fields give it. */
export interface YearShare {
  year: number;
  /** Share of the scope's villages with a value (0 to 1). */
  share: number;
}

/** What the dataset says about its years (the API's `health.years`). */
export interface DatasetYears {
  /** Years after the last published ILD year whose values are synthetic. */
  extrapolated: readonly number[];
  /** The last year of the published national ILD; null when none is stored. */
  lastPublished: number | null;
}

/**
 * A year's share in words: "2027: 0,01% desa berdata". Shares under 1% keep two significant
 * decimals so one village of 8,000 does not read as 0%.
 */
export function yearShareText(y: YearShare, lang: Lang): string {
  return t('year.partialShare', lang, { year: String(y.year), share: shareText(y.share, lang) });
}

/** A coverage share as a percentage; under 1% with three decimals, so 1 of 8,000 is not "0%". */
export function shareText(share: number, lang: Lang): string {
  return formatPercent(share, lang, { maxDigits: share > 0 && share < 0.01 ? 3 : 0 });
}

/**
 * The legend label of a chart's partial years, with their coverage ("Tahun sebagian: 2027:
 * 0,012% desa berdata"), or undefined when every year is complete.
 *
 * @example
 * ```ts
 * partialLabel([{ year: 2027, share: 0.00012 }], 'en'); // 'Partial year (2027: 0.012% of villages with data)'
 * ```
 */
export function partialLabel(partial: readonly YearShare[], lang: Lang): string | undefined {
  if (partial.length === 0) return undefined;
  return t('chart.partial', lang, {
    years: partial.map((p) => yearShareText(p, lang)).join('; '),
  });
}

/** The partial years of a time series (points with `complete: false`), with their coverage. */
export function partialOf(
  points: readonly { year: number; coverage: number; complete: boolean }[],
): YearShare[] {
  return points.filter((p) => !p.complete).map((p) => ({ year: p.year, share: p.coverage }));
}

/**
 * The band between the 10th and 90th percentiles of a series, over its complete years (a partial
 * year's few villages make no band), labelled for the legend.
 *
 * @example
 * ```ts
 * quantileBand(data.series, t('stat.p10p90', lang));
 * ```
 */
export function quantileBand<
  P extends { year: number; complete: boolean; p10: number; p90: number },
>(
  points: readonly P[],
  label: string,
): { label: string; points: { x: number; y0: number; y1: number }[] } {
  return {
    label,
    points: points.filter((p) => p.complete).map((p) => ({ x: p.year, y0: p.p10, y1: p.p90 })),
  };
}

/** A time series as line points: `value` per year, partial years flagged. */
export function linePoints<P extends { year: number; complete: boolean }>(
  points: readonly P[],
  value: (point: P) => number | null,
): LinePoint[] {
  return points.map((p) => ({ x: p.year, y: value(p), ...(p.complete ? {} : { partial: true }) }));
}

/**
 * The chart's shading of extrapolated years, when the dataset has any (synthetic years after the
 * last published ILD year; an imported year after them is not one), labelled "ekstrapolasi" /
 * "extrapolated".
 */
export function extrapolatedMark(
  years: DatasetYears | null,
  lang: Lang,
): LineChartOptions['extrapolated'] {
  if (!years || years.lastPublished === null || years.extrapolated.length === 0) return undefined;
  return { years: years.extrapolated, label: t('year.extrapolated', lang) };
}

/**
 * The note under a chart of extrapolated years, or undefined when there are none: "Tahun 2024,
 * 2025 diekstrapolasi dari tren ILD yang terbit (sampai 2023), bukan hasil pengukuran."
 */
export function extrapolatedNote(years: DatasetYears | null, lang: Lang): string | undefined {
  if (!years || years.lastPublished === null || years.extrapolated.length === 0) return undefined;
  return t('chart.extrapolatedNote', lang, {
    years: years.extrapolated.join(', '),
    last: String(years.lastPublished),
  });
}
