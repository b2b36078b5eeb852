import { sql, type Kysely } from 'kysely';

// Raw DDL rather than Kysely's schema builder: the column types are DuckDB's own (SMALLINT years,
// DOUBLE values, TIMESTAMP defaults) and reading them as SQL is what a researcher opening the file
// will see in `DESCRIBE`.
//
// observations has no PRIMARY KEY on purpose: DuckDB maintains an ART index per key and a 5M-row
// bulk load into an indexed table is several times slower. Uniqueness of (village_code, year,
// indicator) is enforced by the import's validation (duplicates inside the file, and keys already
// present unless --replace) and checked by a test over the seeded dataset.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`create table regions (
      code varchar primary key,
      name varchar not null,
      level varchar not null check (level in ('province', 'regency', 'district', 'village')),
      parent_code varchar,
      province_code varchar not null,
      regency_code varchar,
      district_code varchar,
      kind varchar check (kind in ('kelurahan', 'desa', 'desa_adat')),
      search_name varchar not null
    )`,
    sql`create table indicators (
      id varchar primary key,
      level varchar not null,
      pillar varchar,
      label_id varchar not null,
      label_en varchar not null,
      description_id varchar not null,
      description_en varchar not null,
      unit varchar not null,
      range_min double not null,
      range_max double not null,
      direction varchar not null,
      position integer not null
    )`,
    sql`create table observations (
      village_code varchar not null,
      year smallint not null,
      indicator varchar not null,
      value double not null,
      source varchar not null,
      batch_id integer not null
    )`,
    sql`create table village_index (
      village_code varchar not null,
      year smallint not null,
      province_code varchar not null,
      regency_code varchar not null,
      district_code varchar not null,
      kind varchar not null,
      digital_skills double,
      digital_ethics double,
      digital_safety double,
      digital_culture double,
      skills_index double,
      skills_index_geometric double,
      access_index double,
      outcomes_index double,
      indicators_used smallint not null,
      source varchar not null
    )`,
    sql`create table published_figures (
      dataset varchar not null,
      region_code varchar,
      year smallint not null,
      measure varchar not null,
      value double not null,
      note varchar,
      citation varchar not null
    )`,
    sql`create table mentoring_events (
      id varchar primary key,
      title varchar,
      start_date date not null,
      end_date date not null,
      format varchar not null,
      sessions integer,
      venue_village_code varchar not null,
      venue_name varchar,
      participants_total integer,
      village_count integer,
      organisers varchar,
      notes varchar,
      source varchar not null,
      batch_id integer not null
    )`,
    sql`create table mentoring_event_sectors (event_id varchar not null, sector varchar not null)`,
    sql`create table mentoring_event_villages (event_id varchar not null, village_code varchar not null)`,
    sql`create table mentoring_event_participants (
      event_id varchar not null,
      role varchar not null,
      count integer
    )`,
    sql`create table volunteers (
      id varchar primary key,
      tier varchar not null,
      sector varchar not null,
      home_region_code varchar not null,
      joined_year smallint not null,
      source varchar not null
    )`,
    sql`create table planted_effects (sector varchar not null, indicator varchar not null, effect double not null)`,
    sql`create table import_batches (
      id integer primary key,
      kind varchar not null,
      file_name varchar not null,
      content_hash varchar not null,
      rows_accepted bigint not null,
      rows_rejected bigint not null,
      replaced bigint not null,
      created_at timestamp not null default current_timestamp
    )`,
    sql`create table dataset_meta (key varchar primary key, value varchar not null)`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'dataset_meta',
    'import_batches',
    'planted_effects',
    'volunteers',
    'mentoring_event_participants',
    'mentoring_event_villages',
    'mentoring_event_sectors',
    'mentoring_events',
    'published_figures',
    'village_index',
    'observations',
    'indicators',
    'regions',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
