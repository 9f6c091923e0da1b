import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, seriousAccessibilityViolations, signIn } from './support/browser.js';

const baseUrl = inject('baseUrl');

// Every page an administrator can reach, with the <title> each should have.
const pages = [
  ['/people', 'People – Lantern'],
  ['/people/new', 'Add a person – Lantern'],
  ['/staff', 'Staff – Lantern'],
  ['/staff/new', 'Add a member of staff – Lantern'],
  ['/services', 'Services – Lantern'],
  ['/services/1', 'Poplar Road – Lantern'],
  ['/services/1/edit', 'Change Poplar Road – Lantern'],
  ['/organisation', 'Organisation – Lantern'],
  ['/users', 'Users – Lantern'],
  ['/users/new', 'Create an account – Lantern'],
  ['/audit', 'Audit trail – Lantern'],
  ['/account', 'Account – Lantern'],
  ['/no-such-page', 'Page not found – Lantern'],
] as const;

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

describe('files and pages the server answers with', () => {
  it('answers a missing script or file with 404, not the app, and any other path with the app', async () => {
    const script = await fetch(`${baseUrl}/assets/index-from-an-older-build.js`);
    expect(script.status).toBe(404);
    expect(script.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${baseUrl}/favicon-nothing.png`)).status).toBe(404);
    const page = await fetch(`${baseUrl}/incidents/123`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('sends built scripts compressed and cacheable for good, and the page itself to be asked for again', async () => {
    const page = await fetch(`${baseUrl}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const plain = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const size = (await plain.arrayBuffer()).byteLength;
    for (const encoding of ['br', 'gzip']) {
      const sent = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': encoding } });
      expect(sent.status).toBe(200);
      expect(sent.headers.get('content-encoding')).toBe(encoding);
      expect(sent.headers.get('content-type')).toContain('javascript');
      expect(sent.headers.get('vary')).toContain('accept-encoding');
      expect(sent.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // Far smaller on the wire; fetch decodes it back to the same script.
      expect(Number(sent.headers.get('content-length'))).toBeLessThan(size / 3);
      expect((await sent.arrayBuffer()).byteLength).toBe(size);
    }
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await fetch(`${baseUrl}/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
  });
});

describe('every page, as an administrator', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    it(`has its own title and no serious accessibility problems at ${viewport.width} pixels wide`, async () => {
      const page = await openPage(browser, baseUrl, viewport);
      await signIn(page, 'admin@demo.lantern.test');
      const problems: Record<string, unknown> = {};
      for (const [path, title] of pages) {
        await visit(page, path);
        expect({ path, title: await page.title() }).toEqual({ path, title });
        const violations = await seriousAccessibilityViolations(page);
        if (violations.length) problems[path] = violations;
        if (viewport.width <= 360) {
          expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: viewport.width });
        }
      }
      // Forms showing their errors are checked too.
      await visit(page, '/users/new');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('alert').waitFor();
      const formViolations = await seriousAccessibilityViolations(page);
      if (formViolations.length) problems['/users/new (with errors)'] = formViolations;
      expect(problems).toEqual({});
      await page.context().close();
    });
  }

  it('keeps people-level pages from roles that see summaries only', async () => {
    const page = await openPage(browser, baseUrl);
    await signIn(page, 'board@demo.lantern.test');
    await visit(page, '/people');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('You do not have access to this page');
    await visit(page, '/services/1');
    // A board member sees the service's summary and its occupancy, but no links to people or staff.
    expect(await page.getByRole('link', { name: /People supported at/ }).count()).toBe(0);
    await page.getByRole('table', { name: /Occupied days by month/ }).waitFor();
    await page.context().close();
  });
});
