import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { INDEX_MEASURES } from '@pandu/domain';
import { distinctSummaryUrls } from '../faults/load-clients.js';

// Keep-alive HTTP load for the benches: clients in this process, each request's latency, status
// and `Pandu-Version` recorded. Prints nothing, asserts nothing.

/** One answer: status, the version header, when it arrived (performance.now()). */
export interface Answer {
  status: number;
  /** `Pandu-Version` of the answer; null without one. */
  version: number | null;
  body: string;
  /** From a Retry-After header (seconds), else 0. */
  retryAfterMs: number;
  at: number;
}

/** GET `url` over `agent`; rejects on a connection error or after `timeoutMs`. */
export function get(agent: Agent, url: string, timeoutMs = 120_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const version = res.headers['pandu-version'];
        resolve({
          status: res.statusCode ?? 0,
          version: typeof version === 'string' ? Number(version) : null,
          body,
          retryAfterMs: 1000 * (Number(res.headers['retry-after']) || 0),
          at: performance.now(),
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** The `p` quantile (0-1) of ascending `sorted`, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

export interface LoadResult {
  clients: number;
  /** Answers 200 (or 404, an answer too). */
  ok: number;
  /** Latencies of those, milliseconds. */
  latencies: number[];
  /** Other statuses and connection errors, counted by kind. */
  errors: Map<string, number>;
  seconds: number;
}

/**
 * `clients` keep-alive clients, each taking the next URL from `next()` until it returns null, or
 * `stop()` says so, or `seconds` pass; each answer goes to `onAnswer` too. A 503 is counted as an
 * error and its client waits what Retry-After asks, as a well-behaved client does.
 */
export async function runLoad(options: {
  clients: number;
  seconds: number;
  next: () => string | null;
  stop?: () => boolean;
  onAnswer?: (answer: Answer) => void;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const count = (key: string) => errors.set(key, (errors.get(key) ?? 0) + 1);
  const t0 = performance.now();
  const until = t0 + options.seconds * 1000;
  const going = () => performance.now() < until && !(options.stop?.() ?? false);
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      for (let url = going() ? options.next() : null; url !== null;) {
        const r0 = performance.now();
        try {
          const answer = await get(agent, url);
          options.onAnswer?.(answer);
          if (answer.status === 200 || answer.status === 404) latencies.push(answer.at - r0);
          else count(String(answer.status));
          if (answer.status === 503) await new Promise((r) => setTimeout(r, answer.retryAfterMs));
        } catch (error) {
          count((error as NodeJS.ErrnoException).code ?? (error as Error).message);
        }
        url = going() ? options.next() : null;
      }
    }),
  );
  agent.destroy();
  return {
    clients: options.clients,
    ok: latencies.length,
    latencies,
    errors,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** `cached   32 clients  12345 ok in 20.0 s = 617.2 req/s  p50 .. p95 .. max ..  errors 0` */
export function describeLoad(name: string, r: LoadResult): string {
  const s = [...r.latencies].sort((a, b) => a - b);
  const errors = [...r.errors].map(([k, n]) => `${k}: ${n}`).join(', ') || '0';
  return (
    `${name.padEnd(30)} ${String(r.clients).padStart(3)} clients  ${String(r.ok).padStart(6)} ok in ${r.seconds.toFixed(1)} s = ` +
    `${(r.ok / r.seconds).toFixed(1).padStart(7)} req/s  p50 ${percentile(s, 0.5).toFixed(1)} ms  ` +
    `p95 ${percentile(s, 0.95).toFixed(1)} ms  max ${percentile(s, 1).toFixed(1)} ms  errors ${errors}`
  );
}

/** `load average 1.52 (1 min), 2 cores`: other work on the machine skews every figure. */
export function describeMachine(): string {
  return `load average ${loadavg()[0]?.toFixed(2)} (1 min), ${availableParallelism()} cores`;
}

/**
 * The request paths a load bench asks for, the same for every bench and set-up: `distinct`, every
 * regency x year x measure of `divide.summary` (all miss the result cache), shuffled with a fixed
 * seed (a linear congruential generator) so every run asks them in the same order; and `cached`,
 * six dashboard calls asked over and over. Paths only (`/trpc/...`): prefix the server's URL.
 */
export function benchPaths(inputs: {
  provinces: readonly string[];
  regencies: readonly string[];
  years: readonly number[];
}): { distinct: string[]; cached: string[] } {
  const distinct = distinctSummaryUrls('', inputs.regencies, inputs.years, INDEX_MEASURES);
  let state = 42;
  for (let i = distinct.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [distinct[i], distinct[j]] = [distinct[j] as string, distinct[i] as string];
  }
  const lastYear = inputs.years.at(-1) ?? 2024;
  const path = (name: string, input: unknown) =>
    `/trpc/${name}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const cached = [
    path('divide.summary', { year: lastYear }),
    path('index.byRegion', { year: lastYear }),
    path('regions.children', {}),
    path('divide.summary', { code: inputs.provinces[0], year: lastYear }),
    path('index.timeseries', {}),
    path('divide.lorenz', { year: lastYear }),
  ];
  return { distinct, cached };
}
