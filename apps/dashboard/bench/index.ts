// Loads pages of the built dashboard in headless Chromium and prints, per route, the time to first
// paint and to interactive (hydrated) and the gzipped JavaScript and CSS the page loaded.
// Targets (issue 5): interactive <= 1.5 s on localhost, <= 150 KB of gzipped JS for `/`.
//
//   pnpm --filter @pandu/dashboard build && pnpm --filter @pandu/dashboard bench
//
// Uses PANDU_DB, else the default national database (created by `pandu serve` if missing, ~20 s).
// BENCH_RUNS (default 5) cold loads per route, each in a fresh browser context (empty cache).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ARTIFACTS, launchBrowser } from '../e2e/browser.js';
import { freePort, waitFor } from '../e2e/local-server.js';

const ROUTES = ['/', '/wilayah/35.05'];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const START = fileURLToPath(new URL('../scripts/start.js', import.meta.url));

interface Sample {
  firstPaintMs: number;
  interactiveMs: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  requests: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const port = await freePort();
const child = spawn(process.execPath, [START], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PANDU_API_URL: '',
    PANDU_API_PORT: '0',
  },
});
const base = `http://127.0.0.1:${port}`;
const browser = await launchBrowser();
try {
  // Generous: the first start may build the national database.
  await waitFor(`${base}/`, child, 180_000);
  const results: Record<string, Sample[]> = {};
  for (const route of ROUTES) {
    // One warm-up load so the API's result cache and DuckDB's pages are what a second visitor gets.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(`${base}${route}`, { waitUntil: 'load' });
    await warm.close();
    results[route] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const bodies: Promise<{ type: string; bytes: number }>[] = [];
      page.on('response', (response) => {
        const type = response.request().resourceType();
        if (type === 'script' || type === 'stylesheet') {
          bodies.push(response.body().then((body) => ({ type, bytes: gzipSync(body).length })));
        }
      });
      await page.goto(`${base}${route}`, { waitUntil: 'load' });
      // The root layout marks hydration with `pandu:hydrated`; fall back to the load event.
      await page
        .waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
          timeout: 10_000,
        })
        .catch(() => undefined);
      const timing = await page.evaluate(() => {
        const paint =
          performance.getEntriesByName('first-contentful-paint')[0] ??
          performance.getEntriesByName('first-paint')[0];
        const hydrated = performance.getEntriesByName('pandu:hydrated')[0];
        const nav = performance.getEntriesByType('navigation')[0] as
          PerformanceNavigationTiming | undefined;
        return {
          paint: paint?.startTime ?? NaN,
          interactive: hydrated?.startTime ?? nav?.loadEventEnd ?? NaN,
        };
      });
      const sizes = await Promise.all(bodies);
      results[route]!.push({
        firstPaintMs: timing.paint,
        interactiveMs: timing.interactive,
        jsGzipBytes: sizes.filter((s) => s.type === 'script').reduce((sum, s) => sum + s.bytes, 0),
        cssGzipBytes: sizes
          .filter((s) => s.type === 'stylesheet')
          .reduce((sum, s) => sum + s.bytes, 0),
        requests: sizes.length,
      });
      await context.close();
    }
  }
  console.log(`\npandu dashboard benchmark: ${RUNS} cold loads per route, median (${base})\n`);
  console.log('route               first paint  interactive  JS gzip    CSS gzip');
  const summary: Record<string, Record<string, number>> = {};
  for (const [route, samples] of Object.entries(results)) {
    const row = {
      firstPaintMs: median(samples.map((s) => s.firstPaintMs)),
      interactiveMs: median(samples.map((s) => s.interactiveMs)),
      jsGzipKB: median(samples.map((s) => s.jsGzipBytes)) / 1024,
      cssGzipKB: median(samples.map((s) => s.cssGzipBytes)) / 1024,
    };
    summary[route] = row;
    console.log(
      `${route.padEnd(20)}${`${row.firstPaintMs.toFixed(0)} ms`.padStart(11)}${`${row.interactiveMs.toFixed(0)} ms`.padStart(13)}${`${row.jsGzipKB.toFixed(1)} KB`.padStart(11)}${`${row.cssGzipKB.toFixed(1)} KB`.padStart(11)}`,
    );
  }
  const home = summary['/'];
  if (home) {
    console.log(
      `\ntargets: interactive <= 1500 ms (${home.interactiveMs! <= 1500 ? 'met' : 'NOT met'}), JS for / <= 150 KB gzip (${home.jsGzipKB! <= 150 ? 'met' : 'NOT met'})`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    join(ARTIFACTS, 'bench.json'),
    `${JSON.stringify({ runs: RUNS, summary, samples: results }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  child.kill('SIGTERM');
}
