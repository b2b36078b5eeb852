/**
 * Every pooled connection is busy and `maxQueued` callers already wait for one: this caller is
 * refused at once rather than queued behind them (a server answers 503 with `Retry-After`).
 *
 * @example
 * ```ts
 * if (error instanceof ConnectionQueueFullError) error.maxQueued; // 128
 * ```
 */
export class ConnectionQueueFullError extends Error {
  override readonly name = 'ConnectionQueueFullError';
  constructor(readonly maxQueued: number) {
    super(`all database connections busy and ${maxQueued} requests waiting`);
  }
}
