import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type PageProblems } from './browser.js';

/** One browser per test file, shared by its tests; each test opens its own page. */
export function useBrowser(): { browser: () => Browser; baseUrl: string } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('browser not launched');
      return browser;
    },
    baseUrl: inject('baseUrl'),
  };
}

/** Go to `path` and wait until the page is hydrated (the root layout sets data-hydrated). */
export async function visit(page: Page, baseUrl: string, path: string): Promise<void> {
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
  expect(response?.status(), `GET ${path}`).toBe(200);
  await hydrated(page);
}

export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
    timeout: 15_000,
  });
}

/** Wait for SvelteKit's client-side navigation to settle after a click or a history step. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () => !document.documentElement.hasAttribute('data-navigating'),
    null,
    {
      timeout: 15_000,
    },
  );
}

export function expectNoProblems(problems: PageProblems, where: string): void {
  expect(problems.errors, where).toEqual([]);
}

export { openPage };
