import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../test/support/csv.js';
import { launchBrowser, openPage, signIn, PHONE, checkPage } from './support/browser.js';

const baseUrl = inject('baseUrl');

describe('exporting a list to CSV', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('downloads the accounts list with the filter on screen, on a phone', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'admin@demo.lantern.test');
    await page.goto('/users?role=service_manager');
    const link = page.getByRole('link', { name: /^Download CSV/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/api/v1/users?role=service_manager&format=csv');
    await checkPage(page, 'Users');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true); // so a spreadsheet reads it as UTF-8
    const [header, ...rows] = text.slice(1).trim().split('\r\n');
    expect(header).toBe('id,name,email,role,all_services,services,disabled,last_sign_in_at');
    const onScreen = await page.getByRole('table').locator('tbody tr').count();
    expect(rows.length).toBeGreaterThanOrEqual(onScreen);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(',')[3] === 'service_manager')).toBe(true);
    await page.context().close();
  });

  it('downloads the actions from lessons with the filters on screen', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'quality@demo.lantern.test');
    await page.goto('/actions?status=completed');
    const link = page.getByRole('link', { name: /^Download CSV/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/api/v1/actions?status=completed&format=csv');
    await page.getByRole('link', { name: 'Download CSV of the actions (with the filters above)' }).waitFor();
    await checkPage(page, 'Actions');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^actions-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = parseCsv(text.slice(1).trimEnd());
    expect(header!.join(',')).toBe('id,lesson,type,description,owner,due_on,status,overdue,completed_on,measure,measure_scope,action_date,review_on,verdict,verdict_explanation,closed_on,closed_as');
    const onScreen = await page.getByRole('table').locator('tbody tr').count();
    expect(onScreen).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThanOrEqual(onScreen);
    expect(rows.every((r) => r[6] === 'completed')).toBe(true);

    // With nothing filtered, the link does not speak of filters.
    await page.goto('/learning-responses');
    await page.getByRole('link', { name: 'Download CSV of the learning responses', exact: true }).waitFor();
    await page.context().close();
  });
});
