import fs from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkBothSizes, checkPage, launchBrowser, openPage, signIn, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');

// Kai H. is supported at Ash Lodge, one of Priya Shah's two services, and has an incident most weeks in the demo data.
const MANAGER = 'manager@demo.lantern.test';
const PERSON = 'Kai H.';

/** A UTC day some days before today, as YYYY-MM-DD: the API's days are UTC days. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/** The record pages the rows of a timeline table open, in order. */
function rowLinks(table: Locator): Promise<string[]> {
  return table.locator('tbody th a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** The times of a timeline table's rows. */
function rowTimes(table: Locator): Promise<string[]> {
  return table.locator('tbody th time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
}

async function openPerson(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Name or reference').fill(name);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('table').getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return new URL(page.url()).pathname;
}

const KINDS = ['Incidents', 'Safeguarding concerns', 'Complaints and feedback', 'Practice reviews', 'Restrictions'] as const;

/** Tick only these boxes of a filter form's "Kinds of record". */
async function onlyKinds(form: Locator, kinds: readonly (typeof KINDS)[number][]) {
  const group = form.getByRole('group', { name: 'Kinds of record' });
  expect(await group.getByRole('checkbox').count()).toBe(KINDS.length);
  for (const kind of KINDS) await group.getByLabel(kind, { exact: true }).setChecked(kinds.includes(kind));
}

describe('timelines, the service log, search and links between records, for a service manager', () => {
  let browser: Browser;
  let personPath = '';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('filters Kai’s timeline to incidents in a date range, shows older ones, and downloads the same records as CSV', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, MANAGER);
    personPath = await openPerson(page, PERSON);
    const section = page.getByRole('region', { name: 'Timeline' });
    const table = section.getByRole('table');
    await table.waitFor();
    // Every kind of record, newest first.
    const everything = await rowTimes(table);
    expect([...everything].sort().reverse()).toEqual(everything);
    await checkBothSizes(page, PERSON);

    const from = daysAgo(210);
    const to = daysAgo(30);
    const filters = section.getByRole('search', { name: 'Filter the timeline' });
    await onlyKinds(filters, ['Incidents']);
    await filters.getByLabel('From').fill(from);
    await filters.getByLabel('To (including that day)').fill(to);
    // The earlier, unfiltered page also shows 25 records: wait for the filtered answer before counting.
    const filtered = page.waitForResponse((r) => r.url().includes('/timeline?') && new URL(r.url()).searchParams.get('from') === from);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('sources').join() === 'incident' && url.searchParams.get('from') === from);
    expect((await filtered).status()).toBe(200);
    await expect.poll(async () => new Set(await table.locator('tbody td[data-label="Kind"]').allInnerTexts())).toEqual(new Set(['Incident']));
    await section.getByText('Showing the newest 25 records.').waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(25);

    // "Show older" follows the cursor until there is nothing older in the range.
    let shown = 25;
    while (await section.getByRole('button', { name: 'Show older' }).isVisible()) {
      await section.getByRole('button', { name: 'Show older' }).click();
      await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(shown);
      shown = await table.locator('tbody tr').count();
    }
    expect(shown).toBeGreaterThan(25);
    await section.getByText(`Showing all ${shown} records.`).waitFor();
    expect(new Set(await table.locator('tbody td[data-label="Kind"]').allInnerTexts())).toEqual(new Set(['Incident']));
    const times = await rowTimes(table);
    expect(times.every((at) => at >= `${from}T00:00:00.000Z` && at < dayAfter(to))).toBe(true);
    expect([...times].sort().reverse()).toEqual(times);
    const onScreen = await rowLinks(table);
    expect(onScreen.every((href) => /^\/incidents\/\d+$/.test(href))).toBe(true);
    await checkBothSizes(page, PERSON);

    // The filters live in the address: a reload keeps them.
    await page.reload();
    await section.getByText('Showing the newest 25 records.').waitFor();
    expect(await filters.getByLabel('Incidents').isChecked()).toBe(true);
    expect(await filters.getByLabel('Safeguarding concerns').isChecked()).toBe(false);
    expect(await filters.getByLabel('From').inputValue()).toBe(from);

    const link = section.getByRole('link', { name: /^Download CSV/ });
    const personId = personPath.split('/').pop();
    expect(await link.getAttribute('href')).toBe(`/api/v1/people/${personId}/timeline?sources=incident&from=${from}&to=${to}&format=csv`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^timeline-.+-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = Papa.parse<Record<string, string>>(fs.readFileSync(await download.path(), 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields).toEqual(['source', 'id', 'at', 'service', 'title', 'summary', 'status', 'harm_physical', 'harm_psychological', 'links']);
    expect(csv.data.every((row) => row.source === 'incident' && row.at! >= `${from}T00:00:00.000Z` && row.at! < dayAfter(to))).toBe(true);
    expect(csv.data.map((row) => `/incidents/${row.id}`)).toEqual(onScreen);
    await page.context().close();
  });

  it('shows a date range the API refuses on the field it names', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, MANAGER);
    await page.goto(personPath);
    const filters = page.getByRole('search', { name: 'Filter the timeline' });
    await filters.getByLabel('From').fill(daysAgo(10));
    await filters.getByLabel('To (including that day)').fill(daysAgo(40));
    await filters.getByRole('button', { name: 'Apply filters' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual(['To (including that day): the end is before the start']);
    const to = filters.getByLabel('To (including that day)');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await to.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
    expect(await page.locator(`[id="${errorId}"]`).innerText()).toContain('The end is before the start');
    expect(await page.getByRole('region', { name: 'Timeline' }).getByRole('table').count()).toBe(0);
    await checkBothSizes(page, PERSON);
    await page.context().close();
  });

  it('opens Ash Lodge’s service log and narrows it to safeguarding concerns', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, MANAGER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await page.getByRole('link', { name: 'Ash Lodge', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ash Lodge' }).waitFor();
    const section = page.getByRole('region', { name: 'Service log' });
    const table = section.getByRole('table');
    await table.waitFor();
    // Every record is the service's own, so the log does not say which service each is at.
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['When', 'Kind', 'Record', 'Harm', 'Status', 'Linked records']);
    expect(await table.locator('tbody tr').count()).toBe(25);

    const filters = section.getByRole('search', { name: 'Filter the service log' });
    await onlyKinds(filters, ['Safeguarding concerns']);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('sources').join() === 'safeguarding');
    await expect.poll(async () => new Set(await table.locator('tbody td[data-label="Kind"]').allInnerTexts())).toEqual(new Set(['Safeguarding concern']));
    // Concerns the demo's incidents raised say so, and open the incident.
    await section.getByRole('link', { name: /^Was raised by incident \d+$/ }).first().waitFor();
    await checkBothSizes(page, 'Ash Lodge');
    await page.context().close();
  });

  it('searches on a phone for a word in the narratives, keeps the search in the address, and opens a result', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, MANAGER);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search records' }).waitFor();
    await checkPage(page, 'Search records');

    // One letter is too short: the API says so on the search box.
    const words = page.getByLabel('Words or reference');
    await words.fill('c');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await words.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field--error').innerText()).toContain('Search for at least two characters');

    await words.fill('curtains');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'curtains');
    const table = page.getByRole('table');
    await table.waitFor();
    const summaries = await table.locator('tbody td[data-label="Record"]').allInnerTexts();
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.every((text) => /curtains/i.test(text))).toBe(true);
    expect(await page.getByRole('link', { name: /^Download CSV/ }).getAttribute('href')).toMatch(/^\/api\/v1\/search\?q=curtains&format=csv$/);
    await checkPage(page, 'Search records');

    await page.reload();
    await table.waitFor();
    expect(await words.inputValue()).toBe('curtains');
    const first = (await rowLinks(table))[0]!;
    expect(first).toMatch(/^\/(incidents|safeguarding|complaints|restrictions)\/\d+$/);
    await table.locator('tbody th a').first().click();
    await page.waitForURL((url) => url.pathname === first);
    // The record's own page, with the way back to its kind's list.
    await page.locator('.back-link').waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();

    await page.goBack();
    await table.waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('curtains');
    expect(await words.inputValue()).toBe('curtains');
    await page.context().close();
  });

  it('links one of Kai’s incidents to the safeguarding concern it raised, sees the link on both records, then removes it', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, MANAGER);
    await page.goto(`${personPath}?sources=incident`);
    const timeline = page.getByRole('region', { name: 'Timeline' }).getByRole('table');
    await timeline.waitFor();
    // An incident that is linked to nothing yet.
    const unlinked = timeline.locator('tbody tr').filter({ hasNot: page.locator('td[data-label="Linked records"] a') }).first();
    const incidentPath = (await unlinked.locator('th a').getAttribute('href'))!;
    const incidentId = incidentPath.split('/').pop()!;
    await unlinked.locator('th a').click();
    await page.getByRole('heading', { level: 1, name: /^Incident on / }).waitFor();

    const linked = page.getByRole('region', { name: 'Linked records' });
    await linked.getByText('No records are linked to this incident.').waitFor();
    await linked.locator('summary', { hasText: 'Link this incident to another record' }).click();
    const form = linked.getByRole('form', { name: 'Link this incident to another record' });
    const fillLink = async () => {
      await form.getByRole('group', { name: 'This incident…' }).getByLabel('raised', { exact: true }).check();
      await form.getByLabel('Kind of record').selectOption({ label: 'Safeguarding concern' });
      await form.getByLabel('Find the record').fill('bruising');
      await form.getByRole('button', { name: 'Find', exact: true }).click();
      const choices = form.getByRole('group', { name: 'Which safeguarding concern?' });
      await choices.getByRole('radio').first().check();
      return choices;
    };
    const choices = await fillLink();
    const chosen = await choices.locator('.choice__label').first().innerText();
    const concernId = /^Safeguarding concern (\d+),/.exec(chosen)?.[1];
    expect(concernId).toBeDefined();
    await checkBothSizes(page, 'Incident');
    await form.getByRole('button', { name: 'Link the records' }).click();
    await page.getByRole('status').filter({ hasText: `Linked: this incident raised safeguarding concern ${concernId}.` }).waitFor();
    const toConcern = linked.getByRole('link', { name: `Raised safeguarding concern ${concernId}` });
    await toConcern.waitFor();

    // The same link again: the API's answer is about the record chosen, so it shows there.
    const again = await fillLink();
    await form.getByRole('button', { name: 'Link the records' }).click();
    await again.getByText('These records are already linked.').waitFor();
    expect(await form.getByRole('alert').getByRole('link').allInnerTexts()).toEqual(['Which safeguarding concern?: these records are already linked.']);
    await checkBothSizes(page, 'Incident');

    // The concern shows the link from its end, and the manager removes it there.
    await toConcern.click();
    await page.getByRole('heading', { level: 1, name: /^Concern about / }).waitFor();
    const fromIncident = page.getByRole('region', { name: 'Linked records' });
    await fromIncident.getByRole('link', { name: `Was raised by incident ${incidentId}` }).waitFor();
    await checkBothSizes(page, 'Safeguarding concern');
    await fromIncident.getByRole('button', { name: `Remove the link: Was raised by incident ${incidentId}` }).click();
    // One tap is not enough: the page asks, with the focus on the question, and "Keep it" keeps it.
    const confirm = fromIncident.getByRole('group', { name: `Remove the link: Was raised by incident ${incidentId}?` });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect(await fromIncident.getByRole('link', { name: `Was raised by incident ${incidentId}` }).count()).toBe(1);
    await fromIncident.getByRole('button', { name: `Remove the link: Was raised by incident ${incidentId}` }).click();
    await expect.poll(() => confirm.getByRole('button', { name: 'Yes, remove it' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await checkBothSizes(page, 'Safeguarding concern');
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('status').filter({ hasText: `The link to incident ${incidentId} has been removed.` }).waitFor();
    expect(await fromIncident.getByRole('link', { name: `Was raised by incident ${incidentId}` }).count()).toBe(0);

    await page.goto(incidentPath);
    await page.getByRole('region', { name: 'Linked records' }).getByText('No records are linked to this incident.').waitFor();
    await page.context().close();
  });
});
