import type { TRPCRouterRecord } from '@trpc/server';
import type { User } from '@pandu/db';
import { roleProcedure } from '../trpc.js';
import { authStore } from './auth.js';

/** Managing users: admins only. Adding and removing users is the CLI's (`pandu users`). */
export const usersRouter = {
  /** Every user: name, role, when added; never a password hash. */
  list: roleProcedure('admin').query(async ({ ctx }): Promise<User[]> =>
    (await authStore(ctx).listUsers()).map(({ name, role, createdAt }) => ({
      name,
      role,
      createdAt,
    })),
  ),
} satisfies TRPCRouterRecord;
