import { describe, expect, it } from 'vitest';
import type { SqlAnswer } from '@pandu/db';
import { SqlConsole, SqlRateLimitedError, type SqlRunner } from './sql-runner.js';

// The per-user rate of the console. The runner here only counts what reaches it: the sandbox
// itself (real worker processes) is tested in @pandu/db and over HTTP in the server's faults.
class CountingRunner implements SqlRunner {
  calls: string[] = [];
  query(sql: string): Promise<SqlAnswer> {
    this.calls.push(sql);
    return Promise.resolve({ columns: [], rows: [], truncated: false, elapsedMs: 0 });
  }
}

describe('SqlConsole', () => {
  it('lets each user run perMinute queries in any 60 s, then refuses with the wait', async () => {
    let now = 0;
    const runner = new CountingRunner();
    const console = new SqlConsole(runner, { perMinute: 3, now: () => now });
    for (let i = 0; i < 3; i++) await console.query('ana', `select ${i}`);
    const refused = await console.query('ana', 'select 3').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SqlRateLimitedError);
    expect((refused as SqlRateLimitedError).retryAfterSeconds).toBe(60);
    // Another user is not held back by ana.
    await console.query('budi', 'select 1');
    // Refused queries never reach the runner.
    expect(runner.calls).toEqual(['select 0', 'select 1', 'select 2', 'select 1']);
    now = 60_001;
    await expect(console.query('ana', 'select 4')).resolves.toMatchObject({ rows: [] });
  });
});
