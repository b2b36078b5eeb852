import type { Convergence } from '$lib/api-types.js';
import type { FigureItem } from '$lib/components/FigureList.svelte';
import { formatNumber, formatPercent, t, type Lang } from '$lib/i18n/index.js';
import { formatPValue } from './p-value.js';

// The words of a convergence answer (issue 12, "figures that say how sure they are"): the
// verdict with its p-value and n, the slopes with their 95 % intervals, both half-lives and the
// projection of the share below the threshold. One pure module beside the route, so the divide
// page and the region page say the same thing and a unit test reads it without a browser.

const slope4 = (v: number | null | undefined, lang: Lang) =>
  formatNumber(v, lang, { minDigits: 4, maxDigits: 4 });

/**
 * A p-value as read in a paper: "p = 0.032", "p < 0.001" (its true value underflows for the
 * beta slope over thousands of villages), or the reason there is none.
 *
 * @example
 * ```ts
 * pText(0.0000057, 'en'); // 'p < 0.001'
 * pText(0.92, 'id'); // 'p = 0,920'
 * ```
 */
export function pText(p: number | null, lang: Lang): string {
  if (p === null) return t('conv.pNone', lang);
  // "p < 0,001" or "p = 0,032": the number as every p-value is shown (p-value.ts).
  const number = formatPValue(p, lang);
  return number.startsWith('<')
    ? t('conv.pBelow', lang, { p: number.slice(2) })
    : t('conv.pValue', lang, { p: number });
}

/** The verdict in words; "too few villages" names how many there are and how many it needs. */
export function verdictText(
  verdict: Convergence['sigma']['verdict'],
  villages: number,
  minVillages: number,
  lang: Lang,
): string {
  const label = t(`conv.verdict.${verdict}`, lang);
  if (verdict !== 'too-few-villages') return label;
  return `${label} (${t('conv.tooFew', lang, {
    villages: formatNumber(villages, lang),
    min: formatNumber(minVillages, lang),
  })})`;
}

/** A slope's 95 % interval, "95 % CI -0.0025 to -0.0021", or nothing without one. */
function ciText(s: { ciLow: number | null; ciHigh: number | null }, lang: Lang): string | null {
  if (s.ciLow === null || s.ciHigh === null) return null;
  return t('conv.ci', lang, { low: slope4(s.ciLow, lang), high: slope4(s.ciHigh, lang) });
}

/**
 * What the share below the threshold does next, on its logit trend: already below the level,
 * the year it falls below it, or not falling. Never "reaches zero" beside a share above zero.
 *
 * @example
 * ```ts
 * projectionText({ kind: 'already-below', level: 0.01, lastYear: 2025, lastShare: 0.0065 }, 'id');
 * // 'Sudah di bawah 1% (0,65% pada 2025).'
 * ```
 */
export function projectionText(p: Convergence['shareBelowProjection'], lang: Lang): string {
  const level = formatPercent(p.level, lang, { maxDigits: 2 });
  switch (p.kind) {
    case 'already-below':
      return t('conv.projection.alreadyBelow', lang, {
        level,
        share: formatPercent(p.lastShare, lang, { maxDigits: 2 }),
        year: p.lastYear,
      });
    case 'reaches-level':
      return t('conv.projection.reaches', lang, {
        level,
        year: formatNumber(Math.ceil(p.year), lang, { grouping: false }),
        p: pText(p.pValue, lang),
      });
    default:
      return t('conv.projection.notFalling', lang, { level });
  }
}

/**
 * The divide page's figures of a convergence answer: sigma (verdict, the Gini's slope with its
 * interval and p, the CV's p, the villages), beta (slope, interval, p, n, verdict), the
 * half-lives of relative and absolute gaps, and the share below with its projection.
 *
 * @example
 * ```ts
 * convergenceFigures(conv, 'en', 'Share below 3.00');
 * // [{ key: 'sigma', value: 'Closing', detail: 'Gini -0.0023 a year (95 % CI ...), p < 0.001; ...' }, ...]
 * ```
 */
