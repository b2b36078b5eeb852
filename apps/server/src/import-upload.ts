import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  ImportRejectedError,
  importMentoringEvents,
  importObservations,
  writeRejectsCsv,
  type DataStore,
  type Database,
  type HistoryRecord,
  type Rejection,
  type WriteCounts,
} from '@pandu/db';
import { roleAllows } from '@pandu/domain';
import {
  INTERNAL_ERROR_MESSAGE,
  LoginRequiredError,
  RoleRequiredError,
  actorOf,
  toTRPCError,
  type AuthUser,
} from '@pandu/api';
import { httpStatusOf, send, trpcError } from './http-response.js';
import { DEFAULT_UPLOAD_LIMIT_BYTES } from './env.js';

/**
 * `POST /import/{observations|mentoring}?name=FILE&replace=1&dryRun=1` (the file is the body) and
 * `GET /import/rejects/<id>.csv` (a rejected upload's full report).
 */
export const IMPORT_PATH = '/import/';

/** What may be uploaded: the two kinds of import. */
export const UPLOAD_KINDS = ['observations', 'mentoring'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** PANDU_UPLOAD_LIMIT_BYTES' default (512 MiB), defined with the environment it defaults. */
export { DEFAULT_UPLOAD_LIMIT_BYTES };
/** How many rejections an answer lists; the rejects CSV has every one listed (up to 100,000). */
export const REJECTIONS_SHOWN = 1000;

/** A file the store imported (or, with `dryRun`, validated and would have). */
export interface UploadAccepted {
  ok: true;
  dryRun: boolean;
  kind: UploadKind;
  fileName: string;
  /** Rows written: values for observations, events for mentoring. */
  accepted: number;
  /** Values (or events) already stored that were overwritten (`replace=1`). */
  replaced: number;
  /** Villages re-indexed (observations) or taking part (mentoring). */
  villages: number;
  /** The version published; null for a dry run, which publishes nothing. */
  version: number | null;
  record: HistoryRecord | null;
}

/** A file rejected: nothing was written. */
export interface UploadRejected {
  ok: false;
  dryRun: boolean;
  kind: UploadKind;
  fileName: string;
  rejectionCount: number;
  /** The first {@link REJECTIONS_SHOWN}. */
  rejections: Rejection[];
  /** `/import/rejects/<id>.csv`: every rejection, for the same user, for a limited time. */
  rejectsUrl: string;
}

export interface ImportUploadOptions {
  /** The data directory whose next version an upload becomes. */
  store: DataStore;
  /** Largest body, bytes (PANDU_UPLOAD_LIMIT_BYTES); more is 413. Default 512 MiB. */
  limitBytes?: number;
  /** How long a rejects CSV stays downloadable; default one hour. */
  rejectsTtlMs?: number;
  /**
   * How long a client may take to send its file (Node's `requestTimeout` of the server, which
   * the server raises to this for every request when uploads are on). Default 15 minutes.
   */
  receiveTimeoutMs?: number;
  /** Where each upload's outcome is logged; default stderr. */
  log?: (line: string) => void;
  now?: () => number;
}

/** The upload routes, for `createApiServer`'s `imports` option. */
export interface ImportUploads {
  /** See {@link ImportUploadOptions.receiveTimeoutMs}. */
  readonly receiveTimeoutMs: number;
  /** Answer a request under {@link IMPORT_PATH}; `user` is the request's, resolved by the server. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, user: AuthUser | null): Promise<void>;
}

const Flag = z
  .enum(['1', '0', 'true', 'false', ''], { error: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true');

const UploadQuery = z.object({
  replace: Flag.default(false),
  dryRun: Flag.default(false),
  name: z.string().max(1000).optional(),
});

/** Body types that are a form, not a file: a browser's form POST (and a forged one) sends these. */
const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'application/json'];
const REJECTS_ID = /^[0-9a-f]{32}$/;
const REJECTS_PATH = `${IMPORT_PATH}rejects/`;

/**
 * Imports over HTTP (issue 10). The file is the request body, CSV or Parquet (told apart by its
 * first bytes, as `pandu import` does), streamed to `DIR/staging/upload-<random>/<name>` and never
 * held in memory; a body over the limit is refused with 413 (at once when `Content-Length` says
 * so, else as soon as it is exceeded). Analysts and admins only (401 without a user, 403 below).
 * The import runs through `DataStore.write`, so the store's lock, copy, audit (the user or token
 * as the actor) and publish apply as for `pandu import`; a `dryRun` runs the whole import on the
 * copy and throws it away: nothing is published and no version file is left. Another write
 * running is 409. A rejected file is 422 with the first 1,000 rejections and a link to all of
 * them as CSV, kept in staging for an hour and served only to the user who uploaded it, under an
 * id of 128 random bits. The uploaded file is removed whatever happens.
 *
 * @example
 * ```ts
 * const imports = createImportUploads({ store: await DataStore.open('data') });
 * createApiServer(ctx, DEFAULT_LIMITS, undefined, { imports });
 * // curl -H 'Authorization: Bearer pandu_...' --data-binary @survey.csv \
 * //   'http://127.0.0.1:3100/import/observations?name=survey.csv&replace=1'
 * ```
 */
export function createImportUploads(options: ImportUploadOptions): ImportUploads {
  const limit = options.limitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  const ttl = options.rejectsTtlMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const staging = join(options.store.dir, 'staging');

  return {
    receiveTimeoutMs: options.receiveTimeoutMs ?? 15 * 60 * 1000,
    async handle(req, res, url, user) {
      res.setHeader('Cache-Control', 'no-store');
      const method = req.method ?? 'GET';
      const path = url.pathname;
      await sweepExpiredRejects(staging, now()).catch(() => undefined);
      if (path.startsWith(REJECTS_PATH)) {
        if (method !== 'GET' && method !== 'HEAD') return notAllowed(res, 'GET, HEAD');
        return serveRejects(res, staging, path.slice(REJECTS_PATH.length), user, now());
      }
      const kind = UPLOAD_KINDS.find((k) => path === `${IMPORT_PATH}${k}`);
      if (!kind) return send(res, 404, trpcError('NOT_FOUND', `no such path: ${path}`));
      if (method !== 'POST') return notAllowed(res, 'POST');
      // Refusals before the body is read leave it unread: the connection is closed after the answer.
      const refuse = (status: number, body: unknown) => {
        res.setHeader('Connection', 'close');
        send(res, status, body);
      };
      if (!user) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return refuse(401, errorBody(new LoginRequiredError()));
      }
      if (!roleAllows(user.role, 'analyst')) {
        return refuse(403, errorBody(new RoleRequiredError('analyst', user.role)));
      }
      const query = UploadQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) {
        return refuse(400, errorBody(query.error));
      }
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (contentType && FORM_TYPES.includes(contentType)) {
        return refuse(
          415,
          trpcError(
            'UNSUPPORTED_MEDIA_TYPE',
            `send the file itself as the body (text/csv or application/octet-stream), not ${contentType}`,
          ),
        );
      }
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > limit) return refuse(413, tooLarge(limit));

      const fileName = uploadFileName(query.data.name);
      const dir = join(staging, `upload-${randomBytes(12).toString('hex')}`);
      const { dryRun, replace } = query.data;
      const who = `${kind} by ${user.name}: ${fileName}${dryRun ? ' (dry run)' : ''}`;
      let answer: Answer;
      try {
        answer = await receiveAndImport(req, options.store, {
          file: join(dir, fileName),
          limit,
          upload: { kind, fileName, replace, dryRun, user },
        });
      } catch (error) {
        const mapped = toTRPCError(error);
        const internal = mapped.code === 'INTERNAL_SERVER_ERROR';
        if (internal) console.error(`pandu api: import ${who}:`, mapped.cause ?? error);
        answer = {
          status: httpStatusOf(mapped.code),
          body: trpcError(mapped.code, internal ? INTERNAL_ERROR_MESSAGE : mapped.message),
        };
      } finally {
        // Before answering: a client that has its answer finds nothing of its upload left.
        await rm(dir, { recursive: true, force: true });
      }
      if (answer === 'gone') {
        log(`pandu api: import ${who}: the client went away during the upload`);
        return void res.destroy();
      }
      if (answer.status === 413) return refuse(413, answer.body);
      const { status, body } = answer;
      if ('ok' in body && body.ok) {
        log(
          `pandu api: import ${who}: ${body.accepted} accepted, ${body.replaced} replaced${body.version === null ? '' : `, version ${body.version}`}`,
        );
      } else if ('ok' in body && !body.ok) {
        const id = randomBytes(16).toString('hex');
        await writeRejectsCsv(body.rejections, join(staging, `rejects-${id}.csv`));
        await writeFile(
          join(staging, `rejects-${id}.json`),
          JSON.stringify({ user: user.name, expiresAt: now() + ttl } satisfies RejectsOwner),
        );
        log(`pandu api: import ${who}: rejected (${body.rejectionCount} rejections)`);
        return send(res, 422, {
          ...body,
          rejections: body.rejections.slice(0, REJECTIONS_SHOWN),
          rejectsUrl: `${REJECTS_PATH}${id}.csv`,
        });
      } else if ('error' in body) {
        log(`pandu api: import ${who}: ${body.error.message}`);
      }
      // A failure before the whole body was read: do not leave the rest for the next request.
      if (!req.complete) res.setHeader('Connection', 'close');
      return send(res, status, body);
    },
  };
}

