#!/usr/bin/env node
// `pnpm start`: serve the built dashboard (adapter-node's handler in a server of ours) and, unless PANDU_API_URL points at a
// running API, start the API first with `pandu serve`: on the data directory PANDU_DATA (default
// data/ in the working directory, whose version 1 is built on first start, or adopted from an
// older install's data/pandu.duckdb), switching to each new version published while it runs; or,
// with PANDU_DB, on that one file, read-only (it must exist: `pnpm pandu seed --db FILE` builds
// one). The API listens on 127.0.0.1:PANDU_API_PORT
// (default 3100, where the README's examples call it); if that port is taken, by a first copy of
// the dashboard for instance, on a free port, printed at start. So two copies run side by side
// with nothing but PORT and PANDU_DB set. The API's address comes back over IPC
// (scripts/pandu-api.js).
//
// Environment: PORT and HOST (the dashboard; default 3000 and 127.0.0.1: loopback only unless
// HOST says otherwise; adapter-node's other variables, such as ORIGIN, still apply), PANDU_DATA
// (the data directory; read by `pandu serve` itself), PANDU_DB (one database file instead),
// PANDU_API_PORT (the API's port; 0 a free one), PANDU_API_URL (use that API instead of starting
// one), PANDU_WARM_UP=0 (listen at once, without first rendering each kind of page: warm-up.js).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { startApi } from './pandu-api.js';
import { NON_PAGE_POLICY, SECURITY_HEADERS } from '../src/lib/security-headers.js';
import { WARM_UP_HEADER, warmUp, warmUpPaths } from '../src/lib/warm-up.js';

/** adapter-node's handler: what this launcher serves. */
const HANDLER = new URL('../build/handler.js', import.meta.url);
/** The API's port when PANDU_API_PORT is unset: `pandu serve`'s default too. */
const DEFAULT_API_PORT = 3100;

/** @param {string} message */
function fail(message) {
  console.error(`pandu dashboard: ${message}`);
  process.exit(1);
}

if (!existsSync(HANDLER)) {
  fail(`no build at ${fileURLToPath(HANDLER)}; run 'pnpm --filter @pandu/dashboard build' first`);
}

// Not every interface (0.0.0.0, adapter-node's own default): the dashboard is for this machine
// unless someone decides otherwise.
process.env.HOST ||= '127.0.0.1';

let apiNote = '';
if (!process.env.PANDU_API_URL) {
  const rawPort = process.env.PANDU_API_PORT?.trim();
  const apiPort = rawPort ? Number(rawPort) : DEFAULT_API_PORT;
  if (!Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65535) {
    fail(`invalid environment variable PANDU_API_PORT: ${rawPort}`);
  }
  try {
    const { url, child, fellBack } = await startApi({
      db: process.env.PANDU_DB,
      port: apiPort,
      fallback: true,
    });
    if (fellBack) apiNote = `; port ${apiPort} was taken, so a free one`;
    // The API dies with the dashboard, whichever way the dashboard ends.
    process.on('exit', () => child.kill('SIGTERM'));
    process.env.PANDU_API_URL = url;
    // The dashboard's server closes on SIGINT/SIGTERM (below); the API child must stop too, or
    // its pipe keeps this process alive.
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        stopping = true;
        child.kill('SIGTERM');
      });
    }
    child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`pandu dashboard: the API stopped (${signal ?? code}); stopping too`);
      process.exit(1);
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

const host = process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST;
// An empty PORT is unset, not port 0.
const port = process.env.PORT || '3000';

// adapter-node's documented custom server: its handler (pages, endpoints and the static files it
// serves with sirv) inside our own http server, so that every response, a static file's too,
// carries the security headers; SvelteKit's hooks set the same on what it answers, and a page's
// own Content-Security-Policy replaces the deny-all one set here.
//
// adapter-node takes a request for https unless ORIGIN or PROTOCOL_HEADER say otherwise, so
// SvelteKit's origin check (which stays on) would refuse every form POST (the login page's) made
// over plain http, and a cookie would be marked Secure there. Unless the operator configured one
// of them (a TLS proxy in front: PROTOCOL_HEADER=x-forwarded-proto, or ORIGIN), this server says
// what it is, plain http, in a header of its own that it sets on every request itself, so no
// client can choose it.
const OWN_PROTOCOL_HEADER = 'x-pandu-listener-protocol';
const tellProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (tellProtocol) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
// adapter-node refuses bodies over BODY_SIZE_LIMIT (512 KB by default) on every route; the upload
// page streams files up to the API's upload limit (PANDU_UPLOAD_LIMIT_BYTES, 512 MiB by default),
// with a little room for a form's multipart framing. Every other route keeps a small limit of its
// own (src/lib/server/body-limit.ts).
process.env.BODY_SIZE_LIMIT ||= String(
  Number(process.env.PANDU_UPLOAD_LIMIT_BYTES || 512 * 1024 * 1024) + 1024 * 1024,
);
const { handler } = await import(HANDLER.href);
/**
 * The request listener; only the warm-up's own server lets WARM_UP_HEADER through.
 *
 * @param {boolean} warming
 * @returns {import('node:http').RequestListener}
 */
const listener = (warming) => (req, res) => {
  if (!warming) delete req.headers[WARM_UP_HEADER];
  if (tellProtocol) req.headers[OWN_PROTOCOL_HEADER] = 'http';
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('content-security-policy', NON_PAGE_POLICY);
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
};

/** The dashboard's server, once it listens. @type {import('node:http').Server | null} */
let server = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // Before it listens (during the warm-up): nothing to finish.
    if (!server) process.exit(0);
    // Stop accepting and let answers in flight finish; idle keep-alive connections go now.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}

// Every kind of page rendered once, before the dashboard listens (src/lib/warm-up.js: no answer
// is cached by it), on a loopback port of its own. PANDU_WARM_UP=0 skips it.
if (process.env.PANDU_WARM_UP !== '0') {
  const started = Date.now();
  const warming = createServer(listener(true));
  await new Promise((resolve) => warming.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (warming.address());
  const paths = await warmUpPaths(/** @type {string} */ (process.env.PANDU_API_URL));
  const rendered = await warmUp(`http://127.0.0.1:${address.port}`, paths);
  warming.closeAllConnections();
  await new Promise((resolve) => warming.close(() => resolve(undefined)));
  console.log(
    `pandu dashboard: ${rendered} of ${paths.length} pages rendered once before listening (${Date.now() - started} ms)`,
  );
}

server = createServer(listener(false));
server.on('error', (error) => fail(error.message));
server.listen(Number(port), process.env.HOST);
console.log(`pandu dashboard on http://${host}:${port}`);
console.log(`pandu api on ${process.env.PANDU_API_URL}/trpc${apiNote}`);
