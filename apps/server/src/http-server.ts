import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { authenticateRequest } from './authenticate-request.js';
import { checkWriteOrigin } from './check-write-origin.js';
import { clientAddress } from './client-address.js';
import { createExportDownloads, EXPORT_PATH, type ExportDownloads } from './export-download.js';
import { setCorsHeaders, setSecurityHeaders } from './http-headers.js';
import { IMPORT_PATH, type ImportUploads } from './import-upload.js';
import { send, trpcError } from './http-response.js';
import { appRouter, type Context } from '@pandu/api';
import type { AuthStore } from '@pandu/db';

/** Limits on what one request may ask and how long it may take. */
export interface HttpLimits {
  /** Longest URL (the input of a GET travels in it), bytes; longer is 413. */
  maxUrlBytes: number;
  /** Largest request body (POST), bytes; larger is 413. */
  maxBodyBytes: number;
  /** Most procedures in one batch; more is 400. */
  maxBatchSize: number;
  /**
   * A request not answered within this many milliseconds gets 408 TIMEOUT (a procedure waiting
   * for a pool connection behind slow queries, or running several queries each under the query
   * timeout). The same bound applies to a client sending its request (Node's `requestTimeout`).
   */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxUrlBytes: 8 * 1024,
  maxBodyBytes: 64 * 1024,
  maxBatchSize: 16,
  requestTimeoutMs: 30_000,
};

/** How the server talks to browsers. */
export interface ApiServerOptions {
  /**
   * Origins whose pages may read the API's answers (CORS), as `scheme://host[:port]`; `*` for
   * any. None by default: only same-origin pages, and clients that are not browsers.
   */
  corsOrigins?: readonly string[];
  /**
   * Users, API tokens and sessions (the data directory's auth.json): `Authorization: Bearer`
   * is resolved against it on every request. None: nobody can log in, every request is anonymous.
   */
  auth?: AuthStore | null;
  /** Reading needs no login (PANDU_PUBLIC, true by default); false: every read needs a user. */
  publicRead?: boolean;
  /** `POST /import/*` (import-upload.ts); without: those answer 501. */
  imports?: ImportUploads | null;
}

/** The context of one request, and what to call once it has been answered. */
export interface RequestContext {
  ctx: Context;
  /** Ends the request's hold on its database version (a `ServedVersions` lease). */
  release: () => void;
}

/**
 * Where a request's context comes from: one context for every request (a database opened by
 * hand, tests), or a function called per request, whose `release` runs once the answer has gone
 * out and the procedures have settled (a request that timed out may still be running them).
 */
export type ContextSource = Context | (() => RequestContext);

/** The header naming the store version an answer was read from (when the context has one). */
export const VERSION_HEADER = 'Pandu-Version';

/** Seconds a client is asked to wait after a 503 (a full queue for the database, or a shutdown). */
export const RETRY_AFTER_SECONDS = 1;

/** How long browsers and proxies may reuse a GET answer without asking again. */
export const CACHE_CONTROL = 'public, max-age=60';
/**
 * A read made by a logged-in user, or any read when reading needs a login: the browser may reuse
 * it, a shared cache may not (it would hand it to someone who has not logged in).
 */
export const PRIVATE_CACHE_CONTROL = 'private, max-age=60';

/** Procedures whose answer is about the one who asks: never cached anywhere. */
const PERSONAL_AREAS = ['auth.', 'users.', 'versions.'];

const ENDPOINT = '/trpc';

/**
 * The API over HTTP: tRPC's fetch handler inside Node's http server, so every response can get
 * security headers (http-headers.ts), CORS for the configured origins, an ETag (and 304 for a
 * matching If-None-Match), Cache-Control, and limits on URL, body, batch size and time. Plain JSON, no transformer:
 * `curl '.../trpc/divide.summary?input={"year":2024}'`.
 *
 * @example
 * ```ts
 * const server = createApiServer(ctx);
 * server.listen(3100, '127.0.0.1');
 * // a server following a data directory: each request on the version current when it arrives
 * const served = await ServedVersions.open('data');
 * createApiServer(() => {
 *   const lease = served.lease();
 *   const ctx = createInnerContext({ db: lease.db, dbPath: lease.file, cache, version: lease.version });
 *   return { ctx, release: lease.release };
 * });
 * ```
 */
