import { describe, expect, it } from 'vitest';
import {
  ON_DEMAND,
  distinctSummaryUrls,
  getOutcome,
  keepAliveAgent,
  servedInputs,
  type Outcome,
} from './load-clients.js';
import { useServedCopy } from './serve-process.js';

// Finding 2 of issue 13: a procedure took a pooled connection per statement, so its later
// statements queued behind every newer request and almost nothing finished until the backlog
// drained; health waited behind the queries; the queue had no bound.

const BURST = 400;
/** Only detects a hang. */
const GUARD_MS = 60_000;

describe('a burst of 400 concurrent uncached requests', () => {
  const served = useServedCopy();

  it('answers in request order, health during the burst, overflow 503 + Retry-After, no other 5xx', async () => {
    const { regencies, years } = await servedInputs(served().url);
    const urls = distinctSummaryUrls(served().url, regencies, years, undefined, ON_DEMAND).slice(
      0,
      BURST,
    );
    expect(urls).toHaveLength(BURST);

    const agent = keepAliveAgent(BURST + 2);
    const counter = { sent: 0, arrived: 0 };
    const burst = urls.map((url) => getOutcome(agent, url, counter, GUARD_MS));
    // Sent after the whole burst: the database's health, and the process's liveness.
    const health = getOutcome(agent, `${served().url}/trpc/health`, counter, GUARD_MS);
    const live = getOutcome(agent, `${served().url}/health`, counter, GUARD_MS);
    const outcomes: Outcome[] = await Promise.all(burst);
    const [healthOutcome, liveOutcome] = await Promise.all([health, live]);
    agent.destroy();

    // Every request answered: a result, or 503 at once for those beyond the queue.
    expect(outcomes.filter((o) => o.status === null)).toEqual([]);
    expect([...new Set(outcomes.map((o) => o.status))].sort()).toEqual([200, 503]);
    const ok = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 503);
    // 4 running and 128 waiting are served; the rest is refused (a few more are served if some
    // finish while the burst is still arriving).
    expect(ok.length).toBeGreaterThanOrEqual(4 + 128);
    expect(refused.length).toBeGreaterThan(0);
    for (const o of refused) {
      expect(o.headers['retry-after']).toBe('1');
      const body = JSON.parse(o.body) as { error: { data: { code: string }; message: string } };
      expect(body.error.data.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.error.message).toMatch(/^the server is busy/);
    }
    for (const o of outcomes) expect(o.body).not.toMatch(/\n\s+at |\.[jt]s:\d+|select /i);

    // The first results arrive while most of the others are still pending, and results come
    // in the order the requests were sent, give or take the pool's four connections.
    const firstOk = Math.min(...ok.map((o) => o.arrived));
    const pendingAtFirst = ok.filter((o) => o.arrived > firstOk).length;
    expect(pendingAtFirst / ok.length).toBeGreaterThan(0.9);
    const okBySent = [...ok].sort((a, b) => a.sent - b.sent);
    const outOfOrder = okBySent.filter(
      (o, i) => i >= 8 && o.arrived < (okBySent[i - 8]?.arrived ?? 0),
    );
    expect(outOfOrder).toEqual([]);

    // Health, sent after all 400, is answered before most of the results: it does not queue.
    expect(healthOutcome.status).toBe(200);
    expect(ok.filter((o) => o.arrived > healthOutcome.arrived).length / ok.length).toBeGreaterThan(
      0.5,
    );
    expect(liveOutcome.status).toBe(200);
    expect(served().stderr()).not.toMatch(/unhandled|\n\s+at /);
  });
});
