import { sql, type Kysely } from 'kysely';

// Issue 14, "every figure in milliseconds, cold": a village's page (queries/village-profile.ts)
// sets each figure beside the means of its district, regency and the nation, and ranks the village
// in its latest complete year. On demand that is a scan of the regency's observations, of the
// whole village_index (which years are complete) and of every observation (the national means).
// profile_figures holds, per regency and for the nation, what takes a scan beyond the village's
// own rows: the means of each indicator and measure and the coverage counts, computed when data
// are written (figures/profile-figures.ts). The district's means are not stored: a district's
// rows share the row group the page reads for the village's own values anyway, so they come in
// that same read (figures/stored-village-profile.ts); storing them would be 14 times the rows
// and most of the write. The on-demand query stays the reference.
//
// One row per (code, year) with the means as lists, not one row per indicator: the table does
// not name the framework's indicators (a new indicator needs no migration here). No index, as the
// scope figures (2026-12-06T00-scope-figures.ts): 3,090 rows nationally, rewritten whole in code
// order.
//
// The stamp ('figures_data_version') is removed, so the stored figures of a database upgraded
// to this migration read as stale until the next write, or the data store's upgrade, recomputes
// them all (this table among them).

type Column = readonly [name: string, type: string, comment: string];

const MEANS = 'struct(id varchar, mean double)[]';

const COLUMNS: readonly Column[] = [
  ['code', 'varchar not null', "Regency code; '' for the nation"],
  ['year', 'smallint not null', 'Year'],
  [
    'index_rows',
    'integer not null',
    'Villages of the region with a village_index row that year (0 when it only has observations)',
  ],
  [
    'skills_n',
    'integer not null',
    'Villages of the region with a skills index that year (the coverage of yearCoverage)',
  ],
  ['villages', 'integer not null', 'Villages of the region (regions table), every year the same'],
  [
    'indicators',
    `${MEANS} not null`,
    'Mean of each indicator over the observations of the villages of the region that year, for indicators with one',
  ],
  [
    'measures',
    `${MEANS} not null`,
    'Mean of each village_index measure over the villages of the region that year (null mean when none has a value)',
  ],
];

const TABLE_COMMENT =
  "Derived, recomputed on every write: the means and coverage counts a village's page sets its figures beside (queries/village-profile.ts computes them on demand), for every regency and the nation ('') and year with observations or village_index rows.";

/** The tables this migration creates, for the list of derived tables. */
export const PROFILE_FIGURE_TABLES: readonly string[] = ['profile_figures'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const body = COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ');
  await sql`create table profile_figures (${sql.raw(body)})`.execute(db);
  await sql`comment on table profile_figures is ${sql.lit(TABLE_COMMENT)}`.execute(db);
  for (const [column, , meaning] of COLUMNS) {
    await sql`comment on column ${sql.ref(`profile_figures.${column}`)} is ${sql.lit(meaning)}`.execute(
      db,
    );
  }
  await sql`delete from dataset_meta where key = 'figures_data_version'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists profile_figures`.execute(db);
}
