import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  exportDataset,
  checkExportScope,
  type Database,
  type ExportOptions,
  type ExportResult,
} from '@pandu/db';
import { EXPORT_FORMATS, OBSERVATION_YEARS, RegionCode } from '@pandu/domain';
import { INTERNAL_ERROR_MESSAGE, toTRPCError, zodMessage } from '@pandu/api';
import { httpStatusOf, send, trpcError } from './http-response.js';

/** `GET /export/{parquet|csv|duckdb}?region=CODE&from=YYYY&to=YYYY` (HEAD too). */
export const EXPORT_PATH = '/export/';

const YearParam = z
  .string()
  .regex(/^\d{4}$/, 'must be a year such as 2024')
  .transform(Number)
  .pipe(z.number().int().min(OBSERVATION_YEARS.min).max(OBSERVATION_YEARS.max));

/** The query of an export download; the format is the last segment of the path. */
export const ExportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS, {
      error: (issue) =>
        `must be ${EXPORT_FORMATS.slice(0, -1).join(', ')} or ${EXPORT_FORMATS.at(-1)}, got "${String(issue.input)}"`,
    }),
    region: RegionCode.optional(),
    from: YearParam.optional(),
    to: YearParam.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['from'],
    message: 'must not be after to',
  });
export type ExportQuery = z.infer<typeof ExportQuery>;

export interface ExportDownloadOptions {
  /** Where each export's temporary directory is made (default: the OS temp directory). */
  tmpRoot?: string;
  /** What a refused second request is told to wait, in seconds (`Retry-After`). Default 15. */
  retryAfterSeconds?: number;
  /** The export itself; tests wrap it to hold one open or make it fail. */
  exportDataset?: (db: Kysely<Database>, options: ExportOptions) => Promise<ExportResult>;
  /** One line per export served or abandoned (default: stderr). */
  log?: (line: string) => void;
}

/** The export route of the API server. */
export interface ExportDownloads {
  /**
   * Answer a request whose path starts with {@link EXPORT_PATH} from `db`: the database version
   * the request holds (the server keeps it open until the download has ended).
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, db: Kysely<Database>): Promise<void>;
}

/** Text files are deflated; Parquet (zstd inside) and DuckDB files barely shrink and are stored. */
const STORED = /\.(parquet|duckdb)$/;
/** Read size per chunk pushed into the zip. */
const CHUNK_BYTES = 1024 * 1024;
/** The files a reader should see first in the archive. */
const FIRST = ['DATA_DICTIONARY.md', 'METHODS.md', 'LICENSE-DATA.md', 'data-dictionary.json'];

/**
 * Whole-dataset downloads: `GET /export/parquet?region=35.05&from=2022&to=2024` runs
 * `exportDataset` of `@pandu/db` in this process, on the database version the request holds,
 * into a fresh temporary directory, then streams that directory as one zip,
 * `pandu-35.05-2022-2024-parquet.zip`, whose entries sit in a folder of the same name: the data
 * files, `DATA_DICTIONARY.md`, `data-dictionary.json` and `LICENSE-DATA.md`. The directory is
 * removed afterwards, whether the download finished, the client went away or the export failed.
 *
 * One export runs at a time: a national export reads every table and writes hundreds of MB, and
 * the machine is shared with the API's queries. A second request meanwhile gets 503 with
 * `Retry-After` rather than waiting, so it holds no connection and a client (or proxy) decides
 * when to try again. Bad input is 400 naming the field, an unknown region 404, in the API's usual
 * error shape (errors are mapped by `toTRPCError`). The route is outside tRPC and its request
 * deadline; each DuckDB statement of the export is still bounded by the query timeout.
 *
 * `HEAD` answers with the status and headers a GET would get, without running the export (which
 * takes seconds and the one export slot): the query is checked and the region looked up, so a bad
 * one is 400 or 404 as for GET, a good one 200 with the zip's type and file name.
 *
 * @example
 * ```ts
 * const server = createApiServer(ctx, DEFAULT_LIMITS, createExportDownloads({ tmpRoot: '/var/tmp' }));
 * // curl -OJ 'http://127.0.0.1:3100/export/csv?region=35.05'
 * ```
 */
export function createExportDownloads(options: ExportDownloadOptions = {}): ExportDownloads {
  const runExport = options.exportDataset ?? exportDataset;
  const retryAfter = options.retryAfterSeconds ?? 15;
  const log = options.log ?? ((line: string) => console.error(line));
  let busy = false;

  return {
    async handle(req, res, url, db) {
      res.setHeader('Cache-Control', 'no-store');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return send(
          res,
          405,
          trpcError('METHOD_NOT_SUPPORTED', `method ${req.method ?? '?'} not allowed`),
        );
      }
      const parsed = ExportQuery.safeParse({
        format: url.pathname.slice(EXPORT_PATH.length),
        ...Object.fromEntries(
          (['region', 'from', 'to'] as const).flatMap((name) => {
            const value = url.searchParams.get(name);
            return value === null ? [] : [[name, value]];
          }),
        ),
      });
      if (!parsed.success) {
        return send(
          res,
          400,
          trpcError(
            'BAD_REQUEST',
            zodMessage(parsed.error),
            z.flattenError(parsed.error).fieldErrors,
          ),
        );
      }
      if (req.method === 'HEAD') return answerHead(db, parsed.data, res);
      if (busy) {
        res.setHeader('Retry-After', String(retryAfter));
        return send(
          res,
          503,
          trpcError(
            'SERVICE_UNAVAILABLE',
            `another export is running; try again in ${retryAfter} s`,
          ),
        );
      }
      busy = true;
      // Once per export: the slot is freed before the last bytes go out, and another export may
      // hold it by the time this one's finally runs.
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        busy = false;
      };
      try {
        await serveExport(db, parsed.data, res, {
          runExport,
          tmpRoot: options.tmpRoot ?? tmpdir(),
          log,
          release,
        });
      } finally {
        release();
      }
    },
  };
}

