import type { IndexMeasure, KindFilter } from '@pandu/domain';
import type { Distribution } from '$lib/api-types.js';
import {
  NO_SELECTION,
  rangeIncludesTo,
  selectionOf,
  type CrossFilterData,
  type Selection,
} from '$lib/cross-filter.js';
import type { Weight } from '$lib/filters.js';
import { isVillageCode } from '$lib/region-code.js';
import { orNull, type Api } from './api.js';

export type { CrossFilterData };

/**
 * The figures a page's selection asks of the API: the selected children's lines and Lorenz
 * curves (stored, one lookup each) and, for a range of histogram bins, each child's villages in it (once the
 * histogram is known, so a range ending at its last bin counts that bin's top edge as the bars
 * do). Codes that are not children of the page are dropped.
 *
 * @example
 * ```ts
 * const cross = await loadCrossFilter(api, { code: '35', year: 2024, measure, kind, weight,
 *   selection, children, distribution });
 * ```
 */
export async function loadCrossFilter(
  api: Api,
  scope: {
    /** undefined: the nation. */
    code: string | undefined;
    year: number | null;
    measure: IndexMeasure;
    kind: KindFilter;
    weight: Weight;
    /** false: the cross-filter is off (two years compared); nothing is selected or asked. */
    active: boolean;
    selection: Selection;
    children: readonly { code: string; name: string }[];
    distribution: Distribution | null;
  },
): Promise<CrossFilterData> {
  const { code, year, measure, kind, distribution } = scope;
  if (!scope.active) return { active: false, selection: NO_SELECTION, selected: [], inRange: null };
  const selection = selectionOf(
    scope.selection,
    scope.children.map((c) => c.code),
    distribution?.bins ?? null,
  );
  const names = new Map(scope.children.map((c) => [c.code, c.name]));
  const weight = scope.weight === 'people' ? { weight: 'people' as const } : {};
  const range = selection.range;
  const [lines, inRange] = await Promise.all([
    Promise.all(
      selection.codes.map(async (c) => {
        const [points, lorenz] = await Promise.all([
          orNull(api.index.timeseries.query({ code: c, measure, kind, ...weight })),
          // A village (a district page's child) has no curve of its own.
          year === null || isVillageCode(c)
            ? null
            : orNull(api.divide.lorenz.query({ code: c, year, measure, kind, ...weight })),
        ]);
        return { code: c, name: names.get(c) ?? c, points: points ?? [], lorenz };
      }),
    ),
    range === null || year === null || distribution === null
      ? null
      : orNull(
          api.divide.childrenInRange.query({
            ...(code === undefined ? {} : { code }),
            year,
            measure,
            kind,
            from: range.from,
            to: range.to,
            includeTo: rangeIncludesTo(range, distribution.bins),
          }),
        ),
  ]);
  return { active: true, selection, selected: lines, inRange };
}
