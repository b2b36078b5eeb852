import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededCopy, startServe, type ServeProcess } from './serve-process.js';

// The harness itself: a served copy of the seeded database answers, and stops on SIGTERM.
describe('fault-suite harness', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>>;
  let serve: ServeProcess;
  beforeAll(async () => {
    copy = await seededCopy();
    serve = await startServe(copy.db);
  });
  afterAll(async () => {
    serve?.kill();
    await copy?.cleanup();
  });

  it('serves the seeded copy over 127.0.0.1 and stops on SIGTERM', async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(
      `${serve.url}/trpc/regions.get?input=${encodeURIComponent('{"code":"35.05"}')}`,
    );
    expect(res.status).toBe(200);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
  });
});
