import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES } from '@pandu/domain';

// The scope figures (issue 14): what the index and divide pages ask for, computed when data are
// written (figures/scope-figures.ts) for the nation (code ''), the provinces and the regencies,
// every year, measure and kind filter, so a page's first visit is one lookup instead of a scan of
// village_index. A district's figures are computed on read from its few villages (see
// scope-figures.ts for why). The on-demand queries in queries/ stay the
// reference; figures/stored-*.ts read these tables. Every row is recomputed by refreshFigures in
// the transaction that changed the data and stamped with its data version
// (dataset_meta 'figures_data_version'); a stale stamp reads as no rows (figures/figures-fresh.ts).
//
// No primary key or index: the tables are rewritten whole and written in the order of their
// lookup key. They are small (national: 71,136 and 188,088 rows), a lookup's scan of them takes
// about a millisecond, and an ART index on the code was not used by DuckDB's planner for these
// compound filters (EXPLAIN shows a sequential scan with or without it) while it would cost
// every write its upkeep. Comments as 2026-12-05T00-schema-comments.ts asks of a new table.

type Column = readonly [name: string, type: string, comment: string];

const KEY: readonly Column[] = [
  ['code', 'varchar not null', "Region code; '' for the nation"],
  [
    'kind',
    'varchar not null',
    'Kind filter: all, kelurahan, desa (every non-kelurahan) or desa_adat',
  ],
  ['measure', 'varchar not null', 'Measure (a village_index column)'],
  ['year', 'smallint not null', 'Year'],
];

const TABLES: ReadonlyArray<{ name: string; comment: string; columns: readonly Column[] }> = [
  {
    name: 'scope_figures',
    comment:
      "Derived, recomputed on every write: the divide and time-series figures of each region's villages (of a kind) for a measure and year, as queries/divide-summary.ts and timeseries.ts compute them on demand. One row per region above the districts (the nation as ''), kind, measure and dataset year where the region has villages of the kind.",
    columns: [
      ...KEY,
      ['n', 'integer not null', 'Villages with a value'],
      ['rows', 'integer not null', 'Villages with a village_index row that year (n plus missing)'],
      ['villages', 'integer not null', 'Villages of the kind in the region (regions table)'],
      ['mean', 'double', 'Mean; null when n is 0'],
      ['cv', 'double', 'Coefficient of variation (population sd / mean; 0 when the mean is 0)'],
      ['gini', 'double', 'Gini coefficient'],
      ['theil', 'double', 'Theil T'],
      ['theil_between', 'double', 'Theil T between the child regions'],
      ['theil_within', 'double', 'Theil T within the child regions'],
      ['theil_groups', 'integer', 'Child regions with a value'],
      [
        'palma',
        'double',
        'Palma ratio (top 10% share / bottom 40% share); null when it has no value (bottom 40 % hold nothing)',
      ],
      ['quintile_top', 'double', 'Mean of the top fifth'],
      ['quintile_bottom', 'double', 'Mean of the bottom fifth'],
      ['max', 'double', 'Highest village value'],
      ['min', 'double', 'Lowest village value'],
      ['child_max', 'double', 'Highest child-region mean; null for a district'],
      ['child_min', 'double', 'Lowest child-region mean; null for a district'],
      ['below', 'integer', "Villages strictly below the measure's default threshold"],
      ['p10', 'double', '10th percentile (linear interpolation, as quantile_cont)'],
      ['p50', 'double', 'Median (linear interpolation)'],
      ['p90', 'double', '90th percentile (linear interpolation)'],
    ],
  },
  {
    name: 'scope_children',
    comment:
      "Derived, recomputed on every write: each child region's means of every measure in a year, for the region listing of queries/index-by-region.ts. One row per parent (provinces under ''; regencies; districts), kind, year and child, also a child without villages of the kind.",
    columns: [
      ['parent_code', 'varchar not null', "Parent region code; '' for the provinces"],
      ['kind', 'varchar not null', 'Kind filter: all, kelurahan, desa or desa_adat'],
      ['year', 'smallint not null', 'Year'],
      ['code', 'varchar not null', 'Child region code'],
      ['name', 'varchar not null', 'Child region name'],
      ['level', 'varchar not null', 'Child region level'],
      ['rows', 'integer not null', 'Villages with a village_index row that year'],
      ...INDEX_MEASURES.flatMap((m): Column[] => [
        [`${m}_n`, 'integer not null', `Villages with a value of ${m}`],
        [`${m}_mean`, 'double', `Mean of ${m}; null when none has one`],
      ]),
    ],
  },
  {
    name: 'scope_shapes',
    comment:
      'Derived, recomputed on every write: the Lorenz curve and the default 20-bin histogram of the nation and each province (smaller regions are read from village_index on demand).',
    columns: [
      ...KEY,
      ['lorenz', 'double[] not null', 'Value shares at population shares k/s, s = min(n, 100)'],
      ['bins', 'integer[] not null', 'Village counts of the histogram bins (edges from min/max)'],
    ],
  },
  {
    name: 'scope_convergence',
    comment:
      "Derived, recomputed on every write: the beta-convergence regression of each region's villages between two years (the first and last complete years, and the first and last years), as queries/convergence.ts fits it.",
    columns: [
      ['code', 'varchar not null', "Region code; '' for the nation"],
      ['kind', 'varchar not null', 'Kind filter'],
      ['measure', 'varchar not null', 'Measure'],
      ['first_year', 'smallint not null', 'First year of the pair'],
      ['last_year', 'smallint not null', 'Last year of the pair'],
      ['n', 'integer not null', 'Villages in the regression'],
      ['excluded', 'integer not null', 'Villages with both values but one of them 0'],
      ['slope', 'double', 'OLS slope of annual log growth on the log initial level'],
      ['intercept', 'double', 'OLS intercept'],
      ['r2', 'double', 'R squared (as DuckDB regr_r2)'],
    ],
  },
];

/** The tables this migration creates, for the export's list of derived tables. */
export const SCOPE_FIGURE_TABLES: readonly string[] = TABLES.map((t) => t.name);

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, comment, columns } of TABLES) {
    const body = columns.map(([column, type]) => `${column} ${type}`).join(', ');
    await sql`create table ${sql.table(name)} (${sql.raw(body)})`.execute(db);
    await sql`comment on table ${sql.table(name)} is ${sql.lit(comment)}`.execute(db);
    for (const [column, , meaning] of columns) {
      await sql`comment on column ${sql.ref(`${name}.${column}`)} is ${sql.lit(meaning)}`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of TABLES) await sql`drop table if exists ${sql.table(name)}`.execute(db);
}
