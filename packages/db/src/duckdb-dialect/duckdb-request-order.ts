import { AsyncLocalStorage } from 'node:async_hooks';

// Which request a query belongs to, for the driver's wait queue. AsyncLocalStorage follows the
// request through every await, so the queries need no extra argument.
const requestOrder = new AsyncLocalStorage<number>();
let nextTicket = 0;

/**
 * Run `fn` as one request: while every pooled connection is busy, its queries wait ahead of
 * those of every request that started after it. Without this the queue is first come, first
 * served per statement, so a request's later statements (after a region check, say) wait behind
 * the first statements of every newer request, and under a burst almost nothing finishes until
 * the whole backlog drains (issue 13). A connection is still taken per statement, so nothing
 * holds one while it waits for the event loop or a cached result.
 *
 * @example
 * ```ts
 * const summary = await inRequestOrder(() => divideSummary(db, { year: 2024 }));
 * ```
 */
export function inRequestOrder<T>(fn: () => T): T {
  return requestOrder.run(nextTicket++, fn);
}

/** The ticket of the request the caller runs in; a caller outside one gets a new ticket. */
export function requestTicket(): number {
  return requestOrder.getStore() ?? nextTicket++;
}
