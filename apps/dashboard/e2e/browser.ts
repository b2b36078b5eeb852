import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; PANDU_CHROMIUM overrides. */
export const CHROMIUM = process.env.PANDU_CHROMIUM ?? '/usr/bin/chromium';

// Without the networking flags Chromium keeps calling Google's services, which are refused here.
// No --user-data-dir: Playwright makes its own temporary profile.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of every page land here: an artifact of the run (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** What went wrong on a page: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
export interface PageProblems {
  errors: string[];
}

/** A fresh page that records its problems, so a test can assert there were none. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; touch?: boolean } = {},
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  // A Content-Security-Policy violation is a problem of the page too: Chromium logs a blocked
  // script or style as a console error, and this names the directive and what it blocked.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const problems: PageProblems = { errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // SvelteKit's client stops reading a __data.json stream once it has the page's data (the
    // `for await` over the ndjson reader returns early), which Chromium reports as an aborted
    // request. Its status and body were fine; anything else aborted is a failure.
    if (reason === 'net::ERR_ABORTED' && new URL(request.url()).pathname.endsWith('/__data.json')) {
      return;
    }
    problems.errors.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

/** Save a full-page screenshot as artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
