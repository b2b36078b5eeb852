// The help of the command line, apart from the commands so that `--help` loads nothing else.

export const MAIN_HELP = `pandu - is Indonesia's village digital divide closing, and where should mentors go next?

Usage: pandu <command> [options]

Commands:
  seed      build the default dataset (real regions, synthetic indicator values) as a new version
  import    load observations or mentoring events from CSV or Parquet (all or nothing) as a new version
  export    write the data as Parquet, CSV or a .duckdb file, with a data dictionary
  versions  list the versions of a data directory: who published what, when, from which file
  rollback  publish an older version's data again, as the newest version
  serve     start the API on a data directory's current version, following new ones (creates
            version 1 of the default data/ when it is empty; another directory or a missing
            --db FILE only with --create)
  users     add, list, remove users and set their passwords (roles viewer, analyst, admin)
  tokens    create, list, revoke API tokens (Authorization: Bearer <token>)

Run 'pandu <command> --help' for a command's options.

The data live in a data directory (--data DIR; default: $PANDU_DATA or data/) of numbered,
immutable DuckDB versions: every write builds the next version beside the current one and then
publishes it at once, so a server keeps serving while it runs, and a failed or killed write
changes nothing. A data/pandu.duckdb from an earlier install is adopted as version 1.
seed, import and export also take --db FILE for a single database file, as before.`;

export const SEED_HELP = `Usage: pandu seed [--data DIR | --db FILE] [--provinces 35,36] [--seed N] [--force]

Build the embedded default dataset: the 83,762 real villages of idn-area-data (ODbL) with
SYNTHETIC yearly indicator values 2020-2025, calibrated to the published national ILD and
provincial IP-TIK figures, plus mentoring events and volunteers.

In a data directory (created if missing) the dataset is published as a new version; the number
is printed on stdout. A directory that already holds a version needs --force, which publishes the
new seed as the next version: earlier versions are kept (rollback can bring them back), and a
server serving the directory switches to it without a restart. Nothing is deleted under it.

Options:
  --data DIR         data directory (default: $PANDU_DATA or data/)
  --db FILE          a single database file instead (with --force: deleted and built again)
  --provinces LIST   only these provinces (two-digit codes, comma-separated), for a small dataset
  --seed N           seed of the synthetic values (default 20211102); same seed, same data
  --force            publish over an existing version (--data), or replace the file (--db)
  -h, --help         show this help

Environment: PANDU_KEEP_VERSIONS (default 5) version files a data directory keeps.`;

export const IMPORT_HELP = `Usage: pandu import FILE [--kind observations|mentoring] [--data DIR | --db FILE] [--replace] [--rejects OUT.csv]

Load observations (default) or mentoring events from a CSV or Parquet file, all or nothing: if
any row is rejected, nothing is written and every rejected row is named with its column and the
reason (exit 1).

In a data directory the import is published as a new version, recorded as yours (the
operating-system user) with the file's name and SHA-256; the new version's number is printed on
stdout. It runs while a server serves the directory: the server switches to the new version when
it is published. One write at a time: a second one is refused, naming the running one's pid.

The file has one row per value and the header village_code,year,indicator,value
(optional columns: source, province). Example:

  village_code,year,indicator,value
  35.05.04.2014,2026,digital_skills,3.62
  35.05.04.2014,2026,access_4g_signal,91.5
  35.05.04.2001,2026,outcome_msme_online,18.25

Rows are named by their line (the header is line 1, blank lines count) in a CSV file, by their index (from 1)
in a Parquet file. Indicator ids and their valid ranges: see 'pandu export' or the README.

FILE may be a folder of observation Parquet files, read as one file in one transaction, e.g. the
observations/ folder of 'pandu export --format parquet' (every province=PP/year=YYYY/ partition):
  pandu import --replace exports/observations
Rejections then name the file as well as the row.

Mentoring events (--kind mentoring): one row per event and participating village, columns
event_id,start_date,end_date,format,sectors,venue_village_code,participants_total,village_count,
organisers and optionally village_code,title,sessions,venue_name,notes (sectors and organisers
separated by ';'; every event needs at least one organiser).

Options:
  --data DIR         data directory (default: $PANDU_DATA or data/)
  --db FILE          a single database file instead, written in place
  --kind K           observations (default) or mentoring
  --replace          overwrite what is already stored (same village, year and indicator; same event id)
  --rejects OUT.csv  write every rejection to a CSV file (row,column,value,reason; file first for a folder)
  -h, --help         show this help`;

