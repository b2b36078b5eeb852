/**
 * Users, their API tokens and their login sessions, kept in `DIR/auth.json` beside the data
 * versions and never inside one: a rollback to an older snapshot must not bring back a removed
 * user or a revoked token.
 *
 * Why a JSON file and not a small DuckDB (or SQLite) file, as the issue first suggested: several
 * processes use it at once (every `pandu serve` replica checks bearer tokens, the CLI adds users
 * and revokes tokens while they run), and DuckDB lets one process at a time open a file for
 * writing; SQLite would be a native dependency for a few hundred records. A file replaced
 * atomically (write, fsync, rename) under a lock file is read by any number of processes and
 * written by one at a time. Every process re-reads it when its inode, size or mtime changes, one
 * `stat` per call, so a token revoked by the CLI is refused by every server on its next request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserNameSchema, type UserRole } from '@pandu/domain';
import {
  InvalidUserNameError,
  UnknownTokenError,
  UnknownUserError,
  UserExistsError,
  WeakPasswordError,
} from './auth-errors.js';
import {
  fileStamp,
  readAuthFile,
  writeAuthFile,
  type AuthFileContent,
  type FileStamp,
} from './auth-file.js';
import { withFileLock } from './file-lock.js';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyAgainstDummy,
  verifyPasswordHash,
} from './password-hash.js';

/** A user as other code sees one: never the password hash. */
export interface User {
  name: string;
  role: UserRole;
  createdAt: string;
}

/** An API token as listed: never the token or its hash. */
export interface TokenInfo {
  id: string;
  userName: string;
  label: string | null;
  createdAt: string;
}

/** Who a bearer token belongs to, and whether it is a login session or an API token. */
export interface Authentication {
  user: User;
  via: 'session' | 'token';
  /** The API token's id (via `token`). */
  tokenId?: string;
  /** The API token's label (via `token`), for an audit record. */
  tokenLabel?: string | null;
}

export interface AuthStoreOptions {
  /** How long a login session lasts; 12 hours by default. */
  sessionTtlMs?: number;
  /** How long a write waits for another process holding `auth.lock`; 10 s by default. */
  lockTimeoutMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export const AUTH_FILE = 'auth.json';
export const AUTH_LOCK_FILE = 'auth.lock';
/** API tokens start with this, so a secret scanner (and a person) can tell one. */
export const TOKEN_PREFIX = 'pandu_';
const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function publicUser(user: AuthFileContent['users'][number]): User {
  return { name: user.name, role: user.role, createdAt: user.createdAt };
}

/**
 * Users, API tokens and sessions of one data directory.
 *
 * Secrets are never stored: a password as its scrypt hash, a token or session only as its
 * sha256 (they are 32 random bytes, so a fast hash is enough: there is nothing to guess). A
 * lookup by hash is a Map lookup; its timing reveals nothing useful because the caller does not
 * choose the hash.
 *
 * @example
 * ```ts
 * const auth = await AuthStore.open('data');
 * await auth.addUser('ana', 'analyst', 'a long passphrase');
 * const { token } = await auth.createToken('ana', 'nightly import');
 * (await auth.authenticate(token))?.user.role; // 'analyst'
 * ```
 */
export class AuthStore {
  readonly #path: string;
  readonly #lockPath: string;
  readonly #sessionTtlMs: number;
  readonly #now: () => number;
  readonly #lockTimeoutMs: number | undefined;
  #content: AuthFileContent | null = null;
  #stamp: FileStamp | null = null;
  #usersByName = new Map<string, AuthFileContent['users'][number]>();
  #byHash = new Map<
    string,
    {
      kind: 'session' | 'token';
      userName: string;
      expiresAt?: number;
      id?: string;
      label?: string | null;
    }
  >();
  // Writes of this process one after another; the lock file orders them with other processes'.
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    options: AuthStoreOptions,
  ) {
    this.#path = join(dir, AUTH_FILE);
    this.#lockPath = join(dir, AUTH_LOCK_FILE);
    this.#sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    this.#now = options.now ?? Date.now;
    this.#lockTimeoutMs = options.lockTimeoutMs;
  }

  /** Open the store of data directory `dir` (created if missing; `auth.json` on the first write). */
  static async open(dir: string, options: AuthStoreOptions = {}): Promise<AuthStore> {
    await mkdir(dir, { recursive: true });
    const store = new AuthStore(dir, options);
    await store.#fresh();
    return store;
  }

