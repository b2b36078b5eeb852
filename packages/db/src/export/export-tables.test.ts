import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations/index.js';
import { openDatabase } from '../open-database.js';
import { readSchemaComments, type SchemaComments } from '../schema/read-schema-comments.js';
import { exportDataset } from './export-dataset.js';
import { createExportScope } from './export-scope.js';
import {
  EXPORT_TABLES,
  describeExportTables,
  exportColumns,
  exportSelect,
} from './export-tables.js';

async function migratedComments(): Promise<SchemaComments> {
  const db = await openDatabase(':memory:');
  try {
    return await readSchemaComments(db);
  } finally {
    await db.destroy();
  }
}

describe('describeExportTables', () => {
  it("describes every exported table and column with the database's comments, then the export's notes", async () => {
    const comments = await migratedComments();
    const described = describeExportTables(comments);
    expect(described.map((t) => t.name)).toEqual(EXPORT_TABLES.map((t) => t.name));
    for (const table of described) {
      expect(table.description, table.name).toMatch(/\S/);
      for (const column of table.columns) {
        expect(column.description, `${table.name}.${column.name}`).toMatch(/\S/);
        // A computed table's columns (region_figures) are described by the export itself.
        const stored = EXPORT_TABLES.find((t) => t.name === table.name)?.source === undefined;
        if (!column.partitionOnly && stored) {
          expect(column.description).toBe(comments[table.name]?.columns[column.name]);
        }
      }
    }
    const observations = described[0]!;
    expect(observations.description).toBe(
      `${comments.observations?.comment} ${EXPORT_TABLES[0]!.exportNote}`,
    );
    // The partition column is computed: its meaning is the export's own.
    expect(observations.columns.find((c) => c.name === 'province')?.description).toMatch(
      /partition column/,
    );
  });

  it("declares each stored column's type as the database has it (ENUMs exported as VARCHAR)", async () => {
    const db = await openDatabase(':memory:');
    try {
      const types = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from duckdb_columns()
        where database_name = current_database()`.execute(db);
      const typeOf = new Map<string, string>(
        types.rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]),
      );
      // A computed table: the types of its SELECT as DuckDB plans it.
      for (const table of EXPORT_TABLES.filter((t) => t.source)) {
        const described = await sql<{ column_name: string; column_type: string }>`
          describe ${sql.raw(exportSelect(table, 'duckdb', createExportScope(null, {})))}`.execute(
          db,
        );
        for (const row of described.rows)
          typeOf.set(`${table.name}.${row.column_name}`, row.column_type);
        expect(described.rows.map((r) => r.column_name)).toEqual(
          exportColumns(table, 'duckdb').map((c) => c.name),
        );
      }
      for (const table of EXPORT_TABLES) {
        for (const column of table.columns.filter((c) => !c.partitionOnly)) {
          const stored = typeOf.get(`${table.name}.${column.name}`);
          const expected = stored?.startsWith('ENUM(') ? 'VARCHAR' : stored;
          expect(column.type, `${table.name}.${column.name}`).toBe(expected);
        }
      }
    } finally {
      await db.destroy();
    }
  });

  it('names the table or column the database has no comment for', async () => {
    const comments = await migratedComments();
    const cases: Array<[SchemaComments, RegExp]> = [
      [
        { ...comments, volunteers: { ...comments.volunteers!, comment: null } },
        /no comment on table volunteers: its migrations have not all run/,
      ],
      [
        {
          ...comments,
          observations: {
            ...comments.observations!,
            columns: { ...comments.observations!.columns, value: null },
          },
        },
        /no comment on column observations\.value/,
      ],
    ];
    for (const [broken, message] of cases) {
      expect(() => describeExportTables(broken)).toThrow(message);
    }
  });
});

describe('exportDataset from a database whose comment migration has not run', () => {
  // A file opened read-only is not migrated: its export would have a dictionary with blanks.
  it('refuses before writing anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pandu-uncommented-'));
    try {
      const path = join(dir, 'old.duckdb');
      const old = await openDatabase(path);
      const migrator = new Migrator({
        db: old,
        provider: { getMigrations: async () => MIGRATIONS },
      });
      // Undo the comments: the file is as a release before them left it.
      expect((await migrator.migrateTo('2026-11-28T01-observation-enums')).error).toBeUndefined();
      await old.destroy();

      const db = await openDatabase(path, { readOnly: true });
      try {
        const outDir = join(dir, 'out');
        await expect(exportDataset(db, { format: 'csv', outDir })).rejects.toThrow(
          /no comment on table observations/,
        );
        expect(existsSync(outDir)).toBe(false);
      } finally {
        await db.destroy();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
