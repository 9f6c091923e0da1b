import fs from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { shortName } from '../src/web/features/practice-reviews/labels.js';
import { checkPage, launchBrowser, openPage, signIn, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');

// Priya Shah manages two services in the demo; she debriefs an incident about one person who has a restriction of their own.
const MANAGER = 'manager@demo.lantern.test';
const DESKTOP = { width: 1280, height: 900 };

interface Restriction { id: number; description: string; serviceId: number; person: { id: number; displayName: string } | null; status: string }
interface IncidentItem { id: number; ref: string | null; serviceId: number; people: { id: number; displayName: string }[] }
interface Chosen { incident: IncidentItem; person: { id: number; displayName: string }; restriction: Restriction }

/** An incident not yet reviewed, about one person alone who has an active restriction of their own at the incident's service (asked of the API). */
async function incidentToReview(page: Page): Promise<Chosen> {
  const response = await page.request.get('/api/v1/restrictions?isBlanket=false&status=active&limit=500');
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: Restriction[] };
  for (const restriction of items) {
    const person = restriction.person!;
    const incidents = (await (await page.request.get(`/api/v1/incidents?personId=${person.id}&serviceId=${restriction.serviceId}&limit=50`)).json()) as { items: IncidentItem[] };
    for (const incident of incidents.items.filter((i) => i.people.length === 1)) {
      // The demo has debriefed some incidents already.
      const reviews = (await (await page.request.get(`/api/v1/reviews?incidentId=${incident.id}&limit=1`)).json()) as { total: number };
      if (reviews.total === 0) return { incident, person, restriction };
    }
  }
  throw new Error('No incident in the demo data about one person with an active restriction');
}

/** checkPage on the phone, then at the desktop size, ending on the phone again. */
async function checkPhoneAndDesktop(page: Page, title: string) {
  await checkPage(page, title);
  await page.setViewportSize(DESKTOP);
  await checkPage(page, title);
  await page.setViewportSize(PHONE);
}

/** Answer one of a restriction's three questions. */
async function answer(restriction: Locator, question: string, choice: 'Yes' | 'No') {
  await restriction.getByRole('group', { name: question, exact: true }).getByLabel(choice, { exact: true }).check();
}

