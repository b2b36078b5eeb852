import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@pandu/api';

// The API's result types, read off its router: pages and components take these as props, so a
// change of the API's shape is a type error here rather than a blank chart. Types only: nothing
// of the server reaches the browser bundle.

export type ApiOutputs = inferRouterOutputs<AppRouter>;
export type ApiInputs = inferRouterInputs<AppRouter>;

export type Health = ApiOutputs['health'];
export type Framework = ApiOutputs['framework']['get'];
export type RegionDetail = ApiOutputs['regions']['get'];
export type RegionSearchResult = ApiOutputs['regions']['search'];
export type RegionHit = RegionSearchResult['hits'][number];
export type RegionIndexRow = ApiOutputs['index']['byRegion'][number];
export type TimeseriesPoint = ApiOutputs['index']['timeseries'][number];
export type DivideSummary = ApiOutputs['divide']['summary'];
export type Convergence = ApiOutputs['divide']['convergence'];
export type ChildConvergence = ApiOutputs['divide']['childConvergence'];
export type LorenzCurve = ApiOutputs['divide']['lorenz'];
export type Distribution = ApiOutputs['divide']['distribution'];
export type ChildrenInRange = ApiOutputs['divide']['childrenInRange'];
export type VillageProfile = ApiOutputs['villages']['profile'];
export type MentoringCoverage = ApiOutputs['mentoring']['coverage'];
export type MentoringImpact = ApiOutputs['mentoring']['impact'];
export type MentoringPriorities = ApiOutputs['mentoring']['priorities'];
export type PriorityVillage = MentoringPriorities['villages'][number];
export type PublishedFigure = ApiOutputs['published']['list'][number];
export type VersionEntry = ApiOutputs['versions']['list'][number];
export type VersionChanges = ApiOutputs['versions']['changes'];
