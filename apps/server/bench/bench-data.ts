import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PANDU_BIN } from '../faults/start-serve.js';

/** A data directory for a bench, and how to remove it. */
export interface BenchData {
  /** The data directory: `pandu serve --data DIR` adopts `DIR/pandu.duckdb` as version 1. */
  dir: string;
  /** The national database file it was made from. */
  db: string;
  cleanup: () => Promise<void>;
}

/**
 * A fresh data directory holding the national dataset as `DIR/pandu.duckdb` (an older install's
 * single file), which the first `pandu serve --data DIR` adopts as version 1. `db` is the file to
 * start from, built with `pandu seed --db` (about 20 s) when missing and kept; without one it is
 * seeded inside the temporary directory and removed with it.
 */
export async function benchData(db: string | undefined): Promise<BenchData> {
  const root = await mkdtemp(join(tmpdir(), 'pandu-bench-data-'));
  const source = db ? resolve(db) : join(root, 'national.duckdb');
  if (!existsSync(source)) await seed(source);
  const dir = join(root, 'data');
  await mkdir(dir);
  // A link when the file lies on the same file system: adopting copies it, never writes it.
  await link(source, join(dir, 'pandu.duckdb')).catch(() =>
    copyFile(source, join(dir, 'pandu.duckdb')),
  );
  return { dir, db: source, cleanup: () => rm(root, { recursive: true, force: true }) };
}

async function seed(db: string): Promise<void> {
  const child = spawn(process.execPath, [PANDU_BIN, 'seed', '--db', db], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true' },
  });
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  if (code !== 0) throw new Error(`pandu seed --db ${db} exited with ${code}`);
}
