import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ObservationYear } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { parseQueryInput } from './parse-query-input.js';

/** The public reports whose figures are kept: ILD, IP-TIK and IMDI. */
export const PUBLISHED_DATASETS = ['ild', 'iptik', 'imdi'] as const;

/**
 * Input of {@link publishedFigures}: the `dataset` (all when omitted), the `year` and the `scope`,
 * `national` (region_code null) or `province` (both when omitted).
 *
 * @example
 * ```ts
 * PublishedFiguresInput.parse({ dataset: 'iptik', year: 2024, scope: 'province' });
 * ```
 */
export const PublishedFiguresInput = z.object({
  dataset: z.enum(PUBLISHED_DATASETS).optional(),
  year: ObservationYear.optional(),
  scope: z.enum(['national', 'province']).optional(),
});
export type PublishedFiguresInput = z.input<typeof PublishedFiguresInput>;

/** A figure from a public report, as stored (source kind `published`). */
export interface PublishedFigure {
  dataset: (typeof PUBLISHED_DATASETS)[number];
  /** Province code as published (34-province borders for ILD 2021 and IP-TIK 2024); null: national. */
  regionCode: string | null;
  year: number;
  measure: string;
  value: number;
  note: string | null;
  citation: string;
  source: 'published';
}

/**
 * The published national and provincial figures (ILD, IP-TIK, IMDI) kept beside the synthetic
 * village data, so a view can show both and label each by its source kind.
 *
 * @example
 * ```ts
 * const iptik = await publishedFigures(db, { dataset: 'iptik', year: 2024, scope: 'province' });
 * iptik.find((f) => f.regionCode === '31')?.value; // 7.88
 * ```
 */
export async function publishedFigures(
  db: Kysely<Database>,
  raw: PublishedFiguresInput = {},
): Promise<PublishedFigure[]> {
  const input = parseQueryInput(PublishedFiguresInput, raw);
  let query = db
    .selectFrom('published_figures')
    .select(['dataset', 'region_code', 'year', 'measure', 'value', 'note', 'citation']);
  if (input.dataset) query = query.where('dataset', '=', input.dataset);
  if (input.year !== undefined) query = query.where('year', '=', input.year);
  if (input.scope === 'national') query = query.where('region_code', 'is', null);
  if (input.scope === 'province') query = query.where('region_code', 'is not', null);
  const rows = await query
    .orderBy('dataset')
    .orderBy('year')
    .orderBy('region_code')
    .orderBy('measure')
    .execute();
  return rows.map((r) => ({
    dataset: r.dataset,
    regionCode: r.region_code,
    year: r.year,
    measure: r.measure,
    value: r.value,
    note: r.note,
    citation: r.citation,
    source: 'published' as const,
  }));
}