/** HEAD: what a GET would answer, without the export or its body. */
async function answerHead(
  db: Kysely<Database>,
  query: ExportQuery,
  res: ServerResponse,
): Promise<void> {
  const name = exportName(query);
  try {
    // The checks of the export itself, so HEAD answers what GET would (400 for years without data).
    await checkExportScope(db, {
      region: query.region,
      years: { from: query.from, to: query.to },
    });
  } catch (error) {
    return sendError(res, error, name);
  }
  res.statusCode = 200;
  setZipHeaders(res, name);
  res.end();
}

function setZipHeaders(res: ServerResponse, name: string): void {
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.zip"`);
}

/** `pandu-35.05-2022-2024-parquet`, `pandu-nasional-duckdb`: the zip's name and its root folder. */
export function exportName(query: ExportQuery): string {
  const years =
    query.from === undefined && query.to === undefined
      ? ''
      : `-${query.from ?? 'awal'}-${query.to ?? 'akhir'}`;
  return `pandu-${query.region ?? 'nasional'}${years}-${query.format}`;
}

async function serveExport(
  db: Kysely<Database>,
  query: ExportQuery,
  res: ServerResponse,
  how: {
    runExport: NonNullable<ExportDownloadOptions['exportDataset']>;
    tmpRoot: string;
    log: (line: string) => void;
    /** Free the one-export slot. */
    release: () => void;
  },
): Promise<void> {
  const name = exportName(query);
  const started = performance.now();
  // The client may leave while the export runs (it cannot be stopped half-way, but nothing is
  // then sent) or during the download (the zip stops at the next chunk).
  let gone = false;
  res.once('close', () => {
    if (!res.writableFinished) gone = true;
  });
  const isGone = () => gone || res.destroyed;
  const dir = await mkdtemp(join(how.tmpRoot, 'pandu-export-'));
  // The directory is removed and the slot freed before the last bytes of an answer go out, so a
  // client that has its answer can start the next export at once and finds no leftovers.
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= rm(dir, { recursive: true, force: true }).finally(() => how.release()));
  try {
    const outDir = join(dir, name);
    try {
      await how.runExport(db, {
        format: query.format,
        outDir,
        region: query.region,
        years: { from: query.from, to: query.to },
      });
    } catch (error) {
      await cleanup();
      if (!isGone()) sendError(res, error, name);
      return;
    }
    if (isGone()) {
      how.log(`pandu api: export ${name}: client went away before the download started`);
      return;
    }
    res.statusCode = 200;
    setZipHeaders(res, name);
    const sent = await streamZip(outDir, name, res, isGone, cleanup);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    how.log(
      sent === null
        ? `pandu api: export ${name}: client went away during the download (${seconds} s)`
        : `pandu api: export ${name}: ${(sent / 1e6).toFixed(1)} MB in ${seconds} s`,
    );
  } catch (error) {
    // Reading the export back failed after the headers went out: all that can be done is to cut
    // the download short, so the client sees an incomplete file rather than a wrong one.
    console.error(`pandu api: export ${name}:`, error);
    if (!res.headersSent && !isGone()) sendError(res, error, name);
    else res.destroy();
  } finally {
    await cleanup();
  }
}

