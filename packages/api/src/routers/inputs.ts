import { z } from 'zod';
import { IndexMeasure, MEASURE_SCALES, RegionCode, Sector, VillageCode } from '@pandu/domain';
import { SEARCH_QUERY_MAX_LENGTH, type KindFilter } from '@pandu/db';

// Procedure inputs, composed from the domain's schemas so a bad code or measure is rejected at the
// boundary with a message naming the field. Ranges keep a request small and its query bounded.

export const Year = z.number().int().min(2000).max(2100);
/** all, kelurahan (urban), desa (rural: desa and desa adat), desa_adat. */
export const Kind: z.ZodType<KindFilter> = z.enum(['all', 'kelurahan', 'desa', 'desa_adat']);
export const Threshold = z.number().finite();
/** Every list a client can size is capped at 100 rows. */
const Limit = z.number().int().min(1).max(100);

export const CodeInput = z.object({ code: RegionCode });
export const OptionalCodeInput = z.object({ code: RegionCode.optional() });
export const VillageInput = z.object({ code: VillageCode });
export const SearchInput = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(SEARCH_QUERY_MAX_LENGTH),
  limit: Limit.optional(),
});
export const ByRegionInput = z.object({
  parent: RegionCode.optional(),
  year: Year,
  pillar: IndexMeasure.optional(),
  kind: Kind.optional(),
});
export const TimeseriesInput = z.object({
  code: RegionCode.optional(),
  pillar: IndexMeasure.optional(),
  kind: Kind.optional(),
});
export const DivideInput = z.object({
  code: RegionCode.optional(),
  year: Year,
  pillar: IndexMeasure.optional(),
  kind: Kind.optional(),
  threshold: Threshold.optional(),
});
export const ConvergenceInput = z.object({
  code: RegionCode.optional(),
  pillar: IndexMeasure.optional(),
  kind: Kind.optional(),
  threshold: Threshold.optional(),
});
export const LorenzInput = z.object({
  code: RegionCode.optional(),
  year: Year,
  pillar: IndexMeasure.optional(),
  kind: Kind.optional(),
});
export const DistributionInput = LorenzInput.extend({
  /** About how many bins; the edges are rounded. */
  bins: z.number().int().min(2).max(100).optional(),
});
export const CoverageInput = z.object({
  code: RegionCode.optional(),
  sector: Sector.optional(),
  from: Year.optional(),
  to: Year.optional(),
});
export const ImpactInput = z.object({
  code: RegionCode.optional(),
  sector: Sector.optional(),
  pillar: IndexMeasure.optional(),
});
export const PrioritiesInput = z.object({
  code: RegionCode.optional(),
  sector: Sector.optional(),
  limit: Limit.optional(),
  /** Lowest access index that counts as connected (default 50). */
  minAccess: z
    .number()
    .min(MEASURE_SCALES.access_index.min)
    .max(MEASURE_SCALES.access_index.max)
    .optional(),
});

export const PublishedInput = z.object({
  dataset: z.enum(['ild', 'iptik', 'imdi']).optional(),
  year: Year.optional(),
  scope: z.enum(['national', 'province']).optional(),
});
