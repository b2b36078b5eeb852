import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  forgetOnce,
  openDatabase,
  openServedDatabase,
  readOnce,
  readyOnce,
} from './open-database.js';

describe('openDatabase threads', () => {
  it("sets DuckDB's threads for the instance, the health connection's too", async () => {
    const { db, health } = await openServedDatabase(':memory:', { threads: 1 });
    try {
      const setting = sql<{
        threads: number;
      }>`select current_setting('threads')::integer as threads`;
      expect((await setting.execute(db)).rows).toEqual([{ threads: 1 }]);
      expect((await setting.execute(health)).rows).toEqual([{ threads: 1 }]);
    } finally {
      await health.destroy();
      await db.destroy();
    }
  });

  it('refuses a thread count that is not a positive integer, naming it', async () => {
    for (const threads of [0, -1, 1.5, Number.NaN]) {
      await expect(openDatabase(':memory:', { threads })).rejects.toThrow(
        `invalid threads: ${threads}`,
      );
    }
  });
});

describe('readOnce and readyOnce (what a read-only database keeps in memory)', () => {
  it('keeps one read per key on a read-only database; readyOnce answers only once it is in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pandu-ready-once-'));
    const file = join(dir, 'x.duckdb');
    try {
      await (await openDatabase(file)).destroy();
      const ro = await openDatabase(file, { readOnly: true });
      try {
        let reads = 0;
        let finish: (v: string) => void = () => undefined;
        const read = () => {
          reads++;
          return new Promise<string>((resolve) => (finish = resolve));
        };
        // Not in yet: undefined, and the read is started once however often it is asked.
        expect(readyOnce(ro, 'k', read)).toBeUndefined();
        expect(readyOnce(ro, 'k', read)).toBeUndefined();
        const kept = readOnce(ro, 'k', read);
        expect(reads).toBe(1);
        finish('value');
        expect(await kept).toBe('value');
        expect(readyOnce(ro, 'k', read)).toBe('value');
        expect(reads).toBe(1);
        // Forgotten: read again.
        forgetOnce(ro, 'k');
        expect(readyOnce(ro, 'k', read)).toBeUndefined();
        expect(reads).toBe(2);
        // A failed read is not kept: the next call starts another.
        let failures = 0;
        const failing = () => {
          failures++;
          return Promise.reject(new Error('no'));
        };
        expect(readyOnce(ro, 'bad', failing)).toBeUndefined();
        await new Promise((r) => setTimeout(r, 0));
        expect(readyOnce(ro, 'bad', failing)).toBeUndefined();
        expect(failures).toBe(2);
      } finally {
        await ro.destroy();
      }
      // A writable database keeps nothing: readyOnce never answers, readOnce reads every time.
      const rw = await openDatabase(file);
      try {
        let reads = 0;
        const read = async () => ++reads;
        expect(readyOnce(rw, 'k', read)).toBeUndefined();
        expect(await readOnce(rw, 'k', read)).toBe(1);
        expect(await readOnce(rw, 'k', read)).toBe(2);
        expect(readyOnce(rw, 'k', read)).toBeUndefined();
      } finally {
        await rw.destroy();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
