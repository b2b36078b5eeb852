import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentPointer, versionFilePath } from './read-current-version.js';

describe('readCurrentPointer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-current-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is null for a directory without CURRENT', async () => {
    expect(await readCurrentPointer(dir)).toBeNull();
    expect(await readCurrentPointer(join(dir, 'missing'))).toBeNull();
  });

  it('reads the pointer, and only its four fields', async () => {
    const pointer = {
      version: 3,
      file: 'versions/v000003.duckdb',
      publishedAt: '2026-12-05T21:00:00.000Z',
      sha256: 'ab'.repeat(32),
    };
    await writeFile(join(dir, 'CURRENT'), JSON.stringify({ ...pointer, extra: true }));
    expect(await readCurrentPointer(dir)).toEqual(pointer);
  });

  it('refuses a CURRENT that is not a pointer, naming the file and the problem', async () => {
    const good = { version: 1, file: 'versions/v000001.duckdb', publishedAt: '', sha256: '' };
    const cases: Array<[string, string]> = [
      ['{"version":', 'not JSON'],
      ['[1]', 'not a JSON object'],
      [JSON.stringify({ ...good, version: 0 }), 'version must be a whole number from 1, got 0'],
      [JSON.stringify({ ...good, version: '2' }), 'version must be a whole number from 1, got "2"'],
      [JSON.stringify({ ...good, file: '../elsewhere.duckdb' }), 'file must be a path inside'],
      [JSON.stringify({ ...good, file: 'versions/../../x.duckdb' }), 'file must be a path inside'],
      [JSON.stringify({ ...good, file: '/etc/passwd' }), 'file must be a path inside'],
      [JSON.stringify({ ...good, sha256: 1 }), 'sha256 must be a string'],
    ];
    for (const [text, problem] of cases) {
      await writeFile(join(dir, 'CURRENT'), text);
      await expect(readCurrentPointer(dir), text).rejects.toThrow(
        `invalid pointer in ${join(dir, 'CURRENT')}: ${problem}`,
      );
    }
  });
});

describe('versionFilePath', () => {
  it('names versions with six digits, so they sort in order', () => {
    expect(versionFilePath('data', 3)).toBe(join('data', 'versions', 'v000003.duckdb'));
    expect(versionFilePath('/srv/pandu', 123456)).toBe('/srv/pandu/versions/v123456.duckdb');
  });

  it('refuses a version that is not a whole number from 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => versionFilePath('data', bad)).toThrow(`invalid version: ${bad}`);
    }
  });
});
