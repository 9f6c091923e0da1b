import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './support/browser.js';

const baseUrl = inject('baseUrl');

describe('an administrator sets up an account for an integration', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('creates the account, issues a token shown once, and finds the creation in the audit trail', async () => {
    const page = await openPage(browser, baseUrl);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'admin@demo.lantern.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();

    const email = `rota.${Date.now()}@example.org`;
    await page.getByLabel('Full name').fill('Rota System');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Support worker' });
    await page.getByLabel('Poplar Road').check();
    await page.getByLabel('First password').fill('a-long-first-password');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL(/\/users\/\d+$/);
    const userId = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('heading', { level: 1, name: 'Rota System' }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('The account for Rota System has been created.');

    await page.getByLabel('What the token is for').fill('Rota import');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const token = page.getByLabel('New API token');
    await token.waitFor();
    const secret = await token.inputValue();
    expect(secret).toMatch(/^lt_[a-z0-9]{20,}$/);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('row', { name: /Rota import/ }).waitFor();

    // Shown once: after a reload the token is listed by name, its secret nowhere on the page.
    await page.reload();
    await page.getByRole('row', { name: /Rota import/ }).waitFor();
    expect(await page.getByLabel('New API token').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // The token works against the API, as the new account.
    const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('What was done').selectOption({ label: 'Created' });
    await page.getByLabel('Kind of record').selectOption({ label: 'Account' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/entityKind=user/);
    const row = page.getByRole('row', { name: new RegExp(`Account ${userId}\\b`) });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('Alex Morgan');
    expect(rowText).toContain('Created');
    expect(rowText).toContain('role support_worker');
    expect(rowText).toMatch(/\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}/);
    await page.context().close();
  });
});
