import { sql, type Kysely } from 'kysely';
import type { Gap } from '@pandu/domain';
import {
  DivideSummaryInput,
  peopleBelowOf,
  type DivideSummary,
} from '../queries/divide-summary.js';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { measureColumn } from '../sql/index.js';
import {
  defaultThreshold,
  freshColumn,
  kindMatches,
  lookupRow,
  sortedValues,
  storedScope,
  type StoredScope,
} from './stored-scope.js';
import { sliceFigures } from './sorted-figures.js';
import { figureMemory, type FigureMemory } from './figure-memory.js';
import { villageMemory } from './village-memory.js';

const gap = (top: number, bottom: number): Gap => ({
  top,
  bottom,
  difference: top - bottom,
  ratio: bottom > 0 ? top / bottom : null,
});

type PeopleBelowSums = Parameters<typeof peopleBelowOf>[0] & object;

interface FigureRow {
  kind: string;
  n: number;
  rows: number;
  mean: number | null;
  cv: number;
  gini: number;
  theil: number;
  theil_between: number;
  theil_within: number;
  theil_groups: number;
  palma: number | null;
  quintile_top: number;
  quintile_bottom: number;
  max: number;
  min: number;
  child_max: number | null;
  child_min: number | null;
  below: number;
}

/**
 * {@link divideSummary} from the stored figures: one lookup of the region's row (and its kelurahan
 * and desa rows for the urban-rural gap); a district's figures are computed from its villages'
 * rows in village_index (in memory for a served version, else one read kept by zone maps to its
 * row group). Null when the input is not precomputed (a threshold
 * other than the measure's default, a village, stale figures, no data): the caller then asks
 * the on-demand query, which throws the right error.
 *
 * @example
 * ```ts
 * const d = (await storedDivideSummary(db, { code: '35', year: 2024 })) ?? (await divideSummary(db, { code: '35', year: 2024 }));
 * ```
 */
export async function storedDivideSummary(
  db: Kysely<Database>,
  input: DivideSummaryInput,
): Promise<DivideSummary | null> {
  const scoped = storedScope(DivideSummaryInput, input);
  if (!scoped) return null;
  const { key, parsed } = scoped;
  const threshold = defaultThreshold(key.measure, parsed.threshold);
  if (threshold === null) return null;
  if (key.level === 'district') return districtDivideSummary(db, key, parsed.year, threshold);
  const row = await summaryRows(db, key, parsed.year, threshold);
  if (!row?.fresh || !row.rows) return null;
  const own = row.rows.find((r) => r.kind === key.kind);
  if (!own || own.n === 0 || own.mean === null) return null;
  const meanOf = (kind: string) => {
    const r = row.rows?.find((x) => x.kind === kind);
    return r && r.n > 0 ? r.mean : null;
  };
  const kelurahan =
    key.kind === 'all' ? meanOf('kelurahan') : key.kind === 'kelurahan' ? own.mean : null;
  const desa = key.kind === 'all' ? meanOf('desa') : key.kind === 'kelurahan' ? null : own.mean;
  return {
    code: key.scope.code ?? null,
    level: key.level,
    year: parsed.year,
    measure: key.measure,
    n: own.n,
    missing: own.rows - own.n,
    mean: own.mean,
    gini: own.gini,
    theil: {
      total: own.theil,
      between: own.theil_between,
      within: own.theil_within,
      groups: own.theil_groups,
    },
    coefficientOfVariation: own.cv,
    palmaRatio: own.palma,
    quintileGap: gap(own.quintile_top, own.quintile_bottom),
    maxMinGap: gap(own.max, own.min),
    childMaxMinGap:
      own.child_max !== null && own.child_min !== null ? gap(own.child_max, own.child_min) : null,
    urbanRuralGap: {
      kelurahan,
      desa,
      difference: kelurahan !== null && desa !== null ? kelurahan - desa : null,
    },
    threshold,
    shareBelow: own.below / own.n,
    peopleBelow: peopleBelowOf(row.below ?? undefined),
  };
}

/** The region's rows of the kinds the summary reads, and the people below, with freshness. */
interface SummaryRows {
  rows: FigureRow[] | null;
  below: PeopleBelowSums | null;
  fresh: boolean;
}

