import { LOCALES, type Lang } from './lang.js';

/** Shown for a missing number: an en dash reads as "no value" in both languages. */
export const MISSING = '–';

export interface NumberFormatOptions {
  /** Fewest digits after the decimal separator; default 0. */
  minDigits?: number;
  /** Most digits after the decimal separator; default 2. */
  maxDigits?: number;
  /** Thousands separators; default true (off for years and codes). */
  grouping?: boolean;
}

// Intl.NumberFormat is slow to construct and a chart formats hundreds of ticks and labels.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A number for display in `lang`: decimal comma and dot grouping in Indonesian, the reverse in
 * English. `null`, `undefined` and non-finite values give {@link MISSING}.
 *
 * @example
 * ```ts
 * formatNumber(3.49, 'id'); // '3,49'
 * formatNumber(12345.6, 'en'); // '12,345.6'
 * formatNumber(null, 'id'); // '–'
 * ```
 */
export function formatNumber(
  value: number | null | undefined,
  lang: Lang,
  options: NumberFormatOptions = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const { minDigits = 0, maxDigits = Math.max(2, minDigits), grouping = true } = options;
  const format = numberFormat(lang, {
    minimumFractionDigits: minDigits,
    maximumFractionDigits: maxDigits,
    useGrouping: grouping,
  });
  // -0 would print as "-0": a rounded tiny negative is zero to a reader.
  const text = format.format(value);
  return /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A share (0-1) as a percentage in `lang`.
 *
 * @example
 * ```ts
 * formatPercent(0.125, 'id'); // '12,5%'
 * formatPercent(0.125, 'en'); // '12.5%'
 * ```
 */
export function formatPercent(
  share: number | null | undefined,
  lang: Lang,
  options: { maxDigits?: number } = {},
): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return MISSING;
  const text = numberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: options.maxDigits ?? 1,
  }).format(share);
  // id-ID writes "12,5%" and en-GB "12.5%": both without a space, which is what we want.
  return text.replace(/^-0(%|[.,]0*%)$/, '0$1');
}

/**
 * A calendar date (`YYYY-MM-DD` or a `Date`) in `lang`, read in UTC so the day never shifts with
 * the server's or the browser's time zone.
 *
 * @throws {Error} naming the value when it is not a date.
 * @example
 * ```ts
 * formatDate('2021-11-02', 'id'); // '2 November 2021'
 * formatDate('2021-11-02', 'en'); // '2 November 2021'
 * formatDate('2021-11-02', 'en', 'short'); // '02/11/2021'
 * ```
 */
export function formatDate(
  date: string | Date,
  lang: Lang,
  style: 'long' | 'medium' | 'short' = 'long',
): string {
  const value =
    typeof date === 'string' ? new Date(date.length === 10 ? `${date}T00:00:00Z` : date) : date;
  if (Number.isNaN(value.getTime())) throw new Error(`invalid date: ${String(date)}`);
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: style, timeZone: 'UTC' }).format(
    value,
  );
}
