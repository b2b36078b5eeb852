import type { Bar, Bin, LineSeries } from './charts/index.js';
import type { Distribution, LorenzCurve, TimeseriesPoint } from './api-types.js';
import { formatNumber, t, type Lang } from './i18n/index.js';
import type { CrossFilterData } from './cross-filter.js';
import type { SelectionLinks } from './selection-links.js';
import { linePoints } from './year-notes.js';

/** What a page draws for its selection (the nation and region pages alike). */
export interface SelectionView {
  /** The selection bar's regions: each one's page and the link that takes it out. */
  items: { code: string; name: string; drill: string; remove: string }[];
  /** The selection bar's range ("Desa bernilai 1,0–2,0") and the link that takes it out. */
  range: { label: string; remove: string } | null;
  /** The histogram's bins, each a link that selects it while the cross-filter is on. */
  bins: Bin[];
  /** Each child's villages in the range, most first, as bars that select; null without a range. */
  inRangeBars: Bar[] | null;
  /** The scope's mean and each selected child's, over the years. */
  series: LineSeries[];
  /** Each selected child's Lorenz curve of the year shown, beside the scope's gap. */
  lorenz: { key: string; label: string; points: LorenzCurve['points'] }[];
}

/**
 * The marks and words of a page's selection from its links and the API's answers.
 *
 * @example
 * ```ts
 * const view = selectionView({ links, cross: data.cross, distribution: data.distribution,
 *   series: data.series, scope: 'Jawa Timur', lang, format: fmt });
 * ```
 */
export function selectionView(options: {
  links: SelectionLinks;
  cross: CrossFilterData;
  distribution: Distribution | null;
  /** The scope's own series of the measure (its mean is drawn beside the selection's). */
  series: readonly TimeseriesPoint[];
  /** The scope's name in the legend ("Indonesia", "Jawa Timur"). */
  scope: string;
  lang: Lang;
  format: (value: number) => string;
}): SelectionView {
  const { links, cross, lang, format } = options;
  const range = cross.selection.range;
  return {
    items: cross.selected.map((s) => ({
      code: s.code,
      name: s.name,
      drill: links.drill(s.code),
      remove: links.remove(s.code),
    })),
    range: range
      ? {
          label: t('select.range', lang, { from: format(range.from), to: format(range.to) }),
          remove: links.removeRange,
        }
      : null,
    bins:
      options.distribution?.bins.map((b) =>
        cross.active ? { ...b, href: links.bin(b), selected: links.binSelected(b) } : b,
      ) ?? [],
    inRangeBars: cross.inRange
      ? [...cross.inRange.children]
          .sort((a, b) => b.inRange - a.inRange || a.code.localeCompare(b.code))
          .map((c) => ({
            key: c.code,
            label: c.name,
            value: c.inRange,
            detail: t('select.ofVillages', lang, { n: formatNumber(c.villages, lang) }),
            href: links.toggle(c.code),
            drill: links.drill(c.code),
            selected: links.isSelected(c.code),
          }))
      : null,
    series: [
      {
        key: 'scope',
        label: options.scope,
        emphasis: true,
        points: linePoints(options.series, (p) => p.mean),
      },
      ...cross.selected.map((s) => ({
        key: s.code,
        label: s.name,
        points: linePoints(s.points, (p) => p.mean),
      })),
    ],
    lorenz: cross.selected.flatMap((s) =>
      s.lorenz ? [{ key: s.code, label: s.name, points: s.lorenz.points }] : [],
    ),
  };
}
