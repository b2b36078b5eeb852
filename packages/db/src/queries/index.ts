// The aggregation queries the server calls, one per procedure: functions with the database first,
// returning named, JSON-plain result types. Test fixtures (regions-test-database.ts) stay out.
export { QueryInputError } from './query-input-error.js';
export { parseQueryInput } from './parse-query-input.js';
export { QUERY_LIMIT_MAX, QueryLimit, Threshold, measureThreshold } from './query-fields.js';
export { assertRegionExists } from './assert-region-exists.js';

export {
  getRegion,
  GetRegionInput,
  regionAncestors,
  regionRefs,
  type RegionDetail,
  type RegionRef,
} from './get-region.js';
export { regionChildren, RegionChildrenInput } from './region-children.js';
export { prepareRegionMemory } from './region-memory.js';
export {
  prepareRegionSearch,
  searchRegions,
  SEARCH_QUERY_MAX_LENGTH,
  type RegionHit,
  type RegionMatch,
  type RegionSearchResult,
  SearchRegionsInput,
} from './search-regions.js';

export { indexByRegion, IndexByRegionInput, type RegionIndexRow } from './index-by-region.js';
export { timeseries, TimeseriesInput, type TimeseriesPoint } from './timeseries.js';
export { divideSummary, type DivideSummary, DivideSummaryInput } from './divide-summary.js';
export { convergence, type Convergence, ConvergenceInput } from './convergence.js';
export {
  childConvergence,
  ChildConvergenceInput,
  type ChildConvergence,
  type ChildGrowth,
} from './child-convergence.js';
export { lorenz, type LorenzCurve, LorenzInput } from './lorenz.js';
export {
  distribution,
  type Distribution,
  type DistributionBin,
  DistributionInput,
} from './distribution.js';
export {
  childrenInRange,
  ChildrenInRangeInput,
  type ChildInRange,
  type ChildrenInRange,
} from './children-in-range.js';

export {
  villageProfile,
  VillageProfileInput,
  nationalMeans,
  type NationalMeans,
  type ProfileIndicator,
  type ProfileMeasure,
  type ProfileYear,
  type VillageMentoringEvent,
  type VillageProfile,
  type VillageRank,
} from './village-profile.js';

export { mentoringAttendance, type AttendanceRole } from './mentoring-attendance.js';
export {
  mentoringCoverage,
  type CoverageFigures,
  type MentoringCoverage,
  MentoringCoverageInput,
  type RegionCoverage,
  type SectorCoverage,
} from './mentoring-coverage.js';
export {
  mentoringImpact,
  type CohortImpact,
  type ImpactEventTime,
  type ImpactEstimate,
  type MentoringImpact,
  MentoringImpactInput,
} from './mentoring-impact.js';
export {
  mentoringPriorities,
  type MentoringPriorities,
  MentoringPrioritiesInput,
  type PriorityVillage,
} from './mentoring-priorities.js';

export { datasetHealth, DATABASE_TABLES, type DatasetHealth } from './dataset-health.js';
export {
  COMPLETE_YEAR_COVERAGE,
  type CoverageOptions,
  latestCompleteYear,
  yearCoverage,
  type YearCoverage,
  YearCoverageInput,
} from './year-coverage.js';
export {
  publishedFigures,
  PUBLISHED_DATASETS,
  type PublishedFigure,
  PublishedFiguresInput,
} from './published-figures.js';
// CONV: the parts of a convergence answer that say how sure it is.
export type { AbsoluteBeta, TrendInference } from './convergence.js';
export type { ChildFit } from './child-convergence.js';
// PEOPLE: weighting figures by people (issue 12).
export { type PeopleBelow } from './divide-summary.js';
export { peopleWeightEffective, type PeopleWeighting } from './people-weights.js';