/** What an upload is answered with; `gone`: the client left before its file arrived. */
type Answer =
  'gone' | { status: number; body: UploadAccepted | UploadRejected | ReturnType<typeof trpcError> };

/** Receive the file into `file` (its folder created here), then import it. */
async function receiveAndImport(
  req: IncomingMessage,
  store: DataStore,
  how: { file: string; limit: number; upload: Omit<Upload, 'file'> },
): Promise<Answer> {
  await mkdir(dirname(how.file), { recursive: true });
  try {
    await receiveBody(req, how.file, how.limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { status: 413, body: tooLarge(how.limit) };
    if (error instanceof ClientGoneError) return 'gone';
    throw error;
  }
  const upload = { ...how.upload, file: how.file };
  const outcome = await runUpload(store, upload);
  if (outcome.ok) return { status: 200, body: outcome };
  const body: UploadRejected = {
    ok: false,
    dryRun: upload.dryRun,
    kind: upload.kind,
    fileName: upload.fileName,
    rejectionCount: outcome.rejectionCount,
    rejections: [...outcome.rejections],
    rejectsUrl: '', // set once the report is kept
  };
  return { status: 422, body };
}

interface Upload {
  kind: UploadKind;
  file: string;
  fileName: string;
  replace: boolean;
  dryRun: boolean;
  user: AuthUser;
}

/** The import itself, through the store; a rejection is an answer, not an error. */
async function runUpload(
  store: DataStore,
  upload: Upload,
): Promise<
  UploadAccepted | { ok: false; rejections: readonly Rejection[]; rejectionCount: number }
> {
  try {
    const { result, record } = await store.write(
      {
        actor: actorOf(upload.user),
        action: upload.kind === 'mentoring' ? 'import-mentoring' : 'import-observations',
        fileName: upload.fileName,
      },
      async (db) => {
        const counts = await importFile(db, upload);
        // Everything a publish would check has passed; throwing now discards the copy.
        if (upload.dryRun) throw new DryRunFinished(counts);
        return counts;
      },
    );
    return answerOf(upload, result, record);
  } catch (error) {
    if (error instanceof DryRunFinished) return answerOf(upload, error.counts, null);
    if (error instanceof ImportRejectedError) {
      return { ok: false, rejections: error.rejections, rejectionCount: error.rejectionCount };
    }
    throw error;
  }
}

type ImportCounts = { accepted: number; replaced: number; villages: number } & WriteCounts;

function answerOf(
  upload: { kind: UploadKind; fileName: string; dryRun: boolean },
  counts: ImportCounts,
  record: HistoryRecord | null,
): UploadAccepted {
  return {
    ok: true,
    dryRun: upload.dryRun,
    kind: upload.kind,
    fileName: upload.fileName,
    accepted: counts.accepted,
    replaced: counts.replaced,
    villages: counts.villages,
    version: record?.version ?? null,
    record,
  };
}

/** Run the import on the version being built; its batch gives the audit's counts and hash. */
async function importFile(
  db: Kysely<Database>,
  upload: { kind: UploadKind; file: string; replace: boolean },
): Promise<ImportCounts> {
  let counts: { accepted: number; replaced: number; villages: number; batchId: number };
  if (upload.kind === 'mentoring') {
    const r = await importMentoringEvents(db, upload.file, { replace: upload.replace });
    counts = { accepted: r.events, replaced: 0, villages: r.villages, batchId: r.batchId };
  } else {
    const r = await importObservations(db, upload.file, { replace: upload.replace });
    counts = {
      accepted: r.accepted,
      replaced: r.replaced,
      villages: r.villages,
      batchId: r.batchId,
    };
  }
  const batch = await db
    .selectFrom('import_batches')
    .select(['content_hash', 'rows_accepted', 'replaced'])
    .where('id', '=', counts.batchId)
    .executeTakeFirstOrThrow();
  return {
    ...counts,
    replaced: batch.replaced,
    rowsAccepted: batch.rows_accepted,
    rowsReplaced: batch.replaced,
    fileSha256: batch.content_hash,
    summary: `uploaded: ${batch.rows_accepted} ${upload.kind === 'mentoring' ? 'mentoring rows' : 'values'} accepted, ${batch.replaced} replaced (batch ${counts.batchId}${upload.replace ? ', replace' : ''})`,
  };
}

/** Thrown by a dry run's apply once the import has succeeded, so that the store publishes nothing. */
class DryRunFinished extends Error {
  constructor(readonly counts: ImportCounts) {
    super('dry run: not publishing');
  }
}

class BodyTooLargeError extends Error {}
class ClientGoneError extends Error {}

/**
 * Write the request body to `file` as it comes, with backpressure, counting bytes: over `limit`
 * it stops reading (the body is left unread; the caller answers 413 and closes the connection).
 * Never `pipeline(req, ...)`: a failing pipeline destroys `req`, and with it the socket the 413
 * has to go out on.
 */
function receiveBody(req: IncomingMessage, file: string, limit: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { flags: 'wx' });
    let bytes = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('close', onClose);
      if (error) {
        req.pause();
        out.destroy();
        // Wait for the file to be closed so the caller can remove it.
        if (out.closed) reject(error);
        else out.once('close', () => reject(error));
      } else resolve();
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return finish(new BodyTooLargeError());
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    const onEnd = () => out.end();
    const onClose = () => {
      if (!req.complete) finish(new ClientGoneError());
    };
    req.on('data', onData).once('end', onEnd).once('close', onClose);
    out.once('error', (error) => finish(error));
    out.once('finish', () => finish(null));
  });
}

