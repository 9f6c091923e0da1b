import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, seriousAccessibilityViolations, signIn } from './support/browser.js';

const baseUrl = inject('baseUrl');

describe('on a 360 × 740 phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('the menu button opens the navigation, and the People page is accessible and fits the screen', async () => {
    const page = await openPage(browser, baseUrl, { width: 360, height: 740 });
    await signIn(page, 'worker@demo.lantern.test');

    const menuButton = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await nav.waitFor({ state: 'visible' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Home', 'Dashboard', 'Incidents', 'Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up', 'Themes', 'Learning', 'People', 'Staff', 'Services']);

    await nav.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People supported' }).waitFor();
    // Choosing a page closes the menu again.
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('link', { name: /\w\. *$/ }).first().waitFor();

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // And with the menu open.
    await menuButton.click();
    await nav.waitFor({ state: 'visible' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
