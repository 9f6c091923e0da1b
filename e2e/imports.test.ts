import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, navLabels, openPage, seriousAccessibilityViolations, signIn, PHONE, checkPage } from './support/browser.js';

const baseUrl = inject('baseUrl');

interface Month { month: string; occupiedDays: number; daysRecorded: number }

async function occupancy(page: Page, serviceId: number, from: string, to: string): Promise<Month[]> {
  const response = await page.request.get(`/api/v1/services/${serviceId}/occupancy?from=${from}&to=${to}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: Month[] }).items;
}

async function upload(page: Page, name: string, csv: string) {
  await page.getByLabel('File to import').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Upload' }).click();
}

describe('importing a spreadsheet', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows the problems in a file, saves nothing, then checks and imports the corrected file', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'admin@demo.lantern.test');
    const services = (await (await page.request.get('/api/v1/services?limit=1')).json()) as { items: { id: number; ref: string | null }[] };
    const service = services.items.find((s) => s.ref)!;
    expect(service).toBeDefined();

    expect(await navLabels(page)).toContain('Import');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import from a spreadsheet' }).waitFor();
    expect(await page.title()).toBe('Import from a spreadsheet – Lantern');
    expect(await page.getByLabel('Check the file first (dry run)').isChecked()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Nothing chosen: the form says what is missing.
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('alert').getByText('Choose what to import').waitFor();

    await page.getByRole('radio', { name: /Occupancy/ }).check();
    // The template is built in the browser from the column list.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the occupancy template (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('lantern-occupancy-template.csv');
    const template = fs.readFileSync(await download.path(), 'utf8').trim();
    expect(template).toBe('service_ref,date,occupied_days');

    // A month before the demo data begins, so the days recorded are only ours.
    const before = await occupancy(page, service.id, '2015-02-01', '2015-02-28');
    const beforeInvalidMonth = await occupancy(page, service.id, '2026-02-01', '2026-02-28');
    const wrong = `${template}\n${service.ref},2015-02-02,4\n${service.ref},31/02/2026,5\n`;
    await upload(page, 'occupancy.csv', wrong);

    const table = page.getByRole('table', { name: 'Problems in occupancy.csv' });
    await table.waitFor();
    const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['3', 'date']);
    expect(cells[2]).toMatch(/does not exist/);
    await page.getByText('Nothing was saved.', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Import it now' }).count()).toBe(0);
    expect(await occupancy(page, service.id, '2015-02-01', '2015-02-28')).toEqual(before);
    expect(await occupancy(page, service.id, '2026-02-01', '2026-02-28')).toEqual(beforeInvalidMonth);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The corrected file, checked first.
    const right = `${template}\n${service.ref},2015-02-02,4\n${service.ref},28/02/2015,5.5\n`;
    await upload(page, 'occupancy-fixed.csv', right);
    await page.getByRole('heading', { name: 'Check complete' }).waitFor();
    await page.getByText('2 rows checked: 2 would be created, 0 updated — nothing has been saved yet.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await occupancy(page, service.id, '2015-02-01', '2015-02-28')).toEqual(before);

    await page.getByRole('button', { name: 'Import it now' }).click();
    await page.getByRole('heading', { name: 'Import complete' }).waitFor();
    await page.getByText('Imported: 2 rows: 2 created, 0 updated.').waitFor();
    const after = await occupancy(page, service.id, '2015-02-01', '2015-02-28');
    expect(after.map((m) => ({ ...m, month: m.month.slice(0, 7) }))).toEqual([{ month: '2015-02', occupiedDays: 9.5, daysRecorded: 2 }]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('fits a 390 px phone', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'admin@demo.lantern.test');
    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Import from a spreadsheet' }).waitFor();
    await checkPage(page, 'Import from a spreadsheet');
    // A file with problems: the table of them fits the screen, and the reader is taken to it.
    await page.getByRole('radio', { name: /Incidents/ }).check();
    const header = 'incident_ref,service_ref,person_ref,occurred_at,reported_at,location,antecedent,behaviour,consequence,setting_events,harm_physical,harm_psychological,narrative,staff_refs,contributory_factors,intervention_type_code,intervention_reason_code,intervention_started_at,intervention_ended_at,intervention_planned,intervention_staff_refs,injury_person,injury_staff,debrief_person,debrief_staff';
    await upload(page, 'incidents-with-problems.csv', `${header}\nINC-PHONE-1,NO-SUCH-SERVICE,,yesterday,,,,,,,awful,,,,,02,,,,maybe,,,,,\n`);
    await page.getByRole('heading', { level: 2, name: 'The file has problems' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('The file has problems');
    expect(await page.getByRole('table').getByText('intervention_started_at').count()).toBeGreaterThan(0);
    await checkPage(page, 'Import from a spreadsheet');
    await page.context().close();
  });
});