describe('practice reviews on a 390 × 844 phone: a service manager debriefs an incident', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('starts a review from the incident, sees a missing answer on its question, and finds the review in the list and on the person’s timeline', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, MANAGER);
    const { incident, person, restriction } = await incidentToReview(page);

    // The incident page offers the review.
    await page.goto(`/incidents/${incident.id}`);
    const section = page.getByRole('region', { name: 'Debrief' });
    await section.getByText('No review of this incident has been recorded.').waitFor();
    await section.getByRole('link', { name: 'Record a post-incident review' }).click();
    await page.waitForURL(new RegExp(`/reviews/new\\?incident=${incident.id}$`));
    await page.getByRole('heading', { level: 1, name: 'Record a practice review' }).waitFor();

    // Filled in from the incident: the kind, the person and the incident itself.
    await page.getByText(/^From the incident on .*: the review will name it\.$/).waitFor();
    expect(await page.getByRole('group', { name: 'What kind of review is it?' }).getByLabel(/^Post-incident review/).isChecked()).toBe(true);
    expect(await page.getByLabel('Who is the review about?').inputValue()).toBe(String(person.id));
    expect(await page.getByLabel('Which incident does it follow?').inputValue()).toBe(String(incident.id));

    // Each restriction in the register is asked about: the person's own, and any blanket ones at the service.
    const judged = page.getByRole('group', { name: restriction.description, exact: true });
    await judged.waitFor();
    const restrictionGroups = page.locator('fieldset.review-restriction');
    const count = await restrictionGroups.count();
    expect(count).toBeGreaterThanOrEqual(1);
    await checkPhoneAndDesktop(page, 'Record a practice review');

    const tookPart = page.getByRole('group', { name: 'Who took part?' });
    await tookPart.getByLabel(`${person.displayName} (the person supported)`).check();
    await tookPart.getByLabel('Staff', { exact: true }).check();
    await page.getByRole('group', { name: 'Which staff took part?' }).getByRole('checkbox').first().check();
    for (let i = 0; i < count; i++) {
      const group = restrictionGroups.nth(i);
      await answer(group, 'Is it necessary?', 'Yes');
      await answer(group, 'Is it proportionate to the risk?', 'Yes');
      // The restriction under discussion is left without its third answer, for now.
      if ((await group.locator('legend').first().innerText()) !== restriction.description) await answer(group, 'Is it the least restrictive option?', 'Yes');
    }
    await page.getByLabel('What could be done differently?').fill('Offer a choice of quiet space before the evening routine starts.');
    await page.getByLabel('Recommendation 1').fill('Talk the restriction through with the person and their family this month');
    await page.getByRole('button', { name: 'Add another recommendation' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(await page.getByLabel('Recommendation 2').getAttribute('id'));
    await page.getByLabel('Recommendation 2').fill('A line added by mistake');
    await page.getByRole('button', { name: 'Add another recommendation' }).click();
    await page.getByLabel('Recommendation 3').fill('Write the less restrictive option into the support plan');
    await page.getByRole('button', { name: 'Remove recommendation 2' }).click();
    expect(await page.getByLabel(/^Recommendation \d$/).count()).toBe(2);

    // Sent without the third answer: the summary names the question, and the question shows the error.
    await page.getByRole('button', { name: 'Record the review' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([`${shortName(restriction.description)} – the least restrictive option: choose yes or no`]);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const leastRestrictive = judged.getByRole('group', { name: 'Is it the least restrictive option?', exact: true });
    expect(await leastRestrictive.getByText('Choose yes or no').isVisible()).toBe(true);
    expect(page.url()).toMatch(/\/reviews\/new\?incident=\d+$/);
    await checkPage(page, 'Record a practice review');

    // Judged not the least restrictive option: the review says so in words.
    await summary.getByRole('link').click();
    await answer(judged, 'Is it the least restrictive option?', 'No');
    await judged.getByLabel(/^Notes \(optional\)/).fill('A drink and a snack on request would keep the person just as safe.');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.waitForURL(/\/reviews\/\d+$/);
    const reviewPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: `Post-incident review for ${person.displayName}` }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('The review has been recorded.');
    const judgements = page.getByRole('region', { name: 'Restrictions' });
    const item = judgements.getByRole('listitem').filter({ has: page.getByRole('link', { name: restriction.description, exact: true }) });
    expect(await item.getByText('Not justified: not the least restrictive option', { exact: true }).isVisible()).toBe(true);
    expect(await item.getByText('A drink and a snack on request would keep the person just as safe.').isVisible()).toBe(true);
    expect(await judgements.getByText('Justified', { exact: true }).count()).toBe(count - 1);
    expect(await page.getByRole('link', { name: new RegExp(`^Incident on .*${incident.ref ?? ''}`) }).getAttribute('href')).toBe(`/incidents/${incident.id}`);
    expect(await page.getByRole('region', { name: 'Recommendations' }).getByRole('listitem').allInnerTexts()).toEqual([
      'Talk the restriction through with the person and their family this month', 'Write the less restrictive option into the support plan',
    ]);
    await checkPhoneAndDesktop(page, 'Practice review');

    // In the list, from the menu, newest first; and as CSV.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Practice reviews' }).waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    const firstRow = table.locator('tbody tr').first();
    expect(await firstRow.locator('th a').getAttribute('href')).toBe(reviewPath);
    expect(await firstRow.innerText()).toContain('not justified');
    await checkPhoneAndDesktop(page, 'Practice reviews');
    const csv = page.getByRole('link', { name: /^Download CSV/ });
    expect(await csv.getAttribute('href')).toBe('/api/v1/reviews?format=csv');
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.find((r) => `/reviews/${r.id}` === reviewPath)).toMatchObject({ kind: 'post_incident', person: person.displayName, restrictions_not_justified: '1' });

    // On the person's timeline, opening the review.
    await page.goto(reviewPath);
    await page.getByRole('link', { name: person.displayName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: person.displayName }).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' }).getByRole('table');
    const reviewLink = timeline.locator(`tbody th a[href="${reviewPath}"]`);
    await reviewLink.waitFor();
    expect(await reviewLink.innerText()).toContain('practice review');
    await reviewLink.click();
    await page.waitForURL((url) => url.pathname === reviewPath);
    await page.getByRole('heading', { level: 1, name: `Post-incident review for ${person.displayName}` }).waitFor();

    // And on the incident's page.
    await page.goto(`/incidents/${incident.id}`);
    expect(await page.getByRole('region', { name: 'Debrief' }).getByRole('link', { name: new RegExp(`^Post-incident review for ${person.displayName}`) }).getAttribute('href')).toBe(reviewPath);
    await page.context().close();
  });

  it('records a periodic review at the desktop size, choosing the service and person, and calls each restriction justified', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, MANAGER);
    const { person, restriction } = await incidentToReview(page);
    await page.goto('/reviews/new');
    await page.getByRole('group', { name: 'What kind of review is it?' }).getByLabel(/^Periodic review/).check();
    await page.getByLabel('Service', { exact: true }).selectOption(String(restriction.serviceId));
    await page.getByLabel('Who is the review about?').selectOption(String(person.id));
    const restrictionGroups = page.locator('fieldset.review-restriction');
    await page.getByRole('group', { name: restriction.description, exact: true }).waitFor();
    // A periodic review follows no incident.
    expect(await page.getByLabel('Which incident does it follow?').count()).toBe(0);
    const count = await restrictionGroups.count();
    for (let i = 0; i < count; i++) {
      for (const question of ['Is it necessary?', 'Is it proportionate to the risk?', 'Is it the least restrictive option?']) await answer(restrictionGroups.nth(i), question, 'Yes');
    }
    await page.getByRole('group', { name: 'Who took part?' }).getByLabel('Family or friends').check();
    await page.getByRole('button', { name: 'Remove recommendation 1' }).click();
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByRole('heading', { level: 1, name: `Periodic review of restrictions for ${person.displayName}` }).waitFor();
    const judgements = page.getByRole('region', { name: 'Restrictions' });
    expect(await judgements.getByText('Justified', { exact: true }).count()).toBe(count);
    expect(await page.getByText('Follows', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Recommendations' }).getByText('None recorded.').isVisible()).toBe(true);

    // The list narrowed to someone at another service; then this service chosen, the person filter no longer applies.
    const me = (await (await page.request.get('/api/v1/me')).json()) as { services: { id: number }[] };
    const other = me.services.find((s) => s.id !== restriction.serviceId)!.id;
    const someone = ((await (await page.request.get(`/api/v1/people?serviceId=${other}&limit=1`)).json()) as { items: { id: number }[] }).items[0]!;
    await page.goto(`/reviews?serviceId=${other}&personId=${someone.id}`);
    const filters = page.getByRole('search', { name: 'Filter the reviews' });
    await expect.poll(() => filters.getByLabel('Person').inputValue()).toBe(String(someone.id));
    await filters.getByLabel('Service').selectOption(String(restriction.serviceId));
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('serviceId') === String(restriction.serviceId));
    await expect.poll(() => filters.getByLabel('Person').inputValue()).toBe('');
    // Every review at this service (the one just recorded among them), as the API lists them.
    const here = (await (await page.request.get(`/api/v1/reviews?serviceId=${restriction.serviceId}&limit=25`)).json()) as { items: { id: number }[] };
    expect(here.items.length).toBeGreaterThan(0);
    const links = page.getByRole('table').locator('tbody th a');
    await expect.poll(() => links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(here.items.map((r) => `/reviews/${r.id}`));
    await page.context().close();
  });

  it('lets a support worker read the reviews but not record one', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Practice reviews' }).waitFor();
    await page.getByRole('table').or(page.getByText('No reviews match')).first().waitFor();
    expect(await page.getByRole('link', { name: 'Record a practice review' }).count()).toBe(0);
    await page.goto('/reviews/new');
    await page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    await page.context().close();
  });
});
