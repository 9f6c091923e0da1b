import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn, checkPage, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');
const CONCERN = `Night staff at the house lock the kitchen at 9pm so people cannot get a drink (${Date.now().toString(36)}).`;
const REPLY = 'Thank you for telling me. I have visited the house and the kitchen is no longer locked.';
const MORE = 'It happened again on Saturday night, after the visit.';

/** As the guardian: open the newest anonymous report received today and check it is ours. */
async function openOurReport(page: Page) {
  await page.goto('/speak-up/cases');
  await page.getByRole('heading', { level: 1, name: 'Speak-up cases' }).waitFor();
  const rows = page.getByRole('row').filter({ hasText: 'Anonymous' });
  await rows.first().waitFor();
  await checkPage(page, 'Speak-up cases');
  const count = await rows.count();
  for (let index = count - 1; index >= 0; index--) {
    await rows.nth(index).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Messages' }).waitFor();
    if ((await page.getByText(CONCERN).count()) > 0) return;
    await page.goBack();
    await rows.first().waitFor();
  }
  throw new Error('The anonymous report is not in the guardian’s list');
}

describe('speaking up anonymously on a 390 × 844 phone, and following up with the receipt key', () => {
  let browser: Browser;
  let receiptKey = '';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('lets a support worker send an anonymous report and shows the receipt key once', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Speak up' }).click();
    await page.getByRole('heading', { level: 1, name: 'Speak up' }).waitFor();
    await checkPage(page, 'Speak up');
    const modes = page.getByRole('group', { name: 'How do you want to speak up?' });
    expect(await modes.getByRole('radio').count()).toBe(3);
    expect(await modes.innerText()).toContain('Only the Freedom to Speak Up guardian knows who you are');
    expect(await modes.innerText()).toContain('Nobody can find out who you are');

    await modes.getByLabel(/^Anonymous/).check();
    await page.getByLabel('What is your concern?').fill(CONCERN);
    await page.getByRole('button', { name: 'Send to the guardian' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your anonymous report has been sent' }).waitFor();
    receiptKey = (await page.getByTestId('receipt-key').innerText()).trim();
    expect(receiptKey).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(await page.getByText('This key will not be shown again.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Copy the key' }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/speak-up-key.png', fullPage: true });
    await checkPage(page, 'Report sent');

    // The key is not kept anywhere: coming back to the page shows the form again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Speak up' }).waitFor();
    expect(await page.getByText(receiptKey).count()).toBe(0);
    await page.context().close();
  });

  it('lets the guardian read the report, with no reporter shown, and reply', async () => {
    expect(receiptKey).not.toBe('');
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'guardian@demo.lantern.test');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Speak-up cases' }).click();
    await openOurReport(page);
    const facts = await page.locator('.summary-list').innerText();
    expect(facts).toContain('Anonymous: nobody knows who raised this');
    expect(facts).not.toContain('Jade Wilson');
    expect(facts).not.toContain('worker@demo.lantern.test');
    await checkPage(page, 'Speak-up report');

    await page.getByLabel('Your reply').fill(REPLY);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Your reply has been sent.' }).waitFor();
    expect(await page.locator('.rec-thread').innerText()).toContain(REPLY);
    await page.context().close();
  });

  it('lets anyone with the key, signed out, read the reply and add information, which the guardian then sees', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    // Found from the sign-in page, without signing in.
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Follow it up with your receipt key' }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow up with your receipt key' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await checkPage(page, 'Follow up with your receipt key');

    // A wrong key is refused on its field.
    await page.getByLabel('Receipt key', { exact: true }).fill('ABCD-EFGH-JKLM-NPQR-STUV');
    await page.getByRole('button', { name: 'Show my report' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('heading', { name: 'Your report' }).count()).toBe(0);

    await page.getByLabel('Receipt key', { exact: true }).fill(receiptKey.toLowerCase());
    await page.getByRole('button', { name: 'Show my report' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your report' }).waitFor();
    expect(await page.locator('.rec-thread').innerText()).toContain(REPLY);
    await checkPage(page, 'Follow up with your receipt key');

    await page.getByLabel('What do you want to add?').fill(MORE);
    await page.getByRole('button', { name: 'Send to the guardian' }).click();
    await page.getByRole('status').filter({ hasText: 'Your information has been sent to the guardian.' }).waitFor();
    // What they added stays on the page, after the guardian's reply, as theirs.
    const conversation = await page.locator('.rec-thread').innerText();
    expect(conversation.indexOf(REPLY)).toBeLessThan(conversation.indexOf(MORE));
    expect(await page.locator('.rec-thread li.is-reporter .rec-thread__who').first().innerText()).toMatch(/^You, \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await page.screenshot({ path: '/tmp/speak-up-follow-up.png', fullPage: true });
    await page.context().close();

    const guardian = await openPage(browser, baseUrl, PHONE);
    await signIn(guardian, 'guardian@demo.lantern.test');
    await openOurReport(guardian);
    const thread = await guardian.locator('.rec-thread').innerText();
    expect(thread).toContain(REPLY);
    expect(thread).toContain(MORE);
    expect(thread.indexOf(REPLY)).toBeLessThan(thread.indexOf(MORE));
    await guardian.screenshot({ path: '/tmp/speak-up-case.png', fullPage: true });
    await guardian.context().close();
  });
});
