import { Agent, request } from 'node:http';

// Keep-alive HTTP clients for the fault tests: each request's outcome is recorded, with the order
// in which outcomes arrived, so a test asserts on counts and order, never on durations.

/** What became of one request: an HTTP status, or the code of the connection error. */
export interface Outcome {
  /** Index of the request in the order it was sent. */
  sent: number;
  /** Position among all outcomes, in the order they arrived. */
  arrived: number;
  status: number | null;
  error: string | null;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A keep-alive agent with at most `sockets` connections. */
export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/**
 * GET `url`; resolves (never rejects) with the outcome. A request unanswered after `guardMs` is
 * destroyed and recorded as `error: 'hung'`: that only detects a hang.
 */
export function getOutcome(
  agent: Agent,
  url: string,
  counter: { sent: number; arrived: number },
  guardMs = 60_000,
): Promise<Outcome> {
  const sent = counter.sent++;
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Omit<Outcome, 'sent' | 'arrived'>) => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      resolve({ sent, arrived: counter.arrived++, ...o });
    };
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        finish({ status: res.statusCode ?? 0, error: null, headers: res.headers, body }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        finish({ status: null, error: error.code ?? error.message, headers: {}, body: '' }),
      );
    });
    const guard = setTimeout(() => {
      finish({ status: null, error: 'hung', headers: {}, body: '' });
      req.destroy();
    }, guardMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ status: null, error: error.code ?? error.message, headers: {}, body: '' }),
    );
    req.end();
  });
}

/** `divide.summary` inputs that miss the result cache: every regency x year x measure. */
export function distinctSummaryUrls(
  base: string,
  regencies: readonly string[],
  years: readonly number[],
  measures: readonly string[] = [
    'skills_index',
    'access_index',
    'outcomes_index',
    'digital_skills',
  ],
  extra: Readonly<Record<string, unknown>> = {},
): string[] {
  return regencies.flatMap((code) =>
    years.flatMap((year) =>
      measures.map(
        (measure) =>
          `${base}/trpc/divide.summary?input=${encodeURIComponent(JSON.stringify({ code, year, measure, ...extra }))}`,
      ),
    ),
  );
}

/**
 * A threshold no stored figure is for (each measure's default is stored): a summary asked with it
 * is computed by DuckDB on demand, so a fault test's requests really hold connections. Served
 * versions answer the stored ones from memory (figure-memory.ts), too fast to fill a queue.
 */
export const ON_DEMAND = { threshold: 2.95 } as const;

/** The provinces of the served database, their regencies' codes and its years. */
export async function servedInputs(
  base: string,
): Promise<{ provinces: string[]; regencies: string[]; years: number[] }> {
  const data = async <T>(path: string): Promise<T> =>
    ((await (await fetch(`${base}/trpc/${path}`)).json()) as { result: { data: T } }).result.data;
  const health = await data<{ years: { list: number[] } | null }>('health');
  const provinces = await data<Array<{ code: string }>>('regions.children?input=%7B%7D');
  const regencies: string[] = [];
  for (const p of provinces) {
    const input = encodeURIComponent(JSON.stringify({ code: p.code }));
    regencies.push(
      ...(await data<Array<{ code: string }>>(`regions.children?input=${input}`)).map(
        (r) => r.code,
      ),
    );
  }
  return { provinces: provinces.map((p) => p.code), regencies, years: health.years?.list ?? [] };
}