export function convergenceFigures(
  conv: Convergence | null,
  lang: Lang,
  shareLabel: string,
): FigureItem[] {
  if (!conv) {
    return [
      { key: 'sigma', label: t('divide.sigma', lang), value: '–' },
      { key: 'beta', label: t('divide.beta', lang), value: '–' },
      { key: 'half-life', label: t('conv.halfLife', lang), value: '–' },
      { key: 'share-below', label: shareLabel, value: '–' },
    ];
  }
  const { sigma, beta, minVillages } = conv;
  const gini = sigma.gini;
  const sigmaDetail = [
    t('conv.giniSlope', lang, { slope: slope4(gini.slope, lang) }),
    ciText(gini, lang),
    pText(gini.pValue, lang),
    t('conv.cvP', lang, { p: pText(sigma.cv.pValue, lang) }),
    t('conv.villages', lang, { n: formatNumber(sigma.villages, lang) }),
  ]
    .filter((s): s is string => s !== null)
    .join('; ');
  const betaDetail = [
    verdictText(beta.verdict, beta.n, minVillages, lang),
    ciText(beta, lang),
    pText(beta.pValue, lang),
    t('conv.villages', lang, { n: formatNumber(beta.n, lang) }),
  ]
    .filter((s): s is string => s !== null)
    .join('; ');
  const years = (v: number | null | undefined) => formatNumber(v, lang, { maxDigits: 1 });
  const absolute = beta.absolute?.halfLifeYears ?? null;
  const fitted = new Set(conv.fit.years);
  const lastShare = conv.shareBelow.filter((s) => fitted.has(s.year)).at(-1) ?? null;
  return [
    {
      key: 'sigma',
      label: t('divide.sigma', lang),
      value: verdictText(sigma.verdict, sigma.villages, minVillages, lang),
      detail: sigmaDetail,
    },
    {
      key: 'beta',
      label: t('divide.beta', lang),
      value: slope4(beta.slope, lang),
      detail: betaDetail,
    },
    {
      key: 'half-life',
      label: t('conv.halfLife', lang),
      value:
        beta.halfLifeYears === null
          ? t('conv.halfLifeNone', lang)
          : t('conv.halfLifeRelative', lang, { years: years(beta.halfLifeYears) }),
      detail:
        absolute === null
          ? t('conv.halfLifeAbsoluteNone', lang)
          : t('conv.halfLifeAbsolute', lang, { years: years(absolute) }),
    },
    {
      key: 'share-below',
      label: shareLabel,
      value: formatPercent(lastShare?.share, lang, { maxDigits: 2 }),
      detail: projectionText(conv.shareBelowProjection, lang),
    },
  ];
}

/**
 * The share chart's projection segment: from the last fitted year's share to the level in the
 * projected year, only when the logit trend reaches it (a straight segment between the two: the
 * words give the year, the segment the direction).
 */
export function projectionSegment(
  conv: Convergence | null,
  label: string,
): { label: string; from: { x: number; y: number }; to: { x: number; y: number } } | undefined {
  const p = conv?.shareBelowProjection;
  if (!p || p.kind !== 'reaches-level') return undefined;
  return {
    label,
    from: { x: p.lastYear, y: p.lastShare },
    to: { x: p.year, y: p.level },
  };
}

/**
 * The region page's one convergence figure: the sigma verdict (with n against the minimum where
 * the region has too few villages), its Gini trend's p and n. Null without an answer.
 *
 * @example
 * ```ts
 * convergenceVerdictFigure(conv, 'id');
 * // { key: 'convergence', label: 'Konvergensi sigma', value: 'Terlalu sedikit desa (hanya 6 desa; ...)', detail: 'p = 0,96; n = 6 desa' }
 * ```
 */
export function convergenceVerdictFigure(conv: Convergence | null, lang: Lang): FigureItem | null {
  if (!conv) return null;
  const { sigma } = conv;
  return {
    key: 'convergence',
    label: t('divide.sigma', lang),
    value: verdictText(sigma.verdict, sigma.villages, conv.minVillages, lang),
    detail: [
      pText(sigma.gini.pValue, lang),
      t('conv.villages', lang, { n: formatNumber(sigma.villages, lang) }),
    ].join('; '),
  };
}
