import { sql, type Kysely } from 'kysely';

// Issue 12, "figures that say how sure they are": the beta slope of divide.convergence gets a
// standard error, t, p-value and 95 % interval, and an absolute fit (change in level on level)
// beside the relative one. The standard error needs the residual sum of squares, which the
// stored slope, intercept and r2 cannot give back exactly: scope_convergence keeps the centred
// sums DuckDB's regr_sxx, regr_syy and regr_sxy give, so the stored read computes the same
// standard error and p-value as the query (figures/stored-convergence.ts, queries/convergence.ts).
//
// The figures of a database upgraded from before this migration have no sums: its stamp
// ('figures_data_version') is removed here, so its stored figures read as stale (the on-demand
// queries answer) until the next write, or the data store's upgrade, recomputes them.

type Column = readonly [name: string, type: string, comment: string];

const COLUMNS: readonly Column[] = [
  [
    'sxx',
    'double',
    'Centred sum of squares of the log initial level (regr_sxx of the relative fit)',
  ],
  ['syy', 'double', 'Centred sum of squares of the annual log growth (regr_syy)'],
  ['sxy', 'double', 'Centred sum of products of log initial level and log growth (regr_sxy)'],
  [
    'abs_slope',
    'double',
    'OLS slope of the annual change in level on the initial level (absolute beta), same villages',
  ],
  ['abs_intercept', 'double', 'OLS intercept of the absolute fit'],
  [
    'abs_sxx',
    'double',
    'Centred sum of squares of the initial level (regr_sxx of the absolute fit)',
  ],
  ['abs_syy', 'double', 'Centred sum of squares of the annual change in level (regr_syy)'],
  ['abs_sxy', 'double', 'Centred sum of products of initial level and annual change (regr_sxy)'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type, comment] of COLUMNS) {
    await sql`alter table scope_convergence add column ${sql.ref(name)} ${sql.raw(type)}`.execute(
      db,
    );
    await sql`comment on column ${sql.ref(`scope_convergence.${name}`)} is ${sql.lit(comment)}`.execute(
      db,
    );
  }
  await sql`delete from dataset_meta where key = 'figures_data_version'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of [...COLUMNS].reverse()) {
    await sql`alter table scope_convergence drop column if exists ${sql.ref(name)}`.execute(db);
  }
  await sql`delete from dataset_meta where key = 'figures_data_version'`.execute(db);
}