/**
 * The name the audit and the rejections give the file: the client's `?name=` without any folder
 * part or control characters, at most 120 characters; `upload` without one.
 */
export function uploadFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(-120);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

interface RejectsOwner {
  user: string;
  expiresAt: number;
}

const RejectsOwnerSchema = z.object({ user: z.string(), expiresAt: z.number() });

async function readOwner(path: string): Promise<RejectsOwner | null> {
  try {
    const parsed = RejectsOwnerSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * `GET /import/rejects/<id>.csv`: the whole report of a rejected upload, to the user who made it,
 * until it expires. Anything else (another user, an expired or unknown id) is the same 404, so
 * an id cannot be probed for.
 */
async function serveRejects(
  res: ServerResponse,
  staging: string,
  name: string,
  user: AuthUser | null,
  now: number,
): Promise<void> {
  if (!user) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return send(res, 401, errorBody(new LoginRequiredError()));
  }
  const id = name.endsWith('.csv') ? name.slice(0, -4) : '';
  const notFound = () =>
    send(res, 404, trpcError('NOT_FOUND', 'no such rejection report (they are kept for an hour)'));
  if (!REJECTS_ID.test(id)) return notFound();
  const owner = await readOwner(join(staging, `rejects-${id}.json`));
  if (!owner || owner.user !== user.name || owner.expiresAt <= now) return notFound();
  const path = join(staging, `rejects-${id}.csv`);
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return notFound();
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', 'attachment; filename="rejections.csv"');
  res.setHeader('Content-Length', body.length);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Remove rejects reports past their time, and uploads a killed server left (a day old). */
async function sweepExpiredRejects(staging: string, now: number): Promise<void> {
  for (const name of await readdir(staging)) {
    const match = /^rejects-([0-9a-f]{32})\.json$/.exec(name);
    if (match) {
      const owner = await readOwner(join(staging, name));
      if (owner && owner.expiresAt > now) continue;
      await rm(join(staging, `rejects-${match[1]}.csv`), { force: true });
      await rm(join(staging, name), { force: true });
    } else if (name.startsWith('upload-')) {
      const info = await stat(join(staging, name)).catch(() => null);
      if (info && now - info.mtimeMs > 24 * 60 * 60 * 1000) {
        await rm(join(staging, name), { recursive: true, force: true });
      }
    }
  }
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  send(res, 405, trpcError('METHOD_NOT_SUPPORTED', `method not allowed; use ${allow}`));
}

function tooLarge(limit: number) {
  return trpcError(
    'PAYLOAD_TOO_LARGE',
    `the file is larger than this server accepts (${limit} bytes, PANDU_UPLOAD_LIMIT_BYTES)`,
  );
}

/** An error in the API's JSON shape, mapped where every error is (`toTRPCError`). */
function errorBody(error: unknown) {
  const mapped = toTRPCError(error);
  return trpcError(mapped.code, mapped.message);
}
