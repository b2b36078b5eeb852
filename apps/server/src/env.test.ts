import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('readEnv', () => {
  it('puts the default database in data/ under the working directory, not beside the code', () => {
    expect(readEnv({}, '/srv/pandu').dbPath).toBe('/srv/pandu/data/pandu.duckdb');
    expect(readEnv({}, '/elsewhere').dbPath).toBe('/elsewhere/data/pandu.duckdb');
  });

  it('reads PANDU_DB relative to the working directory, or as given when absolute', () => {
    expect(readEnv({ PANDU_DB: 'x/y.duckdb' }, '/srv/pandu').dbPath).toBe('/srv/pandu/x/y.duckdb');
    expect(readEnv({ PANDU_DB: '/data/z.duckdb' }, '/srv/pandu').dbPath).toBe('/data/z.duckdb');
  });

  it('says whether the database is the default location or one the user named', () => {
    expect(readEnv({}, '/srv/pandu').dbPathIsDefault).toBe(true);
    expect(readEnv({ PANDU_DB: 'data/pandu.duckdb' }, '/srv/pandu').dbPathIsDefault).toBe(false);
  });

  it('puts the data directory in data/ under the working directory unless PANDU_DATA names one', () => {
    expect(readEnv({}, '/srv/pandu')).toMatchObject({
      dataDir: '/srv/pandu/data',
      dataDirIsDefault: true,
    });
    expect(readEnv({ PANDU_DATA: 'store' }, '/srv/pandu')).toMatchObject({
      dataDir: '/srv/pandu/store',
      dataDirIsDefault: false,
    });
    expect(readEnv({ PANDU_DATA: '/var/lib/pandu' }, '/srv/pandu').dataDir).toBe('/var/lib/pandu');
  });

  it('keeps 5 versions unless PANDU_KEEP_VERSIONS says how many (at least 1)', () => {
    expect(readEnv({}, '/').keepVersions).toBe(5);
    expect(readEnv({ PANDU_KEEP_VERSIONS: '12' }, '/').keepVersions).toBe(12);
    for (const bad of ['0', '-1', '2.5', 'all']) {
      expect(() => readEnv({ PANDU_KEEP_VERSIONS: bad }, '/'), bad).toThrow(/PANDU_KEEP_VERSIONS/);
    }
  });

  it('bounds the queue for the database and the shutdown grace period, 128 and 5 s by default', () => {
    expect(readEnv({}, '/')).toMatchObject({ maxQueued: 128, shutdownGraceMs: 5_000 });
    expect(readEnv({ PANDU_MAX_QUEUED: '0', PANDU_SHUTDOWN_GRACE_MS: '60000' }, '/')).toMatchObject(
      { maxQueued: 0, shutdownGraceMs: 60_000 },
    );
    expect(() => readEnv({ PANDU_SHUTDOWN_GRACE_MS: '999' }, '/')).toThrow(
      /PANDU_SHUTDOWN_GRACE_MS/,
    );
  });

  it('names the variable when a value is bad', () => {
    expect(() => readEnv({ PANDU_API_PORT: 'abc' }, '/')).toThrow(/PANDU_API_PORT/);
  });

  it('reads PANDU_CORS_ORIGINS as a comma-separated list of origins, none by default', () => {
    expect(readEnv({}, '/').corsOrigins).toEqual([]);
    expect(
      readEnv({ PANDU_CORS_ORIGINS: 'http://127.0.0.1:5173, https://pandu.example' }, '/')
        .corsOrigins,
    ).toEqual(['http://127.0.0.1:5173', 'https://pandu.example']);
    expect(readEnv({ PANDU_CORS_ORIGINS: '*' }, '/').corsOrigins).toEqual(['*']);
    for (const bad of ['pandu.example', 'https://pandu.example/', 'http://x.example/path']) {
      expect(() => readEnv({ PANDU_CORS_ORIGINS: bad }, '/'), bad).toThrow(/PANDU_CORS_ORIGINS/);
    }
  });

  it('reads the users settings: public reading and 12-hour sessions by default', () => {
    expect(readEnv({}, '/srv/pandu')).toMatchObject({
      dataDir: '/srv/pandu/data',
      publicRead: true,
      sessionHours: 12,
      password: undefined,
    });
    expect(
      readEnv({ PANDU_DATA: 'd', PANDU_PUBLIC: 'false', PANDU_SESSION_HOURS: '1.5' }, '/srv'),
    ).toMatchObject({ dataDir: '/srv/d', publicRead: false, sessionHours: 1.5 });
    expect(readEnv({ PANDU_PUBLIC: '0' }, '/').publicRead).toBe(false);
    expect(() => readEnv({ PANDU_PUBLIC: 'no' }, '/')).toThrow(
      'invalid environment variable PANDU_PUBLIC: must be true or false',
    );
    expect(() => readEnv({ PANDU_SESSION_HOURS: '0' }, '/')).toThrow(/PANDU_SESSION_HOURS/);
  });
});
