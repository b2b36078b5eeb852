import type { IndexMeasure } from '@pandu/domain';
import { SCALES } from './filters.js';
import { t, type Lang } from './i18n/index.js';
import { formatMeasure } from './measure-format.js';

/**
 * The second line of a chart's tooltips: the measure with its scale, the year when the chart is
 * of one year, and the source kind ("Indeks kecakapan digital (1,00–5,00) · 2024 · sumber: data
 * sintetis").
 *
 * @example
 * ```ts
 * chartTip('skills_index', 'en', { year: 2024, synthetic: true });
 * // 'Digital skills index (1.00–5.00) · 2024 · source: synthetic data'
 * ```
 */
export function chartTip(
  measure: IndexMeasure,
  lang: Lang,
  options: {
    year?: number | null;
    synthetic: boolean;
    /** What the values are when not the measure itself ("Desa bernilai 1,00–2,00": counts). */
    what?: string;
  },
): string {
  const scale = SCALES[measure];
  const range = `${formatMeasure(scale.min, measure, lang)}–${formatMeasure(scale.max, measure, lang)}`;
  return [
    options.what ?? `${t(`measure.${measure}`, lang)} (${range})`,
    ...(options.year === undefined || options.year === null ? [] : [String(options.year)]),
    t(options.synthetic ? 'chart.tip.synthetic' : 'chart.tip.imported', lang),
  ].join(' · ');
}
