import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, seriousAccessibilityViolations, signIn } from './support/browser.js';

const baseUrl = inject('baseUrl');
// Set LANTERN_SCREENSHOTS=/some/folder to keep screenshots of each page at each width.
const screenshotFolder = process.env.LANTERN_SCREENSHOTS;

async function snap(page: Page, name: string) {
  if (!screenshotFolder) return;
  fs.mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: path.join(screenshotFolder, `${name}.png`), fullPage: true });
}

/** Check axe at desktop and phone widths, and that at the phone width only tables scroll sideways, never the page. */
async function checkBothWidths(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    expect({ width, violations: await seriousAccessibilityViolations(page) }).toEqual({ width, violations: [] });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ width, overflow }).toEqual({ width, overflow: 0 });
    await snap(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const summaryTable = (page: Page) => page.getByRole('region', { name: /^Measures for / }).getByRole('table');

/** Wait until every row of the summary has its figures (no "Loading…" left). */
async function waitForSummary(page: Page) {
  const table = summaryTable(page);
  await table.waitFor();
  await page.waitForFunction(() => {
    const region = [...document.querySelectorAll('[role="region"]')].find((r) => r.getAttribute('aria-label')?.startsWith('Measures for '));
    return region !== undefined && !region.textContent?.includes('Loading…');
  });
  return table;
}

describe('dashboards: the Making Data Count summary and each measure’s SPC chart', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a quality lead reads the summary, opens a measure’s chart and downloads its figures', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'quality@demo.lantern.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.title()).toBe('Dashboard – Lantern');

    const catalogue = (await (await page.request.get('/api/v1/measures')).json()) as { items: { key: string; name: string }[] };
    expect(catalogue.items.length).toBeGreaterThan(0);

    const table = await waitForSummary(page);
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Measure', expect.stringMatching(/^Latest \([A-Z][a-z]{2,3} \d{4}\)$/) as string, 'Variation', 'Assurance', 'Trend',
    ]);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(catalogue.items.length);
    expect(await table.locator('tbody th a').allInnerTexts()).toEqual(catalogue.items.map((m) => m.name));
    for (let i = 0; i < catalogue.items.length; i += 1) {
      const cells = rows.nth(i).locator('td');
      // Latest value: a number or * for a month without one.
      expect(await cells.nth(0).innerText()).toMatch(/^(\d[\d,.]*|\*)/);
      // Variation: an icon with its meaning in words, or why there is none.
      const variation = cells.nth(1);
      const icon = variation.locator('.spc-icon');
      if (await icon.count()) {
        expect(await icon.locator('svg').count()).toBe(1);
        // The words beside the icon (the icon's own H or L letter is drawn, not read).
        expect(await icon.locator('.spc-icon__label').innerText()).toMatch(/^(Common cause variation|Special cause (improvement|concern|variation), (high|low))/);
      } else {
        expect(await variation.innerText()).toMatch(/limits not shown|Not charted/);
      }
      expect((await cells.nth(2).innerText()).length).toBeGreaterThan(0);
      // Trend: a sparkline with words for screen readers, or a note when no month has a value.
      const sparkline = cells.nth(3).getByRole('img');
      if (await sparkline.count()) expect(await sparkline.getAttribute('aria-label')).toMatch(/months/);
      else expect(await cells.nth(3).innerText()).toBe('No months to show');
    }
    // Rates show the counts behind them.
    const rateRow = rows.filter({ hasText: 'per 1,000 occupied bed days' });
    expect(await rateRow.locator('td').first().innerText()).toMatch(/bed days/);

    // 12 months are too few for limits: the note says so.
    await page.getByLabel('Period').selectOption({ label: 'Last 12 months' });
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/months=12/);
    await waitForSummary(page);
    await page.getByText('Fewer than 13 months: limits not shown.').first().waitFor();
    await page.getByLabel('Period').selectOption({ label: 'Last 24 months' });
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/months=24/);
    await waitForSummary(page);
    await checkBothWidths(page, 'dashboard-quality');

    // The full chart for one measure.
    const first = catalogue.items[0]!;
    await summaryTable(page).getByRole('link', { name: first.name, exact: true }).click();
    await page.waitForURL(new RegExp(`/measures/${first.key}\\?`));
    await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
    const chart = page.getByTestId('spc-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(new RegExp(`^SPC chart of ${first.name}, .*24 months.*Latest value`));
    await chart.locator('svg path').first().waitFor({ state: 'attached' });
    expect(await chart.locator('svg path').count()).toBeGreaterThan(3);

    const data = page.getByRole('region', { name: /figures by month$/ }).getByRole('table');
    expect(await data.locator('thead th').first().innerText()).toBe('Month');
    expect(await data.locator('tbody tr').count()).toBe(24);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Download CSV/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^lantern-${first.key.replace(/_/g, '-')}-.*\\.csv$`));
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Month,Count,/);
    expect(lines).toHaveLength(25);
    expect(lines[1]).toMatch(/^\d{4}-\d{2},/);
    await checkBothWidths(page, 'measure-quality');

    // A stored target gives the assurance icon (the first measure is a count, so every month has a value).
    const scopedSeries = async () => (await (await page.request.get(`/api/v1/measures/${first.key}/series?${new URL(page.url()).searchParams.toString()}`)).json()) as {
      target: number | null; annotations: { id: number; kind: string; label: string; period: string }[]; spc: { points: { mean: number }[] };
    };
    await page.getByLabel(/^Target \(/).fill('1');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.locator('.mdc-headline .spc-icon').filter({ hasText: /target/ }).waitFor();
    expect((await scopedSeries()).target).toBe(1);
    // Stored, not in the address: a fresh load still has it.
    expect(page.url()).not.toContain('target=');
    await page.reload();
    await page.locator('.mdc-headline .spc-icon').filter({ hasText: /target/ }).waitFor();

    // Mark a change that recalculates the limits: it is stored, listed, and the server's chart starts new limits there.
    await page.getByText('Mark a change', { exact: true }).click();
    const periods = await page.getByLabel('Month', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await page.getByLabel('Month', { exact: true }).selectOption(periods[12]!);
    await page.getByLabel('What changed').fill('New support model');
    await page.getByLabel('Recalculate the limits from this month').check();
    await page.getByRole('button', { name: 'Add to the chart' }).click();
    const listed = page.locator('.mdc-changes__item').filter({ hasText: 'New support model' });
    await listed.waitFor();
    const stored = await scopedSeries();
    expect(stored.annotations).toMatchObject([{ kind: 'recalculation', label: 'New support model', period: periods[12] }]);
    expect(page.url()).not.toContain('change=');
    await checkBothWidths(page, 'measure-quality-marked');

    // Remove the mark and the target again: the chart goes back to one set of limits.
    await listed.getByRole('button', { name: /^Remove/ }).click();
    await listed.waitFor({ state: 'detached' });
    await page.getByLabel(/^Target \(/).fill('');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.locator('.mdc-headline').getByText('No target set').waitFor();
    const cleared = await scopedSeries();
    expect(cleared.target).toBeNull();
    expect(cleared.annotations).toEqual([]);
    expect(new Set(cleared.spc.points.map((p) => p.mean)).size).toBe(1);

    // A person's dashboard, as a person's record would link to it.
    const people = (await (await page.request.get('/api/v1/people?limit=1')).json()) as { items: { id: number; displayName: string }[] };
    const person = people.items[0]!;
    await page.goto(`/dashboard?scope=person:${person.id}`);
    await page.getByRole('heading', { level: 1, name: `Dashboard: ${person.displayName}` }).waitFor();
    expect(await (await waitForSummary(page)).locator('tbody tr').count()).toBe(catalogue.items.length);
    expect(await page.getByLabel('Figures for').inputValue()).toBe(`person:${person.id}`);
    await page.context().close();
  }, 120_000); // Sets and clears a target and a mark as well as reading: longer than the default on a busy machine.

  it('a board member sees the same dashboard with small numbers suppressed', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'board@demo.lantern.test');
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await waitForSummary(page);
    await page.getByText('Figures under 5 are hidden and others rounded to the nearest 5.').waitFor();
    await checkBothWidths(page, 'dashboard-board');

    await summaryTable(page).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Figures under 5 are hidden and others rounded to the nearest 5.').waitFor();
    await page.getByTestId('spc-chart').locator('svg').waitFor({ state: 'attached' });
    // Board members read charts; they neither set targets nor mark changes.
    expect(await page.getByRole('button', { name: 'Save target' }).count()).toBe(0);
    expect(await page.getByText('Mark a change', { exact: true }).count()).toBe(0);
    await checkBothWidths(page, 'measure-board');
    await page.context().close();
  });
});