export const EXPORT_HELP = `Usage: pandu export --format parquet|csv|duckdb --out DIR [--region CODE] [--from YEAR] [--to YEAR] [--data DIR | --db FILE]

Write the data for researchers, always with a data dictionary (DATA_DICTIONARY.md and
data-dictionary.json: tables, columns, units, indicator definitions, source kinds, licence, what
the sources leave unknown), METHODS.md (how every figure is computed) and LICENSE-DATA.md. Beside
the stored tables, region_figures holds each region's figures per year, measure and kind (n,
missing, mean, p10/p50/p90, Gini, Theil, CV, people-weighted mean), computed at export time.
From a data directory the current version is read (read-only: it works while a server serves
the directory and while a write runs).

  parquet  zstd Parquet; observations and village_index hive-partitioned by province and year
           (every file still holds all its columns); other tables one file each
  csv      one CSV file per table
  duckdb   a standalone pandu-export.duckdb

Observations are written in the import format plus their source kind, so
'pandu import --replace' reads them back unchanged. Values marked synthetic are synthetic.
Region data: idn-area-data, ODbL 1.0 (attribution and share-alike apply).

Options:
  --format F       parquet, csv or duckdb (required)
  --out DIR        directory to write (required; must be empty or new, unless --overwrite)
  --region CODE    only this region (province 35, regency 35.05, district or village code)
  --from YEAR      first year (default: all)
  --to YEAR        last year (default: all)
  --overwrite      write into a non-empty directory
  --data DIR       data directory (default: $PANDU_DATA or data/)
  --db FILE        a single database file instead
  -h, --help       show this help`;

export const VERSIONS_HELP = `Usage: pandu versions [--data DIR] [--json]

List every version of a data directory, oldest first, the current one marked with *: its
number, when it was published (UTC), by whom, the action (seed, import-observations,
import-mentoring, rollback, adopt, upgrade), the imported file's name and SHA-256 (first 12 digits), rows
accepted / replaced, the version's file (or "pruned": only the last $PANDU_KEEP_VERSIONS files are
kept, default 5, while history.jsonl keeps every record) and a one-line summary.

Options:
  --data DIR   data directory (default: $PANDU_DATA or data/)
  --json       the full records as a JSON array (both SHA-256s, rows per table), for scripts
  -h, --help   show this help`;

export const ROLLBACK_HELP = `Usage: pandu rollback [--data DIR] VERSION

Publish an exact copy of an older version's data as the newest version: rolling back to 3 when
7 is current publishes 8, with the tables of 3 (the audit log goes on: it keeps 4 to 7 and adds
the rollback). History only grows; a server serving the directory switches to it. The command
line acts as an administrator (whoever runs it can write the files anyway). The version's file
must still be kept ('pandu versions' shows which are) and match its recorded SHA-256. The new
number is printed on stdout.

Options:
  --data DIR   data directory (default: $PANDU_DATA or data/)
  -h, --help   show this help`;

