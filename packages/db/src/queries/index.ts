// The aggregation queries the server calls, one per procedure: functions with the database first,
// returning named, JSON-plain result types. Test fixtures (regions-test-database.ts) stay out.
export { QueryInputError } from './query-input-error.js';
export { parseInteger, parseMeasure, parseSector, parseYear } from './parse-query-input.js';
export {
  regionScope,
  kindFilter,
  measureColumn,
  KIND_FILTERS,
  type KindFilter,
  type RegionScope,
} from './region-scope.js';
export { assertRegionExists } from './assert-region-exists.js';

export {
  getRegion,
  regionAncestors,
  regionRefs,
  type RegionDetail,
  type RegionRef,
} from './get-region.js';
export { regionChildren } from './region-children.js';
export {
  searchRegions,
  SEARCH_QUERY_MAX_LENGTH,
  type RegionHit,
  type RegionMatch,
  type RegionSearchResult,
  type SearchRegionsInput,
} from './search-regions.js';

export { indexByRegion, type IndexByRegionInput, type RegionIndexRow } from './index-by-region.js';
export { timeseries, type TimeseriesInput, type TimeseriesPoint } from './timeseries.js';
export { divideSummary, type DivideSummary, type DivideSummaryInput } from './divide-summary.js';
export { convergence, type Convergence, type ConvergenceInput } from './convergence.js';
export {
  childConvergence,
  type ChildConvergence,
  type ChildConvergenceInput,
  type ChildGrowth,
} from './child-convergence.js';
export { lorenz, type LorenzCurve, type LorenzInput } from './lorenz.js';
export {
  distribution,
  type Distribution,
  type DistributionBin,
  type DistributionInput,
} from './distribution.js';

export {
  villageProfile,
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
  type MentoringCoverageInput,
  type RegionCoverage,
  type SectorCoverage,
} from './mentoring-coverage.js';
export {
  mentoringImpact,
  type CohortImpact,
  type ImpactEstimate,
  type MentoringImpact,
  type MentoringImpactInput,
} from './mentoring-impact.js';
export {
  mentoringPriorities,
  type MentoringPriorities,
  type MentoringPrioritiesInput,
  type PriorityVillage,
} from './mentoring-priorities.js';

export { datasetHealth, DATABASE_TABLES, type DatasetHealth } from './dataset-health.js';
export {
  publishedFigures,
  type PublishedFigure,
  type PublishedFiguresInput,
} from './published-figures.js';
