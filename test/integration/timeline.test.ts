import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';
import { roles, type Role } from '../../src/domain/roles.js';

interface Item { source: string; id: number; at: string; title: string; summary: string; status: string; serviceName: string; harm?: unknown; links: { linkId: number; source: string; id: number; relation: string; direction: string }[] }

const incidentAt = (w: World, occurredAt: string, changes: Record<string, unknown> = {}) => ({
  serviceId: w.services.birch.id, personIds: [w.people.amira.id], occurredAt, location: 'Kitchen', harmPhysical: 'low', harmPsychological: 'moderate',
  antecedent: 'The kitchen was locked after tea.', behaviour: 'Amira banged on the door.', consequence: 'Staff opened the kitchen and made a drink with her.',
  narrative: 'Amira became distressed when she could not get a drink.', ...changes,
});
const concernAt = (w: World, raisedAt: string, changes: Record<string, unknown> = {}) => ({
  serviceId: w.services.birch.id, personId: w.people.amira.id, raisedAt, categories: ['organisational'], locationOfRisk: 'own_home', sourceOfRisk: 'service_provider',
  immediateProtection: 'Kitchen unlocked; manager informed.', narrative: 'Locking the kitchen at night is a blanket restriction that may amount to organisational abuse.',
  policeInvolved: false, ...changes,
});
const complaintAt = (w: World, receivedAt: string, changes: Record<string, unknown> = {}) => ({
  kind: 'complaint', serviceId: w.services.birch.id, personId: w.people.amira.id, receivedAt, raisedBy: 'family', channel: 'phone',
  subject: 'Kitchen locked in the evenings', narrative: 'Amira’s sister says she cannot make a drink after 8pm.', themes: [], ...changes,
});

