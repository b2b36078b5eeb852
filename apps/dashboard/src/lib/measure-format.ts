import type { IndexMeasure } from '@pandu/domain';
import { SCALES } from './filters.js';
import { formatNumber } from './i18n/format.js';
import type { Lang } from './i18n/lang.js';

/**
 * How a measure's values are written: two decimals on the 1-5 scales (3,49, as the ILD publishes),
 * one on the 0-100 scales.
 */
export function measureDigits(measure: IndexMeasure): number {
  return SCALES[measure].max <= 5 ? 2 : 1;
}

export function formatMeasure(
  value: number | null | undefined,
  measure: IndexMeasure,
  lang: Lang,
): string {
  const digits = measureDigits(measure);
  return formatNumber(value, lang, { minDigits: digits, maxDigits: digits });
}

/** A change with its sign: +0,05 / -1,2. */
export function formatChange(
  value: number | null | undefined,
  measure: IndexMeasure,
  lang: Lang,
): string {
  const text = formatMeasure(value, measure, lang);
  return value !== null && value !== undefined && value > 0 && !text.startsWith('-')
    ? `+${text}`
    : text;
}
