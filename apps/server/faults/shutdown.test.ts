import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@pandu/db';
import {
  ON_DEMAND,
  distinctSummaryUrls,
  getOutcome,
  keepAliveAgent,
  servedInputs,
  type Outcome,
} from './load-clients.js';
import { seededCopy, startServe, type ServeProcess } from './serve-process.js';

// Finding 1 of issue 13: SIGTERM under load left `pandu serve` hung in process.exit with the
// DuckDB file locked (connections were closed while queries ran), and kept-alive connections
// were served until the grace period ended.

const CLIENTS = 32;
/** Only detects a hang: the grace period is 5 s. */
const EXIT_GUARD_MS = 30_000;

type Exit = { code: number | null; signal: NodeJS.Signals | null };

function guard(ms: number): Promise<'guard'> {
  return new Promise((resolve) => setTimeout(() => resolve('guard'), ms).unref());
}

/** Polls `condition` every 20 ms, at most `tries` times. */
async function until(condition: () => boolean, tries = 1_500): Promise<void> {
  for (let i = 0; i < tries && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error('condition not met');
}

describe('pandu serve on SIGTERM', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>> | undefined;
  let serve: ServeProcess | undefined;
  afterEach(async () => {
    serve?.kill();
    await serve?.exited;
    await copy?.cleanup();
  });

  it.each([
    { grace: 'default (5 s)', env: {} as Record<string, string> },
    { grace: 'the shortest (1 s)', env: { PANDU_SHUTDOWN_GRACE_MS: '1000' } },
  ])(
    'under 32 keep-alive clients, grace $grace: answers or closes every request, exits 0, releases the lock',
    async ({ env }) => {
      copy = await seededCopy();
      serve = await startServe(copy.db, { env });
      const { regencies, years } = await servedInputs(serve.url);
      const urls = distinctSummaryUrls(serve.url, regencies, years, undefined, ON_DEMAND);
      expect(urls.length).toBeGreaterThan(200);

      const agent = keepAliveAgent(CLIENTS);
      const counter = { sent: 0, arrived: 0 };
      const outcomes: Outcome[] = [];
      let next = 0;
      let stop = false;
      let sentBeforeSignal = Infinity;
      const clients = Array.from({ length: CLIENTS }, async () => {
        // At most 400 requests per client; after the signal a client stops at its first
        // connection error (the server no longer accepts).
        for (let i = 0; i < 400 && !stop; i++) {
          const outcome = await getOutcome(
            agent,
            urls[next++ % urls.length] ?? '',
            counter,
            EXIT_GUARD_MS,
          );
          outcomes.push(outcome);
          if (outcome.error !== null && outcome.sent >= sentBeforeSignal) break;
        }
      });
      await until(() => outcomes.length >= 100);
      sentBeforeSignal = counter.sent;
      const answeredBeforeSignal = outcomes.length;
      serve.child.kill('SIGTERM');
      const exit: Exit | 'guard' = await Promise.race([serve.exited, guard(EXIT_GUARD_MS)]);
      stop = true;
      await Promise.all(clients);
      agent.destroy();

      expect(answeredBeforeSignal).toBeGreaterThanOrEqual(100);
      expect(exit, serve.stderr()).toEqual({ code: 0, signal: null });
      // Every request got an answer or a connection error; none was left hanging.
      expect(outcomes.filter((o) => o.error === 'hung')).toEqual([]);
      expect(outcomes).toHaveLength(counter.sent);
      // Answers are results, or 503 for what the grace period cut short: never another 5xx.
      const statuses = new Set(outcomes.flatMap((o) => (o.status === null ? [] : [o.status])));
      expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
      // Kept-alive connections are not served on after the signal: each answers at most about one
      // request sent after it (with `Connection: close`), not everything until the grace ends.
      const servedAfter = outcomes.filter((o) => o.sent >= sentBeforeSignal && o.status !== null);
      expect(servedAfter.length).toBeLessThanOrEqual(2 * CLIENTS);
      // What the grace period cut short answers 503 and says when to come back.
      for (const o of outcomes.filter((o) => o.status === 503)) {
        expect(o.headers['retry-after']).toBe('1');
      }
      expect(serve.stderr()).not.toMatch(/unhandled|\n\s+at /);
      // The file is free: it opens read-write (with migrations) in this process.
      const db = await openDatabase(copy.db);
      await db.destroy();
    },
  );

  it('exits at once, and not with 0, on a second signal during the grace period', async () => {
    copy = await seededCopy();
    serve = await startServe(copy.db, { env: { PANDU_SHUTDOWN_GRACE_MS: '60000' } });
    // A request still arriving (its body half sent) keeps the first shutdown waiting.
    const url = new URL(serve.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const events: string[] = [];
    socket.on('data', () => events.push('answer'));
    socket.on('close', () => events.push('socket closed'));
    socket.on('error', () => undefined);
    socket.write(
      'POST /trpc/divide.summary HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    );
    // A round trip on another connection: by its answer the server has read the request above.
    expect((await fetch(`${serve.url}/health`)).status).toBe(200);
    serve.child.kill('SIGTERM');
    await until(() => serve?.stderr().includes('shutting down') === true);
    const running = serve.child.exitCode === null && serve.child.signalCode === null;
    serve.child.kill('SIGTERM');
    const exit: Exit | 'guard' = await Promise.race([serve.exited, guard(EXIT_GUARD_MS)]);
    void serve.exited.then(() => events.push('exited'));
    await until(() => events.includes('socket closed'));
    socket.destroy();

    expect(running).toBe(true);
    expect(exit, serve.stderr()).not.toBe('guard');
    // 128 + 15: exited at once on the second SIGTERM, as a shell reports it.
    expect(exit, serve.stderr()).toEqual({ code: 143, signal: null });
    // The half-sent request was never answered: the process did not wait for it.
    expect(events).not.toContain('answer');
  });
});
