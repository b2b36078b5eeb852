import type { DuckDBConnection as DuckDBNodeConnection } from '@duckdb/node-api';
import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES, type IndexMeasure, type RegionLevel } from '@pandu/domain';
import { forgetOnce, isReadOnlyDatabase, readOnce, readyOnce } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { figuresFresh } from './figures-fresh.js';
import { withNativeConnection } from './native-connection.js';
import { countRows, NullableColumn, streamRows } from './typed-columns.js';
import { isMissingTable, SCOPE_TABLES, type StoredCount } from './stored-scope.js';

// The stored figures of a read-only database (a served version) held in this process, so a stored
// read with a new input is a JavaScript lookup instead of a DuckDB query (issue 14: about 3.8 ms
// of server CPU per uncached answer went mostly to DuckDB's per-query overhead, not to the
// figures). A served version cannot change while it is open, so the tables are read once, whole,
// in the background when the version opens (prepareFigureMemory; else the first stored read
// starts it), and kept for the version's life by readOnce (dropped with the database object);
// until they are in, stored reads ask DuckDB. A writable database never gets one: its figures can
// be rewritten under it, so its stored reads ask DuckDB every time.
//
// Compact: each table is typed columns (Float64Array, Int32Array; a null is a bit beside the
// value) in the order of its lookup key, and a Map from the key to its block of rows; strings are
// held once per region. Answers are built from these on each read, so nothing shared is handed
// out to be mutated. National (bench/figure-memory.ts, 71,136 + 188,088 rows and the small
// tables): read in about 0.8 s; 13 MiB of heap and 36 MiB of typed arrays kept; the process's RSS
// grows 167 MiB at the read, of which about 74 MiB is DuckDB's buffers of the tables it scanned
// (a server answering with SQL holds those too once its lookups have scanned them). A served
// national version starts with 76 MiB more RSS than without it (bench:load, 407 against 331 MiB).
//
// Beside it: the villages' index rows, from which a district's figures are computed
// (village-memory.ts). Not held whole: the mentoring figures (99,000 to 313,000 rows with lists
// per sector): a scope's block of those is kept on its first touch (figureBlock: coverage, impact
// and the priority rankings).