/** {@link SummaryRows} from memory for a read-only database, else from one SQL lookup. */
async function summaryRows(
  db: Kysely<Database>,
  key: StoredScope,
  year: number,
  threshold: number,
): Promise<SummaryRows | null> {
  const memory = await figureMemory(db);
  if (memory) {
    if (!memory.fresh) return null;
    const kinds = new Set([key.kind, 'kelurahan', 'desa']);
    const rows: FigureRow[] = [];
    for (const kind of kinds) {
      const r = memory.figure(key.code, kind, key.measure, year);
      if (r) rows.push({ ...(r as unknown as FigureRow), kind });
    }
    return {
      rows: rows.length > 0 ? rows : null,
      below: peopleBelowInMemory(memory, key, year, threshold),
      fresh: true,
    };
  }
  return lookupRow(
    db,
    sql<SummaryRows>`select (
        select list(struct_pack(kind, n, rows, mean, cv, gini, theil, theil_between, theil_within,
          theil_groups, palma, quintile_top, quintile_bottom, max, min, child_max, child_min, below))
        from scope_figures
        where code = ${key.code} and measure = ${key.measure} and year = ${year}
          and kind in (${key.kind}, 'kelurahan', 'desa')
      ) as rows, (
        -- People in regencies whose mean is below the threshold: the regencies' stored rows.
        select struct_pack(people := sum(p.total) filter (where s.mean < ${threshold})::double,
          total_people := sum(p.total)::double,
          regencies := count(*) filter (where s.mean < ${threshold})::integer,
          total_regencies := count(*)::integer)
        from scope_figures s join region_population p on p.code = s.code
        where length(s.code) = 5 and starts_with(s.code, ${key.code === '' ? '' : `${key.code}.`})
          and s.kind = ${key.kind} and s.measure = ${key.measure} and s.year = ${year}
          and s.n > 0
      ) as below, ${await freshColumn(db)} as fresh`,
  );
}

/** The people-below sums of the SQL lookup, as a loop over the regencies in memory. */
function peopleBelowInMemory(
  memory: FigureMemory,
  key: StoredScope,
  year: number,
  threshold: number,
): PeopleBelowSums {
  let people: number | null = null;
  let total: number | null = null;
  let regencies = 0;
  let all = 0;
  for (const code of memory.regenciesUnder(key.code)) {
    const p = memory.population(code);
    if (p === undefined) continue;
    const r = memory.figure(code, key.kind, key.measure, year);
    if (!r || r.n <= 0) continue;
    all++;
    total = (total ?? 0) + p;
    if (r.mean !== null && r.mean < threshold) {
      regencies++;
      people = (people ?? 0) + p;
    }
  }
  return { people, total_people: total, regencies, total_regencies: all };
}

/** A district's summary from its villages' values (the children of the Theil split are villages). */
async function districtDivideSummary(
  db: Kysely<Database>,
  key: StoredScope,
  year: number,
  threshold: number,
): Promise<DivideSummary | null> {
  const memory = await villageMemory(db);
  const all = memory
    ? memory.indexRows('district', key.code, year).map((r) => ({ kind: r.kind, y: r[key.measure] }))
    : (
        await sql<{ kind: string; y: number | null }>`
          select kind, ${measureColumn(key.measure)} as y from village_index
          where district_code = ${key.code} and year = ${year} order by village_code`.execute(db)
      ).rows;
  const villages = all.filter((r) => kindMatches(key.kind, r.kind));
  const withValue = villages.filter((r): r is { kind: string; y: number } => r.y !== null);
  const n = withValue.length;
  if (n === 0) {
    // The district has villages that year but none of the kind with a value: the on-demand query's
    // answer, without its scans (a district without desa adat is the common case). With no rows at
    // all, the on-demand query decides (an unknown district, a year outside the data).
    if (all.length > 0) {
      throw new NoDataError(`no ${key.measure} values in ${year} for ${key.code}`);
    }
    return null;
  }
  const sorted = sortedValues(withValue.map((r) => r.y));
  const f = sliceFigures(sorted, 0, n, threshold);
  const meanWhere = (test: (kind: string) => boolean) => {
    const ys = withValue.filter((r) => test(r.kind)).map((r) => r.y);
    return ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : null;
  };
  const kelurahan = meanWhere((k) => k === 'kelurahan');
  const desa = meanWhere((k) => k !== 'kelurahan');
  const positive = f.mean > 0;
  return {
    code: key.code,
    level: 'district',
    year,
    measure: key.measure,
    n,
    missing: villages.length - n,
    mean: f.mean,
    gini: f.gini,
    theil: {
      total: f.theil,
      between: positive ? (f.theil < 0 && f.theil > -1e-12 ? 0 : f.theil) : 0,
      within: 0,
      groups: positive ? n : 0,
    },
    coefficientOfVariation: f.cv,
    palmaRatio: f.palma,
    quintileGap: gap(f.quintileTop, f.quintileBottom),
    maxMinGap: gap(sorted[n - 1] as number, sorted[0] as number),
    childMaxMinGap: null,
    urbanRuralGap: {
      kelurahan,
      desa,
      difference: kelurahan !== null && desa !== null ? kelurahan - desa : null,
    },
    threshold,
    shareBelow: f.below / n,
    peopleBelow: null,
  };
}
