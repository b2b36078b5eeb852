#!/usr/bin/env node
// `pnpm start`: serve the built dashboard (`node build`) and, unless PANDU_API_URL points at a
// running API, start the API first with `pandu serve --port 0` on PANDU_DB (the default database,
// created if missing) so two copies can run side by side with nothing but PORT and PANDU_DB set.
//
// Environment: PORT and HOST (the dashboard, read by adapter-node; default 3000 and 0.0.0.0),
// PANDU_DB (the database file), PANDU_API_URL (use that API instead of starting one).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUILD = fileURLToPath(new URL('../build/index.js', import.meta.url));
const PANDU = fileURLToPath(new URL('../node_modules/@pandu/server/bin/pandu.js', import.meta.url));

if (!existsSync(BUILD)) {
  console.error(
    `pandu dashboard: no build at ${BUILD}; run 'pnpm --filter @pandu/dashboard build' first`,
  );
  process.exit(1);
}

/** Start `pandu serve` on a free port; resolves with its base URL once it listens. */
function startApi() {
  const args = [PANDU, 'serve', '--port', '0', '--host', '127.0.0.1'];
  if (process.env.PANDU_DB) args.push('--db', process.env.PANDU_DB);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  // The API dies with the dashboard, whichever way the dashboard ends.
  process.on('exit', () => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
      const match = /listening on (http:\/\/\S+?)\/trpc/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`pandu api exited (${signal ?? code}) before it listened`));
    });
  });
}

if (!process.env.PANDU_API_URL) {
  try {
    const { url, child } = await startApi();
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
