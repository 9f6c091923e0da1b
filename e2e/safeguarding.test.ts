import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn, checkPage, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');

/** A stage's form, opened if it is folded away. */
async function stage(page: Page, summary: string, formName: string): Promise<Locator> {
  const form = page.getByRole('form', { name: formName });
  if (!(await form.isVisible())) await page.locator('summary', { hasText: summary }).click();
  await form.waitFor();
  return form;
}

/** A step was saved: the lead is told where they are working, beside the next step, not sent back to the top. */
async function saved(page: Page, message: string) {
  const notice = page.getByRole('status').filter({ hasText: message });
  await notice.waitFor();
  await page.waitForTimeout(100);
  const box = await notice.boundingBox();
  expect(box && box.y >= 0 && box.y < page.viewportSize()!.height).toBe(true);
  expect(await page.getByRole('region', { name: 'Record the next step' }).or(page.locator('section[aria-labelledby="stages-title"]')).first().getByText(message).count()).toBe(1);
}

/** A date some days from today in the browser's zone, as YYYY-MM-DD. */
const daysFromNow = (page: Page, days: number) =>
  page.evaluate((d) => {
    const at = new Date(Date.now() + d * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  }, days);

describe('safeguarding on a 390 × 844 phone: a worker raises a concern, the safeguarding lead takes it to closure', () => {
  let browser: Browser;
  let concernPath = '';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('lets a support worker raise a concern from an incident, about its person, linked to it', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    // One of the worker's incidents about one person.
    const list = (await (await page.request.get('/api/v1/incidents?limit=50')).json()) as { items: { id: number; people: { id: number; displayName: string }[] }[] };
    const incident = list.items.find((i) => i.people.length === 1)!;
    await page.goto(`/incidents/${incident.id}`);
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Safeguarding' }) });
    await section.getByRole('link', { name: 'Raise a safeguarding concern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }).waitFor();
    await page.getByText(/the concern will be linked to it/).waitFor();
    const person = page.getByLabel('Who is the concern about?');
    await person.locator(`option[value="${incident.people[0]!.id}"]`).waitFor({ state: 'attached' });
    await page.waitForFunction((id) => document.querySelector<HTMLSelectElement>('select[name="personId"]')?.value === String(id), incident.people[0]!.id);
    await checkPage(page, 'Raise a safeguarding concern');
    await page.getByRole('group', { name: 'What kind of abuse or neglect might it be?' }).getByLabel('Physical').check();
    await page.getByRole('group', { name: 'Where is the risk?' }).getByRole('radio').first().check();
    await page.getByRole('group', { name: 'Who is the risk from?' }).getByRole('radio').first().check();
    await page.getByLabel('What has been done to keep the person safe now?').fill('Checked by the nurse; the hold is being reviewed.');
    await page.getByLabel('What happened?').fill('Bruising on the arm after the hold recorded in the incident.');
    await page.getByRole('group', { name: 'Are the police involved?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    await page.getByRole('heading', { level: 1, name: `Concern about ${incident.people[0]!.displayName}` }).waitFor();
    // The concern names the incident that raised it.
    await page.getByRole('heading', { name: 'Linked records' }).waitFor();
    await page.locator('section', { has: page.getByRole('heading', { name: 'Linked records' }) }).getByRole('link', { name: new RegExp(`incident ${incident.id}`, 'i') }).waitFor();
    await page.context().close();
  });

  it('lets a support worker raise a concern about a person in their service', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safeguarding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safeguarding' }).waitFor();
    await page.getByRole('table').or(page.getByText('No concerns match')).first().waitFor();
    await checkPage(page, 'Safeguarding');
    // Workers raise concerns; the worklist is for leads and managers.
    expect(await page.getByRole('heading', { name: /To do/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'Raise a concern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }).waitFor();
    // The worker has one service, so it is not asked.
    expect(await page.getByLabel('Service', { exact: true }).count()).toBe(0);

    // Sending an empty form lists each problem, linked to its field.
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'Who is the concern about?: choose the person',
      'What kind of abuse or neglect might it be?: choose at least one kind of abuse or neglect',
      'Where is the risk?: choose where the risk is',
      'Who is the risk from?: choose who the risk is from',
      'What has been done to keep the person safe now?: say what has been done to keep the person safe now',
      'What happened?: say what happened',
      'Are the police involved?: say whether the police are involved',
    ]);
    await checkPage(page, 'Raise a safeguarding concern');

    const person = page.getByLabel('Who is the concern about?');
    await person.locator('option:nth-child(2)').waitFor({ state: 'attached' });
    const personName = (await person.locator('option:nth-child(2)').innerText()).trim();
    await person.selectOption({ index: 1 });
    const kinds = page.getByRole('group', { name: 'What kind of abuse or neglect might it be?' });
    await kinds.getByLabel('Money or belongings').check();
    await kinds.getByLabel('Psychological or emotional').check();
    await page.getByRole('group', { name: 'Where is the risk?' }).getByLabel(/^Their own home/).check();
    await page.getByRole('group', { name: 'Who is the risk from?' }).getByLabel(/^Someone the person knows/).check();
    await page.getByLabel('What has been done to keep the person safe now?').fill('Bank card kept in the office safe; visits from the nephew supervised.');
    await page.getByLabel('What happened?').fill('The person told me their nephew takes money from their purse and shouts when they say no.');
    await page.getByRole('group', { name: 'Are the police involved?' }).getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Raise the concern' }).click();

    await page.waitForURL(/\/safeguarding\/\d+$/);
    concernPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: `Concern about ${personName}` }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('Your concern has been raised.');
    expect(await page.getByText('Raised, not yet referred').or(page.getByText('Raised', { exact: true })).count()).toBeGreaterThan(0);
    expect(await page.getByText(/Refer to the local authority by the end of .*: (due soon: )?\d+ .* left\./).count()).toBe(1);
    // A worker does not record the stages.
    expect(await page.getByRole('heading', { name: 'Record the next step' }).count()).toBe(0);
    await checkPage(page, 'Safeguarding concern');
    await page.context().close();
  });

  it('lets the safeguarding lead refer it, record the decision, caused enquiry, MSP and outcome, and close it, with reasons', async () => {
    expect(concernPath).not.toBe('');
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'safeguarding@demo.lantern.test');
    await page.goto('/safeguarding');
    await page.getByRole('heading', { level: 2, name: 'To do: overdue and due soon' }).waitFor();
    await page.getByRole('table').or(page.getByText('No concerns match')).first().waitFor();
    await checkPage(page, 'Safeguarding');

    await page.goto(concernPath);
    await page.getByRole('heading', { level: 2, name: 'Record the next step' }).waitFor();
    await checkPage(page, 'Safeguarding concern');

    // A decision without its reason is refused, and the message is on the reason.
    let form = await stage(page, 'Refer to the local authority', 'Refer to the local authority');
    await form.getByLabel('Local authority’s reference (if you have one)').fill('ASC-2026-0412');
    await form.getByRole('button', { name: 'Record the referral' }).click();
    await form.getByRole('alert').getByRole('link', { name: /Why did you refer\?.*: say why/ }).waitFor();
    expect(await form.getByLabel(/^Why did you refer\?/).getAttribute('aria-invalid')).toBe('true');
    // The service has more than one commissioner: the lead says which local authority it went to.
    expect(await form.getByRole('alert').getByRole('link').allInnerTexts()).toContain('Which local authority did you refer to?: choose the local authority you referred to');
    await checkPage(page, 'Safeguarding concern');
    const authority = form.getByLabel('Which local authority did you refer to?');
    await authority.selectOption({ index: 1 });
    const authorityName = (await authority.locator('option:checked').innerText()).trim();
    await form.getByLabel(/^Why did you refer\?/).fill('Possible financial abuse by a family member; the person wants it to stop.');
    await form.getByRole('button', { name: 'Record the referral' }).click();
    await saved(page, 'The referral has been recorded.');
    expect(await page.locator('.rec-log__item').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(`Referred to ${authorityName}`)]));

    form = await stage(page, 'The local authority’s decision', 'The local authority’s decision');
    await form.getByRole('group', { name: 'What did the local authority decide?' }).getByLabel('Section 42 enquiry').check();
    await form.getByLabel(/^The local authority’s reasons/).fill('The duty social worker found reasonable cause to suspect financial abuse.');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await saved(page, 'The local authority’s decision has been recorded.');

    // Closing waits on the outcome and the person's view: the page says so, rather than refusing a close.
    const closing = page.locator('details', { has: page.locator('summary', { hasText: 'Close the concern' }) });
    await closing.locator('summary').click();
    expect(await closing.getByRole('listitem').allInnerTexts()).toEqual([
      'The outcome of the enquiry', 'Whether the person was asked what they wanted to happen (Making Safeguarding Personal)',
    ]);
    expect(await closing.getByRole('form', { name: 'Close the concern' }).count()).toBe(0);
    await closing.locator('summary').click();

    form = await stage(page, 'Caused enquiry', 'Caused enquiry');
    await form.getByRole('group', { name: /caused enquiry/ }).getByLabel('Yes', { exact: true }).check();
    await form.getByLabel('Date asked').fill(await daysFromNow(page, 0));
    await form.getByLabel('Date due').fill(await daysFromNow(page, 14));
    await form.getByLabel(/^Why\?/).fill('The local authority asked the registered manager to look into the money records.');
    await form.getByRole('button', { name: 'Save the caused enquiry' }).click();
    await saved(page, 'The caused enquiry has been recorded.');

    form = await stage(page, 'Making Safeguarding Personal', 'Making Safeguarding Personal');
    await form.getByRole('group', { name: /asked what they want to happen/ }).getByLabel('Yes, asked and outcomes expressed').check();
    await form.getByLabel('What did they want to happen?').fill('To keep seeing my nephew, but for him to stop taking my money.');
    await form.getByRole('group', { name: 'Were the outcomes they wanted achieved?' }).getByLabel('Fully').check();
    await form.getByLabel(/^Note for the decision log/).fill('Asked with their advocate present, using easy-read pictures.');
    await form.getByRole('button', { name: 'Save' }).click();
    await saved(page, 'Making Safeguarding Personal has been recorded.');

    form = await stage(page, 'Outcome of the enquiry', 'Outcome of the enquiry');
    await form.getByRole('group', { name: 'What was the outcome of the enquiry?' }).getByLabel('Risk identified and action taken', { exact: true }).check();
    await form.getByRole('group', { name: 'What happened to the risk?' }).getByLabel('Risk removed').check();
    await form.getByLabel(/^Why\?/).fill('Money records showed withdrawals; the bank card is now managed by the appointee.');
    await form.getByRole('button', { name: 'Record the outcome' }).click();
    await saved(page, 'The outcome has been recorded.');

    form = await stage(page, 'Close the concern', 'Close the concern');
    await form.getByLabel(/^Why can it be closed\?/).fill('The outcome is agreed with the local authority and the person is safe.');
    await form.getByRole('button', { name: 'Close the concern' }).click();
    await saved(page, 'The concern has been closed.');

    const log = page.locator('.rec-log__item');
    const steps = (await page.locator('.rec-log__what').allInnerTexts()).map((t) => t.trim());
    const expected = [
      /^Concern raised: /, /^Referred to .* \(reference ASC-2026-0412\)$/, /^Local authority decision: Section 42 enquiry$/,
      /^The local authority asked the provider to make a caused enquiry, due /, /^Updated: Making Safeguarding Personal$/, /^Outcome: Risk identified and action taken$/,
      /^Risk outcome: Risk removed$/, /^Closed on /,
    ];
    expect(steps.length).toBe(expected.length);
    steps.forEach((step, index) => expect(step).toMatch(expected[index]!));
    // Who and why are shown for each decision.
    expect(await log.nth(1).innerText()).toContain('Daniel Okafor');
    expect(await log.nth(1).innerText()).toContain('Possible financial abuse by a family member');
    expect(await log.nth(7).innerText()).toContain('The outcome is agreed with the local authority');
    expect(await page.getByText(/Refer to the local authority by the end of .*: done in time\./).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Concern about /);
    expect(await page.locator('.summary-list').first().innerText()).toContain('Closed');
    await page.screenshot({ path: '/tmp/safeguarding-concern.png', fullPage: true });
    await checkPage(page, 'Safeguarding concern');
    await page.context().close();
  });
});
