import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, signIn, waitForFinishedRun, checkPage, checkPhone, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');
const STAFF_KIND = 'Staff member over-represented';
const REASON = `Known already: the person moved house that month and the team has a plan (${Date.now().toString(36)}).`;

const cards = (page: Page) => page.getByRole('list').filter({ has: page.getByRole('article') }).getByRole('listitem');

const lastChecked = /^Last checked \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}( · \d+ findings?)?$/;

async function openPatterns(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patterns' }).click();
  await page.getByRole('heading', { level: 1, name: 'Patterns' }).waitFor();
  await page.getByText(lastChecked).waitFor();
  await page.getByRole('heading', { level: 2, name: /^\d+ findings?$/ }).waitFor();
}

describe('patterns: explainable findings for leads and managers', () => {
  let browser: Browser;
  let dismissedTitle = '';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows the quality lead the findings, strongest first, each with its figures in words', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'quality@demo.lantern.test');
    const run = await waitForFinishedRun(page);
    expect(run.found).toBeGreaterThan(0);

    // Home shows the three strongest, with a link to them all.
    await page.reload();
    const strongest = page.getByRole('region', { name: 'Strongest patterns' });
    await strongest.getByRole('listitem').nth(2).waitFor();
    expect(await strongest.getByRole('listitem').count()).toBe(3);
    expect(await strongest.getByRole('link', { name: 'All patterns' }).getAttribute('href')).toBe('/patterns');

    await openPatterns(page);
    // The leads see everything, so they are told how many findings the last run found in all.
    expect(await page.getByText(lastChecked).innerText()).toMatch(new RegExp(` · ${run.found} findings?$`));
    const items = cards(page);
    const count = await items.count();
    expect(count).toBeGreaterThan(2);
    expect(await page.getByRole('heading', { level: 2, name: /findings?$/ }).innerText()).toBe(`${count} ${count === 1 ? 'finding' : 'findings'}`);

    const strengths: number[] = [];
    for (let index = 0; index < count; index++) {
      const card = items.nth(index);
      const title = (await card.getByRole('heading', { level: 3 }).innerText()).trim();
      expect(title.length).toBeGreaterThan(10);
      const text = await card.innerText();
      const strength = /(Strong|Moderate|Weak) \((\d\.\d\d)\)/.exec(text);
      expect(strength, `strength in words on "${title}"`).not.toBeNull();
      strengths.push(Number(strength![2]));
      expect(text).toMatch(/Figures\s+\S/);
      expect(text).toMatch(/Status\s+(Open|In a learning response)/);
    }
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    // p-values and confidence intervals are written the usual way, where a finding has them.
    const all = await page.locator('main').innerText();
    expect(all).toMatch(/p (<|=) 0\.\d+/);
    expect(all).toMatch(/95 % CI \d+(\.\d+)? to \d+(\.\d+)?/);
    // The leads see who is over-represented in restraint (the manager must not, below).
    expect(all).toContain(STAFF_KIND);

    await checkPage(page, 'Patterns');
    await checkPhone(page, 'Patterns');
    await page.screenshot({ path: '/tmp/patterns-list.png', fullPage: true });
    await page.context().close();
  }, 120_000);

  it('opens a finding with its evidence linked, dismisses one with a reason, and shows it again only with dismissed included', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'quality@demo.lantern.test');
    await waitForFinishedRun(page);
    await openPatterns(page);

    // The strongest finding: its evidence links to the records behind it.
    await cards(page).first().getByRole('heading', { level: 3 }).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Evidence' }).waitFor();
    const evidence = page.getByRole('region', { name: 'Evidence' }).getByRole('link');
    expect(await evidence.count()).toBeGreaterThan(0);
    const href = await evidence.first().getAttribute('href');
    expect(href).toMatch(/^\/(incidents|safeguarding|complaints|restrictions)\/\d+$/);
    const facts = await page.locator('.summary-list').first().innerText();
    expect(facts).toMatch(/Strength\s+(Strong|Moderate|Weak) \(\d\.\d\d\)/);
    expect(facts).toMatch(/First found\s+\d{1,2} [A-Z][a-z]{2} \d{4}/);
    await checkPage(page, 'Pattern');
    await checkPhone(page, 'Pattern');

    // Following an evidence link opens the record.
    await evidence.first().click();
    await page.waitForURL((url) => url.pathname === href);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Evidence' }).waitFor();

    // Dismiss the weakest finding that does not name a member of staff.
    await page.getByRole('link', { name: 'Patterns', exact: true }).first().click();
    await page.getByRole('heading', { level: 2, name: /^\d+ findings?$/ }).waitFor();
    const before = await cards(page).count();
    const candidates = cards(page).filter({ hasNotText: STAFF_KIND });
    const target = candidates.nth((await candidates.count()) - 1);
    dismissedTitle = (await target.getByRole('heading', { level: 3 }).innerText()).trim();
    await target.getByRole('link', { name: dismissedTitle }).click();
    await page.getByRole('heading', { level: 1, name: dismissedTitle }).waitFor();

    // No reason: the error is on the field and announced.
    await page.getByRole('button', { name: 'Dismiss this pattern' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Why is this not a concern?');
    const field = page.getByLabel('Why is this not a concern?');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'Pattern');

    await field.fill(REASON);
    await page.getByRole('button', { name: 'Dismiss this pattern' }).click();
    await page.getByRole('status').filter({ hasText: 'The pattern has been dismissed.' }).waitFor();
    const dismissal = page.getByRole('region', { name: 'Dismissed' });
    // Focus moves from the form that has gone to what replaced it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dismissed');
    const dismissalText = await dismissal.innerText();
    expect(dismissalText).toContain(REASON);
    expect(dismissalText).toContain('Ruth Campbell');
    expect(dismissalText).toMatch(/When\s+\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
    expect(await page.getByRole('button', { name: 'Dismiss this pattern' }).count()).toBe(0);
    await checkPage(page, 'Pattern');
    await page.screenshot({ path: '/tmp/pattern-dismissed.png', fullPage: true });

    // It has left the list…
    await page.getByRole('link', { name: 'Patterns', exact: true }).first().click();
    await page.getByRole('heading', { level: 2, name: `${before - 1} ${before - 1 === 1 ? 'finding' : 'findings'}` }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: dismissedTitle, exact: true }).count()).toBe(0);

    // …and comes back, marked dismissed, when dismissed patterns are included.
    await page.getByLabel('Include dismissed patterns').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/includeDismissed=true/);
    const back = cards(page).filter({ has: page.getByRole('heading', { level: 3, name: dismissedTitle, exact: true }) });
    await back.waitFor();
    expect(await back.innerText()).toMatch(/Status\s+Dismissed/);
    await checkPage(page, 'Patterns');
    await page.context().close();
  }, 150_000);

  it('never shows the service manager who is over-represented in restraint', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'manager@demo.lantern.test');
    await waitForFinishedRun(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await openPatterns(page);
    expect(await page.locator('main').innerText()).not.toContain(STAFF_KIND);
    // The run's total counts findings in other services: a manager is not told it.
    expect(await page.getByText(lastChecked).innerText()).not.toContain('finding');
    // Not even as a choice in the filter, and the API agrees.
    // On a phone the filters start folded away.
    await page.getByText('Filter patterns', { exact: true }).click();
    await page.getByLabel('Kind of pattern').waitFor();
    const kinds = await page.getByLabel('Kind of pattern').locator('option').allInnerTexts();
    expect(kinds).toContain('Escalation');
    expect(kinds).not.toContain(STAFF_KIND);
    const api = await page.request.get('/api/v1/patterns?includeDismissed=true&limit=500');
    const body = (await api.json()) as { patterns: { kind: string }[] };
    expect(body.patterns.map((p) => p.kind)).not.toContain('staff_overrepresented');
    // Only leads and administrators can ask for a fresh check.
    expect(await page.getByRole('button', { name: 'Check again now' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'Patterns');
    await page.screenshot({ path: '/tmp/patterns-phone.png', fullPage: true });
    await page.context().close();
  }, 90_000);

  it('lets a lead check again now: the progress is shown, then the refreshed findings', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'safeguarding@demo.lantern.test');
    const before = await waitForFinishedRun(page);
    await openPatterns(page);
    const line = page.getByText(/^Last checked /);
    const previous = await line.innerText();
    await page.getByRole('button', { name: 'Check again now' }).click();
    // While the run is going, the button says so and does nothing more.
    await page.getByRole('button', { name: 'Checking…' }).waitFor();
    await page.getByRole('progressbar', { name: /^(Checking for patterns|Starting a check)/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Check finished: \d+ findings?\.$/ }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Check again now' }).waitFor();
    const after = await waitForFinishedRun(page);
    expect(await page.getByRole('status').filter({ hasText: 'Check finished' }).innerText()).toBe(`Check finished: ${after.found} ${after.found === 1 ? 'finding' : 'findings'}.`);
    expect(after.found).toBe(before.found);
    expect(await line.innerText()).toMatch(new RegExp(` · ${after.found} findings?$`));
    expect(previous).toMatch(/^Last checked /);
    await page.context().close();
  }, 150_000);
});