export function createApiServer(
  contexts: ContextSource,
  limits: HttpLimits = DEFAULT_LIMITS,
  exports: ExportDownloads = createExportDownloads(),
  options: ApiServerOptions = {},
): Server {
  // Node answers a request line over its header limit (16 KiB) with a bare 431; a larger limit
  // lets the check below answer 413 with a message instead.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(req, res, contexts, limits, exports, options).catch((error: unknown) => {
      console.error('pandu api: unhandled', error);
      if (!res.headersSent) send(res, 500, trpcError('INTERNAL_SERVER_ERROR', 'internal error'));
      else res.destroy();
    });
  });
  // An upload's body may take longer to arrive than any other request (Node has one limit per
  // server); everything else is still answered within its own deadline below.
  server.requestTimeout = Math.max(limits.requestTimeoutMs, options.imports?.receiveTimeoutMs ?? 0);
  server.headersTimeout = Math.min(limits.requestTimeoutMs, 20_000);
  return server;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  contexts: ContextSource,
  limits: HttpLimits,
  exports: ExportDownloads,
  options: ApiServerOptions,
): Promise<void> {
  setSecurityHeaders(res);
  // The dashboard calls the API from its server side, so it needs no CORS; browsers on other
  // origins read answers only when the operator lists their origin.
  const corsAllowed = setCorsHeaders(req, res, options.corsOrigins ?? []);
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  if (method === 'OPTIONS') {
    // A preflight from an origin not listed gets no Access-Control-* headers: the browser refuses.
    if (corsAllowed) res.setHeader('Access-Control-Max-Age', '86400');
    return send(res, 204, null);
  }
  if (Buffer.byteLength(rawUrl) > limits.maxUrlBytes) {
    return send(
      res,
      413,
      trpcError('PAYLOAD_TOO_LARGE', `request URL longer than ${limits.maxUrlBytes} bytes`),
    );
  }
  // The request line may carry an absolute URL (`GET http://host/path`), which can fail to parse.
  const url = URL.canParse(rawUrl, 'http://localhost') ? new URL(rawUrl, 'http://localhost') : null;
  if (!url)
    return send(res, 400, trpcError('BAD_REQUEST', 'the request target is not a valid URL'));
  if (url.pathname === '/') {
    return send(res, 200, {
      name: 'pandu api',
      endpoint: ENDPOINT,
      exports: `${EXPORT_PATH}{parquet|csv|duckdb}?region=CODE&from=YYYY&to=YYYY`,
      example: `${ENDPOINT}/divide.summary?input=${encodeURIComponent('{"year":2024}')}`,
    });
  }
  // Liveness without touching the database (a busy pool does not make the process unhealthy);
  // `/trpc/health` is the database's health.
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  // Writes from another site's pages are refused, whoever is logged in (check-write-origin.ts).
  if (method !== 'GET' && method !== 'HEAD') {
    const refused = checkWriteOrigin(req, options.corsOrigins ?? []);
    if (refused) return send(res, 403, trpcError('FORBIDDEN', refused));
  }
  // Who asks: `Authorization: Bearer <session or API token>`, checked on every request so a
  // revoked token stops at once; credentials that do not hold are 401, never served anonymously.
  const who = await authenticateRequest(req, options.auth ?? null);
  if (!who.ok) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return send(res, 401, trpcError('UNAUTHORIZED', who.message));
  }
  const publicRead = options.publicRead !== false;
  // Uploads: the file is the body, streamed to disk; analysts only (import-upload.ts).
  if (url.pathname.startsWith(IMPORT_PATH)) {
    if (options.imports) return options.imports.handle(req, res, url, who.user);
    res.setHeader('Connection', 'close');
    return send(
      res,
      501,
      trpcError('NOT_IMPLEMENTED', 'this server has no data directory to import into'),
    );
  }
  // Whole-dataset downloads: a file, not JSON, and minutes rather than seconds nationally, so
  // outside tRPC and its request deadline (export-download.ts).
  if (!url.pathname.startsWith(EXPORT_PATH) && !url.pathname.startsWith(`${ENDPOINT}/`)) {
    return send(res, 404, trpcError('NOT_FOUND', `no such path: ${url.pathname}`));
  }
  if (url.pathname.startsWith(EXPORT_PATH)) {
    if (!publicRead && !who.user) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return send(
        res,
        401,
        trpcError('UNAUTHORIZED', "log in first: reading this server's data needs a user"),
      );
    }
  }
  // From here on the request reads the database: it holds the version current now until it is
  // answered and its procedures have settled, whatever is published meanwhile.
  const leased =
    typeof contexts === 'function' ? contexts() : { ctx: contexts, release: holdsNothing };
  const release = leased.release;
  const ctx: Context = {
    ...leased.ctx,
    // `Cache-Control: no-cache` (HTTP's "do not answer from a cache"): computed afresh and not
    // kept, as a distinct input would be; the dashboard's start-up warm-up asks so, so no visitor's
    // answer is computed by it (apps/dashboard/scripts/start.js).
    ...(bypassesCache(req) ? { cache: null } : {}),
    auth: options.auth ?? null,
    publicRead,
    user: who.user,
    bearer: who.bearer,
    clientAddress: clientAddress(req),
  };
  const answered = new Promise<void>((resolve) => res.once('close', resolve));
  const settled: Array<Promise<unknown>> = [answered];
  try {
    if (ctx.version !== undefined) res.setHeader(VERSION_HEADER, String(ctx.version));
    if (url.pathname.startsWith(EXPORT_PATH)) {
      settled.push(exports.handle(req, res, url, ctx.db));
    } else {
      settled.push(handleTrpc(req, res, ctx, method, url, limits));
    }
    await settled.at(-1);
  } finally {
    void Promise.allSettled(settled).then(release);
  }
}

