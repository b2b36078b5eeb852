/**
 * No user has this name.
 *
 * @example
 * ```ts
 * throw new UnknownUserError('ana'); // message: "unknown user: ana"
 * ```
 */
export class UnknownUserError extends Error {
  override readonly name = 'UnknownUserError';
  constructor(readonly userName: string) {
    super(`unknown user: ${userName}`);
  }
}

/** A name that `UserNameSchema` refuses; the message says the rule. */
export class InvalidUserNameError extends Error {
  override readonly name = 'InvalidUserNameError';
}

/** A user of this name exists already (`users add` twice). */
export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
  constructor(readonly userName: string) {
    super(`user ${userName} exists already`);
  }
}

/** No API token has this id (or it was revoked). */
export class UnknownTokenError extends Error {
  override readonly name = 'UnknownTokenError';
  constructor(readonly tokenId: string) {
    super(`unknown token: ${tokenId}`);
  }
}

/** A password too short (or absurdly long) to be stored. The message never holds the password. */
export class WeakPasswordError extends Error {
  override readonly name = 'WeakPasswordError';
}

/** Another live process has held `auth.lock` for longer than we wait; names it. */
export class AuthLockedError extends Error {
  override readonly name = 'AuthLockedError';
}

/** `auth.json` is not a file this version wrote (hand-edited, truncated by a full disk); names the path. */
export class AuthFileError extends Error {
  override readonly name = 'AuthFileError';
}
