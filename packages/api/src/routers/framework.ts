import type { TRPCRouterRecord } from '@trpc/server';
import { FRAMEWORK, INDEX_MEASURES, MEASURE_SCALES, SECTORS } from '@pandu/domain';
import { publicProcedure } from '../trpc.js';

export const frameworkRouter = {
  /** The indicator framework with labels in both languages, the measures and the sectors. */
  get: publicProcedure.query(() => ({
    levels: FRAMEWORK.levels,
    indicators: FRAMEWORK.indicators,
    measures: INDEX_MEASURES.map((id) => ({ id, ...MEASURE_SCALES[id] })),
    sectors: SECTORS,
  })),
} satisfies TRPCRouterRecord;