/** Nothing to give back: a fixed context holds no lease. */
function holdsNothing(): void {}

async function handleTrpc(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  method: string,
  url: URL,
  limits: HttpLimits,
): Promise<void> {
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    return send(res, 405, trpcError('METHOD_NOT_SUPPORTED', `method ${method} not allowed`));
  }
  // tRPC parses the input lazily, inside the procedure, where a SyntaxError would look like an
  // internal error: check a GET's input here (a POST body is checked by the adapter's reader).
  const input = url.searchParams.get('input');
  if (method !== 'POST' && input && !isJson(input)) {
    return send(res, 400, trpcError('PARSE_ERROR', 'input is not valid JSON'));
  }

  // Aborted past the request's deadline or when the client goes away: tRPC passes it to the
  // procedures as their signal, and stops a streamed answer.
  const abort = new AbortController();
  let request: Request;
  if (method === 'POST') {
    // tRPC's own Node adapter turns the request into a fetch Request and enforces the body limit
    // while it streams (PAYLOAD_TOO_LARGE, 413).
    let incoming: Request;
    try {
      incoming = incomingMessageToRequest(req, res, { maxBodySize: limits.maxBodyBytes });
    } catch (error) {
      // It builds the URL from the Host header too (`Host: [` fails): the client's mistake.
      if (!(error instanceof TRPCError)) throw error;
      return send(
        res,
        400,
        trpcError('BAD_REQUEST', 'the request URL or Host header is not valid'),
      );
    }
    incoming.signal.addEventListener('abort', () => abort.abort());
    request = new Request(incoming, { signal: abort.signal });
  } else {
    // A GET (or a HEAD, answered as a GET without a body): one fetch Request built here, with the
    // URL parsed above, instead of the adapter's Request cloned to carry our signal (undici's
    // Request and its signals were a tenth of a request's CPU time).
    res.once('close', () => {
      if (!res.writableEnded) abort.abort();
    });
    request = new Request(url, {
      method: 'GET',
      headers: fetchHeaders(req.headers),
      signal: abort.signal,
    });
  }
  const response = fetchRequestHandler({
    endpoint: ENDPOINT,
    req: request,
    router: appRouter,
    createContext: () => ctx,
    allowMethodOverride: true,
    maxBatchSize: limits.maxBatchSize,
    onError({ error, path }) {
      // Internal errors are logged here, on the server, with their cause; the client only ever
      // sees "internal error".
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`pandu api: ${path ?? '?'}:`, error.cause ?? error);
      }
    },
  }).then(async (r) => {
    // `trpc-accept: application/jsonl` (httpBatchStreamLink): tRPC answers each call of the batch
    // as it finishes, chunked; that body is passed on as it comes, not read here. A whole answer
    // is kept as bytes: hashed for its ETag and sent as they are, never decoded and encoded again.
    const chunked = r.headers.get('transfer-encoding') === 'chunked';
    return {
      status: r.status,
      headers: r.headers,
      stream: chunked ? r.body : null,
      body: chunked ? EMPTY : Buffer.from(await r.arrayBuffer()),
    };
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.requestTimeoutMs);
  });
  const procedures = url.pathname.slice(ENDPOINT.length + 1).split(',');
  const cacheControl = procedures.some((p) => PERSONAL_AREAS.some((area) => p.startsWith(area)))
    ? null
    : ctx.user || ctx.publicRead === false
      ? PRIVATE_CACHE_CONTROL
      : CACHE_CONTROL;
  // One deadline for the whole answer, a streamed one's body included.
  try {
    await answerWithin(req, res, method, response, deadline, limits, abort, {
      cacheControl,
      version: ctx.version,
    });
  } finally {
    clearTimeout(timer);
  }
  // Past the deadline the procedures may still be running (their statements stop at the query
  // timeout): the request's version stays open until they have settled.
  await response.then(
    () => undefined,
    () => undefined,
  );
}

