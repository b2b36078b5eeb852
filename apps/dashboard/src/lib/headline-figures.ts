import { CONVERGENCE_MIN_VILLAGES, type IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  MentoringCoverage,
  TimeseriesPoint,
} from './api-types.js';
import type { FigureItem } from './components/FigureList.svelte';
import { formatNumber, formatPercent, t, type Lang } from './i18n/index.js';
import { formatChange, formatMeasure } from './measure-format.js';
import { shareText } from './year-notes.js';

/** What the headline figures of the nation and region pages are read from. */
export interface HeadlineInput {
  lang: Lang;
  measure: IndexMeasure;
  year: number | null;
  threshold: number;
  series: readonly TimeseriesPoint[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  coverage: MentoringCoverage | null;
  /** Add the kelurahan-desa gap (the region page shows it; the nation's is on /kesenjangan). */
  urbanRuralGap?: boolean;
}

/**
 * The mean's second line: its change from the year before, and, when it rests on fewer villages
 * than a verdict needs (the domain's CONVERGENCE_MIN_VILLAGES), how many: a district of six
 * villages is read as six villages, not as a region.
 */
function meanDetail(
  last: TimeseriesPoint | null,
  previous: TimeseriesPoint | null,
  measure: IndexMeasure,
  lang: Lang,
): { detail: string } | null {
  const parts = [
    ...(previous && last
      ? [
          `${formatChange(last.mean - previous.mean, measure, lang)} ${t('figure.sincePrevious', lang)}`,
        ]
      : []),
    ...(last && last.n < CONVERGENCE_MIN_VILLAGES
      ? [t('figure.fewVillages', lang, { n: formatNumber(last.n, lang) })]
      : []),
  ];
  return parts.length === 0 ? null : { detail: parts.join(' · ') };
}

/**
 * The headline figures of a scope: the measure and its change from the year before, the Gini and
 * its trend, the share of villages below the threshold, (optionally) the kelurahan-desa gap, and
 * the villages mentored. Missing data shows as the formatter's dash, never as 0.
 *
 * @example
 * ```ts
 * headlineFigures({ lang: 'id', measure: 'skills_index', year: 2024, threshold: 3, series, summary, convergence, coverage });
 * // [{ key: 'mean', label: 'Indeks kecakapan digital 2024', value: '3,73', detail: '+0,05 dari tahun sebelumnya' }, ...]
 * ```
 */
export function headlineFigures(input: HeadlineInput): FigureItem[] {
  const { lang, measure, year, summary, coverage } = input;
  const last = input.series.find((p) => p.year === year) ?? null;
  const previous = input.series.find((p) => year !== null && p.year === year - 1) ?? null;
  // The Gini's trend is said beside a Gini: under a dash (no village has a value in the year
  // shown) "falling 0.0027 a year" read as a figure of that year (issue 10).
  const giniSlope =
    summary?.gini === undefined || summary.gini === null
      ? null
      : (input.convergence?.sigma.gini.slope ?? null);
  const leftOut = input.convergence?.fit.partialExcluded ?? [];
  const measureLabel = `${t(`measure.${measure}`, lang)} ${year ?? ''}`;
  const gap = summary?.urbanRuralGap ?? null;
  const items: (FigureItem | null)[] = [
    {
      key: 'mean',
      // A partial year's mean is of a few villages: the label says so, with their share.
      label:
        last && !last.complete
          ? t('figure.yearPartial', lang, {
              label: measureLabel,
              share: shareText(last.coverage, lang),
            })
          : measureLabel,
      value: formatMeasure(last?.mean, measure, lang),
      ...(meanDetail(last, previous, measure, lang) ?? {}),
    },
    {
      key: 'gini',
      label: t('stat.gini', lang),
      value: formatNumber(summary?.gini, lang, { minDigits: 3, maxDigits: 3 }),
      ...(giniSlope === null
        ? {}
        : {
            detail: [
              t(giniSlope < 0 ? 'figure.giniFalling' : 'figure.giniRising', lang, {
                slope: formatNumber(Math.abs(giniSlope), lang, { minDigits: 4, maxDigits: 4 }),
              }),
              ...(leftOut.length > 0
                ? [t('figure.partialExcluded', lang, { years: leftOut.join(', ') })]
                : []),
            ].join('; '),
          }),
    },
    {
      key: 'share-below',
      label: t('figure.shareBelow', lang, {
        threshold: formatMeasure(input.threshold, measure, lang),
      }),
      value: formatPercent(summary?.shareBelow, lang, { maxDigits: 2 }),
    },
    input.urbanRuralGap
      ? {
          key: 'urban-rural',
          label: t('figure.urbanRuralGap', lang),
          value: formatChange(gap?.difference, measure, lang),
          ...(gap
            ? {
                detail: `${t('kind.kelurahan', lang)} ${formatMeasure(gap.kelurahan, measure, lang)} · ${t('kind.desa', lang)} ${formatMeasure(gap.desa, measure, lang)}`,
              }
            : {}),
        }
      : null,
    {
      key: 'mentored',
      label: t('figure.villagesMentored', lang),
      value: formatNumber(coverage?.total.villagesMentored, lang),
      ...(coverage
        ? {
            detail: t('figure.ofVillages', lang, {
              share: formatPercent(coverage.total.share, lang),
            }),
          }
        : {}),
    },
  ];
  return items.filter((item): item is FigureItem => item !== null);
}
