import { describe, expect, it } from 'vitest';
import { useServedCopy } from './serve-process.js';

// The harness itself: a served copy of the seeded database answers, and stops on SIGTERM.
describe('fault-suite harness', () => {
  const served = useServedCopy();

  it('serves the seeded copy over 127.0.0.1 and stops on SIGTERM', async () => {
    expect(served().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(
      `${served().url}/trpc/regions.get?input=${encodeURIComponent('{"code":"35.05"}')}`,
    );
    expect(res.status).toBe(200);
    served().child.kill('SIGTERM');
    expect(await served().exited).toEqual({ code: 0, signal: null });
  });
});
