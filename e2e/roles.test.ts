import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, navLabels, openPage, seriousAccessibilityViolations, signIn } from './support/browser.js';

const baseUrl = inject('baseUrl');

// Board members, commissioners and guardians see service summaries only; workers read people and staff;
// managers and leads also see the organisation; administrators see everything.
const accounts = [
  { email: 'admin@demo.lantern.test', role: 'Administrator', nav: ['Home', 'Dashboard', 'Incidents', 'Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up', 'Patterns', 'Themes', 'Learning', 'People', 'Staff', 'Services', 'Organisation', 'Users', 'Audit trail', 'Import'] },
  { email: 'manager@demo.lantern.test', role: 'Service manager', nav: ['Home', 'Dashboard', 'Incidents', 'Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up', 'Patterns', 'Themes', 'Learning', 'People', 'Staff', 'Services', 'Organisation'] },
  { email: 'safeguarding@demo.lantern.test', role: 'Safeguarding lead', nav: ['Home', 'Dashboard', 'Incidents', 'Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up', 'Patterns', 'Themes', 'Learning', 'People', 'Staff', 'Services', 'Organisation'] },
  { email: 'quality@demo.lantern.test', role: 'Quality lead', nav: ['Home', 'Dashboard', 'Incidents', 'Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up', 'Patterns', 'Themes', 'Learning', 'People', 'Staff', 'Services', 'Organisation', 'Import'] },
  { email: 'guardian@demo.lantern.test', role: 'Freedom to Speak Up guardian', nav: ['Home', 'Dashboard', 'Speak up', 'Speak-up cases', 'Themes', 'Learning', 'Services'] },
  { email: 'board@demo.lantern.test', role: 'Board member', nav: ['Home', 'Dashboard', 'Speak up', 'Themes', 'Services'] },
  { email: 'commissioner@demo.lantern.test', role: 'Commissioner', nav: ['Home', 'Dashboard', 'Themes', 'Services'] },
  { email: 'worker@demo.lantern.test', role: 'Support worker', nav: ['Home', 'Dashboard', 'Incidents', 'Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up', 'Themes', 'Learning', 'People', 'Staff', 'Services'] },
];

describe('each demo account signs in and sees the navigation for its role', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(accounts)('$role ($email)', async ({ email, role, nav }) => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, email);

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.title()).toBe('Home – Lantern');
    expect(await page.getByText(`, ${role}.`).count()).toBe(1);
    expect(await navLabels(page)).toEqual(nav);
    // The start page lists the account's services, each a link to the service.
    expect(await page.getByRole('region', { name: 'Your services' }).getByRole('link').count()).toBeGreaterThan(0);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // The session really ended: Home now sends us back to sign in.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Lantern' }).waitFor();
    await page.context().close();
  });
});
