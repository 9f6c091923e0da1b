import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn, waitForFinishedRun, checkBothSizes } from './support/browser.js';

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const LESSON = `Offer a quiet space and a familiar member of staff before the evening meal (${stamp}).`;

interface PatternItem { id: number; kind: string; title: string; scope: { type: string; id: number | null } }

/** A date `days` before today, as YYYY-MM-DD. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

const plainDate = /\d{1,2} [A-Z][a-z]{2} \d{4}/;

describe('learning: from a detected pattern to a lesson, an action that changes a support plan, and its verdict', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('closes the loop as the quality lead', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'quality@demo.lantern.test');
    await waitForFinishedRun(page);

    // A pattern at one service (not one naming a member of staff).
    const list = await page.request.get('/api/v1/patterns?limit=100');
    expect(list.status()).toBe(200);
    const { patterns } = (await list.json()) as { patterns: PatternItem[] };
    const pattern = patterns.find((p) => p.scope.type === 'service' && p.kind !== 'staff_overrepresented');
    expect(pattern, 'a service-level pattern in the demo data').toBeDefined();

    // 1. Start a learning response from the pattern: its evidence comes along.
    await page.goto(`/patterns/${pattern!.id}`);
    await page.getByRole('heading', { level: 1, name: pattern!.title }).waitFor();
    await page.getByRole('link', { name: 'Start a learning response' }).click();
    await page.waitForURL((url) => url.pathname === '/learning-responses/new' && url.search === `?pattern=${pattern!.id}`);
    await page.getByRole('heading', { level: 1, name: 'Start a learning response' }).waitFor();
    const records = page.getByRole('group', { name: 'The records it starts from' });
    await records.waitFor();
    const ticked = records.getByRole('checkbox', { checked: true });
    expect(await ticked.count()).toBeGreaterThan(1);
    expect(await records.getByLabel(`Detected pattern: ${pattern!.title}`).isChecked()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe(pattern!.title);
    await checkBothSizes(page, 'Start a learning response');

    // Without a type: the error names the field.
    await page.getByRole('button', { name: 'Start the learning response' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose the kind of learning response' }).waitFor();
    await page.getByLabel('After action review').check();
    await page.getByLabel('Their family, as they wished').check();
    await page.getByLabel('Findings so far (optional)').fill('Most restraints happened in the hour before the evening meal, when the dining room is busy.');
    await page.getByRole('button', { name: 'Start the learning response' }).click();
    await page.getByRole('status').filter({ hasText: 'The learning response has been started.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: pattern!.title }).waitFor();
    const responseUrl = page.url();
    const evidence = await page.getByRole('region', { name: 'Evidence' }).innerText();
    expect(evidence).toContain(`Detected pattern ${pattern!.id}`);
    expect(await page.getByRole('region', { name: 'Evidence' }).getByRole('link').count()).toBeGreaterThan(1);
    expect(await page.locator('.summary-list').first().innerText()).toMatch(/Who took part\s+their family, staff/);
    await checkBothSizes(page, 'Learning response');

    // 2. A lesson from it.
    await page.getByLabel('The lesson, in plain words').fill(LESSON);
    await page.getByRole('button', { name: 'Record the lesson' }).click();
    await page.getByRole('status').filter({ hasText: 'The lesson has been recorded.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: LESSON }).waitFor();
    expect(await page.getByTestId('coverage').innerText()).toBe('not shared with other services');
    await checkBothSizes(page, 'Lesson');

    // 3. Shared with two services: coverage says so.
    const which = page.getByRole('group', { name: 'Which services?' });
    await which.getByRole('checkbox').nth(0).check();
    await which.getByRole('checkbox').nth(1).check();
    await page.getByRole('button', { name: 'Share the lesson' }).click();
    await page.getByRole('status').filter({ hasText: 'The lesson has been shared with 2 services.' }).waitFor();
    await page.getByTestId('coverage').filter({ hasText: 'acknowledged by 0 of 2 services' }).waitFor();
    const shared = await page.getByRole('region', { name: 'Shared with other services' }).innerText();
    expect(shared).toMatch(plainDate);
    expect(shared).toContain('Not answered yet');

    // 4. An action: owner, due date and measure are required, errors by field.
    await page.getByRole('button', { name: 'Create the action' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Choose who owns it' });
    await summary.waitFor();
    const summaryText = await summary.innerText();
    expect(summaryText).toContain('Type of action: choose the type of action');
    expect(summaryText).toContain('Owner: choose who owns it');
    expect(summaryText).toContain('Due date: enter the due date');
    expect(summaryText).toContain('Measure it should move: choose the measure it should move');
    expect(summaryText).toContain('Review date: enter the review date');
    expect(await page.getByLabel('Owner').getAttribute('aria-invalid')).toBe('true');
    await checkBothSizes(page, 'Lesson');

    await page.getByLabel('Revise support plan guidance').check();
    await page.getByLabel('What will be done').fill('Add a quiet space and a familiar face before the evening meal to the support plan.');
    await page.getByLabel('Owner').selectOption({ index: 1 });
    // Dated in the past, so that the review date has come and the effect can be judged now.
    await page.getByLabel('Due date').fill(daysAgo(150));
    await page.getByLabel('Measure it should move').selectOption('restrictive_interventions');
    // The measure at the lesson's service (the default); the plan is one person's there.
    expect(await page.getByLabel('Where (scope of the measure)').inputValue()).toMatch(/^service:\d+$/);
    const whose = page.getByLabel('Whose support plan?');
    const person = whose.locator('option').nth(1);
    await person.waitFor({ state: 'attached' });
    await whose.selectOption(await person.getAttribute('value'));
    await page.getByLabel('Review date').fill(daysAgo(3));
    await page.getByLabel('Date it took effect (optional)').fill(daysAgo(150));
    await page.getByRole('button', { name: 'Create the action' }).click();
    await page.getByRole('status').filter({ hasText: 'The action has been created.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Did it work?' }).waitFor();
    expect(await page.getByTestId('action-status').innerText()).toBe('Open');
    const actionUrl = new URL(page.url());
    expect(actionUrl.pathname).toMatch(/^\/actions\/\d+$/);
    const chartLink = page.getByRole('link', { name: 'Restrictive interventions', exact: true });
    expect(await chartLink.getAttribute('href')).toMatch(/^\/measures\/restrictive_interventions\?scope=service:\d+$/);
    await checkBothSizes(page, 'Action');

    // 5. Completed by a new support plan version for the person, which records the lesson that changed it.
    await page.getByRole('link', { name: 'Add the new version' }).click();
    await page.getByRole('heading', { level: 2, name: 'Add a new version' }).waitFor();
    expect(await page.getByLabel('Support plan', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('In force from').fill(daysAgo(150));
    await page.getByLabel('Review by').fill(daysAgo(-180));
    await page.getByLabel('Summary of what it says').fill('Before the evening meal: offer the quiet lounge, with a member of staff they know. Avoid the busy dining room until it settles.');
    expect(await page.getByLabel('Does this version complete an action? (optional)').inputValue()).toBe(actionUrl.pathname.split('/')[2]);
    await page.getByRole('button', { name: 'Record the new version' }).click();
    await page.getByRole('status').filter({ hasText: /Support plan version \d+ has been recorded, and the action is completed\./ }).waitFor();
    const inForce = page.getByRole('region', { name: 'In force on a date' });
    await inForce.getByText(`Changed because of the lesson: “${LESSON}”`).first().waitFor();
    await checkBothSizes(page, 'Risk assessments and plans');

    // 6. Evaluate at review: the verdict, in plain words, with the before/after figures.
    await page.goto(actionUrl.pathname);
    await page.getByRole('heading', { level: 2, name: 'Did it work?' }).waitFor();
    expect(await page.getByTestId('action-status').innerText()).toBe('Completed');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(['Effective', 'Not yet evident', 'Worsened', 'Not enough data']).toContain(await verdict.innerText());
    const evaluation = await page.getByTestId('evaluation').innerText();
    expect(evaluation).toMatch(/Before\s/);
    expect(evaluation).toMatch(/After\s/);
    expect(evaluation).toMatch(/rate ratio|no rate ratio/);
    // The verdict is kept on the action.
    const verdictText = await verdict.innerText();
    await page.locator('.summary-list').getByText(verdictText, { exact: true }).first().waitFor();
    await checkBothSizes(page, 'Action');
    // The verdict is marked on the measure's chart at the action month, linked to the action.
    const chartHref = (await page.getByRole('link', { name: 'Restrictive interventions', exact: true }).getAttribute('href'))!;
    await page.goto(chartHref);
    const marks = page.getByRole('region', { name: 'Changes marked on the chart' });
    await marks.getByRole('listitem').filter({ hasText: new RegExp(`${verdictText}.*\\(action taken; marked by`, 'i') }).first().waitFor();
    await page.goto(actionUrl.pathname);
    await page.screenshot({ path: '/tmp/learning-action.png', fullPage: true });

    // The response lists its lesson; the library finds it by words.
    await page.goto(responseUrl);
    await page.getByRole('region', { name: 'Lessons' }).getByRole('link', { name: LESSON }).waitFor();
    await page.goto(`/lessons?q=${encodeURIComponent(stamp)}`);
    await page.getByRole('link', { name: LESSON }).waitFor();
    await checkBothSizes(page, 'The learning library');
    await page.context().close();
  }, 240_000);

  it('shows the Learning pages to the quality lead without accessibility problems', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'quality@demo.lantern.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Your worklist' }).waitFor();
    await page.locator('main').getByText(/Loading/).waitFor({ state: 'detached' });
    await checkBothSizes(page, 'Learning');
    for (const [path, title] of [['/actions', 'Actions'], ['/training', 'Training'], ['/you-said-we-did', 'You said, we did'], ['/learning-responses', 'Learning responses']] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.locator('main').getByText(/^Loading/).first().waitFor({ state: 'detached' });
      await checkBothSizes(page, title);
    }
    await page.context().close();
  }, 120_000);
});
