import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, seriousAccessibilityViolations, signIn, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');
const HEADER = ['person_ref', 'service_ref', 'display_name', 'learning_disability', 'autism', 'legal_status', 'start_date', 'end_date'];

/** A workbook as Excel saves it: the header row, then the rows; dates are real date cells, not text. */
async function workbook(rows: (string | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('People');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(7).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, file: Buffer) {
  await page.getByLabel('File to import').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByRole('button', { name: 'Upload' }).click();
}

interface PersonJson { ref: string; displayName: string; legalStatus: string; startDate: string; serviceId: number }

async function peopleWithRef(page: Page, q: string): Promise<PersonJson[]> {
  const response = await page.request.get(`/api/v1/people?q=${encodeURIComponent(q)}&includeEnded=true`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: PersonJson[] }).items;
}

const noWiderThanPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('importing an XLSX workbook on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows an error by row and column, saves nothing, then imports the corrected workbook', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'admin@demo.lantern.test');
    const services = (await (await page.request.get('/api/v1/services?limit=5')).json()) as { items: { id: number; ref: string | null }[] };
    const service = services.items.find((s) => s.ref)!;
    expect(service).toBeDefined();

    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Import from a spreadsheet' }).waitFor();
    await page.getByRole('radio', { name: /People supported/ }).check();
    expect(await peopleWithRef(page, 'P-XLSX-')).toEqual([]);

    // The second person's legal status is not one of the codes: row 3 (the header is row 1), column legal_status.
    const started = new Date(Date.UTC(2024, 3, 15));
    const wrong = await workbook([
      ['P-XLSX-1', service.ref, 'Imogen R.', 'Y', 'N', 'informal', started, null],
      ['P-XLSX-2', service.ref, 'Jonah W.', 'Y', 'Y', 'sectioned', started, null],
    ]);
    await upload(page, 'people.xlsx', wrong);

    const table = page.getByRole('table', { name: 'Problems in people.xlsx' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['3', 'legal_status']);
    expect(cells[2]!.length).toBeGreaterThan(0);
    await page.getByText('Nothing was saved.', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Import it now' }).count()).toBe(0);
    expect(await peopleWithRef(page, 'P-XLSX-')).toEqual([]);
    expect(await noWiderThanPhone(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The corrected workbook: checked first (a dry run), then imported.
    const right = await workbook([
      ['P-XLSX-1', service.ref, 'Imogen R.', 'Y', 'N', 'informal', started, null],
      ['P-XLSX-2', service.ref, 'Jonah W.', 'Y', 'Y', 'dols_authorised', started, null],
    ]);
    await upload(page, 'people-fixed.xlsx', right);
    await page.getByRole('heading', { name: 'Check complete' }).waitFor();
    await page.getByText('2 rows checked: 2 would be created, 0 updated — nothing has been saved yet.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await peopleWithRef(page, 'P-XLSX-')).toEqual([]);

    await page.getByRole('button', { name: 'Import it now' }).click();
    await page.getByRole('heading', { name: 'Import complete' }).waitFor();
    await page.getByText('Imported: 2 rows: 2 created, 0 updated.').waitFor();
    const imported = (await peopleWithRef(page, 'P-XLSX-')).sort((a, b) => a.ref.localeCompare(b.ref));
    expect(imported.map((p) => [p.ref, p.displayName, p.legalStatus, p.startDate, p.serviceId])).toEqual([
      ['P-XLSX-1', 'Imogen R.', 'informal', '2024-04-15', service.id],
      ['P-XLSX-2', 'Jonah W.', 'dols_authorised', '2024-04-15', service.id],
    ]);
    expect(await noWiderThanPhone(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