function sendError(res: ServerResponse, error: unknown, name: string): void {
  const mapped = toTRPCError(error);
  const internal = mapped.code === 'INTERNAL_SERVER_ERROR';
  if (internal) console.error(`pandu api: export ${name}:`, mapped.cause ?? error);
  send(
    res,
    httpStatusOf(mapped.code),
    trpcError(mapped.code, internal ? INTERNAL_ERROR_MESSAGE : mapped.message),
  );
}

/**
 * Stream the files under `dir` as a zip whose entries sit in the folder `root`. Each file flows
 * through a pipeline (read, CRC, deflate for text, out to the socket as it takes it), so memory
 * stays at a few chunks whatever the export's size. `beforeEnd` runs once every file is read,
 * before the zip's central directory (the last bytes) is sent. Resolves with the bytes sent, or
 * null when the client went away first.
 *
 * fflate writes the zip container (headers, data descriptors, central directory); the deflating
 * is Node's zlib, not fflate's: fflate deflates synchronously on the event loop, which blocked the
 * API for about 100 ms per MB and took 31 s for the national CSV export's 350 MB, while zlib runs
 * in libuv's thread pool. The CRC-32 is zlib's too (native).
 */
async function streamZip(
  dir: string,
  root: string,
  res: ServerResponse,
  isGone: () => boolean,
  beforeEnd: () => Promise<void>,
): Promise<number | null> {
  let bytes = 0;
  // fflate reports a failure through the callback; it is rethrown where the data is pushed.
  const failed: { error: Error | null } = { error: null };
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failed.error = error;
      return;
    }
    if (isGone()) return;
    bytes += chunk.length;
    res.write(chunk);
    if (final) res.end();
  });
  try {
    for (const file of await listFiles(dir)) {
      const stored = STORED.test(file);
      const entry: ZipInputFile = {
        filename: `${root}/${file}`,
        compression: stored ? 0 : 8,
        crc: 0,
        size: 0,
      };
      zip.add(entry);
      const push = (chunk: Uint8Array, final: boolean) => {
        // Buffers from file streams and zlib are never on a SharedArrayBuffer.
        entry.ondata?.(null, chunk as Uint8Array<ArrayBuffer>, final);
        if (failed.error) throw failed.error;
      };
      const read = createReadStream(join(dir, file), { highWaterMark: CHUNK_BYTES });
      const measure = async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          entry.crc = crc32(chunk, entry.crc);
          entry.size += chunk.length;
          yield chunk;
        }
      };
      const write = async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          push(chunk, false);
          if (res.writableNeedDrain) await drained(res);
          if (isGone()) throw new ClientGone();
        }
      };
      if (stored) await pipeline(read, measure, write);
      else await pipeline(read, measure, createDeflateRaw({ level: 6 }), write);
      push(new Uint8Array(0), true);
    }
  } catch (error) {
    zip.terminate();
    if (error instanceof ClientGone) return null;
    throw error;
  }
  // Every file has been read; only the zip's directory is left to send.
  await beforeEnd();
  zip.end();
  if (failed.error) throw failed.error;
  await new Promise<void>((resolve) => {
    if (res.writableFinished || res.destroyed) resolve();
    else res.once('finish', resolve).once('close', resolve);
  });
  return isGone() ? null : bytes;
}

/** The client closed the connection during the download. */
class ClientGone extends Error {}

/** Resolves when the socket takes more data, or when the client has gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}

/** Files under `dir`, as `/`-separated relative paths: the dictionary and licence first. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  const rank = (file: string) => {
    const i = FIRST.indexOf(file);
    return i === -1 ? FIRST.length : i;
  };
  return files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
