import type { IndexMeasure } from '@pandu/domain';
import { formatNumber, formatPercent, t, type Lang } from '$lib/i18n/index.js';
import { pText, verdictText } from '$lib/convergence-text.js';
import { formatChange, formatMeasure } from '$lib/measure-format.js';
import type { ComparedRegion } from './compare-page.js';

/** One figure across the compared regions: a row of the aligned table. */
export interface CompareRow {
  /** A stable handle for tests (`data-row`). */
  key: string;
  label: string;
  /** One cell per region, in the comparison's order. */
  cells: string[];
}

export interface CompareTableInput {
  lang: Lang;
  measure: IndexMeasure;
  year: number | null;
  threshold: number;
  regions: readonly ComparedRegion[];
}

/**
 * The aligned table of `/banding`: each figure a row, each region a column, so a figure is read
 * across the regions. The year's value and its change, the change since the first year, the
 * villages behind the figures (n and missing), the divide (Gini, Theil, CV, share below the
 * threshold), the Gini's trend and whether the divide closes, the half-life, mentoring coverage
 * and the impact estimate with its interval. A figure the data cannot give is the dash.
 *
 * @example
 * ```ts
 * compareTable({ lang: 'en', measure: 'skills_index', year: 2024, threshold: 3, regions })[0];
 * // { key: 'mean', label: 'Digital skills index 2024', cells: ['3.59', '3.66'] }
 * ```
 */
export function compareTable(input: CompareTableInput): CompareRow[] {
  const { lang, measure, year, regions } = input;
  const m = (v: number | null | undefined) => formatMeasure(v, measure, lang);
  const change = (v: number | null | undefined) => formatChange(v, measure, lang);
  const digits = (v: number | null | undefined, n: number) =>
    formatNumber(v, lang, { minDigits: n, maxDigits: n });
  const point = (r: ComparedRegion, y: number | null) =>
    y === null ? null : (r.series.find((p) => p.year === y) ?? null);
  // The first complete year of any region: every column's change is from the same year.
  const firstYear =
    regions
      .map((r) => r.series.find((p) => p.complete)?.year)
      .filter((y): y is number => y !== undefined)
      .sort((a, b) => a - b)[0] ?? null;
  const row = (key: string, label: string, cell: (r: ComparedRegion) => string): CompareRow => ({
    key,
    label,
    cells: regions.map(cell),
  });
  return [
    row(
      'level',
      t('page.compare.level', lang),
      (r) => `${t(`level.region.${r.region.level}`, lang)} · ${r.code}`,
    ),
    row('mean', `${t(`measure.${measure}`, lang)} ${year ?? ''}`.trim(), (r) =>
      m(point(r, year)?.mean),
    ),
    row('change-previous', t('page.compare.changePrevious', lang), (r) => {
      const now = point(r, year);
      const before = point(r, year === null ? null : year - 1);
      return change(now && before ? now.mean - before.mean : null);
    }),
    row('change-first', t('page.compare.changeFirst', lang, { year: firstYear ?? '' }), (r) => {
      const now = point(r, year);
      const start = point(r, firstYear);
      return change(now && start && firstYear !== year ? now.mean - start.mean : null);
    }),
    row('villages', t('page.compare.villages', lang), (r) =>
      r.summary
        ? t('page.compare.villagesValue', lang, {
            n: formatNumber(r.summary.n, lang),
            missing: formatNumber(r.summary.missing, lang),
          })
        : formatNumber(r.region.villages, lang),
    ),
    row('gini', t('stat.gini', lang), (r) => digits(r.summary?.gini, 3)),
    row('theil', t('page.compare.theil', lang), (r) => digits(r.summary?.theil.total, 4)),
    row('cv', t('page.compare.cv', lang), (r) => digits(r.summary?.coefficientOfVariation, 3)),
    row('share-below', t('figure.shareBelow', lang, { threshold: m(input.threshold) }), (r) =>
      formatPercent(r.summary?.shareBelow, lang, { maxDigits: 2 }),
    ),
    row('gini-trend', t('page.compare.giniTrend', lang), (r) => {
      const slope = r.convergence?.sigma.gini.slope;
      if (slope === undefined) return formatNumber(null, lang);
      const text = t(slope < 0 ? 'figure.giniFalling' : 'figure.giniRising', lang, {
        slope: digits(Math.abs(slope), 4),
      });
      const c = r.convergence;
      if (!c) return text;
      const verdict = verdictText(c.sigma.verdict, c.sigma.villages, c.minVillages, lang);
      return `${text} (${verdict.toLocaleLowerCase(lang)}, ${pText(c.sigma.gini.pValue, lang)})`;
    }),
    row('half-life', t('page.compare.halfLife', lang), (r) => {
      const years = r.convergence?.beta.halfLifeYears;
      return years === null || years === undefined
        ? formatNumber(null, lang)
        : t('page.compare.years', lang, { years: digits(years, 1) });
    }),
    row('mentored', t('figure.villagesMentored', lang), (r) =>
      r.coverage
        ? `${formatNumber(r.coverage.total.villagesMentored, lang)} (${formatPercent(r.coverage.total.share, lang)})`
        : formatNumber(null, lang),
    ),
    row('impact', t('page.compare.impact', lang), (r) =>
      r.impact
        ? t('page.compare.impactValue', lang, {
            estimate: change(r.impact.estimate),
            low: m(r.impact.ci95[0]),
            high: m(r.impact.ci95[1]),
            n: formatNumber(r.impact.nTreated, lang),
          })
        : formatNumber(null, lang),
    ),
  ];
}