/** One scope_figures row: a region's figures of its villages (of a kind) for a measure and year. */
export interface ScopeFigureRow {
  year: number;
  n: number;
  rows: number;
  villages: number;
  mean: number | null;
  cv: number | null;
  gini: number | null;
  theil: number | null;
  theil_between: number | null;
  theil_within: number | null;
  theil_groups: number | null;
  palma: number | null;
  quintile_top: number | null;
  quintile_bottom: number | null;
  max: number | null;
  min: number | null;
  child_max: number | null;
  child_min: number | null;
  below: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** One scope_convergence row: a region's regression between two years. */
export interface ConvergenceFitRow {
  first_year: number;
  last_year: number;
  n: number;
  excluded: number;
  slope: number | null;
  intercept: number | null;
  r2: number | null;
  sxx: number | null;
  syy: number | null;
  sxy: number | null;
  abs_slope: number | null;
  abs_intercept: number | null;
  abs_sxx: number | null;
  abs_syy: number | null;
  abs_sxy: number | null;
}

/** One scope_children row: a child region's means of every measure in a year. */
export type ScopeChildRow = {
  code: string;
  name: string;
  level: RegionLevel;
  year: number;
  rows: number;
} & Record<string, number | null>;

/** The stored figures of a read-only database, in memory. */
export interface FigureMemory {
  /**
   * Whether the stored figures are fresh (their stamp is the data version) and their tables
   * exist; when not, every stored read answers null, as its SQL lookup would.
   */
  fresh: boolean;
  /** A region's rows of a kind and measure, by year; null when it has none (as `list()` is). */
  figures(code: string, kind: string, measure: IndexMeasure): ScopeFigureRow[] | null;
  /** One year's row of {@link FigureMemory.figures}, or null. */
  figure(code: string, kind: string, measure: IndexMeasure, year: number): ScopeFigureRow | null;
  /** The dataset's counts of a measure per year (the nation, every kind), or null. */
  datasetCounts(measure: IndexMeasure): StoredCount[] | null;
  /** The regencies (codes) under a province, or under '' every regency, in code order. */
  regenciesUnder(code: string): readonly string[];
  /** A province's or regency's residents (region_population.total), or undefined. */
  population(code: string): number | undefined;
  /** A region's stored regressions of a kind and measure ([] when none). */
  fits(code: string, kind: string, measure: IndexMeasure): ConvergenceFitRow[];
  /** The stored Lorenz shares and histogram counts of the nation or a province, or null. */
  shape(
    code: string,
    kind: string,
    measure: IndexMeasure,
    year: number,
  ): { lorenz: number[]; bins: number[] } | null;
  /**
   * The stored children of a region (provinces under '') of a kind, by code then year, in the
   * years `years` keeps (every year without it); null when it has none (as `list()` is).
   */
  children(parent: string, kind: string, years?: (year: number) => boolean): ScopeChildRow[] | null;
}

/**
 * The stored figures of `db` in memory when `db` was opened read-only and they have been read
 * (once per database: prepareFigureMemory, or the first call starts the read), else null: the
 * caller then reads them with SQL, as a writable database's figures may be rewritten under it,
 * and a request right after a version opens does not wait for the whole read.
 *
 * @example
 * ```ts
 * const memory = await figureMemory(db);
 * const row = memory ? memory.figure('35', 'all', 'skills_index', 2024) : await lookUpWithSql(db);
 * ```
 */
export function figureMemory(db: Kysely<Database>): Promise<FigureMemory | null> {
  return Promise.resolve(readyOnce(db, KEY, () => loadFigureMemory(db)) ?? null);
}

const KEY = 'figure-memory';

/**
 * Read a read-only database's stored figures into memory now rather than on its first stored
 * read (national: about a second), for a server to call when it opens a version; does nothing for
 * a writable database.
 *
 * @example
 * ```ts
 * const db = await openDatabase(file, { readOnly: true });
 * await prepareFigureMemory(db);
 * ```
 */
export async function prepareFigureMemory(db: Kysely<Database>): Promise<void> {
  if (isReadOnlyDatabase(db)) await readOnce(db, KEY, () => loadFigureMemory(db));
}

/**
 * One scope's block of a stored figure table that is not held whole (the mentoring figures: larger,
 * with lists per sector), read by `read` on its first touch and kept for the life of a read-only
 * database: at most the table, and only the scopes asked for. Null for a writable database: the
 * caller then reads just the row it needs with SQL, every time.
 *
 * @example
 * ```ts
 * const rows = (await figureBlock(db, 'mentoring_coverage_figures', '35', () => readScope(db, '35'))) ?? (await readScope(db, '35'));
 * ```
 */
export function figureBlock<R>(
  db: Kysely<Database>,
  table: string,
  scope: string,
  read: () => Promise<R>,
): Promise<R> | null {
  if (!isReadOnlyDatabase(db)) return null;
  const key = `figure-block|${table}|${scope}`;
  const block = readOnce(db, key, read);
  // An empty block is not kept: any well-formed code a client makes up ('12.34.56') would else
  // stay in memory for the version's life. A real scope's rows are, at most the table.
  void block.then(
    (rows) => {
      if (rows === null || rows === undefined || (Array.isArray(rows) && rows.length === 0)) {
        forgetOnce(db, key);
      }
    },
    () => undefined,
  );
  return block;
}

const STALE: FigureMemory = {
  fresh: false,
  figures: () => null,
  figure: () => null,
  datasetCounts: () => null,
  regenciesUnder: () => [],
  population: () => undefined,
  fits: () => [],
  shape: () => null,
  children: () => null,
};

async function loadFigureMemory(db: Kysely<Database>): Promise<FigureMemory> {
  const fresh = await sql<{ fresh: boolean | null }>`select ${figuresFresh()} as fresh`
    .execute(db)
    .then((r) => r.rows[0]?.fresh === true);
  if (!fresh) return STALE;
  try {
    return await withNativeConnection(db, async (connection) => {
      const figures = await readFigures(connection);
      const population = await readPopulation(connection);
      const fits = await readFits(connection);
      const shapes = await readShapes(connection);
      const children = await readChildren(connection);
      return assemble(figures, population, fits, shapes, children);
    });
  } catch (error) {
    // A version written before the figures existed, served before its upgrade, has no figure
    // tables: nothing is precomputed there (as lookupRow answers).
    if (isMissingTable(error, SCOPE_TABLES)) return STALE;
    throw error;
  }
}

/** Builds the blocks of rows read in key order: call `at(i, key)` for each row, then `end(n)`. */
class BlockBuilder {
  readonly blocks = new Map<string, Block>();
  #key: string | null = null;
  #start = 0;

