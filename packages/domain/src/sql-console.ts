// The SQL console's bounds (issue 12), shared by the API that enforces them and the dashboard that
// sends queries. Zod-free, so a browser bundle may import them.

/** Longest query text `sql.query` accepts, in characters (the API takes bodies up to 64 KiB). */
export const SQL_TEXT_MAX = 50_000;

/** Most rows one `sql.query` returns; more set `truncated`. */
export const SQL_ROWS_MAX = 10_000;
