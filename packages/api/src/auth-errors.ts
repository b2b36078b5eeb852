import type { UserRole } from '@pandu/domain';

/** The procedure needs a logged-in user and the request has none (401). */
export class LoginRequiredError extends Error {
  override readonly name = 'LoginRequiredError';
  constructor(message = 'log in first: this needs a user (Authorization: Bearer <token>)') {
    super(message);
  }
}

/** The user's role is below the one the procedure needs (403). */
export class RoleRequiredError extends Error {
  override readonly name = 'RoleRequiredError';
  constructor(
    readonly needed: UserRole,
    readonly actual: UserRole,
  ) {
    super(`this needs the role ${needed} or higher; you are ${actual}`);
  }
}

/** Too many failed logins for the account or the address (429); says when to try again. */
export class LoginRateLimitedError extends Error {
  override readonly name = 'LoginRateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed logins; try again in ${retryAfterSeconds} s`);
  }
}

/** The name or password is wrong (401); deliberately does not say which. */
export class BadCredentialsError extends Error {
  override readonly name = 'BadCredentialsError';
  constructor() {
    super('wrong name or password');
  }
}

/** The server runs without a user store (a single `--db FILE`), so nobody can log in (501). */
export class NoAuthStoreError extends Error {
  override readonly name = 'NoAuthStoreError';
  constructor() {
    super('this server has no users (it serves a single database file, without a data directory)');
  }
}
