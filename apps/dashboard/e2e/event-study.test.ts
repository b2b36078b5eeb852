import { describe, expect, it } from 'vitest';
import { expectNoProblems, openPage, useBrowser, visit } from './session.js';

// The mentoring page draws mentoring.impact's event study: a point with its interval at each
// event time, the base year, the event as a dashed line, the pre-trend verdict in words, and the
// table with n. The seed plants the effect from the year after the event, with parallel trends
// before it, so the check passes and the points from +1 on sit far above 0.
describe('the event study on the mentoring page', () => {
  const session = useBrowser();

  it('draws the event study of Jawa Timur with its pre-trend verdict and counts, in both languages', async () => {
    const { page, problems } = await openPage(session.browser());
    await visit(page, session.baseUrl, '/pendampingan?region=35&pillar=digital_skills&lang=en');
    const chart = page.locator('[data-chart="event-study"]');
    await expect(chart.locator('svg g.event-time').count()).resolves.toBe(6);
    await expect(chart.locator('svg g.event-time.placebo').count()).resolves.toBe(2);
    await expect(chart.locator('svg g.event line[stroke-dasharray]').count()).resolves.toBe(1);
    await expect(chart.locator('svg .axis-label').allTextContents()).resolves.toContain(
      'Extra change since the year before mentoring',
    );
    await expect(page.locator('p.pre-trend').textContent()).resolves.toMatch(
      /^Pre-trend check: passes\. None of the 2 placebo years/,
    );
    await expect(page.locator('p.headline').textContent()).resolves.toMatch(
      /^Headline: 0\.1\d\d one year after .* \d[\d,]* mentored villages, \d[\d,]* comparison villages/,
    );
    // The table: one row per event time, with the counts.
    const rows = chart.locator('table tbody tr');
    await expect(rows.count()).resolves.toBe(6);
    await expect(rows.first().locator('th, td').first().textContent()).resolves.toBe('\u22123');

    await visit(page, session.baseUrl, '/pendampingan?region=35&pillar=digital_skills&lang=id');
    await expect(page.locator('p.pre-trend').textContent()).resolves.toMatch(
      /^Uji tren sebelum pendampingan: lolos\./,
    );
    const labels = await page.locator('[data-chart="impact"] svg .axis-label').allTextContents();
    expect(labels).toContain('Tambahan perubahan sejak setahun sebelum pendampingan');
    expect(labels.join(' ')).not.toContain('per tahun');
    expectNoProblems(problems, 'event study');
    await page.context().close();
  });
});
