import type { DuckDBConnection as DuckDBNodeConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import {
  INDEX_MEASURES,
  OBSERVATION_SOURCES,
  VILLAGE_KINDS,
  type IndexMeasure,
  type VillageKind,
} from '@pandu/domain';
import { isReadOnlyDatabase, readOnce, readyOnce } from '../open-database.js';
import type { Database, SourceKind } from '../schema/database.js';
import { withNativeConnection } from './native-connection.js';
import { countRows, streamRows } from './typed-columns.js';

// The villages of a read-only database (a served version) held in this process: every
// village_index row as typed columns, and every village's code, name and kind, so a stored read
// at district level (a district's figures are computed from its villages, not stored) and the
// village profile's regency means are JavaScript over a few hundred rows instead of a DuckDB query
// (about 5-7 ms each at district level, measured by the figures bench: most of it DuckDB's
// per-query work, not the figures). A served version cannot change while open: read once, whole,
// when the version opens (prepareVillageMemory) or on the first read that needs it, and kept for
// the version's life (readOnce). A writable database never gets one: it asks DuckDB every time.
//
// Rows are grouped by the table's own district_code and regency_code columns (and villages by
// the regions table's district_code), as the SQL reads filter them; within a group, in village
// code then year order (the SQL reads order them so, so sums run in the same order).
//
// Size (national, 502,572 rows, 83,762 villages): the measures are one Float64Array of 8 doubles
// a row (32 MiB), a null mask of two bytes a row, year, kind and source a few bytes a row, two Int32Array
// indexes by district and regency (4 MiB), and three strings a village.

/** One village_index row, as the SQL reads select it. */
export type VillageIndexRow = {
  village_code: string;
  year: number;
  kind: VillageKind;
  source: SourceKind | 'mixed';
  district_code: string;
} & Record<IndexMeasure, number | null>;

/** A village as the regions table holds it. */
export interface VillageRef {
  code: string;
  name: string;
  kind: VillageKind;
}

/** The villages of a read-only database, in memory. */
export interface VillageMemory {
  /**
   * The village_index rows whose district_code (or regency_code) is `code`, in village code then
   * year order, of `year` only when given; [] when none.
   */
  indexRows(level: 'district' | 'regency', code: string, year?: number): VillageIndexRow[];
  /** The villages whose regions row has district_code `district`, in code order; [] when none. */
  villages(district: string): VillageRef[];
  /**
   * {@link VillageMemory.villages} each with its rows of {@link VillageMemory.indexRows} (the
   * district's), of the years `keep` keeps (all without it): the SQL's regions left join
   * village_index.
   */
  villagesWithRows(
    district: string,
    keep?: (year: number) => boolean,
  ): Array<VillageRef & { rows: VillageIndexRow[] }>;
}

/**
 * The villages of `db` in memory when `db` was opened read-only and they have been read (once per
 * database: prepareVillageMemory, or the first call starts the read), else null: the caller then
 * reads them with SQL, so a request right after a version opens does not wait for the read.
 *
 * @example
 * ```ts
 * const memory = await villageMemory(db);
 * const rows = memory ? memory.indexRows('district', '35.05.04', 2024) : await readWithSql(db);
 * ```
 */
export function villageMemory(db: Kysely<Database>): Promise<VillageMemory | null> {
  return Promise.resolve(readyOnce(db, KEY, () => load(db)) ?? null);
}

const KEY = 'village-memory';
const load = (db: Kysely<Database>) => withNativeConnection(db, loadVillageMemory);

/**
 * Read a read-only database's villages into memory now rather than on the first read that needs
 * them, for a server to call when it opens a version; does nothing for a writable database.
 *
 * @example
 * ```ts
 * const db = await openDatabase(file, { readOnly: true });
 * await prepareVillageMemory(db);
 * ```
 */
export async function prepareVillageMemory(db: Kysely<Database>): Promise<void> {
  if (isReadOnlyDatabase(db)) await readOnce(db, KEY, () => load(db));
}

const KINDS: readonly VillageKind[] = VILLAGE_KINDS;
const SOURCES: ReadonlyArray<SourceKind | 'mixed'> = [...OBSERVATION_SOURCES, 'mixed'];
const M = INDEX_MEASURES.length;
// A row's nulls are the bits of one Uint16.
if (M > 16) throw new Error('village memory: more than 16 measures');

/** Row indexes of each group key, as they were read (village code then year). */
class Groups {
  readonly #lists = new Map<string, number[]>();

  add(key: string, i: number): void {
    const list = this.#lists.get(key);
    if (list) list.push(i);
    else this.#lists.set(key, [i]);
  }

  done(): Map<string, Int32Array> {
    return new Map([...this.#lists].map(([k, list]) => [k, Int32Array.from(list)]));
  }
}

function codeOf<T extends string>(list: readonly T[], value: unknown, what: string): number {
  const i = list.indexOf(value as T);
  if (i < 0) throw new Error(`village memory: unknown ${what} ${String(value)}`);
  return i;
}

async function loadVillageMemory(connection: DuckDBNodeConnection): Promise<VillageMemory> {
  // The villages: code, name, kind, grouped by district.
  const villageCodes: string[] = [];
  const villageIds = new Map<string, number>();
  const names: string[] = [];
  const villageKinds: number[] = [];
  const byDistrict = new Groups();
  await streamRows(
    connection,
    `select code, name, kind, district_code from regions where level = 'village' order by code`,
    (i, get) => {
      const code = get(0) as string;
      villageIds.set(code, i);
      villageCodes.push(code);
      names.push(get(1) as string);
      villageKinds.push(codeOf(KINDS, get(2), 'kind'));
      byDistrict.add(get(3) as string, i);
    },
  );
  const villagesOf = byDistrict.done();

  // The index rows: village (an id, or the code itself for one the regions table lacks), year,
  // kind, source, the district's code, and the measures with a null mask.
  const count = await countRows(connection, 'village_index');
  const village = new Int32Array(count);
  const strays = new Map<number, string>();
  const year = new Int16Array(count);
  const kind = new Uint8Array(count);
  const source = new Uint8Array(count);
  const district: string[] = new Array<string>(count);
  const values = new Float64Array(count * M);
  const nulls = new Uint16Array(count);
  const rowsOfDistrict = new Groups();
  const rowsOfRegency = new Groups();
  const districtCodes = new Map<string, string>();
  await streamRows(
    connection,
    `select village_code, year::integer, kind, source, district_code, regency_code,
       ${INDEX_MEASURES.map((m) => `${m}::double`).join(', ')}
     from village_index order by village_code, year`,
    (i, get) => {
      const code = get(0) as string;
      const id = villageIds.get(code);
      if (id === undefined) {
        village[i] = -1;
        strays.set(i, code);
      } else village[i] = id;
      year[i] = get(1) as number;
      kind[i] = codeOf(KINDS, get(2), 'kind');
      source[i] = codeOf(SOURCES, get(3), 'source');
      // One string per district, shared by its rows.
      const d = get(4) as string;
      let shared = districtCodes.get(d);
      if (shared === undefined) districtCodes.set(d, (shared = d));
      district[i] = shared;
      rowsOfDistrict.add(shared, i);
      rowsOfRegency.add(get(5) as string, i);
      let mask = 0;
      for (let m = 0; m < M; m++) {
        const v = get(6 + m);
        if (v === null || v === undefined) mask |= 1 << m;
        else values[i * M + m] = Number(v);
      }
      nulls[i] = mask;
    },
  );
  const groups = { district: rowsOfDistrict.done(), regency: rowsOfRegency.done() };

  const villages = (d: string): VillageRef[] =>
    Array.from(villagesOf.get(d) ?? [], (id) => ({
      code: villageCodes[id] as string,
      name: names[id] as string,
      kind: KINDS[villageKinds[id] as number] as VillageKind,
    }));
  const row = (i: number): VillageIndexRow => {
    const id = village[i] as number;
    const out = {
      village_code: id < 0 ? (strays.get(i) as string) : (villageCodes[id] as string),
      year: year[i] as number,
      kind: KINDS[kind[i] as number] as VillageKind,
      source: SOURCES[source[i] as number] as SourceKind | 'mixed',
      district_code: district[i] as string,
    } as VillageIndexRow;
    const mask = nulls[i] as number;
    for (let m = 0; m < M; m++) {
      out[INDEX_MEASURES[m] as IndexMeasure] =
        (mask & (1 << m)) !== 0 ? null : (values[i * M + m] as number);
    }
    return out;
  };
  return {
    indexRows: (level, code, only) => {
      const rows = groups[level].get(code);
      const out: VillageIndexRow[] = [];
      if (!rows) return out;
      for (const i of rows) if (only === undefined || year[i] === only) out.push(row(i));
      return out;
    },
    villages,
    villagesWithRows: (d, keep) => {
      const rows = new Map<string, VillageIndexRow[]>();
      for (const i of groups.district.get(d) ?? []) {
        if (keep && !keep(year[i] as number)) continue;
        const r = row(i);
        const list = rows.get(r.village_code);
        if (list) list.push(r);
        else rows.set(r.village_code, [r]);
      }
      return villages(d).map((v) => ({ ...v, rows: rows.get(v.code) ?? [] }));
    },
  };
}
