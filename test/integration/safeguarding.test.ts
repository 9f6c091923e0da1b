import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, londonDate } from '../../src/domain/working-days.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const URL = '/api/v1/safeguarding-concerns';

describe.each(testDialects())('safeguarding concerns on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let worker: Client;
  let manager: Client;
  let lead: Client;
  let quality: Client;
  let admin: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    lead = await signedIn(app, world.accounts.safeguarding_lead.email, PASSWORD, '203.0.113.77');
    quality = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const aboutAmira = (changes: Record<string, unknown> = {}) => ({
    serviceId: world.services.birch.id, personId: world.people.amira.id, raisedAt: hoursAgo(2),
    categories: ['physical', 'organisational'], locationOfRisk: 'own_home', sourceOfRisk: 'service_provider',
    immediateProtection: 'Staff member moved to another service pending enquiry; Amira checked by the nurse.',
    narrative: 'Amira had bruising on her upper arm after personal care and said a staff member had grabbed her.',
    policeInvolved: false, contributoryFactors: ['staff_workload', 'supervision_and_leadership'], ...changes,
  });
  const aboutBen = (changes: Record<string, unknown> = {}) => ({
    ...aboutAmira(), serviceId: world.services.rowan.id, personId: world.people.ben.id, categories: ['financial_or_material'],
    locationOfRisk: 'care_home_residential', sourceOfRisk: 'known_to_individual', ...changes,
  });

  const counts = async () => {
    const tables = ['safeguarding_concerns', 'safeguarding_concern_categories', 'safeguarding_concern_factors', 'safeguarding_decisions', 'audit_log'] as const;
    const entries = await Promise.all(tables.map(async (t) => [t, (await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n] as const));
    return Object.fromEntries(entries);
  };
  const auditOf = (id: number) =>
    database.db.selectFrom('audit_log').selectAll().where('entity_kind', '=', 'safeguarding_concern').where('entity_id', '=', String(id)).orderBy('seq').execute();
  const lastAudit = () => database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  it('a worker raises a concern from the incident that raised it, and the two are linked', async () => {
    const incident = await worker.post('/api/v1/incidents', {
      serviceId: world.services.birch.id, personIds: [world.people.amira.id], occurredAt: hoursAgo(3), harmPhysical: 'moderate', harmPsychological: 'low',
      narrative: 'Amira was found with bruising on her arm after a hold.', staffIds: [world.staff.chloe.id],
    });
    expect(incident.status).toBe(201);
    const before = await database.db.selectFrom('record_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // An incident at another service, or none, is refused on the field, and nothing is written.
    const ben = await lead.post('/api/v1/incidents', {
      serviceId: world.services.rowan.id, personIds: [world.people.ben.id], occurredAt: hoursAgo(3), harmPhysical: 'low', harmPsychological: 'low', narrative: 'Ben fell.',
    });
    for (const incidentId of [ben.body.id as number, 999_999]) {
      const refused = await lead.post(URL, aboutAmira({ incidentId }));
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['incidentId']);
    }
    // The worker cannot see Rowan Court's incident: it answers as a missing one does.
    expect((await worker.post(URL, aboutBen({ incidentId: ben.body.id }))).body.errors?.[0]?.path).toBe('serviceId');
    const raised = await worker.post(URL, aboutAmira({ incidentId: incident.body.id }));
    expect(raised.status).toBe(201);
    const links = await worker.get(`/api/v1/links?source=safeguarding&id=${raised.body.id}`);
    expect(links.body.items).toEqual([expect.objectContaining({ source: 'incident', id: incident.body.id, relation: 'raised', direction: 'incoming' })]);
    const after = await database.db.selectFrom('record_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    expect((await lastAudit()).entity_kind).toBe('link');
  });

  it('a worker raises a concern about Amira, sees it, and it is sent to Leeds, Birch House’s commissioner', async () => {
    const raised = await worker.post(URL, aboutAmira());
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      serviceName: 'Birch House', personName: 'Amira K.', status: 'raised', categories: ['organisational', 'physical'],
      locationOfRisk: 'own_home', sourceOfRisk: 'service_provider', policeInvolved: false, cqcNotificationRequired: true,
      contributoryFactors: ['staff_workload', 'supervision_and_leadership'], raisedBy: { name: 'Test support_worker' },
      localAuthority: { id: world.commissioners.leeds.id, name: 'Leeds City Council' }, referredToLaAt: null, closedAt: null,
    });
    expect(raised.body.timescales.items.map((t: { rule: string; state: string }) => [t.rule, t.state]))
      .toEqual([['refer_to_local_authority', 'due_soon'], ['notify_cqc', 'due_soon']]);
    // Workers see where a concern has got to, not the reasoning of the decisions about it.
    expect(raised.body.decisions).toBeUndefined();

    const seen = await worker.get(`${URL}/${raised.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: raised.body.id, personName: 'Amira K.', narrative: expect.stringContaining('bruising') });
    const listed = await worker.get(`${URL}?personId=${world.people.amira.id}`);
    expect(listed.body.items.map((c: { id: number }) => c.id)).toContain(raised.body.id);
    expect((await auditOf(raised.body.id)).map((e) => e.action)).toEqual(['create', 'read']);
  });

  it('the safeguarding lead takes a concern from referral to closure, and the decision log tells the story in order', async () => {
    const raisedAt = hoursAgo(3);
    const { body: concern } = await worker.post(URL, aboutAmira({ raisedAt }));
    const patch = (body: Record<string, unknown>) => lead.patch(`${URL}/${concern.id}`, body);

    const referred = await patch({ referredToLaAt: hoursAgo(2), laReference: 'LCC-ASC-2291', reason: 'Injury with an allegation against staff: meets the threshold to refer.' });
    expect(referred.status).toBe(200);
    expect(referred.body).toMatchObject({ status: 'referred', laReference: 'LCC-ASC-2291' });
    expect(referred.body.timescales.items[0]).toMatchObject({ rule: 'refer_to_local_authority', state: 'met' });

    const decided = await patch({ laDecision: 'section_42_enquiry', reason: 'Leeds triage: all three s42 criteria met (care needs, abuse alleged, cannot protect herself).' });
    expect(decided.body).toMatchObject({ status: 'enquiry', laDecision: 'section_42_enquiry', laDecisionAt: expect.any(String) });

    const requestedOn = londonDate(raisedAt);
    const caused = await patch({
      causedEnquiry: true, causedEnquiryRequestedOn: requestedOn, causedEnquiryDueOn: addCalendarDays(requestedOn, 20),
      reason: 'Leeds asked us to make the enquiry: we hold the rotas and the care records.',
    });
    expect(caused.body).toMatchObject({ causedEnquiry: true, causedEnquiryDueOn: addCalendarDays(requestedOn, 20) });
    expect(caused.body.timescales.items.find((t: { rule: string }) => t.rule === 'complete_enquiry')).toMatchObject({ state: 'pending' });

    // Plan, Making Safeguarding Personal and capacity are recorded without being decisions.
    const planned = await patch({
      safeguardingPlan: 'Two staff for personal care; daily body map; weekly check-in with Amira.', mspAsked: 'yes_outcomes_expressed',
      mspDesiredOutcomes: 'Amira wants to feel safe at bath time and choose who helps her.', lackedCapacity: 'yes', advocateInvolved: true,
    });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({ mspAsked: 'yes_outcomes_expressed', lackedCapacity: 'yes', advocateInvolved: true });

    await patch({ cqcNotifiedAt: hoursAgo(1), reason: 'Allegation of abuse: notifiable under regulation 18.' });
    const outcome = await patch({
      enquiryOutcome: 'risk_identified_action_taken', riskOutcome: 'risk_reduced', causedEnquiryCompletedOn: londonDate(new Date()),
      reason: 'Enquiry found rushed personal care on short-staffed shifts; staff member retrained and supervised; rota changed.',
    });
    expect(outcome.body).toMatchObject({ status: 'outcome_recorded', enquiryOutcome: 'risk_identified_action_taken', riskOutcome: 'risk_reduced' });

    const closed = await patch({ mspAchieved: 'partially', closedAt: new Date().toISOString(), reason: 'Outcome agreed with Amira and her advocate; plan continues under review.' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', mspAchieved: 'partially' });

    const { body: story } = await lead.get(`${URL}/${concern.id}`);
    expect(story.decisions.map((d: { kind: string }) => d.kind)).toEqual([
      'raised', 'referred', 'la_decision', 'caused_enquiry', 'cqc_notified', 'outcome', 'risk_outcome', 'closed',
    ]);
    expect(story.decisions[0]).toMatchObject({ by: { name: 'Test support_worker', userId: world.accounts.support_worker.id }, reason: null });
    expect(story.decisions.slice(1).every((d: { by: { userId: number } }) => d.by.userId === world.accounts.safeguarding_lead.id)).toBe(true);
    expect(story.decisions[1]).toMatchObject({ summary: expect.stringMatching(/^Referred to Leeds City Council on .+ \(reference LCC-ASC-2291\)$/), reason: expect.stringMatching(/threshold to refer/) });
    expect(story.decisions[2]).toMatchObject({ value: 'section_42_enquiry', summary: 'Local authority decision: Section 42 enquiry', reason: expect.stringMatching(/s42 criteria/) });
    expect(story.decisions[6]).toMatchObject({ value: 'risk_reduced', reason: expect.stringMatching(/retrained/) });
    const times = story.decisions.map((d: { at: string }) => d.at);
    expect([...times].sort()).toEqual(times);
    expect(story.timescales.items.map((t: { rule: string; state: string }) => [t.rule, t.state])).toEqual([
      ['refer_to_local_authority', 'met'], ['notify_cqc', 'met'], ['complete_enquiry', 'met'],
    ]);

    // A closed concern stays closed until reopened; later thoughts go in the log as notes.
    expect((await patch({ safeguardingPlan: 'changed' })).status).toBe(409);
    const note = await lead.post(`${URL}/${concern.id}/decisions`, {
      kind: 'sar_considered', summary: 'Safeguarding Adults Review not needed', reason: 'No serious harm; agencies worked well together.',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'sar_considered', by: { name: 'Test safeguarding_lead' }, reason: expect.stringMatching(/agencies/) });
    const { body: after } = await manager.get(`${URL}/${concern.id}`);
    expect(after.decisions.at(-1)).toMatchObject({ id: note.body.id, kind: 'sar_considered' });

    // The log is append-only, down to the database.
    await expect(database.db.updateTable('safeguarding_decisions').set({ reason: 'rewritten' }).where('concern_id', '=', concern.id).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('safeguarding_decisions').where('concern_id', '=', concern.id).execute()).rejects.toThrow(/append-only/);
  });

  it('a decision without a reason is refused, naming the reason, and nothing is written', async () => {
    const { body: concern } = await worker.post(URL, aboutAmira());
    const before = await counts();
    const response = await lead.patch(`${URL}/${concern.id}`, { referredToLaAt: hoursAgo(1) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect(await counts()).toEqual(before);
    expect((await lead.get(`${URL}/${concern.id}`)).body.referredToLaAt).toBeNull();
  });

  it('a worker cannot change a concern (403) nor see one at Rowan Court (404); nor can a manager outside it', async () => {
    const { body: amiras } = await worker.post(URL, aboutAmira());
    const bens = await lead.post(URL, aboutBen());
    expect(bens.status).toBe(201);
    expect(bens.body.localAuthority).toEqual({ id: world.commissioners.kent.id, name: 'Kent County Council' });

    const before = await counts();
    expect((await worker.patch(`${URL}/${amiras.id}`, { safeguardingPlan: 'Worker edits' })).status).toBe(403);
    expect((await worker.post(`${URL}/${amiras.id}/decisions`, { summary: 'x', reason: 'y' })).status).toBe(403);
    expect((await quality.patch(`${URL}/${amiras.id}`, { safeguardingPlan: 'Quality edits' })).status).toBe(403);
    expect((await worker.get(`${URL}/${bens.body.id}`)).status).toBe(404);
    expect((await manager.get(`${URL}/${bens.body.id}`)).status).toBe(404);
    expect((await manager.patch(`${URL}/${bens.body.id}`, { safeguardingPlan: 'Manager edits' })).status).toBe(404);
    expect((await worker.get(`${URL}/999999`)).status).toBe(404);
    expect((await worker.get(`${URL}?serviceId=${world.services.rowan.id}`)).status).toBe(404);
    const raiseAtRowan = await worker.post(URL, aboutBen());
    expect(raiseAtRowan.status).toBe(400);
    expect(raiseAtRowan.body.errors[0].path).toBe('serviceId');
    expect(await counts()).toEqual(before); // refusals write nothing, not even to the audit trail

    const { body: workerList } = await worker.get(URL);
    expect(workerList.items.length).toBeGreaterThan(0);
    expect(workerList.items.every((c: { serviceId: number }) => c.serviceId === world.services.birch.id)).toBe(true);
    const { body: leadList } = await lead.get(URL);
    expect(leadList.items.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([amiras.id, bens.body.id]));
    expect((await quality.get(`${URL}/${bens.body.id}`)).status).toBe(200);
  });

  describe('validation', () => {
    let enquiryId: number;
    beforeAll(async () => {
      const { body } = await worker.post(URL, aboutAmira({ raisedAt: hoursAgo(5) }));
      enquiryId = body.id;
      await lead.patch(`${URL}/${enquiryId}`, { referredToLaAt: hoursAgo(4), laDecision: 'section_42_enquiry', reason: 'Meets s42 criteria.' });
    });

    it.each([
      ['an unknown abuse category', 'POST', () => aboutAmira({ categories: ['physical', 'bullying'] }), 'categories.1'],
      ['no abuse category', 'POST', () => aboutAmira({ categories: [] }), 'categories'],
      ['a person who is not supported by that service', 'POST', () => aboutAmira({ personId: world.people.ben.id }), 'personId'],
      ['a concern raised in the future', 'POST', () => aboutAmira({ raisedAt: new Date(Date.now() + 3_600_000).toISOString() }), 'raisedAt'],
      ['an unknown local authority', 'POST', () => aboutAmira({ localAuthorityId: 999_999 }), 'localAuthorityId'],
      ['a risk outcome without the matching outcome', 'PATCH', () => ({ enquiryOutcome: 'no_risk_action_taken', riskOutcome: 'risk_removed', reason: 'Enquiry done.' }), 'riskOutcome'],
      ['MSP achieved when no outcomes were expressed', 'PATCH', () => ({ mspAsked: 'yes_none_expressed', mspAchieved: 'fully' }), 'mspAchieved'],
      ['closing without an outcome', 'PATCH', () => ({ mspAsked: 'no', closedAt: new Date().toISOString(), reason: 'Done.' }), 'closedAt'],
      ['a referral before the concern was raised', 'PATCH', () => ({ referredToLaAt: hoursAgo(48), reason: 'Backdated.' }), 'referredToLaAt'],
      ['an unknown field', 'PATCH', () => ({ capacity: 'yes' }), 'capacity'],
      ['a reason with nothing to change', 'PATCH', () => ({ reason: 'Just noting.' }), '(body)'],
    ])('refuses %s with a problem naming the field, and writes nothing', async (_name, method, body, path) => {
      const before = await counts();
      const url = method === 'POST' ? URL : `${URL}/${enquiryId}`;
      const response = await lead.request(method, url, JSON.stringify(body()));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await counts()).toEqual(before);
    });

    it('says in plain words everything missing before a concern can close', async () => {
      const response = await lead.patch(`${URL}/${enquiryId}`, { closedAt: new Date().toISOString(), reason: 'Done.' });
      expect(response.status).toBe(400);
      const messages = (response.body.errors as { path: string; message: string }[]).filter((e) => e.path === 'closedAt').map((e) => e.message);
      expect(messages).toEqual([
        'Before closing, record the outcome of the enquiry.',
        'Before closing, record whether the person was asked what they wanted to happen (Making Safeguarding Personal).',
      ]);
    });

    it('leaves the concern as it was after a refused change', async () => {
      const { body } = await lead.get(`${URL}/${enquiryId}`);
      expect(body).toMatchObject({ status: 'enquiry', enquiryOutcome: null, riskOutcome: null, mspAsked: null, closedAt: null });
    });
  });

  it('the worklist shows an unreferred concern after its deadline, and drops it once referred', async () => {
    const { body: late } = await worker.post(URL, aboutAmira({ raisedAt: hoursAgo(240) }));
    const { body: fresh } = await worker.post(URL, aboutAmira({ raisedAt: hoursAgo(1), cqcNotificationRequired: false }));
    const { body: rowanLate } = await lead.post(URL, aboutBen({ raisedAt: hoursAgo(240) }));
    const itemsFor = (list: any[], id: number) => list.filter((i) => i.concernId === id);

    const { body: worklist } = await lead.get('/api/v1/safeguarding/worklist');
    const lateItems = itemsFor(worklist.items, late.id);
    expect(lateItems.map((i: { rule: string }) => i.rule).sort()).toEqual(['notify_cqc', 'refer_to_local_authority']);
    const referral = lateItems.find((i: { rule: string }) => i.rule === 'refer_to_local_authority');
    expect(referral).toMatchObject({ state: 'overdue', personName: 'Amira K.', serviceName: 'Birch House', summary: expect.stringMatching(/^Refer to the local authority by the end of .*: overdue by \d+ days/) });
    expect(referral.minutesOverdue).toBeGreaterThan(3 * 24 * 60);
    expect(Date.parse(referral.dueAt)).toBeLessThan(Date.now());
    expect(itemsFor(worklist.items, fresh.id)).toEqual([expect.objectContaining({ rule: 'refer_to_local_authority', state: 'due_soon' })]);
    expect(itemsFor(worklist.items, rowanLate.id)).toHaveLength(2);
    const dues = worklist.items.map((i: { dueAt: string }) => i.dueAt);
    expect([...dues].sort()).toEqual(dues); // most urgent first

    // Scoped: the Birch House worker's list has no Rowan Court items.
    const { body: workers } = await worker.get('/api/v1/safeguarding/worklist');
    expect(itemsFor(workers.items, late.id)).toHaveLength(2);
    expect(itemsFor(workers.items, rowanLate.id)).toHaveLength(0);

    const overdueIds = async () => (await lead.get(`${URL}?overdue=true&serviceId=${world.services.birch.id}`)).body.items.map((c: { id: number }) => c.id);
    expect(await overdueIds()).toContain(late.id);
    expect(await overdueIds()).not.toContain(fresh.id);

    await lead.patch(`${URL}/${late.id}`, { referredToLaAt: hoursAgo(1), laReference: 'LCC-ASC-3001', reason: 'Found unreferred on the worklist; referred now.' });
    const { body: afterReferral } = await lead.get('/api/v1/safeguarding/worklist');
    expect(itemsFor(afterReferral.items, late.id).map((i: { rule: string }) => i.rule)).toEqual(['notify_cqc']);
    const { body: record } = await lead.get(`${URL}/${late.id}`);
    expect(record.timescales.items[0]).toMatchObject({ rule: 'refer_to_local_authority', state: 'met_late', summary: expect.stringMatching(/done \d+ days? .*late/) });

    await lead.patch(`${URL}/${late.id}`, { cqcNotifiedAt: hoursAgo(0.5), reason: 'Notified CQC.' });
    expect(itemsFor((await lead.get('/api/v1/safeguarding/worklist')).body.items, late.id)).toEqual([]);
    expect(await overdueIds()).not.toContain(late.id);
  });

  it('follows the timescales a local authority sets, which only administrators change', async () => {
    expect((await lead.put(`/api/v1/safeguarding/timescales/${world.commissioners.kent.id}`, { referralWorkingDays: 0, cqcNotificationHours: 12, enquiryWorkingDays: 20 })).status).toBe(403);
    const set = await admin.put(`/api/v1/safeguarding/timescales/${world.commissioners.kent.id}`, { referralWorkingDays: 0, cqcNotificationHours: 12, enquiryWorkingDays: 20 });
    expect(set.status).toBe(200);
    const { body: all } = await lead.get('/api/v1/safeguarding/timescales');
    expect(all.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ localAuthorityName: 'Kent County Council', referralWorkingDays: 0, cqcNotificationHours: 12, source: 'local_authority' }),
      expect.objectContaining({ localAuthorityName: 'Leeds City Council', referralWorkingDays: 1, cqcNotificationHours: 24, source: 'default' }),
    ]));
    const raisedAt = hoursAgo(2);
    const { body: bens } = await lead.post(URL, aboutBen({ raisedAt }));
    expect(bens.timescales.settings).toEqual({ referralWorkingDays: 0, cqcNotificationHours: 12, enquiryWorkingDays: 20, source: 'local_authority' });
    const cqc = bens.timescales.items.find((t: { rule: string }) => t.rule === 'notify_cqc');
    expect(Date.parse(cqc.dueAt) - Date.parse(raisedAt)).toBe(12 * 3_600_000);
  });

  it('audits every read: one concern, the list and the worklist, with who and from where', async () => {
    const { body: concern } = await worker.post(URL, aboutAmira());
    const before = (await auditOf(concern.id)).length;
    await lead.get(`${URL}/${concern.id}`);
    const entries = await auditOf(concern.id);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ action: 'read', actor_user_id: world.accounts.safeguarding_lead.id, ip: '203.0.113.77' });

    await lead.get(`${URL}?status=raised`);
    expect(await lastAudit()).toMatchObject({ action: 'list', entity_kind: 'safeguarding_concern', actor_user_id: world.accounts.safeguarding_lead.id });
    await manager.get('/api/v1/safeguarding/worklist');
    expect(await lastAudit()).toMatchObject({ action: 'list', entity_kind: 'safeguarding_concern', actor_user_id: world.accounts.service_manager.id, summary: expect.stringMatching(/worklist/) });

    const changed = await lead.patch(`${URL}/${concern.id}`, { safeguardingPlan: 'Daily check-ins.' });
    expect(changed.status).toBe(200);
    expect((await auditOf(concern.id)).at(-1)).toMatchObject({ action: 'update', summary: 'safeguardingPlan' });
  });
});
