import {
  ChildConvergenceInput,
  ConvergenceInput,
  DistributionInput,
  DivideSummaryInput,
  IndexByRegionInput,
  LorenzInput,
  MentoringImpactInput,
  TimeseriesInput,
} from '@pandu/db';
import { withDeprecatedAliases } from '../deprecated-aliases.js';

// Each procedure's input is the schema its query exports (@pandu/db), passed through. Only the
// inputs that once had other names are wrapped here, so old URLs and clients keep working:
// `pillar` was the name of `measure`, and `parent` of `index.byRegion`'s `code`.

const PILLAR = { pillar: 'measure' } as const;

export const IndexByRegionApiInput = withDeprecatedAliases(IndexByRegionInput, {
  ...PILLAR,
  parent: 'code',
});
export const TimeseriesApiInput = withDeprecatedAliases(TimeseriesInput, PILLAR);
export const DivideSummaryApiInput = withDeprecatedAliases(DivideSummaryInput, PILLAR);
export const ConvergenceApiInput = withDeprecatedAliases(ConvergenceInput, PILLAR);
export const ChildConvergenceApiInput = withDeprecatedAliases(ChildConvergenceInput, PILLAR);
export const LorenzApiInput = withDeprecatedAliases(LorenzInput, PILLAR);
export const DistributionApiInput = withDeprecatedAliases(DistributionInput, PILLAR);
export const MentoringImpactApiInput = withDeprecatedAliases(MentoringImpactInput, PILLAR);
