import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Context } from './context.js';
import { appRouter } from './routers/_app.js';

/** Limits on what one request may ask. */
export interface HttpLimits {
  /** Longest URL (the input of a GET travels in it), bytes. */
  maxUrlBytes: number;
  /** Largest request body (POST), bytes. */
  maxBodyBytes: number;
  /** Most procedures in one batch. */
  maxBatchSize: number;
  /** A request that takes longer is answered 408 by Node. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxUrlBytes: 8 * 1024,
  maxBodyBytes: 64 * 1024,
  maxBatchSize: 16,
  requestTimeoutMs: 30_000,
};

const ENDPOINT = '/trpc';

/**
 * The API over HTTP: tRPC's fetch handler inside Node's http server, so every response can get
 * CORS, an ETag (and 304 for a matching If-None-Match), Cache-Control, and limits on URL, body and
 * batch size. Plain JSON, no transformer: `curl '.../trpc/divide.summary?input={"year":2024}'`.
 *
 * @example
 * ```ts
 * const server = createApiServer(ctx);
 * server.listen(3100, '127.0.0.1');
 * ```
 */
export function createApiServer(ctx: Context, limits: HttpLimits = DEFAULT_LIMITS): Server {
  // Node answers a request line over its header limit (16 KiB) with a bare 431; a larger limit
  // lets the check below answer 413 with a message instead.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(req, res, ctx, limits).catch((error: unknown) => {
      console.error('pandu api: unhandled', error);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.requestTimeout = limits.requestTimeoutMs;
  return server;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  limits: HttpLimits,
): Promise<void> {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'content-type, if-none-match');
  res.setHeader('Access-Control-Expose-Headers', 'etag');
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  if (method === 'OPTIONS') return send(res, 204, null);
  if (Buffer.byteLength(rawUrl) > limits.maxUrlBytes) {
    return send(res, 413, { error: `request URL longer than ${limits.maxUrlBytes} bytes` });
  }
  const url = new URL(rawUrl, 'http://localhost');
  if (url.pathname === '/' || url.pathname === '/health') {
    return send(res, 200, {
      name: 'pandu api',
      endpoint: ENDPOINT,
      example: `${ENDPOINT}/divide.summary?input=${encodeURIComponent('{"year":2024}')}`,
    });
  }
  if (!url.pathname.startsWith(`${ENDPOINT}/`)) return send(res, 404, { error: 'not found' });
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    return send(res, 405, { error: `method ${method} not allowed` });
  }
  let body: Buffer | undefined;
  if (method === 'POST') {
    const read = await readBody(req, limits.maxBodyBytes);
    if (read === 'too large') {
      return send(res, 413, { error: `request body larger than ${limits.maxBodyBytes} bytes` });
    }
    body = read;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const response = await fetchRequestHandler({
    endpoint: ENDPOINT,
    req: new Request(url, {
      method: method === 'HEAD' ? 'GET' : method,
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
    }),
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
  });
  const text = await response.text();
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'content-length') res.setHeader(name, value);
  });
  if ((method === 'GET' || method === 'HEAD') && response.status === 200) {
    const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=60');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
  } else {
    res.setHeader('Cache-Control', 'no-store');
  }
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(method === 'HEAD' ? undefined : text);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  if (body === null) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        resolve('too large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
