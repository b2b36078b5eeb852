/**
 * @pandu/server: the Pandu API. Other packages import its router type for a typed client.
 *
 * @example
 * ```ts
 * import type { AppRouter } from '@pandu/server';
 * const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:3100/trpc' })] });
 * ```
 */
export type { AppRouter } from './routers/_app.js';
export { appRouter } from './routers/_app.js';
export { createApiServer, DEFAULT_LIMITS, type HttpLimits } from './http-server.js';
export { createInnerContext, type Context } from './context.js';
export { ResultCache } from './result-cache.js';
