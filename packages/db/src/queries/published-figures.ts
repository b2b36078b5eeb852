import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import { QueryInputError } from './query-input-error.js';

export interface PublishedFiguresInput {
  /** `ild`, `iptik` or `imdi`; all when omitted. */
  dataset?: 'ild' | 'iptik' | 'imdi' | undefined;
  year?: number | undefined;
  /** `national` (region_code null) or `province`; both when omitted. */
  scope?: 'national' | 'province' | undefined;
}

/** A figure from a public report, as stored (source kind `published`). */
export interface PublishedFigure {
  dataset: 'ild' | 'iptik' | 'imdi';
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
  input: PublishedFiguresInput = {},
): Promise<PublishedFigure[]> {
  if (
    input.year !== undefined &&
    !(Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100)
  ) {
    throw new QueryInputError('year', `must be a year from 2000 to 2100, got ${input.year}`);
  }
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
