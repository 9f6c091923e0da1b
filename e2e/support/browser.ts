import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO_PASSWORD = 'lantern-demo-2026';

/** Debian's Chromium, headless, with nothing that phones home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The phone every capture page must work on (WCAG 2.2 reflow, and support workers at the end of a shift). */
export const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** A fresh browser context (no cookies) as someone in the UK would have it. */
export async function openPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Sign in through the form and wait for the Home page's greeting. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Good (morning|afternoon|evening), / }).waitFor();
}

/** The labels of the links in the main navigation, in order. */
export function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Axe's WCAG 2.0–2.2 A and AA checks; only what is serious or critical. */
export async function seriousAccessibilityViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The page has the title it should, nothing wider than its viewport, and no serious accessibility violations. */
export async function checkPage(page: Page, title: string): Promise<void> {
  expect(await page.title()).toBe(`${title} – Lantern`);
  const width = page.viewportSize()?.width ?? DESKTOP.width;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** checkPage at the desktop size, then on a phone (390×844). */
export async function checkBothSizes(page: Page, title: string): Promise<void> {
  await checkPage(page, title);
  await checkPhone(page, title);
}

/** checkPage on a phone, then back at the desktop size. */
export async function checkPhone(page: Page, title: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await checkPage(page, title);
  await page.setViewportSize(DESKTOP);
}

interface PatternRun {
  status: 'running' | 'finished' | 'failed';
  found?: number | null;
}

/** The demo server looks for patterns at start-up: wait until that run (or any later one) has finished. */
export async function waitForFinishedRun(page: Page): Promise<PatternRun> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const response = await page.request.get('/api/v1/patterns/runs/latest');
    expect(response.status()).toBe(200);
    const { run } = (await response.json()) as { run: PatternRun | null };
    if (run?.status === 'finished') return run;
    if (run?.status === 'failed') throw new Error('The pattern run failed');
    if (Date.now() > deadline) throw new Error('The pattern run did not finish in time');
    await page.waitForTimeout(500);
  }
}