  at(i: number, key: string): void {
    if (key === this.#key) return;
    this.end(i);
    this.#key = key;
    this.#start = i;
  }

  end(i: number): void {
    if (this.#key !== null) this.blocks.set(this.#key, [this.#start, i]);
  }
}

/** A block of rows [start, end) of one lookup key. */
type Block = readonly [start: number, end: number];

const key = (...parts: ReadonlyArray<string | number>) => parts.join('|');

async function columnsOf(connection: DuckDBNodeConnection, query: string): Promise<unknown[][]> {
  const result = await connection.run(query);
  return (await result.getColumnsJS()) as unknown[][];
}

const FIGURE_DOUBLES = [
  'mean',
  'cv',
  'gini',
  'theil',
  'theil_between',
  'theil_within',
  'theil_groups',
  'palma',
  'quintile_top',
  'quintile_bottom',
  'max',
  'min',
  'child_max',
  'child_min',
  'below',
  'p10',
  'p50',
  'p90',
] as const;

interface FigureTable {
  blocks: Map<string, Block>;
  /** The regencies with stored rows, in code order. */
  regencies: string[];
  year: Int16Array;
  n: Int32Array;
  rows: Int32Array;
  villages: Int32Array;
  doubles: Record<(typeof FIGURE_DOUBLES)[number], NullableColumn>;
}

async function readFigures(connection: DuckDBNodeConnection): Promise<FigureTable> {
  const count = await countRows(connection, 'scope_figures');
  const table: FigureTable = {
    blocks: new Map(),
    regencies: [],
    year: new Int16Array(count),
    n: new Int32Array(count),
    rows: new Int32Array(count),
    villages: new Int32Array(count),
    doubles: Object.fromEntries(
      FIGURE_DOUBLES.map((c) => [c, new NullableColumn(count)]),
    ) as FigureTable['doubles'],
  };
  const blocks = new BlockBuilder();
  const doubles = FIGURE_DOUBLES.map((c) => table.doubles[c]);
  const read = await streamRows(
    connection,
    `select code, kind, measure, year::integer, n, rows, villages,
       ${FIGURE_DOUBLES.map((c) => `${c}::double`).join(', ')}
     from scope_figures order by code, kind, measure, year`,
    (i, get) => {
      const code = get(0) as string;
      blocks.at(i, key(code, get(1) as string, get(2) as string));
      if (code.length === 5 && table.regencies.at(-1) !== code) table.regencies.push(code);
      table.year[i] = get(3) as number;
      table.n[i] = get(4) as number;
      table.rows[i] = get(5) as number;
      table.villages[i] = get(6) as number;
      doubles.forEach((column, c) => column.set(i, get(7 + c)));
    },
  );
  blocks.end(read);
  table.blocks = blocks.blocks;
  return table;
}

async function readPopulation(connection: DuckDBNodeConnection): Promise<Map<string, number>> {
  const [code, total] = await columnsOf(
    connection,
    'select code, total::double from region_population',
  );
  return new Map((code ?? []).map((c, i) => [c as string, total?.[i] as number]));
}

async function readFits(
  connection: DuckDBNodeConnection,
): Promise<Map<string, ConvergenceFitRow[]>> {
  const result = await connection.run(
    `select code || '|' || kind || '|' || measure as key, first_year::integer as first_year,
       last_year::integer as last_year, n, excluded, slope, intercept, r2, sxx, syy, sxy,
       abs_slope, abs_intercept, abs_sxx, abs_syy, abs_sxy
     from scope_convergence order by code, kind, measure, first_year, last_year`,
  );
  const fits = new Map<string, ConvergenceFitRow[]>();
  for (const row of (await result.getRowObjectsJS()) as unknown as Array<
    ConvergenceFitRow & { key: string }
  >) {
    const { key: k, ...fit } = row;
    const list = fits.get(k) ?? [];
    list.push(fit);
    fits.set(k, list);
  }
  return fits;
}

async function readShapes(
  connection: DuckDBNodeConnection,
): Promise<Map<string, { lorenz: Float64Array; bins: Int32Array }>> {
  const [k, lorenz, bins] = await columnsOf(
    connection,
    `select code || '|' || kind || '|' || measure || '|' || year, lorenz, bins from scope_shapes`,
  );
  return new Map(
    (k ?? []).map((s, i) => [
      s as string,
      {
        lorenz: Float64Array.from(lorenz?.[i] as number[]),
        bins: Int32Array.from(bins?.[i] as number[]),
      },
    ]),
  );
}

interface ChildTable {
  blocks: Map<string, Block>;
  /** Each row's child, an index into the regions below. */
  child: Int32Array;
  year: Int16Array;
  rows: Int32Array;
  n: Record<IndexMeasure, Int32Array>;
  mean: Record<IndexMeasure, NullableColumn>;
  regions: { code: string[]; name: string[]; level: RegionLevel[] };
}

async function readChildren(connection: DuckDBNodeConnection): Promise<ChildTable> {
  const count = await countRows(connection, 'scope_children');
  // A child appears once per kind and year: its strings are kept once.
  const regions = { code: [] as string[], name: [] as string[], level: [] as RegionLevel[] };
  const ids = new Map<string, number>();
  const table: ChildTable = {
    blocks: new Map(),
    child: new Int32Array(count),
    year: new Int16Array(count),
    rows: new Int32Array(count),
    n: Object.fromEntries(INDEX_MEASURES.map((m) => [m, new Int32Array(count)])) as Record<
      IndexMeasure,
      Int32Array
    >,
    mean: Object.fromEntries(INDEX_MEASURES.map((m) => [m, new NullableColumn(count)])) as Record<
      IndexMeasure,
      NullableColumn
    >,
    regions,
  };
  const blocks = new BlockBuilder();
  const read = await streamRows(
    connection,
    `select parent_code, kind, code, name, level, year::integer, rows,
       ${INDEX_MEASURES.map((m) => `${m}_n, ${m}_mean`).join(', ')}
     from scope_children order by parent_code, kind, code, year`,
    (i, get) => {
      blocks.at(i, key(get(0) as string, get(1) as string));
      const code = get(2) as string;
      let id = ids.get(code);
      if (id === undefined) {
        id = regions.code.length;
        ids.set(code, id);
        regions.code.push(code);
        regions.name.push(get(3) as string);
        regions.level.push(get(4) as RegionLevel);
      }
      table.child[i] = id;
      table.year[i] = get(5) as number;
      table.rows[i] = get(6) as number;
      INDEX_MEASURES.forEach((m, j) => {
        table.n[m][i] = get(7 + 2 * j) as number;
        table.mean[m].set(i, get(8 + 2 * j));
      });
    },
  );
  blocks.end(read);
  table.blocks = blocks.blocks;
  return table;
}

function assemble(
  figures: FigureTable,
  population: Map<string, number>,
  fits: Map<string, ConvergenceFitRow[]>,
  shapes: Map<string, { lorenz: Float64Array; bins: Int32Array }>,
  children: ChildTable,
): FigureMemory {
  const figureRow = (i: number): ScopeFigureRow => {
    const d = figures.doubles;
    return {
      year: figures.year[i] as number,
      n: figures.n[i] as number,
      rows: figures.rows[i] as number,
      villages: figures.villages[i] as number,
      mean: d.mean.at(i),
      cv: d.cv.at(i),
      gini: d.gini.at(i),
      theil: d.theil.at(i),
      theil_between: d.theil_between.at(i),
      theil_within: d.theil_within.at(i),
      theil_groups: d.theil_groups.at(i),
      palma: d.palma.at(i),
      quintile_top: d.quintile_top.at(i),
      quintile_bottom: d.quintile_bottom.at(i),
      max: d.max.at(i),
      min: d.min.at(i),
      child_max: d.child_max.at(i),
      child_min: d.child_min.at(i),
      below: d.below.at(i),
      p10: d.p10.at(i),
      p50: d.p50.at(i),
      p90: d.p90.at(i),
    };
  };
  const rowsOf = (block: Block | undefined): ScopeFigureRow[] | null => {
    if (!block) return null;
    const out: ScopeFigureRow[] = [];
    for (let i = block[0]; i < block[1]; i++) out.push(figureRow(i));
    return out;
  };
  // The dataset's counts, once per measure.
  const dataset = new Map<string, StoredCount[] | null>(
    INDEX_MEASURES.map((m) => [
      m,
      rowsOf(figures.blocks.get(key('', 'all', m)))?.map((r) => ({
        year: r.year,
        n: r.n,
        villages: r.villages,
      })) ?? null,
    ]),
  );
  // Regencies by province and all of them under '', from the stored codes (the figures' join
  // with region_population keeps only regencies with a stored row).
  const regencies = new Map<string, string[]>([['', figures.regencies]]);
  for (const code of figures.regencies) {
    const province = code.slice(0, 2);
    const list = regencies.get(province) ?? [];
    list.push(code);
    regencies.set(province, list);
  }
  return {
    fresh: true,
    figures: (code, kind, measure) => rowsOf(figures.blocks.get(key(code, kind, measure))),
    figure: (code, kind, measure, year) => {
      const block = figures.blocks.get(key(code, kind, measure));
      if (!block) return null;
      for (let i = block[0]; i < block[1]; i++) {
        if (figures.year[i] === year) return figureRow(i);
      }
      return null;
    },
    datasetCounts: (measure) => dataset.get(measure)?.map((c) => ({ ...c })) ?? null,
    regenciesUnder: (code) => regencies.get(code) ?? [],
    population: (code) => population.get(code),
    fits: (code, kind, measure) =>
      (fits.get(key(code, kind, measure)) ?? []).map((f) => ({ ...f })),
    shape: (code, kind, measure, year) => {
      const s = shapes.get(key(code, kind, measure, year));
      return s ? { lorenz: Array.from(s.lorenz), bins: Array.from(s.bins) } : null;
    },
    children: (parent, kind, years) => {
      const block = children.blocks.get(key(parent, kind));
      if (!block) return null;
      const out: ScopeChildRow[] = [];
      for (let i = block[0]; i < block[1]; i++) {
        const year = children.year[i] as number;
        if (years && !years(year)) continue;
        const c = children.child[i] as number;
        const row = {
          code: children.regions.code[c] as string,
          name: children.regions.name[c] as string,
          level: children.regions.level[c] as RegionLevel,
          year,
          rows: children.rows[i] as number,
        } as ScopeChildRow;
        for (const m of INDEX_MEASURES) {
          row[`${m}_n`] = children.n[m][i] as number;
          row[`${m}_mean`] = children.mean[m].at(i);
        }
        out.push(row);
      }
      return out.length > 0 ? out : null;
    },
  };
}