describe.each(testDialects())('timelines, links and search on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let worker: Client;
  let manager: Client;
  let lead: Client;
  let board: Client;
  const amira = { incident: 0, concern: 0, complaint: 0, review: 0, restriction: 0 };
  let blanketRestriction = 0;
  let bensIncident = 0;
  let bensConcern = 0;

  const timelineOf = (client: Client, personId: number, query = '') => client.get(`/api/v1/people/${personId}/timeline${query}`);
  const count = async (table: 'record_links' | 'audit_log') =>
    (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    lead = await signedIn(app, world.accounts.safeguarding_lead.email, PASSWORD);
    board = await signedIn(app, world.accounts.board_member.email, PASSWORD);

    // An evening at Birch House: an incident in the kitchen, the concern it raised the next morning, and the family's complaint.
    amira.incident = (await worker.post('/api/v1/incidents', incidentAt(world, '2026-11-20T18:40:00Z'))).body.id;
    amira.concern = (await worker.post('/api/v1/safeguarding-concerns', concernAt(world, '2026-11-21T09:00:00Z'))).body.id;
    amira.complaint = (await worker.post('/api/v1/complaints', complaintAt(world, '2026-11-22T10:30:00Z'))).body.id;
    // The kitchen door had been locked at night for Amira since the 19th; her periodic review on the 21st looked at it.
    const restriction = (changes: Record<string, unknown> = {}) => ({
      serviceId: world.services.birch.id, personId: world.people.amira.id, category: 'environmental', description: 'Kitchen door locked overnight.',
      legalBasis: 'best_interests_decision', alternativesConsidered: 'A kitchen sensor was considered.', startedOn: '2026-11-19', reviewDueOn: '2027-02-19', ...changes,
    });
    amira.restriction = (await manager.post('/api/v1/restrictions', restriction())).body.id;
    blanketRestriction = (await manager.post('/api/v1/restrictions', restriction({ personId: undefined, category: 'internet', description: 'Wi-Fi off after midnight.' }))).body.id;
    amira.review = (await manager.post('/api/v1/reviews', {
      kind: 'periodic', personId: world.people.amira.id, serviceId: world.services.birch.id, heldOn: '2026-11-21',
      participants: { person: true, family: true, advocate: false, staff: false }, whatCouldBeDifferent: 'Offer a drink before the evening routine.',
    })).body.id;
    // Ben at Rowan Court, outside the worker's and manager's service, also has a kitchen incident and a concern.
    bensIncident = (await lead.post('/api/v1/incidents', incidentAt(world, '2026-11-21T12:00:00Z', {
      serviceId: world.services.rowan.id, personIds: [world.people.ben.id], narrative: 'Ben was refused entry to the kitchen.',
    }))).body.id;
    bensConcern = (await lead.post('/api/v1/safeguarding-concerns', concernAt(world, '2026-11-21T13:00:00Z', {
      serviceId: world.services.rowan.id, personId: world.people.ben.id,
    }))).body.id;
    expect([...Object.values(amira), blanketRestriction, bensIncident, bensConcern].every((id) => id > 0)).toBe(true);
    // A speak-up report about the same kitchen: it must never surface in a timeline or a search.
    expect((await worker.post('/api/v1/speak-up', { mode: 'named', whatHappened: 'The kitchen at Birch House is locked every night.' })).status).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('the manager links the incident to the concern it raised; both records show the link', async () => {
    const linked = await manager.post('/api/v1/links', {
      from: { source: 'incident', id: amira.incident }, to: { source: 'safeguarding', id: amira.concern }, relation: 'raised',
    });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ from: { source: 'incident', id: amira.incident }, to: { source: 'safeguarding', id: amira.concern }, relation: 'raised', createdBy: 'Test service_manager' });
    const trail = await database.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_kind', '=', 'link').execute();
    expect(trail).toEqual([{ action: 'create', summary: `incident:${amira.incident} raised safeguarding:${amira.concern}` }]);
  });

  it('each end of the link lists it, as its record page shows it; a record out of reach answers 404', async () => {
    const ofIncident = await worker.get(`/api/v1/links?source=incident&id=${amira.incident}`);
    expect(ofIncident.status).toBe(200);
    expect(ofIncident.body.items).toEqual([expect.objectContaining({ source: 'safeguarding', id: amira.concern, relation: 'raised', direction: 'outgoing' })]);
    const ofConcern = await worker.get(`/api/v1/links?source=safeguarding&id=${amira.concern}`);
    expect(ofConcern.body.items).toEqual([expect.objectContaining({ source: 'incident', id: amira.incident, relation: 'raised', direction: 'incoming' })]);
    expect((await worker.get(`/api/v1/links?source=complaint&id=${amira.complaint}`)).body.items).toEqual([]);
    const bens = await worker.get(`/api/v1/links?source=incident&id=${bensIncident}`);
    expect(bens.status).toBe(404);
    expect(bens.body.detail).toBe((await worker.get('/api/v1/links?source=incident&id=999999')).body.detail);
    expect((await board.get(`/api/v1/links?source=incident&id=${amira.incident}`)).status).toBe(403);
    expect((await worker.get('/api/v1/links?source=speak_up&id=1')).status).toBe(400);
  });

  it('Amira’s timeline shows her complaint, concern, review, incident and restriction newest first, with the link both ways; the read is audited', async () => {
    const response = await timelineOf(worker, world.people.amira.id);
    expect(response.status).toBe(200);
    const all: Item[] = response.body.items;
    expect(all.map((i) => [i.source, i.id])).toEqual([
      ['complaint', amira.complaint], ['safeguarding', amira.concern], ['review', amira.review], ['incident', amira.incident], ['restriction', amira.restriction],
    ]);
    expect(all[2]).toMatchObject({ title: 'Periodic review of restrictions', at: '2026-11-21T00:00:00.000Z', summary: 'Offer a drink before the evening routine.' });
    expect(all[4]).toMatchObject({ title: expect.stringMatching(/^Restriction: Environmental/), status: 'active', at: '2026-11-19T00:00:00.000Z' });
    // The blanket Wi-Fi restriction is the service's, not Amira's: it belongs in the service log.
    expect(all.map((i) => `${i.source}:${i.id}`)).not.toContain(`restriction:${blanketRestriction}`);
    const items = all.filter((i) => ['complaint', 'safeguarding', 'incident'].includes(i.source));
    expect(items[0]).toMatchObject({ title: 'Complaint: Kitchen locked in the evenings', status: 'received', serviceName: 'Birch House', links: [] });
    expect(items[0]!.harm).toBeUndefined();
    expect(items[1]!.links).toEqual([expect.objectContaining({ source: 'incident', id: amira.incident, relation: 'raised', direction: 'incoming' })]);
    expect(items[2]).toMatchObject({ title: 'Incident: Kitchen', status: 'submitted', harm: { physical: 'low', psychological: 'moderate' }, at: '2026-11-20T18:40:00.000Z' });
    expect(items[2]!.links).toEqual([expect.objectContaining({ source: 'safeguarding', id: amira.concern, relation: 'raised', direction: 'outgoing' })]);
    expect(response.body.nextCursor).toBeNull();

    const last = await database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'read', entity_kind: 'person', entity_id: String(world.people.amira.id), actor_user_id: world.accounts.support_worker.id });
  });

  it('filters by source and by date', async () => {
    const incidents = await timelineOf(worker, world.people.amira.id, '?sources=incident');
    expect(incidents.body.items.map((i: Item) => i.source)).toEqual(['incident']);
    const twoSources = await timelineOf(worker, world.people.amira.id, '?sources=complaint,safeguarding');
    expect(twoSources.body.items.map((i: Item) => i.source)).toEqual(['complaint', 'safeguarding']);
    // `to` includes the whole of its day.
    const oneDay = await timelineOf(worker, world.people.amira.id, '?from=2026-11-21&to=2026-11-21');
    expect(oneDay.body.items.map((i: Item) => [i.source, i.id])).toEqual([['safeguarding', amira.concern], ['review', amira.review]]);
    const restrictions = await timelineOf(worker, world.people.amira.id, '?sources=restriction,review&to=2026-11-20');
    expect(restrictions.body.items.map((i: Item) => [i.source, i.id])).toEqual([['restriction', amira.restriction]]);
    expect((await timelineOf(worker, world.people.amira.id, '?sources=speak_up')).status).toBe(400);
    expect((await timelineOf(worker, world.people.amira.id, '?from=2026-11-22&to=2026-11-01')).status).toBe(400);
  });

  it('keyset pagination returns every item exactly once, even when several share a moment', async () => {
    const sameMoment = '2026-10-01T08:00:00.000Z';
    for (let i = 0; i < 4; i++) await worker.post('/api/v1/incidents', incidentAt(world, sameMoment, { narrative: `Morning incident ${i}` }));
    await worker.post('/api/v1/complaints', complaintAt(world, sameMoment, { kind: 'feedback', subject: 'Breakfast' }));
    await worker.post('/api/v1/safeguarding-concerns', concernAt(world, sameMoment));
    for (let i = 0; i < 3; i++) await worker.post('/api/v1/incidents', incidentAt(world, `2026-09-0${i + 1}T12:00:00Z`));

    const everything: Item[] = (await timelineOf(manager, world.people.amira.id, '?limit=200')).body.items;
    expect(everything).toHaveLength(5 + 6 + 3);
    const paged: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await timelineOf(manager, world.people.amira.id, `?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(5);
      paged.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(paged.map((i) => `${i.source}:${i.id}`)).toEqual(everything.map((i) => `${i.source}:${i.id}`));
    expect(new Set(paged.map((i) => `${i.source}:${i.id}`)).size).toBe(everything.length);
    const ats = paged.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect((await timelineOf(manager, world.people.amira.id, '?cursor=not-a-cursor')).status).toBe(400);
  });

  it('keeps the worker out of Ben’s timeline and the board out of timelines altogether', async () => {
    const ben = await timelineOf(worker, world.people.ben.id);
    expect(ben.status).toBe(404);
    expect(await timelineOf(worker, 999_999).then((r) => r.status)).toBe(404);
    expect(ben.body.detail).toBe((await timelineOf(worker, 999_999)).body.detail);
    for (const role of ['board_member', 'speak_up_guardian', 'commissioner'] as const) {
      const client = role === 'board_member' ? board : await signedIn(app, world.accounts[role].email, PASSWORD);
      expect((await timelineOf(client, world.people.amira.id)).status, role).toBe(403);
    }
    const leadSees: Item[] = (await timelineOf(lead, world.people.ben.id)).body.items;
    expect(leadSees.map((i) => [i.source, i.id])).toEqual([['safeguarding', bensConcern], ['incident', bensIncident]]);
  });

  // Role by role: who may read a timeline, a service log and search, and who may link records.
  const readers: Role[] = ['support_worker', 'service_manager', 'safeguarding_lead', 'quality_lead', 'admin'];
  const linkers: Role[] = ['service_manager', 'safeguarding_lead', 'quality_lead', 'admin'];
  it.each(roles.map((role) => [role]))('answers %s as the policy says', async (role) => {
    const client = await signedIn(app, world.accounts[role].email, PASSWORD);
    const read = readers.includes(role) ? 200 : 403;
    expect((await timelineOf(client, world.people.amira.id)).status, 'timeline').toBe(read);
    expect((await client.get(`/api/v1/services/${world.services.birch.id}/log`)).status, 'service log').toBe(read);
    expect((await client.get('/api/v1/search?q=kitchen')).status, 'search').toBe(read);
    // Already linked, so a role allowed to link meets the duplicate check (409) and writes nothing.
    const link = { from: { source: 'safeguarding', id: amira.concern }, to: { source: 'incident', id: amira.incident }, relation: 'raised' };
    expect((await client.post('/api/v1/links', link)).status, 'link').toBe(linkers.includes(role) ? 409 : 403);
  });

  it('exports the filtered timeline as CSV, neutralising a narrative that a spreadsheet would run', async () => {
    await worker.post('/api/v1/complaints', complaintAt(world, '2026-11-23T09:00:00Z', { subject: 'Fees', narrative: '=HYPERLINK("http://evil.example","Click")' }));
    const auditBefore = await count('audit_log');
    const response = await timelineOf(worker, world.people.amira.id, '?format=csv&sources=complaint&from=2026-11-01');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="timeline-P-AMIRA-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (response.body as string).split('\r\n');
    expect(lines[0]).toBe('\uFEFFsource,id,at,service,title,summary,status,harm_physical,harm_psychological,links');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.startsWith('complaint,'))).toBe(true);
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(rows[0]).toContain('2026-11-23 09:00'); // as England's clocks showed it
    expect(rows[1]).toContain('Complaint: Kitchen locked in the evenings');
    expect(await count('audit_log')).toBe(auditBefore + 1);
    const last = await database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'export', entity_kind: 'person', entity_id: String(world.people.amira.id) });
    expect((await timelineOf(worker, world.people.ben.id, '?format=csv')).status).toBe(404);
  });

  it('the service log shows everything at Birch House and nothing from Rowan Court, and exports too', async () => {
    const log = await manager.get(`/api/v1/services/${world.services.birch.id}/log?limit=200`);
    expect(log.status).toBe(200);
    const items: Item[] = log.body.items;
    expect(items.every((i) => i.serviceName === 'Birch House')).toBe(true);
    expect(items.map((i) => `${i.source}:${i.id}`)).toEqual(expect.arrayContaining([
      `incident:${amira.incident}`, `safeguarding:${amira.concern}`, `complaint:${amira.complaint}`, `review:${amira.review}`,
      `restriction:${amira.restriction}`, `restriction:${blanketRestriction}`,
    ]));
    expect((await manager.get(`/api/v1/services/${world.services.rowan.id}/log`)).status).toBe(404);
    expect((await board.get(`/api/v1/services/${world.services.birch.id}/log`)).status).toBe(403);
    const csv = await manager.get(`/api/v1/services/${world.services.birch.id}/log?format=csv&sources=incident`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="service-log-\d+-/);
    const rows = (csv.body as string).split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(items.filter((i) => i.source === 'incident').length);
  });

  it('search finds "kitchen" across sources within the caller’s services only, case-insensitively, and never in speak-up', async () => {
    const found = await worker.get('/api/v1/search?q=KITCHEN');
    expect(found.status).toBe(200);
    const keys = (found.body.items as Item[]).map((i) => `${i.source}:${i.id}`);
    expect(keys).toEqual(expect.arrayContaining([`incident:${amira.incident}`, `safeguarding:${amira.concern}`, `complaint:${amira.complaint}`, `restriction:${amira.restriction}`]));
    expect(keys).not.toContain(`incident:${bensIncident}`);
    expect((found.body.items as Item[]).every((i) => i.serviceName === 'Birch House')).toBe(true);
    expect((found.body.items as Item[]).every((i) => ['incident', 'safeguarding', 'complaint', 'restriction'].includes(i.source))).toBe(true);
    const last = await database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'list', entity_kind: 'search' });
    expect(last.summary).not.toMatch(/kitchen/i);

    const leadKeys = ((await lead.get('/api/v1/search?q=kitchen&sources=incident')).body.items as Item[]).map((i) => `${i.source}:${i.id}`);
    expect(leadKeys).toContain(`incident:${bensIncident}`);
    expect(leadKeys.every((k) => k.startsWith('incident:'))).toBe(true);
    // Every word must match, and wildcards are taken literally.
    expect((await worker.get('/api/v1/search?q=kitchen%20sister')).body.items.map((i: Item) => `${i.source}:${i.id}`)).toEqual([`complaint:${amira.complaint}`]);
    expect((await worker.get('/api/v1/search?q=%25_')).body.items).toEqual([]);
    expect((await worker.get('/api/v1/search?q=kitchen&from=2026-11-21&to=2026-11-21')).body.items.map((i: Item) => i.source)).toEqual(['safeguarding']);
    expect((await worker.get(`/api/v1/search?q=kitchen&serviceId=${world.services.rowan.id}`)).status).toBe(404);
    expect((await board.get('/api/v1/search?q=kitchen')).status).toBe(403);
    expect((await worker.get('/api/v1/search?q=locked%20every%20night')).body.items).toEqual([]);
  });

  describe('refuses a link it cannot make, and writes nothing', () => {
    const from = () => ({ source: 'complaint', id: amira.complaint });
    it.each([
      ['an unknown source', () => ({ from: from(), to: { source: 'speak_up', id: 1 }, relation: 'relates_to' }), 400],
      ['an unknown relation', () => ({ from: from(), to: { source: 'incident', id: amira.incident }, relation: 'caused' }), 400],
      ['a record linked to itself', () => ({ from: from(), to: from(), relation: 'relates_to' }), 400],
      ['a record outside the manager’s services', () => ({ from: from(), to: { source: 'safeguarding', id: bensConcern }, relation: 'relates_to' }), 404],
      ['a record that does not exist', () => ({ from: from(), to: { source: 'incident', id: 999_999 }, relation: 'relates_to' }), 404],
      ['a second link between the same records', () => ({ from: { source: 'safeguarding', id: amira.concern }, to: { source: 'incident', id: amira.incident }, relation: 'led_to' }), 409],
    ])('%s', async (_name, body, status) => {
      const [links, audits] = [await count('record_links'), await count('audit_log')];
      const response = await manager.post('/api/v1/links', body());
      expect(response.status).toBe(status);
      expect(await count('record_links')).toBe(links);
      expect(await count('audit_log')).toBe(audits);
    });

    it('for roles that may not change either record', async () => {
      const body = { from: from(), to: { source: 'incident', id: amira.incident }, relation: 'relates_to' };
      expect((await worker.post('/api/v1/links', body)).status).toBe(403);
      expect((await board.post('/api/v1/links', body)).status).toBe(403);
    });
  });

  it('a complaint relates to the incident; removing the link takes it off both records', async () => {
    const linked = await manager.post('/api/v1/links', {
      from: { source: 'complaint', id: amira.complaint }, to: { source: 'incident', id: amira.incident }, relation: 'relates_to',
    });
    expect(linked.status).toBe(201);
    const linksOf = async (source: string, id: number) =>
      ((await timelineOf(manager, world.people.amira.id, '?limit=200')).body.items as Item[]).find((i) => i.source === source && i.id === id)!.links;
    expect((await linksOf('incident', amira.incident)).map((l) => `${l.relation}:${l.source}:${l.id}`)).toEqual([
      `raised:safeguarding:${amira.concern}`, `relates_to:complaint:${amira.complaint}`,
    ]);
    expect((await worker.delete(`/api/v1/links/${linked.body.id}`)).status).toBe(403);
    expect((await manager.delete(`/api/v1/links/${linked.body.id}`)).status).toBe(204);
    expect(await linksOf('complaint', amira.complaint)).toEqual([]);
    expect((await linksOf('incident', amira.incident)).map((l) => l.source)).toEqual(['safeguarding']);
    expect((await manager.delete(`/api/v1/links/${linked.body.id}`)).status).toBe(404);
    const trail = await database.db.selectFrom('audit_log').select('action').where('entity_kind', '=', 'link').where('entity_id', '=', String(linked.body.id)).execute();
    expect(trail.map((t) => t.action)).toEqual(['create', 'delete']);
  });

  it('an incident led to Amira’s review, which shows on the review', async () => {
    const linked = await manager.post('/api/v1/links', { from: { source: 'incident', id: amira.incident }, to: { source: 'review', id: amira.review }, relation: 'led_to' });
    expect(linked.status).toBe(201);
    const review = ((await timelineOf(worker, world.people.amira.id, '?sources=review')).body.items as Item[])[0]!;
    expect(review.links).toEqual([expect.objectContaining({ source: 'incident', id: amira.incident, relation: 'led_to', direction: 'incoming' })]);
  });

  it('hides a link whose other end lies outside the caller’s services', async () => {
    const crossService = await lead.post('/api/v1/links', {
      from: { source: 'incident', id: bensIncident }, to: { source: 'complaint', id: amira.complaint }, relation: 'relates_to',
    });
    expect(crossService.status).toBe(201);
    const complaint = ((await timelineOf(worker, world.people.amira.id, '?sources=complaint&limit=200')).body.items as Item[]).find((i) => i.id === amira.complaint)!;
    expect(complaint.links).toEqual([]);
    const seenByLead = ((await timelineOf(lead, world.people.amira.id, '?sources=complaint&limit=200')).body.items as Item[]).find((i) => i.id === amira.complaint)!;
    expect(seenByLead.links).toEqual([expect.objectContaining({ source: 'incident', id: bensIncident, direction: 'incoming' })]);
    // The manager cannot remove a link reaching outside Birch House, and learns nothing about it.
    expect((await manager.delete(`/api/v1/links/${crossService.body.id}`)).status).toBe(404);
  });

  it('search finds an incident or a complaint by its reference, so it can be linked by reference', async () => {
    const incident = (await lead.post('/api/v1/incidents', incidentAt(world, '2026-11-25T12:00:00Z', {
      serviceId: world.services.rowan.id, personIds: [world.people.ben.id], ref: 'INC-ROWAN-0042', narrative: 'Ben left the lounge upset.',
    }))).body.id;
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    const complaint = (await admin.post('/api/v1/complaints', complaintAt(world, '2026-11-25T13:00:00Z', {
      serviceId: world.services.rowan.id, personId: world.people.ben.id, ref: 'CMP-ROWAN-0042', subject: 'Noise', narrative: 'Too loud at night.',
    }))).body.id;
    const found = (await lead.get('/api/v1/search?q=rowan-0042')).body.items as Item[];
    expect(found.map((i) => `${i.source}:${i.id}`)).toEqual([`complaint:${complaint}`, `incident:${incident}`]);
    expect((await worker.get('/api/v1/search?q=rowan-0042')).body.items).toEqual([]);
  });
});