export const SERVE_HELP = `Usage: pandu serve [--data DIR | --db FILE] [--create] [--host HOST] [--port PORT]

Start the API (tRPC over HTTP, plain JSON) on the current version of a data directory, read-only,
and keep serving while new versions are published (pandu import, seed, rollback, an upload):
within 2 s of a publish, new requests are answered from the new version, while requests already
running finish on the old one, which is closed once idle. Several servers may serve one directory
(replicas behind a load balancer); each switches on its own. A served version's stored figures,
its villages' index rows, every region and every district's observation means are read into
memory, so figures are answered without DuckDB: before the server listens for the version it
starts on (national: it listens about 4 s after it starts, with about 650 MiB resident), in the
background for one published while it runs (until then, its answers come from DuckDB).

If the default data directory (data/, no --data and no $PANDU_DATA) has no version yet, version 1
is created first: data/pandu.duckdb of an older install is adopted, else the default dataset is
built (about 20 s, 155 MB; progress shown). A directory named by --data or $PANDU_DATA must hold a
version (or a pandu.duckdb to adopt), unless --create is given.

--db FILE (or $PANDU_DB, which for serve wins over $PANDU_DATA: that one then only names where
the users are) serves that one DuckDB file read-only instead; it never switches. It must exist,
unless --create is given. Data written by an older Pandu are brought up to date first: a --db
file is migrated in place, a data directory's current version is published again, upgraded, as
the next version.

  curl 'http://127.0.0.1:3100/trpc/divide.summary?input=%7B%22year%22%3A2024%7D'
  curl 'http://127.0.0.1:3100/trpc/health'    # "version": the version answering
  curl -OJ 'http://127.0.0.1:3100/export/parquet?region=35.05'   # the dataset of a scope, zipped

Options:
  --data DIR     data directory (default: $PANDU_DATA or data/)
  --db FILE      serve one database file read-only (default: $PANDU_DB when set)
  --create       build the default dataset if there is no data yet
  --host HOST    address to listen on (default: $PANDU_HOST or 127.0.0.1)
  --port PORT    port (default: $PANDU_API_PORT or 3100; 0 picks a free one)
  -h, --help     show this help

Environment: PANDU_QUERY_TIMEOUT_MS (default 10000) interrupts longer queries;
PANDU_CACHE_SIZE (default 500) results kept in memory (0: no cache), keyed by version;
PANDU_CORS_ORIGINS (comma-separated origins such as http://127.0.0.1:5173, or *; default none)
origins whose pages may read answers;
PANDU_MAX_QUEUED (default 128) requests that may wait for the database, more get 503;
PANDU_SHUTDOWN_GRACE_MS (default 5000, at least 1000) on SIGTERM/SIGINT, time for requests in
flight to finish before their queries are interrupted (503) and the server exits 0 (1 if DuckDB
did not close in time); a second signal exits at once (130 or 143);
PANDU_PUBLIC (default true) false makes every procedure but auth.login, auth.me, auth.policy and
health need a user (Authorization: Bearer <session or API token>);
PANDU_SESSION_HOURS (default 12) how long a login session lasts;
PANDU_COMPLETE_COVERAGE (default 0.9) the share of villages with a value a year needs to be
complete: the default year is the latest complete one, and trends leave partial years out;
PANDU_UPLOAD_LIMIT_BYTES (default 536870912, 512 MiB) the largest file POST /import/* takes (413);
PANDU_KEEP_VERSIONS (default 5) version files the data directory keeps when serve writes
(version 1, an upgrade, an upload, a rollback);
PANDU_SQL_TIME_LIMIT_MS (default 10000), PANDU_SQL_MEMORY_LIMIT (default 1GB) and
PANDU_SQL_PER_MINUTE (default 30 per user) the limits of sql.query (the SQL console for signed-in users): it runs in a worker process with its own
read-only DuckDB, never in the API's, and is interrupted at the time limit.`;

export const USERS_HELP = `Usage: pandu users add NAME --role viewer|analyst|admin [--data DIR]
       pandu users list [--json] [--data DIR]
       pandu users remove NAME [--data DIR]
       pandu users passwd NAME [--data DIR]

Users of the API and the dashboard, kept in DIR/auth.json (outside the data versions: a rollback
never brings back a removed user). A viewer reads, an analyst also uploads and imports, an admin
also rolls back and manages users. Servers running on DIR see a change at their next request.

The password (at least 10 characters) is read from stdin - asked twice without echo at a
terminal, the first line from a pipe - or taken from $PANDU_PASSWORD; never from an argument.

  printf '%s\\n' "$PW" | pandu users add ana --role analyst

'remove' also ends the user's sessions and revokes their API tokens; 'passwd' ends their sessions.

Options:
  --role R     viewer, analyst or admin (add)
  --json       list as JSON
  --data DIR   data directory (default: $PANDU_DATA or data; a server of one --db FILE reads
               its users from $PANDU_DATA if set, else from the file's folder)
  -h, --help   show this help`;

export const TOKENS_HELP = `Usage: pandu tokens create --user NAME [--label TEXT] [--data DIR]
       pandu tokens list [--json] [--data DIR]
       pandu tokens revoke ID [--data DIR]

API tokens for scripts: 'create' prints a token (pandu_...) once, alone on stdout; only its
sha256 is stored. Send it as 'Authorization: Bearer <token>'; it acts with its user's role.
'revoke' takes the token's id (from 'list') and holds at once on every server of DIR.

  TOKEN=$(pandu tokens create --user ana --label nightly-import)
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3100/trpc/auth.me

Options:
  --user NAME    the token's user (create)
  --label TEXT   what the token is for, shown by 'list' (create)
  --json         list as JSON
  --data DIR     data directory (default: $PANDU_DATA or data)
  -h, --help     show this help`;
