import { sql, type Kysely } from 'kysely';

// The mentoring figures computed when data are written (figures/mentoring-figures.ts): what
// mentoring.coverage, mentoring.impact and mentoring.priorities answer with their default
// parameters, for the nation ('' as its code, never null), every province, regency and district,
// and every sector ('' for "any sector"). Rows are rewritten by every write, in its transaction,
// and read only while dataset_meta's 'figures_data_version' equals 'data_version'
// (figures/figures-fresh.ts). No primary keys: the tables are rewritten whole, written sorted by
// their lookup key, and DuckDB's zone maps (min/max per row group) find a key's rows; an ART index
// measured no faster for these point lookups and costs time on every write.
//
// Derived tables: not exported (export/export-tables.ts lists what a researcher gets), since
// they are the API's answers recomputed from the exported tables. Commented all the same, as
// migrations/2026-12-05T00-schema-comments.ts asks of every table.

type Column = readonly [name: string, type: string, comment: string];

const SCOPE =
  "Region the figures are for: '' for the nation, else a province, regency or district code";
const SECTOR_ORDER = 'pendidikan, umkm, pertanian, desa_wisata_digital';
const BY_SECTOR = (what: string) =>
  `${what}, one per sector: events of any sector, then of ${SECTOR_ORDER}`;
// The sectors are listed in the domain's SECTORS order as of this migration; a new sector is a
// new migration (the stored lists grow by one).
const RANKINGS = (what: string) =>
  `${what}, one per ranking: never mentored at all, then never mentored in ${SECTOR_ORDER}`;

