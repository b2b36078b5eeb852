import { resolve } from 'node:path';
import { z } from 'zod';
import { COMPLETE_YEAR_COVERAGE } from '@pandu/db';

// The one place that reads process.env. Everything else receives these values as arguments.

/**
 * Where `pandu` keeps its database when neither --db nor PANDU_DB says otherwise: `data/` in the
 * working directory. The repository's scripts (`pnpm pandu`, `pnpm start`, `pnpm api`) run at the
 * repository root, so that is `<repo>/data/pandu.duckdb` there; an installed `pandu` uses the
 * directory it is started in. Never derived from where this file lies: built, bundled or installed
 * elsewhere, the code would otherwise look for data beside itself.
 */
export const DEFAULT_DB_PATH = 'data/pandu.duckdb';

/**
 * Where `pandu` keeps its data directory (numbered versions, CURRENT, history.jsonl) when neither
 * --data nor PANDU_DATA says otherwise: `data/` in the working directory, the folder that held
 * the single `pandu.duckdb` before, which the first command adopts as version 1.
 */
export const DEFAULT_DATA_DIR = 'data';

/** PANDU_UPLOAD_LIMIT_BYTES' default: 512 MiB. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

const Env = z.object({
  PANDU_DB: z.string().min(1).optional(),
  PANDU_DATA: z.string().min(1).optional(),
  PANDU_KEEP_VERSIONS: z.coerce.number().int().min(1).default(5),
  PANDU_HOST: z.string().min(1).default('127.0.0.1'),
  PANDU_API_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  PANDU_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  PANDU_CACHE_SIZE: z.coerce.number().int().min(0).default(500),
  PANDU_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(
      z.array(
        z.string().refine((origin) => origin === '*' || isOrigin(origin), {
          error: (issue) =>
            `must be origins such as http://127.0.0.1:5173 (scheme, host, port; no path), got "${String(issue.input)}"`,
        }),
      ),
    ),
  PANDU_MAX_QUEUED: z.coerce.number().int().min(0).default(128),
  PANDU_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1_000).default(5_000),
  PANDU_PUBLIC: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
  PANDU_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  PANDU_PASSWORD: z.string().optional(),
  PANDU_COMPLETE_COVERAGE: z.coerce.number().gt(0).max(1).default(COMPLETE_YEAR_COVERAGE),
  PANDU_UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(DEFAULT_UPLOAD_LIMIT_BYTES),
  PANDU_SQL_TIME_LIMIT_MS: z.coerce.number().int().min(100).default(10_000),
  PANDU_SQL_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  PANDU_SQL_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'must be a size such as 1GB or 512MB')
    .default('1GB'),
  NO_COLOR: z.string().optional(),
  CI: z.string().optional(),
});

/** `http://127.0.0.1:5173` as a browser sends it in `Origin`: nothing after the port. */
function isOrigin(text: string): boolean {
  return URL.canParse(text) && new URL(text).origin === text;
}

/** Validated environment. */
export interface PanduEnv {
  /** Database file, absolute: PANDU_DB, else data/pandu.duckdb, relative to the working directory. */
  dbPath: string;
  /** PANDU_DB is unset, so `dbPath` is the default location (which `pandu serve` may create). */
  dbPathIsDefault: boolean;
  /** Data directory, absolute: PANDU_DATA, else data/, relative to the working directory. */
  dataDir: string;
  /** PANDU_DATA is unset, so `dataDir` is the default location. */
  dataDirIsDefault: boolean;
  /** Version files a data directory keeps (PANDU_KEEP_VERSIONS, default 5, at least 1). */
  keepVersions: number;
  apiHost: string;
  apiPort: number;
  /** A DuckDB statement of the API that runs longer is interrupted. */
  queryTimeoutMs: number;
  /** Results the API keeps in memory (0: no cache). */
  cacheSize: number;
  /** Origins whose pages may read the API's answers (CORS); `*` any; empty: none. */
  corsOrigins: string[];
  /**
   * Requests that may wait for a database connection while all are busy; the next one is answered
   * 503 with Retry-After at once instead of waiting behind them.
   */
  maxQueued: number;
  /**
   * On SIGTERM/SIGINT, how long requests in flight may take to finish; at the end the API has
   * interrupted their queries (503), closed the database and exited.
   */
  shutdownGraceMs: number;
  /**
   * The share of villages (0 to 1] a year needs to be complete: the default year is the latest
   * complete one, and partial years stay out of trends (PANDU_COMPLETE_COVERAGE, default 0.9).
   */
  completeCoverage: number;
  /** Draw progress bars (stderr is a terminal, not CI, NO_COLOR unset). */
  interactive: boolean;
  /** Reading needs no login (PANDU_PUBLIC, default true); false: every page and procedure does. */
  publicRead: boolean;
  /** How long a login session lasts, hours (PANDU_SESSION_HOURS, default 12). */
  sessionHours: number;
  /**
   * A password for `pandu users add` / `users passwd` without a prompt (PANDU_PASSWORD), for
   * scripts; never an argument, where `ps` would show it.
   */
  password: string | undefined;
  /** Largest file `POST /import/*` accepts, bytes (PANDU_UPLOAD_LIMIT_BYTES, default 512 MiB). */
  uploadLimitBytes: number;
  /** The SQL console's limits per query (PANDU_SQL_TIME_LIMIT_MS, PANDU_SQL_MEMORY_LIMIT). */
  sqlTimeLimitMs: number;
  sqlMemoryLimit: string;
  /** Queries per user per minute (PANDU_SQL_PER_MINUTE, default 30). */
  sqlPerMinute: number;
}

/** Read and validate the environment; a bad value is an error naming the variable. */
export function readEnv(
  source: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): PanduEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const env = parsed.data;
  return {
    dbPath: resolve(cwd, env.PANDU_DB ?? DEFAULT_DB_PATH),
    dbPathIsDefault: env.PANDU_DB === undefined,
    dataDir: resolve(cwd, env.PANDU_DATA ?? DEFAULT_DATA_DIR),
    dataDirIsDefault: env.PANDU_DATA === undefined,
    keepVersions: env.PANDU_KEEP_VERSIONS,
    apiHost: env.PANDU_HOST,
    apiPort: env.PANDU_API_PORT,
    queryTimeoutMs: env.PANDU_QUERY_TIMEOUT_MS,
    cacheSize: env.PANDU_CACHE_SIZE,
    corsOrigins: env.PANDU_CORS_ORIGINS,
    maxQueued: env.PANDU_MAX_QUEUED,
    shutdownGraceMs: env.PANDU_SHUTDOWN_GRACE_MS,
    completeCoverage: env.PANDU_COMPLETE_COVERAGE,
    interactive: Boolean(process.stderr.isTTY) && !env.CI && env.NO_COLOR === undefined,
    publicRead: env.PANDU_PUBLIC,
    sessionHours: env.PANDU_SESSION_HOURS,
    password: env.PANDU_PASSWORD === '' ? undefined : env.PANDU_PASSWORD,
    uploadLimitBytes: env.PANDU_UPLOAD_LIMIT_BYTES,
    sqlTimeLimitMs: env.PANDU_SQL_TIME_LIMIT_MS,
    sqlMemoryLimit: env.PANDU_SQL_MEMORY_LIMIT,
    sqlPerMinute: env.PANDU_SQL_PER_MINUTE,
  };
}
