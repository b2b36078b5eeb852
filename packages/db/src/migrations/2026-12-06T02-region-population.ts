import { sql, type Kysely } from 'kysely';
import { POPULATION_2025, POPULATION_SOURCE } from '../reference/population-2025.js';

// Published reference data (issue 12, "people as well as villages"): the real population and area
// of every province and regency (Kepmendagri 2025), so figures can be weighted by people and
// regencies described by their density. Inserted here, from the package's own copy, so an upgraded
// data directory gets it as a fresh seed does; the figures never change with an import.
const COLUMNS: ReadonlyArray<readonly [name: string, type: string, comment: string]> = [
  ['code', 'varchar primary key', 'Province or regency code (BPS/Kemendagri), as in regions.code'],
  ['level', 'varchar not null', 'province or regency'],
  ['male', 'bigint not null', 'Male residents (people)'],
  ['female', 'bigint not null', 'Female residents (people)'],
  ['total', 'bigint not null', 'Residents (people); a province equals the sum of its regencies'],
  ['area_km2', 'double', 'Area in square kilometres; null where the source has none'],
  ['density', 'double', 'Residents per square kilometre (total / area_km2); null without an area'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table region_population (${sql.raw(COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '))})`.execute(
    db,
  );
  await sql`comment on table region_population is ${sql.lit(
    `Real population and area of the 38 provinces and 514 regencies, 2025: ${POPULATION_SOURCE}. Published reference data, not synthetic; population per village is not published.`,
  )}`.execute(db);
  for (const [name, , comment] of COLUMNS) {
    await sql`comment on column ${sql.ref(`region_population.${name}`)} is ${sql.lit(comment)}`.execute(
      db,
    );
  }
  const rows = POPULATION_2025.map(
    ([code, male, female, total, area]) =>
      sql`(${code}, ${code.includes('.') ? 'regency' : 'province'}, ${male}, ${female}, ${total}, ${area}, ${
        area === null ? null : total / area
      })`,
  );
  await sql`insert into region_population values ${sql.join(rows)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists region_population`.execute(db);
}
