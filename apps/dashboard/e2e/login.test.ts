import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { panduBin } from '../scripts/pandu-api.js';
import { screenshot } from './browser.js';
import { expectNoProblems, hydrated, openPage, useBrowser, visit } from './session.js';

// Issue 10: an analyst created with the command line logs in on /masuk, sees their name in the
// header on every page, and logs out; the session lives in an HttpOnly, SameSite=Lax cookie.
const NAME = 'analis.e2e';
const PASSWORD = 'kata sandi yang panjang';

function pandu(
  args: string[],
  stdin = '',
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [panduBin(), ...args, '--data', inject('dataDir')], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('login and logout', () => {
  const session = useBrowser();
  beforeAll(() => {
    const added = pandu(['users', 'add', NAME, '--role', 'analyst'], `${PASSWORD}\n`);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
  });
  afterAll(() => {
    pandu(['users', 'remove', NAME]);
  });

  it('a wrong password is named in the form, in Indonesian and in English', async () => {
    const { page } = await openPage(session.browser());
    for (const [lang, message] of [
      ['id', 'Nama pengguna atau kata sandi salah.'],
      ['en', 'Wrong user name or password.'],
    ] as const) {
      await visit(page, session.baseUrl, lang === 'en' ? '/masuk?lang=en' : '/masuk');
      await page.getByLabel(lang === 'en' ? 'User name' : 'Nama pengguna').fill(NAME);
      await page.getByLabel(lang === 'en' ? 'Password' : 'Kata sandi').fill('not the password');
      await page
        .getByRole('button', { name: lang === 'en' ? 'Log in' : 'Masuk', exact: true })
        .click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(message);
    }
    await page.context().close();
  });

  it('an analyst logs in, sees their name in the header, and logs out', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/kesenjangan');
    const header = page.locator('.site-header');
    await header.getByRole('link', { name: 'Masuk' }).click();
    await page.waitForURL(/\/masuk\?next=%2Fkesenjangan/);
    await hydrated(page);
    await page.getByLabel('Nama pengguna').fill(NAME);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // Back where the login started, with the user in the header.
    await page.waitForURL(`${session.baseUrl}/kesenjangan`);
    await hydrated(page);
    await expect(header.locator('[data-user-name]').textContent()).resolves.toBe(
      `${NAME} (analis)`,
    );

    const cookie = (await page.context().cookies()).find((c) => c.name === 'pandu_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    // The session ends with the API's: 12 hours from now, give or take a minute.
    expect((cookie?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(await page.evaluate(() => document.cookie)).not.toContain('pandu_session');

    // Still logged in on the next page.
    await visit(page, session.baseUrl, '/data');
    await expect(header.locator('[data-user-name]').textContent()).resolves.toContain(NAME);
    await screenshot(page, 'logged-in-analyst');

    await header.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${session.baseUrl}/`);
    await hydrated(page);
    await expect(header.locator('[data-user-name]').count()).resolves.toBe(0);
    await expect(header.getByRole('link', { name: 'Masuk' }).count()).resolves.toBe(1);
    expect((await page.context().cookies()).some((c) => c.name === 'pandu_session')).toBe(false);
    expectNoProblems(problems, 'login and logout');
    await page.context().close();
  });
});
