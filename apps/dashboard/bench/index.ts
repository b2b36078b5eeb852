// `pnpm bench:dashboard` (the root; builds first), or `pnpm --filter @pandu/dashboard bench` after
// a build: every page of the built dashboard (adapter-node) over a real API (`pandu serve`, as
// `pnpm start` runs them), in headless Chromium (/usr/bin/chromium through playwright-core, as the
// browser tests). Prints; asserts nothing. For each page:
//   first visit  the dashboard and its API started afresh for this page alone (nothing in the API's
//                result cache, DuckDB's buffers or the dashboard's few-second caches), the page
//                loaded once in a new browser context as soon as the dashboard listens; `start`
//                is the time from spawning `scripts/start.js` until then, which includes the API
//                reading its figures into memory and the dashboard's warm-up (src/lib/warm-up.js:
//                each kind of page rendered once, asking the API without its cache, so nothing
//                the visit asks is cached by it); PANDU_WARM_UP=0 measures without the warm-up;
//   new filters  then BENCH_RUNS (default 3) loads of the same page with a filter combination not
//                asked before (year, measure, kind, sector): the API's answers are not cached;
// time to interactive (the root layout's `pandu:hydrated` mark, from navigation start), first
// contentful paint, and the gzipped bytes of the JavaScript (and CSS) the page loaded. Targets
// (issue 14): interactive <= 500 ms on a cold API, JS <= 150 KB gzip.
//
// Data: PANDU_BENCH_DB (or PANDU_DB), a national database file, linked (or copied) into a
// temporary data directory that the API adopts as version 1; without one the API builds the
// national dataset there first (about 20 s).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, link, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../e2e/browser.js';
import { freePort, waitFor } from '../e2e/local-server.js';

// A bench script, not the product: its own knobs are read here.
const benchEnv = process.env;
const RUNS = Number(benchEnv.BENCH_RUNS ?? 3);
const SOURCE_DB = benchEnv.PANDU_BENCH_DB ?? benchEnv.PANDU_DB;
const START = fileURLToPath(new URL('../scripts/start.js', import.meta.url));
const TARGET_INTERACTIVE_MS = 500;
const TARGET_JS_KB = 150;

const MEASURES = ['access_index', 'digital_skills', 'outcomes_index', 'digital_safety'];
const KINDS = ['desa', 'kelurahan', 'all'];
const YEARS = [2021, 2022, 2023, 2020];
const SECTORS = ['umkm', 'pertanian', 'pendidikan', 'desa_wisata_digital'];

/** A page: its first-visit path, and the i-th new filter combination of it. */
interface PageCase {
  name: string;
  path: string;
  filtered: (i: number) => string;
}

const withFilters = (path: string, i: number, extra: Record<string, string> = {}) => {
  const url = new URL(path, 'http://x');
  url.searchParams.set('year', String(YEARS[i % YEARS.length]));
  url.searchParams.set('pillar', MEASURES[i % MEASURES.length] ?? 'skills_index');
  url.searchParams.set('kind', KINDS[i % KINDS.length] ?? 'all');
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
};

const PAGES: PageCase[] = [
  { name: 'nation', path: '/', filtered: (i) => withFilters('/', i) },
  { name: 'province', path: '/wilayah/35', filtered: (i) => withFilters('/wilayah/35', i) },
  { name: 'regency', path: '/wilayah/35.05', filtered: (i) => withFilters('/wilayah/35.05', i) },
  {
    name: 'district',
    path: '/wilayah/35.05.04',
    filtered: (i) => withFilters('/wilayah/35.05.04', i),
  },
  {
    name: 'village',
    path: '/desa/35.05.04.2014',
    // The village page has no filters: other villages of the district.
    filtered: (i) => `/desa/35.05.04.${2001 + i}`,
  },
  { name: 'divide', path: '/kesenjangan', filtered: (i) => withFilters('/kesenjangan', i) },
  {
    name: 'divide regency',
    path: '/kesenjangan?region=35.05',
    filtered: (i) => withFilters('/kesenjangan?region=35.05', i),
  },
  {
    name: 'mentoring',
    path: '/pendampingan',
    filtered: (i) => withFilters('/pendampingan', i, { sector: SECTORS[i % SECTORS.length] ?? '' }),
  },
  {
    name: 'mentoring regency',
    path: '/pendampingan?region=35.05&sector=umkm',
    filtered: (i) =>
      withFilters('/pendampingan?region=35.05', i, { sector: SECTORS[i % SECTORS.length] ?? '' }),
  },
  { name: 'data', path: '/data?region=35.05', filtered: (i) => `/data?region=35.0${i + 1}` },
  {
    name: 'search',
    path: '/cari?q=Plosorejo',
    filtered: (i) => `/cari?q=${['Sukamaju', 'Mekarsari', 'Sidomulyo', 'Karangrejo'][i % 4]}`,
  },
];