  /** How long a new session lasts, milliseconds. */
  get sessionTtlMs(): number {
    return this.#sessionTtlMs;
  }

  /** The file as it is now: re-read when another process (or this one) replaced it. */
  async #fresh(): Promise<AuthFileContent> {
    const stamp = await fileStamp(this.#path);
    if (this.#content && stamp === this.#stamp) return this.#content;
    const content = await readAuthFile(this.#path);
    this.#index(content, stamp);
    return content;
  }

  #index(content: AuthFileContent, stamp: FileStamp): void {
    this.#content = content;
    this.#stamp = stamp;
    this.#usersByName = new Map(content.users.map((u) => [u.name, u]));
    this.#byHash = new Map();
    for (const t of content.tokens)
      this.#byHash.set(t.sha256, { kind: 'token', userName: t.userName, id: t.id, label: t.label });
    for (const s of content.sessions)
      this.#byHash.set(s.sha256, {
        kind: 'session',
        userName: s.userName,
        expiresAt: Date.parse(s.expiresAt),
      });
  }

  /**
   * Read-modify-write under the lock: `change` gets the current content (read inside the lock,
   * so no other process's write is lost) and edits it in place; expired sessions are dropped on
   * the way.
   */
  #mutate<T>(change: (content: AuthFileContent) => T | Promise<T>): Promise<T> {
    const run = this.#writes.then(() =>
      withFileLock(
        this.#lockPath,
        async () => {
          const content = await readAuthFile(this.#path);
          const result = await change(content);
          const now = this.#now();
          content.sessions = content.sessions.filter((s) => Date.parse(s.expiresAt) > now);
          this.#index(content, await writeAuthFile(this.#path, content));
          return result;
        },
        { timeoutMs: this.#lockTimeoutMs },
      ),
    );
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Add a user. Throws UserExistsError, WeakPasswordError, InvalidUserNameError. */
  async addUser(name: string, role: UserRole, password: string): Promise<User> {
    const valid = UserNameSchema.safeParse(name);
    if (!valid.success)
      throw new InvalidUserNameError(`user name: ${valid.error.issues[0]?.message}`);
    const weak = checkPasswordPolicy(password);
    if (weak) throw new WeakPasswordError(weak);
    // Hashed outside the lock: 100 ms of scrypt need not hold up other writers.
    const passwordHash = await hashPassword(password);
    return this.#mutate((content) => {
      if (content.users.some((u) => u.name === name)) throw new UserExistsError(name);
      const now = new Date(this.#now()).toISOString();
      const user = { name, role, passwordHash, createdAt: now, passwordChangedAt: now };
      content.users.push(user);
      return publicUser(user);
    });
  }

  /** Remove a user, ending their sessions and revoking their API tokens. Throws UnknownUserError. */
  async removeUser(name: string): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
    return this.#mutate((content) => {
      if (!content.users.some((u) => u.name === name)) throw new UnknownUserError(name);
      const now = this.#now();
      const sessionsEnded = content.sessions.filter(
        (s) => s.userName === name && Date.parse(s.expiresAt) > now,
      ).length;
      const tokensRevoked = content.tokens.filter((t) => t.userName === name).length;
      content.users = content.users.filter((u) => u.name !== name);
      content.sessions = content.sessions.filter((s) => s.userName !== name);
      content.tokens = content.tokens.filter((t) => t.userName !== name);
      return { sessionsEnded, tokensRevoked };
    });
  }

  /**
   * Set a user's password and end their login sessions (whoever knew the old password is logged
   * out); API tokens stay valid. Throws UnknownUserError, WeakPasswordError.
   */
  async setPassword(name: string, password: string): Promise<void> {
    const weak = checkPasswordPolicy(password);
    if (weak) throw new WeakPasswordError(weak);
    const passwordHash = await hashPassword(password);
    await this.#mutate((content) => {
      const user = content.users.find((u) => u.name === name);
      if (!user) throw new UnknownUserError(name);
      user.passwordHash = passwordHash;
      user.passwordChangedAt = new Date(this.#now()).toISOString();
      content.sessions = content.sessions.filter((s) => s.userName !== name);
    });
  }

  /** Every user, by name. */
  async listUsers(): Promise<User[]> {
    const content = await this.#fresh();
    return content.users.map(publicUser).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One user, or null. */
  async getUser(name: string): Promise<User | null> {
    await this.#fresh();
    const user = this.#usersByName.get(name);
    return user ? publicUser(user) : null;
  }

  /**
   * The user when `password` is theirs, else null. An unknown name costs the same scrypt as a
   * known one, so the time taken does not tell which names exist.
   */
  async verifyPassword(name: string, password: string): Promise<User | null> {
    await this.#fresh();
    const user = this.#usersByName.get(name);
    if (!user || password.length > 1024) {
      await verifyAgainstDummy(password.slice(0, 1024));
      return null;
    }
    return (await verifyPasswordHash(password, user.passwordHash)) ? publicUser(user) : null;
  }

  /**
   * Create an API token for a user: `pandu_` and 32 random bytes (base64url). The token is
   * returned this once; only its sha256 is kept. Throws UnknownUserError.
   */
  async createToken(
    userName: string,
    label: string | null = null,
  ): Promise<{ token: string; id: string }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = `tok_${randomBytes(6).toString('hex')}`;
    await this.#mutate((content) => {
      if (!content.users.some((u) => u.name === userName)) throw new UnknownUserError(userName);
      content.tokens.push({
        id,
        userName,
        label,
        sha256: sha256(token),
        createdAt: new Date(this.#now()).toISOString(),
      });
    });
    return { token, id };
  }

  /** Revoke an API token, given its id or the token itself. Throws UnknownTokenError. */
  async revokeToken(idOrToken: string): Promise<TokenInfo> {
    const hash = idOrToken.startsWith(TOKEN_PREFIX) ? sha256(idOrToken) : null;
    return this.#mutate((content) => {
      const token = content.tokens.find((t) => (hash ? t.sha256 === hash : t.id === idOrToken));
      // Never echo a token back in a message.
      if (!token) throw new UnknownTokenError(hash ? `${TOKEN_PREFIX}…` : idOrToken);
      content.tokens = content.tokens.filter((t) => t !== token);
      return {
        id: token.id,
        userName: token.userName,
        label: token.label,
        createdAt: token.createdAt,
      };
    });
  }

  /** Every API token, oldest first, without secrets. */
  async listTokens(): Promise<TokenInfo[]> {
    const content = await this.#fresh();
    return content.tokens.map(({ id, userName, label, createdAt }) => ({
      id,
      userName,
      label,
      createdAt,
    }));
  }

  /** Start a login session for a user; the token is returned this once. Throws UnknownUserError. */
  async createSession(userName: string): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#now();
    const expiresAt = new Date(now + this.#sessionTtlMs).toISOString();
    await this.#mutate((content) => {
      if (!content.users.some((u) => u.name === userName)) throw new UnknownUserError(userName);
      content.sessions.push({
        sha256: sha256(token),
        userName,
        createdAt: new Date(now).toISOString(),
        expiresAt,
      });
    });
    return { token, expiresAt };
  }

  /** End a login session (logout). Ending an unknown or expired one is not an error. */
  async endSession(token: string): Promise<void> {
    const hash = sha256(token);
    await this.#fresh();
    if (this.#byHash.get(hash)?.kind !== 'session') return;
    await this.#mutate((content) => {
      content.sessions = content.sessions.filter((s) => s.sha256 !== hash);
    });
  }

  /**
   * Who `bearer` (a session token or an API token) belongs to, or null: unknown, expired,
   * revoked, or its user removed. Reads the file again if another process changed it, so a
   * revocation holds from the next call on.
   */
  async authenticate(bearer: string): Promise<Authentication | null> {
    if (bearer.length === 0 || bearer.length > 256) return null;
    await this.#fresh();
    const found = this.#byHash.get(sha256(bearer));
    if (!found) return null;
    if (found.kind === 'session' && (found.expiresAt ?? 0) <= this.#now()) return null;
    const user = this.#usersByName.get(found.userName);
    if (!user) return null;
    return found.kind === 'session'
      ? { user: publicUser(user), via: 'session' }
      : {
          user: publicUser(user),
          via: 'token',
          tokenId: found.id,
          tokenLabel: found.label ?? null,
        };
  }
}
