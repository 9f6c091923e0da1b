import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './support/browser.js';

const baseUrl = inject('baseUrl');

describe('a service manager adds a person supported', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a wrong password gets one clear message', async () => {
    const page = await openPage(browser, baseUrl);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('manager@demo.lantern.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.count()).toBe(1);
    expect(await summary.innerText()).toContain('The email address or password is not right.');
    expect(await page.locator('.field-error').count()).toBe(0);
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });

  it('shows a problem on the field first, then adds the person and shows their record', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'manager@demo.lantern.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a person supported' }).waitFor();
    expect(await page.title()).toBe('Add a person – Lantern');

    // Everything but the reference.
    await page.getByLabel('Name used in Lantern').fill('Amira K.');
    await page.getByLabel('Service').selectOption({ label: 'Poplar Road' });
    await page.getByLabel('Autism').check();
    await page.getByLabel('Legal status').selectOption({ label: 'DoLS authorised' });
    await page.getByLabel('Date support started').fill('2025-11-26');
    await page.getByRole('button', { name: 'Add person' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual(['Reference: required']);
    const reference = page.getByLabel('Reference', { exact: true });
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await reference.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('-error'))}"]`).innerText();
    expect(errorText).toContain('Required');
    // The summary takes focus so a screen reader reads the problem at once.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/people/new');

    const ref = `E2E-${Date.now()}`;
    await reference.fill(ref);
    await page.getByRole('button', { name: 'Add person' }).click();

    await page.waitForURL(/\/people\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Amira K.' }).waitFor();
    expect(await page.locator('.notice').getByText(/has been added/).innerText()).toContain('Amira K. has been added.');
    const facts = page.locator('.summary-list');
    const valueOf = (key: string) => facts.locator('.summary-list__row', { hasText: key }).locator('dd').innerText();
    expect(await valueOf('Reference')).toBe(ref);
    expect(await valueOf('Service')).toBe('Poplar Road');
    expect(await valueOf('Autism')).toBe('Yes');
    expect(await valueOf('Legal status')).toBe('DoLS authorised');
    const started = await valueOf('Supported since');
    expect(started).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
    expect(started).toBe('26 Nov 2025');
    expect(await valueOf('Support ended')).toBe('Still supported');
    await page.context().close();
  });
});
