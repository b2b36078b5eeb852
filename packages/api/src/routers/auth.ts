import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { AuthStore } from '@pandu/db';
import type { UserRole } from '@pandu/domain';
import { BadCredentialsError, LoginRateLimitedError, NoAuthStoreError } from '../auth-errors.js';
import type { Context } from '../context.js';
import { LoginRateLimiter } from '../login-rate-limiter.js';
import { openProcedure } from '../trpc.js';

/** `auth.login`'s input. Bounded, and never echoed back: a wrong name is as wrong as a wrong password. */
export const LoginInput = z.object({
  name: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** A user as the API shows one. */
export interface UserSummary {
  name: string;
  role: UserRole;
}

/** What `auth.login` answers: the session's bearer token (shown this once), when it ends, and who. */
export interface LoginResult {
  token: string;
  expiresAt: string;
  user: UserSummary;
}

// One limiter per user store: one per server process, shared by all its requests.
const limiters = new WeakMap<AuthStore, LoginRateLimiter>();

function loginLimiter(auth: AuthStore): LoginRateLimiter {
  let limiter = limiters.get(auth);
  if (!limiter) {
    limiter = new LoginRateLimiter();
    limiters.set(auth, limiter);
  }
  return limiter;
}

/** The context's user store; NoAuthStoreError (501) on a server without one. */
export function authStore(ctx: Pick<Context, 'auth'>): AuthStore {
  if (!ctx.auth) throw new NoAuthStoreError();
  return ctx.auth;
}

/**
 * Logging in and out. Open even when reading needs a login (`openProcedure`), and never cached:
 * every answer is about the one who asks.
 */
export const authRouter = {
  /**
   * Check a name and password and start a session: `{ token, expiresAt, user }`; the client sends
   * `Authorization: Bearer <token>` from then on. Wrong credentials are UNAUTHORIZED without
   * saying which was wrong; 5 failures within 15 minutes for an account or from an address make
   * the next attempts TOO_MANY_REQUESTS, naming the seconds to wait (`data.retryAfterSeconds`).
   */
  login: openProcedure.input(LoginInput).mutation(async ({ ctx, input }): Promise<LoginResult> => {
    const auth = authStore(ctx);
    const limiter = loginLimiter(auth);
    const accountKey = `user:${input.name.toLowerCase()}`;
    const keys = ctx.clientAddress ? [accountKey, `addr:${ctx.clientAddress}`] : [accountKey];
    const wait = limiter.retryAfterSeconds(keys);
    if (wait > 0) throw new LoginRateLimitedError(wait);
    const attempt = limiter.fail(keys);
    const user = await auth.verifyPassword(input.name, input.password);
    if (!user) throw new BadCredentialsError();
    limiter.reset(accountKey);
    limiter.forgive(keys, attempt);
    const session = await auth.createSession(user.name);
    return { ...session, user: { name: user.name, role: user.role } };
  }),
  /** End the request's login session (an API token stays valid: `pandu tokens revoke` ends it). */
  logout: openProcedure.mutation(async ({ ctx }): Promise<{ ended: boolean }> => {
    if (!ctx.auth || !ctx.bearer || ctx.user?.via !== 'session') return { ended: false };
    await ctx.auth.endSession(ctx.bearer);
    return { ended: true };
  }),
  /** Who the request's credentials belong to: `{ name, role }`, or null when anonymous. */
  me: openProcedure.query(({ ctx }): UserSummary | null =>
    ctx.user ? { name: ctx.user.name, role: ctx.user.role } : null,
  ),
  /** Whether reading needs a login (PANDU_PUBLIC), for a client to send people to its login page. */
  policy: openProcedure.query(({ ctx }): { publicRead: boolean; logins: boolean } => ({
    publicRead: ctx.publicRead !== false,
    logins: Boolean(ctx.auth),
  })),
} satisfies TRPCRouterRecord;
