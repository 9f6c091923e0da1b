import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, seriousAccessibilityViolations, signIn, PHONE } from './support/browser.js';

const baseUrl = inject('baseUrl');

/** A time earlier today in the browser's zone (Europe/London), as the form's date and time inputs take it. */
function londonTime(minutesAgo: number): { date: string; time: string; hour: number; minute: number } {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** When the incident happened: a few hours ago, early enough in its hour that its episodes stay on the same day. */
function incidentTime() {
  let minutesAgo = 180;
  let t = londonTime(minutesAgo);
  if (t.hour >= 22) {
    minutesAgo += 120;
    t = londonTime(minutesAgo);
  }
  const at = (plus: number) => {
    const total = t.hour * 60 + t.minute + plus;
    return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  };
  return { date: t.date, time: t.time, at };
}

async function fillIncident(page: Page, when: { date: string; time: string }, where: string) {
  await page.getByRole('group', { name: 'Who was involved?' }).getByRole('checkbox').first().check();
  await page.getByLabel('Date', { exact: true }).fill(when.date);
  await page.getByLabel('Time', { exact: true }).fill(when.time);
  await page.getByLabel('Where did it happen?').fill(where);
  await page.getByLabel('What happened just before?').fill('Asked to turn the music down');
  await page.getByLabel('What did the person do?').fill('Shouted and threw a cup');
  await page.getByLabel('What happened after?').fill('Went to their room, calm after 20 minutes');
  await page.getByRole('group', { name: 'Was anything else affecting the person?' }).getByLabel('Noise').check();
  await page.getByRole('group', { name: 'Physical harm' }).getByLabel(/^None/).check();
  await page.getByRole('group', { name: 'Psychological harm' }).getByLabel(/^Low/).check();
  await page.getByRole('group', { name: 'Staff involved' }).getByRole('checkbox').first().check();
  await page.getByLabel('What happened, in your own words').fill('During tea the music was loud. When asked to turn it down, they shouted and threw a cup.');
}

interface EpisodeAnswers { type: string; reason: string; start: string; end: string; debriefStaff: 'Yes' | 'No' }

function episode(page: Page, n: number): Locator {
  return page.getByRole('group', { name: `Restrictive intervention ${n}`, exact: true });
}

async function addEpisode(page: Page, n: number, a: EpisodeAnswers) {
  await page.getByRole('button', { name: /^Add (a|another) restrictive intervention$/ }).click();
  const ep = episode(page, n);
  await ep.getByLabel('What was done?').selectOption({ label: a.type });
  await ep.getByLabel('Why was it done?').selectOption({ label: a.reason });
  await ep.getByLabel(/^Start time/).fill(a.start);
  await ep.getByLabel(/^End time/).fill(a.end);
  await ep.getByRole('group', { name: /planned in the person’s behaviour support plan/ }).getByLabel('No', { exact: true }).check();
  await ep.getByLabel(/What was tried first/).fill('Offered a walk and quiet space');
  await ep.getByRole('group', { name: /Staff who took part/ }).getByRole('checkbox').first().check();
  await ep.getByRole('group', { name: /talk it through with the person/ }).getByLabel('Yes', { exact: true }).check();
  await ep.getByRole('group', { name: /staff involved have a debrief/ }).getByLabel(a.debriefStaff, { exact: true }).check();
  if (a.debriefStaff === 'No') await ep.getByLabel(/^Why not\?/).fill('The shift ended; a debrief is booked for tomorrow');
}

async function fitsTheScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe('incidents on a 390 × 844 phone: a support worker records, a manager reviews', () => {
  let browser: Browser;
  let incidentPath = '';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('records an incident with one restrictive intervention quickly', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    expect(await page.title()).toBe('Incidents – Lantern');
    await page.getByRole('table').or(page.getByText('No incidents match')).first().waitFor();
    await fitsTheScreen(page);
    await page.getByRole('link', { name: 'Record an incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record an incident' }).waitFor();
    expect(await page.title()).toBe('Record an incident – Lantern');
    await page.getByRole('group', { name: 'Who was involved?' }).getByRole('checkbox').first().waitFor();

    const when = incidentTime();
    const started = performance.now();
    await fillIncident(page, when, 'Lounge');
    await addEpisode(page, 1, { type: 'Held while standing', reason: 'Prevent violence to others', start: when.at(5), end: when.at(9), debriefStaff: 'Yes' });
    await page.getByRole('button', { name: 'Send incident' }).click();
    await page.waitForURL(/\/incidents\/\d+$/);
    await page.getByRole('heading', { level: 2, name: 'Restrictive interventions (1)' }).waitFor();
    const seconds = (performance.now() - started) / 1000;
    console.log(`A support worker's incident with one restrictive intervention was filled in and sent in ${seconds.toFixed(1)} s of browser automation.`);
    expect(seconds).toBeLessThan(30);
    expect(await page.getByRole('status').first().innerText()).toContain('The incident has been recorded.');
    expect(await page.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['1. Held while standing, 4 minutes']);
    await page.context().close();
  });

  it('leaves nothing on a shared phone: Cancel and signing out ask, then delete the unsent draft', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lantern.incident-draft.')).length);
    const dialogs: string[] = [];
    let answer = false;
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void (answer ? dialog.accept() : dialog.dismiss()); });

    await page.goto('/incidents/new');
    await page.getByLabel('Where did it happen?').fill('Hallway');
    expect(await drafts()).toBe(1);
    // Cancel, then think better of it: the answers stay.
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(dialogs.at(-1)).toBe('Cancel this incident? What you have entered will be deleted from this device.');
    expect(page.url()).toMatch(/\/incidents\/new$/);
    expect(await drafts()).toBe(1);
    // Signing out with it unsent asks too; saying no keeps the session and the draft.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(dialogs.at(-1)).toMatch(/^You have an incident you have not sent\. Signing out deletes it from this device/);
    expect(await drafts()).toBe(1);
    answer = true;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(await drafts()).toBe(0);

    // Cancel, meant: the draft goes and the list is shown.
    await signIn(page, 'worker@demo.lantern.test');
    await page.goto('/incidents/new');
    await page.getByLabel('Where did it happen?').fill('Garden');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/incidents$/);
    expect(await drafts()).toBe(0);
    await page.context().close();
  });

  it('shows a wrong time on its field, keeps a draft across a reload and a lost connection, then records two interventions', async () => {
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'worker@demo.lantern.test');
    await page.goto('/incidents/new');
    await page.getByRole('group', { name: 'Who was involved?' }).getByRole('checkbox').first().waitFor();
    // The service is the worker's only one, so it is not asked.
    expect(await page.getByLabel('Service', { exact: true }).count()).toBe(0);

    const when = incidentTime();
    await fillIncident(page, when, 'Garden');
    // The first episode ends before it starts.
    await addEpisode(page, 1, { type: 'Held while seated', reason: 'Prevent serious intentional self-harm', start: when.at(20), end: when.at(10), debriefStaff: 'No' });
    expect(await episode(page, 1).getByText('The end is before the start.').count()).toBe(1);

    // A reload mid-way brings the answers back.
    await page.reload();
    const restored = page.getByRole('status').filter({ hasText: 'We restored your unsent draft from' });
    await restored.waitFor();
    expect(await restored.innerText()).toMatch(/We restored your unsent draft from \d{2}:\d{2}\./);
    expect(await page.getByLabel('Where did it happen?').inputValue()).toBe('Garden');
    expect(await episode(page, 1).getByLabel(/^End time/).inputValue()).toBe(when.at(10));
    expect(await episode(page, 1).getByLabel(/^Why not\?/).inputValue()).toContain('debrief is booked');

    await addEpisode(page, 2, { type: 'Seclusion (alone in a room they could not leave)', reason: 'Prevent violence to others', start: when.at(25), end: when.at(70), debriefStaff: 'Yes' });
    expect(await episode(page, 2).getByText('Lasted 45 minutes.').count()).toBe(1);
    // An episode added by mistake can be removed.
    await page.getByRole('button', { name: 'Add another restrictive intervention' }).click();
    await episode(page, 3).getByLabel('What was done?').waitFor();
    await page.getByRole('button', { name: 'Remove restrictive intervention 3' }).click();
    expect(await page.locator('fieldset.episode').count()).toBe(2);
    await page.getByRole('button', { name: 'Send incident' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'End time (intervention 1): the end is before the start. If it ended after midnight, tick “Ended the next day”',
    ]);
    const end = episode(page, 1).getByLabel(/^End time/);
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await fitsTheScreen(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Fix it; but the phone has lost its signal: it says so at once, rather than waiting to send until it is back.
    await end.fill(when.at(22));
    expect(await episode(page, 1).getByText('Lasted 2 minutes.').count()).toBe(1);
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send incident' }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be reached' }).waitFor({ timeout: 5000 });
    expect(await page.getByRole('alert').innerText()).toContain('Your answers are kept on this phone as a draft');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lantern.incident-draft.')).length)).toBe(1);
    await page.context().setOffline(false);
    // Nothing was sent behind the worker's back when the signal came back.
    await page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Send incident' }).isEnabled()).toBe(true);

    // Or the connection drops as it is sent.
    await page.route('**/api/v1/incidents', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await page.getByRole('button', { name: 'Send incident' }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be reached' }).waitFor();
    await page.unroute('**/api/v1/incidents');

    // The server's own checks land on the matching fields too (here, a made-up answer from it).
    const problem = {
      type: 'about:blank', title: 'Invalid', status: 400, detail: 'Please correct: restrictiveInterventions.1.endedAt, personIds.0.',
      errors: [
        { path: 'restrictiveInterventions.1.endedAt', message: 'This is in the future.' },
        { path: 'personIds.0', message: 'This person is not supported by this service.' },
      ],
    };
    await page.route('**/api/v1/incidents', (route) => (route.request().method() === 'POST'
      ? route.fulfill({ status: 400, contentType: 'application/problem+json', body: JSON.stringify(problem) })
      : route.continue()));
    await page.getByRole('button', { name: 'Send incident' }).click();
    await page.getByRole('alert').getByRole('link').first().waitFor();
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'Who was involved?: this person is not supported by this service.',
      'End time (intervention 2): this is in the future.',
    ]);
    expect(await episode(page, 2).getByLabel(/^End time/).getAttribute('aria-invalid')).toBe('true');
    await page.unroute('**/api/v1/incidents');

    await page.getByRole('button', { name: 'Send incident' }).click();
    await page.waitForURL(/\/incidents\/\d+$/);
    incidentPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 2, name: 'Restrictive interventions (2)' }).waitFor();
    expect(await page.title()).toBe('Incident – Lantern');
    expect(await page.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
      '1. Held while seated, 2 minutes',
      '2. Seclusion (alone in a room they could not leave), 45 minutes',
    ]);
    expect(await page.getByText('No – The shift ended; a debrief is booked for tomorrow').count()).toBe(1);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lantern.incident-draft.')).length)).toBe(0);
    await fitsTheScreen(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The form starts afresh: no draft to restore. A new draft can be discarded.
    await page.goto('/incidents/new');
    await page.getByRole('heading', { level: 1, name: 'Record an incident' }).waitFor();
    expect(await page.getByText('We restored your unsent draft').count()).toBe(0);
    await page.getByLabel('Where did it happen?').fill('Hallway');
    await page.reload();
    await page.getByText('We restored your unsent draft').waitFor();
    expect(await page.getByLabel('Where did it happen?').inputValue()).toBe('Hallway');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    expect(await page.getByText('We restored your unsent draft').count()).toBe(0);
    expect(await page.getByLabel('Where did it happen?').inputValue()).toBe('');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Record an incident' }).waitFor();
    await page.getByLabel('Where did it happen?').waitFor();
    expect(await page.getByText('We restored your unsent draft').count()).toBe(0);
    await page.context().close();
  });

  it('a service manager asks for a correction, the reporter corrects, the manager corrects and marks it reviewed, and the history shows it all', async () => {
    expect(incidentPath).toMatch(/^\/incidents\/\d+$/);
    const page = await openPage(browser, baseUrl, PHONE);
    await signIn(page, 'manager@demo.lantern.test');
    // Home says what is waiting for the manager, and leads to it.
    const waiting = page.getByRole('region', { name: 'Waiting for you' }).or(page.locator('section', { has: page.getByRole('heading', { name: 'Waiting for you' }) }));
    await waiting.getByRole('link', { name: /^\d+ incidents? waiting for review$/ }).waitFor();
    expect(await waiting.getByRole('link', { name: 'Record an incident' }).count()).toBe(1);
    await page.goto('/incidents?status=submitted');
    await page.getByRole('link', { name: /Garden|incident/ }).first().waitFor();
    await page.goto(incidentPath);
    await page.getByRole('heading', { level: 2, name: 'Review' }).waitFor();

    // A correction needs a comment.
    const ask = page.getByRole('form', { name: 'Ask for a correction' });
    await ask.getByRole('button', { name: 'Ask for a correction' }).click();
    await ask.getByRole('alert').waitFor();
    expect(await ask.getByRole('alert').getByRole('link').allInnerTexts()).toEqual(['What needs correcting?: say what needs correcting']);
    await ask.getByLabel('What needs correcting?').fill('Please say which room: the garden has two areas.');
    await ask.getByRole('button', { name: 'Ask for a correction' }).click();
    const asked = page.getByRole('status').filter({ hasText: 'A correction has been asked for' });
    await asked.waitFor();
    // The form is at the foot of a long page: on a phone the message must come on screen, not sit above it.
    await expect.poll(async () => {
      const box = await asked.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
    }).toBe(true);

    // The reporter hears of it on their home page, and corrects what the person did.
    const worker = await openPage(browser, baseUrl, PHONE);
    await signIn(worker, 'worker@demo.lantern.test');
    await worker.getByRole('link', { name: '1 of your incidents needs a correction' }).click();
    await worker.waitForURL(/\/incidents\?status=correction_requested&reportedByMe=true$/);
    expect(await worker.getByLabel('Only incidents I reported').isChecked()).toBe(true);
    await worker.goto(incidentPath);
    await worker.getByText('Your manager asked for a correction').waitFor();
    expect(await worker.getByRole('form', { name: 'Mark reviewed' }).count()).toBe(0);
    await worker.getByText('Show the correction form').click();
    const workerForm = worker.getByRole('form', { name: 'Correct the record' });
    await workerForm.getByLabel('Why is the record being corrected?').fill('I left out the second cup.');
    await workerForm.getByLabel('What the person did').fill('Shouted and threw two cups');
    await workerForm.getByRole('button', { name: 'Save correction' }).click();
    await worker.getByRole('status').filter({ hasText: 'The correction has been saved' }).waitFor();
    await worker.context().close();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Review' }).waitFor();

    // The manager corrects where it happened; the original stays in the history.
    await page.getByText('Show the correction form').click();
    const correct = page.getByRole('form', { name: 'Correct the record' });
    await correct.getByLabel('Why is the record being corrected?').fill('The reporter said it was the back garden.');
    await correct.getByLabel('Where', { exact: true }).fill('Back garden');
    await correct.getByRole('button', { name: 'Save correction' }).click();
    await page.getByRole('status').filter({ hasText: 'The correction has been saved' }).waitFor();

    // And an intervention: it was a standing hold, not a seated one; the history keeps both, in words.
    await page.getByText(/^Correct restrictive intervention 1 /).click();
    const episodeForm = page.getByRole('form', { name: 'Correct restrictive intervention 1' });
    await episodeForm.getByLabel('What was done?').selectOption({ label: 'Held while standing' });
    // Jade held her too: who took part can be corrected as well.
    await episodeForm.getByRole('group', { name: 'Staff who took part' }).getByLabel('Jade Wilson, Support worker').check();
    await episodeForm.getByRole('button', { name: 'Save correction' }).click();
    await episodeForm.getByRole('alert').getByRole('link', { name: /Why is it being corrected\?/ }).waitFor();
    await episodeForm.getByLabel('Why is it being corrected?').fill('The night manager saw it: she was standing.');
    await episodeForm.getByRole('button', { name: 'Save correction' }).click();
    await page.getByRole('status').filter({ hasText: 'Restrictive intervention 1 has been corrected.' }).waitFor();
    await page.getByText('Restrictive intervention 1: what was done changed from “Held while seated” to “Held while standing”').waitFor();
    await page.getByText(/^Restrictive intervention 1: staff who took part changed from “[^”]+” to “.*Jade Wilson.*”$/).waitFor();
    await fitsTheScreen(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const reviewed = page.getByRole('form', { name: 'Mark reviewed' });
    await reviewed.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByRole('status').filter({ hasText: 'The incident is marked reviewed.' }).waitFor();
    expect(await page.locator('.summary-list__row', { hasText: 'Review' }).first().locator('dd').innerText()).toBe('Reviewed');
    expect(await page.getByRole('form', { name: 'Mark reviewed' }).count()).toBe(0);

    const history = page.locator('.history__item');
    const titles = await history.locator('.history__title').allInnerTexts();
    expect(titles).toEqual(['Recorded', 'Correction asked for', 'Correction', 'Correction', 'Correction', 'Marked reviewed']);
    expect(await history.nth(0).innerText()).toMatch(/By Jade Wilson, \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
    expect(await history.nth(1).innerText()).toContain('By Priya Shah');
    expect(await history.nth(1).innerText()).toContain('the garden has two areas');
    expect(await history.nth(2).innerText()).toContain('By Jade Wilson');
    expect(await history.nth(2).innerText()).toContain('What the person did changed from “Shouted and threw a cup” to “Shouted and threw two cups”');
    expect(await history.nth(3).innerText()).toContain('Where changed from “Garden” to “Back garden”');
    expect(await history.nth(4).innerText()).toContain('Reason: The night manager saw it: she was standing.');
    expect(await page.locator('.summary-list__row', { hasText: 'Where' }).first().locator('dd').innerText()).toBe('Back garden');
    await fitsTheScreen(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
