import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

const restriction = (serviceId: number, personId: number | undefined, description: string, category: string) => ({
  serviceId, ...(personId ? { personId } : {}), category, description, legalBasis: 'best_interests_decision',
  alternativesConsidered: 'Talked through with the person and family.', startedOn: '2026-03-01', reviewDueOn: '2027-03-01',
});

/** An evening at Birch House: Amira is held after the television goes off and the kitchen is locked. */
const eveningIncident = (w: World) => ({
  serviceId: w.services.birch.id, personIds: [w.people.amira.id], occurredAt: '2026-11-20T18:40:00Z', location: 'Lounge',
  antecedent: 'Television turned off for the evening routine; the kitchen was locked.', behaviour: 'Amira hit out at staff.',
  harmPhysical: 'low', harmPsychological: 'moderate', narrative: 'Amira became distressed when she could not get a drink.',
  staffIds: [w.staff.chloe.id],
  restrictiveInterventions: [{
    typeCode: '11', reasonCode: '10', startedAt: '2026-11-20T18:45:00Z', endedAt: '2026-11-20T18:52:00Z', isPlanned: true,
    staffIds: [w.staff.chloe.id], debriefPerson: true, debriefStaff: true,
  }],
});

describe.each(testDialects())('restrictive practice reviews on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let worker: Client;
  let manager: Client;
  let lead: Client;
  let kitchenId: number;
  let prnId: number;
  let caraRestrictionId: number;
  let benRestrictionId: number;
  let incidentId: number;
  let caraId: number;

  const reviewCount = async () => Number((await database.db.selectFrom('practice_reviews').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const debrief = (w: World, overrides: Record<string, unknown> = {}) => ({
    kind: 'post_incident', incidentId, personId: w.people.amira.id, serviceId: w.services.birch.id, heldOn: '2026-11-21',
    participants: { person: true, family: true, advocate: false, staff: true, staffIds: [w.staff.chloe.id] },
    assessments: [
      { restrictionId: kitchenId, isNecessary: false, isProportionate: false, isLeastRestrictive: false, note: 'Amira wanted a drink; the lock started this.' },
      { restrictionId: prnId, isNecessary: true, isProportionate: true, isLeastRestrictive: true },
    ],
    whatCouldBeDifferent: 'Offer a drink before the television goes off; leave the kitchen open with a worker nearby.',
    contributoryFactors: ['physical_environment', 'policy_and_procedures'],
    recommendations: ['Challenge the kitchen lock at the next team meeting', 'Add a drinks routine to Amira’s support plan'],
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    lead = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    const birch = world.services.birch.id;
    caraId = (await manager.post('/api/v1/people', {
      ref: 'P-CARA', displayName: 'Cara M.', serviceId: birch, learningDisability: true, autism: true, legalStatus: 'informal', startDate: '2024-01-01',
    })).body.id;
    kitchenId = (await manager.post('/api/v1/restrictions', restriction(birch, undefined, 'Kitchen locked after 20:00', 'environmental'))).body.id;
    prnId = (await manager.post('/api/v1/restrictions', restriction(birch, world.people.amira.id, 'PRN lorazepam for severe distress', 'chemical'))).body.id;
    caraRestrictionId = (await manager.post('/api/v1/restrictions', restriction(birch, caraId, 'Tablet time limited to two hours', 'internet'))).body.id;
    benRestrictionId = (await lead.post('/api/v1/restrictions', restriction(world.services.rowan.id, world.people.ben.id, 'Bank card held in the office', 'money'))).body.id;
    const incident = await worker.post('/api/v1/incidents', eveningIncident(world));
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('the manager records a debrief after Amira’s incident, judging each restriction', async () => {
    const response = await manager.post('/api/v1/reviews', debrief(world));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'post_incident', serviceName: 'Birch House', person: { id: world.people.amira.id, displayName: 'Amira K.' },
      incident: { id: incidentId, occurredAt: '2026-11-20T18:40:00.000Z' }, heldOn: '2026-11-21',
      participants: { person: true, family: true, advocate: false, staff: true, staffMembers: [{ id: world.staff.chloe.id, name: 'Chloe Evans' }] },
      contributoryFactors: ['physical_environment', 'policy_and_procedures'],
      recommendations: ['Challenge the kitchen lock at the next team meeting', 'Add a drinks routine to Amira’s support plan'],
      recordedBy: 'Test service_manager',
    });
    const byRestriction = Object.fromEntries(response.body.assessments.map((a: { restrictionId: number }) => [a.restrictionId, a]));
    expect(byRestriction[kitchenId]).toMatchObject({ isBlanket: true, description: 'Kitchen locked after 20:00', isNecessary: false, isJustified: false });
    expect(byRestriction[prnId]).toMatchObject({ isBlanket: false, category: 'chemical', isJustified: true, note: '' });
  });

  it('a periodic review of Amira’s restrictions with the person and her advocate', async () => {
    const response = await manager.post('/api/v1/reviews', debrief(world, {
      kind: 'periodic', incidentId: undefined, heldOn: '2026-11-24',
      participants: { person: true, family: false, advocate: true, staff: false, staffIds: [] },
      assessments: [{ restrictionId: prnId, isNecessary: true, isProportionate: true, isLeastRestrictive: false, note: 'Try the sensory room first for a month.' }],
      contributoryFactors: [], recommendations: ['STOMP review with the GP in January'],
    }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'periodic', incident: null, participants: { advocate: true, staff: false, staffMembers: [] },
      assessments: [{ restrictionId: prnId, isLeastRestrictive: false, isJustified: false, note: 'Try the sensory room first for a month.' }],
    });

    const amiras = await worker.get(`/api/v1/reviews?personId=${world.people.amira.id}`);
    expect(amiras.status).toBe(200);
    expect(amiras.body.items.map((r: { kind: string }) => r.kind)).toEqual(['periodic', 'post_incident']);
    const debriefs = await manager.get(`/api/v1/reviews?serviceId=${world.services.birch.id}&kind=post_incident`);
    expect(debriefs.body).toMatchObject({ total: 1, items: [{ incident: { id: incidentId } }] });
  });

  it('audits reading a review', async () => {
    const id = (await manager.get('/api/v1/reviews?kind=periodic')).body.items[0].id;
    const one = await worker.get(`/api/v1/reviews/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.recommendations).toEqual(['STOMP review with the GP in January']);
    const reads = await database.db.selectFrom('audit_log').select(['actor_user_id']).where('entity_kind', '=', 'practice_review')
      .where('entity_id', '=', String(id)).where('action', '=', 'read').execute();
    expect(reads).toEqual([{ actor_user_id: world.accounts.support_worker.id }]);
  });

  it.each([
    ['a restriction of another person', (w: World) => debrief(w, { assessments: [{ restrictionId: caraRestrictionId, isNecessary: true, isProportionate: true, isLeastRestrictive: true }] }), 'assessments.0.restrictionId'],
    ['a restriction at another service', (w: World) => debrief(w, { assessments: [{ restrictionId: benRestrictionId, isNecessary: true, isProportionate: true, isLeastRestrictive: true }] }), 'assessments.0.restrictionId'],
    ['a person from another service', (w: World) => debrief(w, { kind: 'periodic', incidentId: undefined, personId: w.people.ben.id, assessments: [] }), 'personId'],
    ['a debrief with no incident', (w: World) => debrief(w, { incidentId: undefined }), 'incidentId'],
    ['a debrief for someone not in the incident', () => debrief(world, { personId: caraId, assessments: [] }), 'incidentId'],
    ['a periodic review linked to an incident', (w: World) => debrief(w, { kind: 'periodic' }), 'incidentId'],
    ['a debrief before the incident', (w: World) => debrief(w, { heldOn: '2026-11-19' }), 'heldOn'],
    ['an unknown contributory factor', (w: World) => debrief(w, { contributoryFactors: ['bad_luck'] }), 'contributoryFactors.0'],
    ['staff from another service', (w: World) => debrief(w, { participants: { person: true, family: false, advocate: false, staff: true, staffIds: [w.staff.dev.id] } }), 'participants.staffIds.0'],
  ])('refuses %s, naming the field and writing nothing', async (_name, body, path) => {
    const before = await reviewCount();
    const response = await manager.post('/api/v1/reviews', body(world));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe(path);
    expect(await reviewCount()).toBe(before);
  });

  it('workers read reviews in their service only; the board and commissioners not at all', async () => {
    expect((await worker.post('/api/v1/reviews', debrief(world))).status).toBe(403);
    const atRowan = await lead.post('/api/v1/reviews', debrief(world, {
      kind: 'periodic', incidentId: undefined, serviceId: world.services.rowan.id, personId: world.people.ben.id, heldOn: '2026-11-10',
      participants: { person: true, family: false, advocate: false, staff: false, staffIds: [] },
      assessments: [{ restrictionId: benRestrictionId, isNecessary: true, isProportionate: true, isLeastRestrictive: true }],
    }));
    expect(atRowan.status).toBe(201);
    expect((await worker.get(`/api/v1/reviews/${atRowan.body.id}`)).status).toBe(404);
    expect((await manager.get(`/api/v1/reviews?serviceId=${world.services.rowan.id}`)).body.items).toEqual([]);
    expect((await lead.get(`/api/v1/reviews?personId=${world.people.ben.id}`)).body.total).toBe(1);
    for (const role of ['board_member', 'commissioner'] as const) {
      const outsider = await signedIn(app, world.accounts[role].email, PASSWORD);
      expect((await outsider.get('/api/v1/reviews')).status).toBe(403);
      expect((await outsider.get(`/api/v1/reviews/${atRowan.body.id}`)).status).toBe(403);
    }
  });
});
