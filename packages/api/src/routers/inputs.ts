import {
  ChildConvergenceInput,
  ChildrenInRangeInput,
  ConvergenceInput,
  DEFAULT_MEASURE,
  DistributionInput,
  DivideSummaryInput,
  IndexByRegionInput,
  LorenzInput,
  MentoringCoverageInput,
  MentoringImpactInput,
  MentoringPrioritiesInput,
  PublishedFiguresInput,
  RegionChildrenInput,
  TimeseriesInput,
} from '@pandu/db';
import { roundThreshold, type IndexMeasure } from '@pandu/domain';
import { withDeprecatedAliases } from '../deprecated-aliases.js';

// Each procedure's input is the schema its query exports (@pandu/db), passed through, with three
// kinds of wrapping done here, at the API's edge:
// - inputs that once had other names accept them, so old URLs and clients keep working:
//   `pillar` was the name of `measure`, and `parent` of `index.byRegion`'s `code`;
// - an input whose fields are all optional may be left out (`GET /trpc/regions.children` without
//   `input`, `api.regions.children.query()`), as `{}`;
// - a threshold is rounded to its measure's step (MEASURE_SCALES: 0.01 on 1-5 scales, 0.1 on
//   0-100), so 2.9999999 and 3 are one question and one cache entry. The query then runs with
//   the rounded threshold and the answer's `threshold` says which value was used: the answer is
//   exactly right for that input, never a neighbour's answer served from the cache.

const PILLAR = { pillar: 'measure' } as const;

/** `threshold` rounded on the scale of `measure` (the default measure when none is given). */
function roundedThreshold<T extends { measure?: IndexMeasure; threshold?: number }>(input: T): T {
  if (input.threshold === undefined) return input;
  return { ...input, threshold: roundThreshold(input.measure ?? DEFAULT_MEASURE, input.threshold) };
}

export const RegionChildrenApiInput = RegionChildrenInput.default({});
export const PublishedListApiInput = PublishedFiguresInput.default({});
export const IndexByRegionApiInput = withDeprecatedAliases(IndexByRegionInput, {
  ...PILLAR,
  parent: 'code',
});
export const TimeseriesApiInput = withDeprecatedAliases(TimeseriesInput, PILLAR).default({});
export const DivideSummaryApiInput = withDeprecatedAliases(DivideSummaryInput, PILLAR).transform(
  roundedThreshold,
);
export const ConvergenceApiInput = withDeprecatedAliases(ConvergenceInput, PILLAR)
  .transform(roundedThreshold)
  .default({});
export const ChildConvergenceApiInput = withDeprecatedAliases(
  ChildConvergenceInput,
  PILLAR,
).default({});
export const LorenzApiInput = withDeprecatedAliases(LorenzInput, PILLAR);
export const DistributionApiInput = withDeprecatedAliases(DistributionInput, PILLAR);
/** New with the cross-filter: no older names to accept. */
export const ChildrenInRangeApiInput = ChildrenInRangeInput;
export const MentoringCoverageApiInput = MentoringCoverageInput.default({});
export const MentoringImpactApiInput = withDeprecatedAliases(MentoringImpactInput, PILLAR).default(
  {},
);
/** `minAccess` is a threshold on the access index: rounded like one. */
export const MentoringPrioritiesApiInput = MentoringPrioritiesInput.transform((input) =>
  input.minAccess === undefined
    ? input
    : { ...input, minAccess: roundThreshold('access_index', input.minAccess) },
).default({});
