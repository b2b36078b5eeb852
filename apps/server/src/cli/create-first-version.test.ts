import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentPointer, ServedVersions, versionFilePath } from '@pandu/db';
import { apiTestContext } from '@pandu/api/testing';
import { createFirstVersion } from './create-first-version.js';

describe('createFirstVersion', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  it('adopts the legacy file once, even for two servers starting at the same time', async () => {
    const dir = join(t.dir, 'data');
    await mkdir(dir);
    await copyFile(t.path, join(dir, 'pandu.duckdb'));
    const [a, b] = await Promise.all([
      createFirstVersion(dir, { interactive: false }),
      createFirstVersion(dir, { interactive: false }),
    ]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ version: 1, file: 'versions/v000001.duckdb' });
    expect(await readCurrentPointer(dir)).toEqual(a);
    const published = await readFile(versionFilePath(dir, 1));
    expect(a.sha256).toBe(createHash('sha256').update(published).digest('hex'));
    // Nothing left behind in staging; the legacy file stays where it was.
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
    expect(await readdir(dir)).toEqual(
      expect.arrayContaining(['CURRENT', 'pandu.duckdb', 'versions']),
    );
    const served = await ServedVersions.open(dir);
    const lease = served.lease();
    const regions = await lease.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(regions?.n)).toBe(t.seed.regions);
    lease.release();
    await served.close();
    await rm(dir, { recursive: true, force: true });
  });
});