const TABLES: ReadonlyArray<readonly [name: string, comment: string, columns: readonly Column[]]> =
  [
    [
      'mentoring_coverage_figures',
      'mentoring.coverage with its default years (all): one row per scope and region, for the scope itself (code = scope_code) and each child region, with the figures of every sector in lists. Computed when data are written.',
      [
        ['scope_code', 'varchar not null', SCOPE],
        [
          'code',
          'varchar not null',
          'Region of the row: the scope itself (code = scope_code) or one of its child regions',
        ],
        ['name', 'varchar not null', "Name of that region ('' for the nation)"],
        [
          'level',
          'varchar not null',
          'Level of that region: nation, province, regency, district or village',
        ],
        ['villages', 'integer not null', 'Villages in that region'],
        [
          'events',
          'integer[] not null',
          BY_SECTOR(
            'Distinct events that reached a village of the region (as venue or participant)',
          ),
        ],
        [
          'villages_mentored',
          'integer[] not null',
          BY_SECTOR('Distinct villages of the region reached by an event'),
        ],
        [
          'participants',
          'bigint[] not null',
          BY_SECTOR(
            'Sum of the reported participant totals of those events (an event without a total adds 0)',
          ),
        ],
      ],
    ],
    [
      'mentoring_impact_figures',
      'mentoring.impact: the difference-in-differences estimate of the effect of mentoring on a measure, pooled over cohorts and per cohort, for every scope, sector and measure; a scope with no comparison has a row whose estimate is null (the API answers 404 saying so). Computed when data are written.',
      [
        ['code', 'varchar not null', SCOPE],
        [
          'sector',
          'varchar not null',
          "Sector whose first mentoring counts as treatment: '' for any",
        ],
        [
          'measure',
          'varchar not null',
          'Measure (a village_index column) whose change is compared',
        ],
        [
          'estimate',
          'double',
          "Mean extra change of the measure in mentored villages, in the measure's unit, pooled over cohorts; null when no cohort of the scope has a comparison",
        ],
        [
          'standard_error',
          'double',
          'Standard error, clustered by village; null without a comparison',
        ],
        [
          'degrees_of_freedom',
          'double',
          'Satterthwaite degrees of freedom of the Student t interval; null when they cannot be computed',
        ],
        [
          'n_treated',
          'integer',
          'Treated villages compared (the weight of the estimate); null without a comparison',
        ],
        ['n_control', 'integer', 'Distinct control villages compared; null without a comparison'],
        [
          'treated_villages',
          'integer not null',
          "Villages of the scope whose first mentoring is in the sector's cohorts, compared or not",
        ],
        [
          'cohorts',
          'struct(year integer, estimate double, standard_error double, degrees_of_freedom double, n_treated integer, n_control integer, regencies integer)[] not null',
          'The estimate per cohort (year of first mentoring; the change from year to year + 1), by year, with the same fields and the regency comparisons pooled (regencies with 1 treated and 2 control villages)',
        ],
      ],
    ],
    [
      'mentoring_priority_figures',
      'mentoring.priorities with the default minAccess and year completeness: one row per scope, with the year ranked and the counts the rankings are out of. The villages are in mentoring_priority_villages. Computed when data are written.',
      [
        ['scope_code', 'varchar not null', SCOPE],
        ['name', 'varchar not null', "Name of the scope ('' for the nation)"],
        [
          'year',
          'integer not null',
          'Latest complete year with a skills and an access index in the scope (else the latest with any)',
        ],
        ['year_villages', 'integer not null', 'Villages of the scope with both indices that year'],
        ['year_share', 'double not null', "Their share of the scope's villages"],
        ['year_complete', 'boolean not null', 'Whether the year is complete in the scope'],
        ['min_access', 'double not null', 'Lowest access index of a candidate (the default, 50)'],
        ['candidates', 'integer[] not null', RANKINGS("Villages that pass the ranking's filters")],
        [
          'villages_with_data',
          'integer not null',
          'Villages of the scope with a skills index that year',
        ],
        ['skills_median', 'double not null', 'Median skills index of those villages'],
      ],
    ],
    [
      'mentoring_priority_villages',
      'The villages among the first 100 of any ranking of a scope in mentoring_priority_figures, with their rank in each. Computed when data are written.',
      [
        ['scope_code', 'varchar not null', SCOPE],
        ['village_code', 'varchar not null', 'Village code'],
        [
          'ranks',
          'integer[] not null',
          RANKINGS('Rank of the village (1 = visit first), null when not among the first 100'),
        ],
        ['name', 'varchar not null', 'Village name'],
        ['kind', 'varchar not null', 'kelurahan, desa or desa_adat'],
        ['province_code', 'varchar not null', 'Province of the village'],
        ['province_name', 'varchar not null', 'Its name'],
        ['regency_code', 'varchar not null', 'Regency of the village'],
        ['regency_name', 'varchar not null', 'Its name'],
        ['district_code', 'varchar not null', 'District of the village'],
        ['district_name', 'varchar not null', 'Its name'],
        ['skills_index', 'double not null', "Skills index (1-5) in the scope's year"],
        ['access_index', 'double not null', 'Access index (0-100) that year'],
        ['outcomes_index', 'double', 'Outcomes index (0-100) that year; null when missing'],
        [
          'skills_percentile',
          'double not null',
          "Share of the scope's villages with a skills index at or below this one (0-1]",
        ],
        [
          'mentored_in',
          'varchar[]',
          'Sectors the village was ever mentored in, in code order (null when none)',
        ],
      ],
    ],
  ];

/** The tables this migration creates (derived figures, not counted by the dataset's health). */
export const MENTORING_FIGURE_TABLES: readonly string[] = TABLES.map(([name]) => name);

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, comment, columns] of TABLES) {
    await sql`create table ${sql.ref(table)} (${sql.raw(columns.map(([name, type]) => `${name} ${type}`).join(', '))})`.execute(
      db,
    );
    await sql`comment on table ${sql.ref(table)} is ${sql.lit(comment)}`.execute(db);
    for (const [name, , columnComment] of columns) {
      await sql`comment on column ${sql.ref(`${table}.${name}`)} is ${sql.lit(columnComment)}`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of [...TABLES].reverse()) {
    await sql`drop table if exists ${sql.ref(table)}`.execute(db);
  }
}