async function answerWithin(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  response: Promise<{
    status: number;
    headers: Headers;
    stream: ReadableStream<Uint8Array> | null;
    body: Buffer;
  }>,
  deadline: Promise<'timeout'>,
  limits: HttpLimits,
  abort: AbortController,
  /** For a 200 GET: its Cache-Control (null: `no-store` and no ETag, an answer about the one who
   * asks) and the store version its ETag is keyed by. */
  caching: { cacheControl: string | null; version: number | undefined },
): Promise<void> {
  const answer = await Promise.race([response, deadline]);
  if (answer === 'timeout') {
    // The statements still running stop at the query timeout; their results are dropped.
    abort.abort();
    response.catch(() => undefined);
    return send(
      res,
      408,
      trpcError('TIMEOUT', `request not answered within ${limits.requestTimeoutMs} ms`),
    );
  }

  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => {
    // Node frames the body itself: a Content-Length below for a whole answer, chunked for a
    // stream. tRPC's framing headers copied as well would send both, which RFC 9112 forbids and
    // undici refuses (HPE_UNEXPECTED_CONTENT_LENGTH).
    if (name === 'content-length' || name === 'transfer-encoding') return;
    if (name === 'vary') res.appendHeader('Vary', value);
    else res.setHeader(name, value);
  });
  if (answer.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  if (answer.stream) return pipeStream(res, answer.stream, method, deadline, abort);
  const { cacheControl, version } = caching;
  if ((method === 'GET' || method === 'HEAD') && answer.status === 200 && cacheControl) {
    // Keyed by the store version as well as the body: a client revalidating after a new version
    // was published gets the answer again, read from that version.
    const hash = createHash('sha1').update(answer.body).digest('base64url');
    const etag = version === undefined ? `"${hash}"` : `"${version}-${hash}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', cacheControl);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
  } else {
    res.setHeader('Cache-Control', 'no-store');
  }
  res.setHeader('Content-Length', answer.body.length);
  res.end(method === 'HEAD' ? undefined : answer.body);
}

/**
 * Pass a streamed tRPC answer on as it comes (Node chunks it): no ETag, since the body is not
 * known in advance. The request's one deadline still holds for the body: past it, or when the
 * client goes away, the procedures are stopped and the answer is cut short (its status has
 * already gone out).
 */
async function pipeStream(
  res: ServerResponse,
  stream: ReadableStream<Uint8Array>,
  method: string,
  deadline: Promise<'timeout'>,
  abort: AbortController,
): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  if (method === 'HEAD') {
    await stream.cancel();
    res.end();
    return;
  }
  const streamed = pipeline(Readable.fromWeb(stream as NodeReadableStream<Uint8Array>), res).then(
    () => 'done' as const,
    () => 'failed' as const,
  );
  const outcome = await Promise.race([streamed, deadline]);
  if (outcome !== 'done') {
    abort.abort();
    res.destroy();
  }
}

/** If-None-Match: `*`, or a list of tags, weak (`W/"..."`) or strong; compared weakly (RFC 9110). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

const EMPTY = Buffer.alloc(0);

/** A request's headers as fetch Headers (HTTP/2 pseudo-headers left out, repeated ones kept). */
function fetchHeaders(incoming: IncomingMessage['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (name.startsWith(':') || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a request asks not to be answered from the result cache (`Cache-Control: no-cache`). */
function bypassesCache(req: IncomingMessage): boolean {
  const header = req.headers['cache-control'];
  return typeof header === 'string' && /(^|,)\s*no-(cache|store)\s*(,|$)/i.test(header);
}