interface Sample {
  status: number;
  paintMs: number;
  interactiveMs: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** Load `url` in a new browser context (empty browser cache) and time it. */
async function visit(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const bodies: Promise<{ type: string; bytes: number }>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type === 'script' || type === 'stylesheet') {
        bodies.push(
          response.body().then(
            (body) => ({ type, bytes: gzipSync(body).length }),
            () => ({ type, bytes: 0 }),
          ),
        );
      }
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    await page
      .waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
        timeout: 15_000,
      })
      .catch(() => undefined);
    const timing = await page.evaluate(() => {
      const paint =
        performance.getEntriesByName('first-contentful-paint')[0] ??
        performance.getEntriesByName('first-paint')[0];
      const hydrated = performance.getEntriesByName('pandu:hydrated')[0];
      return { paint: paint?.startTime ?? NaN, interactive: hydrated?.startTime ?? NaN };
    });
    const sizes = await Promise.all(bodies);
    const sum = (type: string) =>
      sizes.filter((s) => s.type === type).reduce((total, s) => total + s.bytes, 0);
    return {
      status: response?.status() ?? 0,
      paintMs: timing.paint,
      interactiveMs: timing.interactive,
      jsGzipBytes: sum('script'),
      cssGzipBytes: sum('stylesheet'),
    };
  } finally {
    await context.close();
  }
}

/** `scripts/start.js` (the API, then the dashboard) on `dataDir`; ready once a static file answers. */
async function startStack(
  dataDir: string,
): Promise<{ base: string; startMs: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const spawned = performance.now();
  const { PANDU_DB: _db, ...inherited } = benchEnv;
  const child: ChildProcess = spawn(process.execPath, [START], {
    // stderr kept, shown only if the stack fails to start (each stop logs the API's shutdown).
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...inherited,
      CI: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      PANDU_API_URL: '',
      PANDU_API_PORT: '0',
      PANDU_DATA: dataDir,
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // A static file: the dashboard answers it without asking the API, which stays cold.
  await waitFor(`${base}/favicon.svg`, child, 300_000).catch(async (error: unknown) => {
    await stop();
    throw new Error(`${String(error)}\n${stderr}`);
  });
  return { base, startMs: performance.now() - spawned, stop };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const root = await mkdtemp(join(tmpdir(), 'pandu-dashboard-bench-'));
const browser = await launchBrowser();
try {
  const dataDir = join(root, 'data');
  await mkdir(dataDir);
  if (SOURCE_DB) {
    const source = resolve(SOURCE_DB);
    // A link when the file lies on the same file system: adopting copies it, never writes it.
    await link(source, join(dataDir, 'pandu.duckdb')).catch(() =>
      copyFile(source, join(dataDir, 'pandu.duckdb')),
    );
  }
  // Adopt (or build) version 1 once, outside any page's timing; the API is then restarted per page.
  await (await startStack(dataDir)).stop();

  const results: Array<{ page: PageCase; startMs: number; first: Sample; filtered: Sample[] }> = [];
  for (const page of PAGES) {
    const stack = await startStack(dataDir);
    try {
      const first = await visit(browser, `${stack.base}${page.path}`);
      const filtered: Sample[] = [];
      for (let i = 0; i < RUNS; i++)
        filtered.push(await visit(browser, `${stack.base}${page.filtered(i)}`));
      results.push({ page, startMs: stack.startMs, first, filtered });
    } finally {
      await stack.stop();
    }
  }

  console.log(
    `\npandu dashboard bench: built dashboard + pandu serve on ${SOURCE_DB ?? 'the seeded national dataset'}, Chromium; ` +
      `"first visit": the page alone after a fresh start of both (warm-up ${benchEnv.PANDU_WARM_UP === '0' ? 'off' : 'on'}; "start": spawn to listening); "new filters": median of ${RUNS} filter combinations not asked before\n`,
  );
  const header = [
    'page',
    'start',
    'first visit: interactive',
    'paint',
    'new filters: interactive',
    'max',
    'JS gzip',
    'CSS gzip',
    `interactive <= ${TARGET_INTERACTIVE_MS} ms`,
    `JS <= ${TARGET_JS_KB} KB`,
  ];
  const rows = results.map(({ page, startMs, first, filtered }) => {
    const worst = Math.max(first.interactiveMs, ...filtered.map((s) => s.interactiveMs));
    const js = Math.max(first.jsGzipBytes, ...filtered.map((s) => s.jsGzipBytes));
    const statuses = [first, ...filtered].map((s) => s.status).filter((s) => s !== 200);
    return [
      `${page.name} (${page.path})`,
      `${(startMs / 1000).toFixed(1)} s`,
      ms(first.interactiveMs),
      ms(first.paintMs),
      ms(median(filtered.map((s) => s.interactiveMs))),
      ms(Math.max(...filtered.map((s) => s.interactiveMs))),
      kb(js),
      kb(Math.max(first.cssGzipBytes, ...filtered.map((s) => s.cssGzipBytes))),
      (worst <= TARGET_INTERACTIVE_MS ? 'met' : 'NOT met') +
        (statuses.length ? ` (HTTP ${statuses.join(', ')})` : ''),
      js <= TARGET_JS_KB * 1024 ? 'met' : 'NOT met',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) {
    console.log(
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    join(ARTIFACTS, 'bench.json'),
    `${JSON.stringify(
      results.map(({ page, first, filtered }) => ({
        page: page.name,
        path: page.path,
        first,
        filtered: filtered.map((s, i) => ({ path: page.filtered(i), ...s })),
      })),
      null,
      2,
    )}\n`,
  );
} finally {
  await browser.close();
  await rm(root, { recursive: true, force: true });
}
