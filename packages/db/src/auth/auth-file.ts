import { randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { UserNameSchema, UserRole } from '@pandu/domain';
import { AuthFileError } from './auth-errors.js';

const StoredUser = z.object({
  name: UserNameSchema,
  role: UserRole,
  /** `scrypt$N$r$p$salt$key` (password-hash.ts). */
  passwordHash: z.string(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
const StoredToken = z.object({
  /** Public, short: what `tokens list` shows and `tokens revoke` takes. */
  id: z.string(),
  userName: UserNameSchema,
  label: z.string().nullable(),
  /** sha256 of the token, hex. The token itself is shown once and never stored. */
  sha256: z.string(),
  createdAt: z.string(),
});
const StoredSession = z.object({
  sha256: z.string(),
  userName: UserNameSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
});

/** `auth.json`, format 1. */
export const AuthFileContent = z.object({
  format: z.literal(1),
  users: z.array(StoredUser),
  tokens: z.array(StoredToken),
  sessions: z.array(StoredSession),
});
export type AuthFileContent = z.infer<typeof AuthFileContent>;
export type StoredUser = z.infer<typeof StoredUser>;
export type StoredToken = z.infer<typeof StoredToken>;
export type StoredSession = z.infer<typeof StoredSession>;

export const EMPTY_AUTH_FILE: AuthFileContent = { format: 1, users: [], tokens: [], sessions: [] };

/** What identifies one written state of the file: a rename gives a new inode, a write a new mtime. */
export type FileStamp = string;

function stampOf(s: BigIntStats): FileStamp {
  return `${s.ino}:${s.size}:${s.mtimeNs}`;
}

/** The stamp of `path` now; `missing` when there is no file. */
export async function fileStamp(path: string): Promise<FileStamp> {
  try {
    return stampOf(await stat(path, { bigint: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** Read and check `auth.json`; a missing file is an empty store. */
export async function readAuthFile(path: string): Promise<AuthFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY_AUTH_FILE);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AuthFileError(`${path} is not valid JSON; restore it from a backup`);
  }
  const parsed = AuthFileContent.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthFileError(
      `${path} is not a pandu auth file (${issue?.path.join('.') || 'top level'}: ${issue?.message}); restore it from a backup`,
    );
  }
  return parsed.data;
}

/**
 * Replace `path` atomically: write a temporary file beside it (mode 0600: it holds password
 * hashes), fsync it, rename it over the old one, fsync the directory. A reader sees the old file
 * or the new one, never half of one, and a crash leaves one of the two.
 *
 * @returns the stamp of the file written, taken from the file itself before the rename (which
 * keeps inode, size and mtime): a stat of `path` afterwards could already see another process's
 * next write, and this process would then miss that write.
 */
export async function writeAuthFile(path: string, content: AuthFileContent): Promise<FileStamp> {
  const tmp = join(dirname(path), `.auth.json.${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(tmp, 'wx', 0o600);
  let stamp: FileStamp;
  try {
    await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`);
    await handle.sync();
    stamp = stampOf(await handle.stat({ bigint: true }));
  } catch (error) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return stamp;
}
