import { sql, type Kysely } from 'kysely';

// Issue 12, "Impact: an event study": mentoring.impact measures every change from the year before
// the first mentoring (g - 1) and answers an event study beside the headline ATT(g, g + 1). The
// stored figures (figures/mentoring-impact-figures.ts) hold it in one more list column. The rows
// stored before were computed on the old base (g): they get a null event_study, which the stored
// read takes for "not stored", so the on-demand query answers until the next write recomputes
// them all. (Not deleted: DuckDB refuses to commit a DELETE and an ALTER of the same table in one
// transaction, "another transaction has altered this table", and a migration is one transaction.)

const EVENT_STUDY_TYPE =
  'struct(event_time integer, estimate double, standard_error double, degrees_of_freedom double, n_treated integer, n_control integer, cohorts integer)[]';

const COMMENTS: ReadonlyArray<readonly [column: string, comment: string]> = [
  [
    'event_study',
    'The event study: per event time k (years from the first mentoring g; -3 and -2 are placebos before it, then 0 to 3) the estimate of the change from g - 1 to g + k against villages of the same regency not mentored by the later of g and g + k, pooled over cohorts, with its clustered standard error, Satterthwaite degrees of freedom, treated and distinct control villages and the number of cohorts compared; event times no cohort reaches are left out, in event-time order. Null in the rows written before this column existed, which the stored read ignores (computed on the old base year)',
  ],
  [
    'estimate',
    "Mean extra change of the measure in mentored villages from the year before their first mentoring (g - 1) to the year after it (g + 1), in the measure's unit, pooled over cohorts: the event study at k = 1; null when no cohort of the scope has a comparison",
  ],
  [
    'cohorts',
    'The estimate per cohort (year g of first mentoring; the change from g - 1 to g + 1), by year, with the same fields and the regency comparisons pooled (regencies with 1 treated and 2 control villages)',
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mentoring_impact_figures add column event_study ${sql.raw(EVENT_STUDY_TYPE)}`.execute(
    db,
  );
  for (const [column, comment] of COMMENTS) {
    await sql`comment on column ${sql.ref(`mentoring_impact_figures.${column}`)} is ${sql.lit(comment)}`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mentoring_impact_figures drop column event_study`.execute(db);
}
