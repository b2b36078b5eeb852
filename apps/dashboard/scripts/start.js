#!/usr/bin/env node
// `pnpm start`: serve the built dashboard (`node build`) and, unless PANDU_API_URL points at a
// running API, start the API first with `pandu serve --port 0` on PANDU_DB (the default database,
// data/pandu.duckdb in the working directory, created if missing) so two copies can run side by
// side with nothing but PORT and PANDU_DB set. The API's address comes back over IPC
// (scripts/pandu-api.js).
//
// Environment: PORT and HOST (the dashboard, read by adapter-node; default 3000 and 0.0.0.0),
// PANDU_DB (the database file), PANDU_API_URL (use that API instead of starting one).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startApi } from './pandu-api.js';

const BUILD = fileURLToPath(new URL('../build/index.js', import.meta.url));

if (!existsSync(BUILD)) {
  console.error(
    `pandu dashboard: no build at ${BUILD}; run 'pnpm --filter @pandu/dashboard build' first`,
  );
  process.exit(1);
}

if (!process.env.PANDU_API_URL) {
  try {
    const { url, child } = await startApi({ db: process.env.PANDU_DB });
    // The API dies with the dashboard, whichever way the dashboard ends.
    process.on('exit', () => child.kill('SIGTERM'));
    process.env.PANDU_API_URL = url;
    // adapter-node closes its server on SIGINT/SIGTERM and lets the process end; the API child
    // must stop too, or its pipe keeps this process alive.
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
    console.error(`pandu dashboard: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const port = process.env.PORT ?? '3000';
console.log(`pandu dashboard on http://localhost:${port} (API ${process.env.PANDU_API_URL})`);
await import(BUILD);
