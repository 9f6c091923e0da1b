import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';

/** An evening incident at Birch House: Amira, supported by Chloe, restrained twice. */
function eveningIncident(w: World, overrides: Record<string, unknown> = {}) {
  return {
    serviceId: w.services.birch.id,
    personIds: [w.people.amira.id],
    occurredAt: '2026-11-20T18:40:00Z',
    location: 'Lounge',
    antecedent: 'Television turned off for the evening routine; the kitchen was locked.',
    behaviour: 'Amira hit out at staff and threw a chair.',
    consequence: 'Staff moved other residents away and used a planned hold.',
    settingEvents: ['poor_sleep', 'noise'],
    harmPhysical: 'low',
    harmPsychological: 'moderate',
    narrative: 'After tea Amira became distressed when the television went off. Verbal de-escalation and offering her music did not help.',
    staffIds: [w.staff.chloe.id],
    contributoryFactors: ['staff_workload', 'physical_environment'],
    restrictiveInterventions: [
      {
        typeCode: '01', reasonCode: '10', startedAt: '2026-11-20T18:45:00Z', endedAt: '2026-11-20T18:57:00Z', isPlanned: false,
        deescalationTried: 'Calm voice, offered music and space', staffIds: [w.staff.chloe.id], injuryPerson: false, injuryStaff: true,
        debriefPerson: false, debriefPersonReason: 'Amira was asleep; planned for the morning', debriefStaff: true,
      },
      {
        typeCode: '11', reasonCode: '10', startedAt: '2026-11-20T18:57:00Z', endedAt: '2026-11-20T19:03:30Z', isPlanned: true,
        staffIds: [w.staff.chloe.id], debriefPerson: true, debriefStaff: true,
      },
    ],
    ...overrides,
  };
}

describe.each(testDialects())('incidents on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let worker: Client;
  let manager: Client;
  let agencyWorkerId: number;
  let cara: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    agencyWorkerId = (await manager.post('/api/v1/staff', { name: 'Kai Mensah', jobTitle: 'Agency support worker', employmentType: 'agency', serviceIds: [world.services.birch.id] })).body.id;
    cara = (await manager.post('/api/v1/people', {
      ref: 'P-CARA', displayName: 'Cara B.', serviceId: world.services.birch.id, learningDisability: true, autism: false, legalStatus: 'informal', startDate: '2024-01-08',
    })).body.id;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('a support worker records an incident with two restrictive interventions; durations are derived', async () => {
    const response = await worker.post('/api/v1/incidents', eveningIncident(world));
    expect(response.status).toBe(201);
    const incident = response.body;
    expect(incident).toMatchObject({
      serviceName: 'Birch House', people: [{ displayName: 'Amira K.' }], harmPhysical: 'low', harmPsychological: 'moderate',
      settingEvents: ['noise', 'poor_sleep'], contributoryFactors: ['physical_environment', 'staff_workload'], status: 'submitted',
      reportedBy: 'Test support_worker', isAgencyInvolved: false, staff: [{ name: 'Chloe Evans', employmentType: 'permanent' }],
    });
    expect(incident.restrictiveInterventions).toHaveLength(2);
    expect(incident.restrictiveInterventions[0]).toMatchObject({
      typeCode: '01', typeLabel: 'Physical restraint – prone', durationMinutes: 12, isPlanned: false, personId: world.people.amira.id,
      injuryStaff: true, debriefPerson: false, debriefPersonReason: 'Amira was asleep; planned for the morning', staff: [{ name: 'Chloe Evans' }],
    });
    expect(incident.restrictiveInterventions[1]).toMatchObject({ typeCode: '11', durationMinutes: 7, isPlanned: true, deescalationTried: '' });
    // Recorded without a reference, it gets one to quote at handover, the same as reading it back gives.
    expect(incident.ref).toBe(`INC-${String(incident.id).padStart(6, '0')}`);
    const trail = await database.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('entity_kind', '=', 'incident').where('entity_id', '=', String(incident.id)).execute();
    expect(trail).toEqual([{ action: 'create', actor_user_id: world.accounts.support_worker.id }]);
    expect((await worker.get(`/api/v1/incidents/${incident.id}`)).body.ref).toBe(incident.ref);
  });

  it('flags agency involvement from the staff record, not from the form', async () => {
    const response = await worker.post('/api/v1/incidents', eveningIncident(world, { staffIds: [world.staff.chloe.id, agencyWorkerId], restrictiveInterventions: [] }));
    expect(response.status).toBe(201);
    expect(response.body.isAgencyInvolved).toBe(true);
    expect(response.body.restrictiveInterventions).toEqual([]);
  });

  it.each([
    ['an end before the start', (w: World) => eveningIncident(w, { restrictiveInterventions: [{ ...eveningIncident(w).restrictiveInterventions[1], endedAt: '2026-11-20T18:50:00Z' }] }), ['restrictiveInterventions.0.endedAt']],
    ['a time in the future', (w: World) => eveningIncident(w, { occurredAt: '2099-01-01T10:00:00Z', restrictiveInterventions: [] }), ['occurredAt']],
    ['a time in the year 0000 (a slip for 2026)', (w: World) => eveningIncident(w, { occurredAt: '0000-01-01T10:00:00Z', restrictiveInterventions: [] }), ['occurredAt']],
    ['an unused national code (02)', (w: World) => eveningIncident(w, { restrictiveInterventions: [{ ...eveningIncident(w).restrictiveInterventions[1], typeCode: '02' }] }), ['restrictiveInterventions.0.typeCode']],
    ['a person from another service', (w: World) => eveningIncident(w, { personIds: [w.people.ben.id], restrictiveInterventions: [] }), ['personIds.0']],
    ['a staff member from another service', (w: World) => eveningIncident(w, { staffIds: [w.staff.dev.id], restrictiveInterventions: [] }), ['staffIds.0']],
    ['no debrief and no reason why', (w: World) => eveningIncident(w, { restrictiveInterventions: [{ ...eveningIncident(w).restrictiveInterventions[0], debriefPersonReason: undefined }] }), ['restrictiveInterventions.0.debriefPersonReason']],
    ['an unknown harm level and contributory factor', (w: World) => eveningIncident(w, { harmPhysical: 'catastrophic', contributoryFactors: ['bad_luck'] }), ['harmPhysical', 'contributoryFactors.0']],
    ['a restrictive intervention on nobody', (w: World) => eveningIncident(w, { personIds: [] }), ['personIds']],
    ['two people and an intervention that does not say which was restricted', (w: World) => eveningIncident(w, {
      personIds: [w.people.amira.id, cara], restrictiveInterventions: [{ ...eveningIncident(w).restrictiveInterventions[1], personId: cara }, eveningIncident(w).restrictiveInterventions[0]],
    }), ['restrictiveInterventions.1.personId']],
  ])('refuses %s, naming the field, and writes nothing', async (_name, body, paths) => {
    const before = await database.db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await worker.post('/api/v1/incidents', body(world));
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    const after = await database.db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('keeps a worker to their own service, and board, commissioner and guardian away from incidents', async () => {
    const elsewhere = await worker.post('/api/v1/incidents', eveningIncident(world, { serviceId: world.services.rowan.id, personIds: [], staffIds: [], restrictiveInterventions: [] }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors[0].path).toBe('serviceId');
    const lead = await signedIn(app, world.accounts.safeguarding_lead.email, PASSWORD);
    const atRowan = await lead.post('/api/v1/incidents', eveningIncident(world, { serviceId: world.services.rowan.id, personIds: [world.people.ben.id], staffIds: [world.staff.dev.id], restrictiveInterventions: [] }));
    expect(atRowan.status).toBe(201);
    expect((await worker.get(`/api/v1/incidents/${atRowan.body.id}`)).status).toBe(404);
    expect((await worker.get('/api/v1/incidents')).body.items.every((i: { serviceName: string }) => i.serviceName === 'Birch House')).toBe(true);
    for (const role of ['board_member', 'commissioner', 'speak_up_guardian'] as const) {
      const client = await signedIn(app, world.accounts[role].email, PASSWORD);
      expect((await client.get(`/api/v1/incidents/${atRowan.body.id}`)).status, role).toBe(403);
      expect((await client.post('/api/v1/incidents', eveningIncident(world))).status, role).toBe(403);
    }
  });

  it('a manager asks for a correction; the reporter corrects it and the original stays in the history', async () => {
    const created = (await worker.post('/api/v1/incidents', eveningIncident(world, { restrictiveInterventions: [] }))).body;
    // The worker cannot review, nor correct before being asked.
    expect((await worker.post(`/api/v1/incidents/${created.id}/review`, { decision: 'reviewed' })).status).toBe(403);
    expect((await worker.post(`/api/v1/incidents/${created.id}/corrections`, { reason: 'typo', changes: { location: 'Kitchen' } })).status).toBe(403);

    const noComment = await manager.post(`/api/v1/incidents/${created.id}/review`, { decision: 'correction_requested' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0].path).toBe('comment');
    const asked = await manager.post(`/api/v1/incidents/${created.id}/review`, { decision: 'correction_requested', comment: 'Was this in the kitchen? The kitchen was mentioned.' });
    expect(asked.body.status).toBe('correction_requested');

    const corrected = await worker.post(`/api/v1/incidents/${created.id}/corrections`, { reason: 'It started in the kitchen doorway', changes: { location: 'Kitchen doorway', harmPhysical: 'low' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.location).toBe('Kitchen doorway');
    expect(corrected.body.status).toBe('submitted');
    const correction = corrected.body.notes.find((n: { kind: string }) => n.kind === 'correction');
    expect(correction.changes).toEqual({ location: { from: 'Lounge', to: 'Kitchen doorway' } });
    expect(correction.text).toBe('It started in the kitchen doorway');

    const unchanged = await manager.post(`/api/v1/incidents/${created.id}/corrections`, { reason: 'no-op', changes: { location: 'Kitchen doorway' } });
    expect(unchanged.status).toBe(400);

    await worker.post(`/api/v1/incidents/${created.id}/addenda`, { text: 'Amira said this morning the noise upstairs kept her awake.' });
    const reviewed = await manager.post(`/api/v1/incidents/${created.id}/review`, { decision: 'reviewed', comment: 'Discussed at handover.' });
    expect(reviewed.body.status).toBe('reviewed');
    expect(reviewed.body.notes.map((n: { kind: string; authorName: string }) => [n.kind, n.authorName])).toEqual([
      ['correction_request', 'Test service_manager'], ['correction', 'Test support_worker'], ['addendum', 'Test support_worker'], ['review', 'Test service_manager'],
    ]);
    expect(reviewed.body.narrative).toBe(created.narrative);
  });

  it('exports the list to CSV with the same filters, every page', async () => {
    const json = await manager.get(`/api/v1/incidents?personId=${world.people.amira.id}`);
    const csv = await manager.get(`/api/v1/incidents?personId=${world.people.amira.id}&format=csv&limit=1`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(String(csv.headers['content-disposition'])).toMatch(/attachment; filename="?incidents-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = String(csv.body).trim().split(/\r\n/);
    expect(lines[0]).toBe('id,ref,occurred_at,service,people,location,harm_physical,harm_psychological,restrictive_interventions,status');
    expect(lines).toHaveLength(json.body.total + 1);
    expect(lines.slice(1).every((line) => line.includes('Birch House'))).toBe(true);
    expect((await worker.get('/api/v1/incidents?format=xml')).status).toBe(400);
  });

  it('a manager corrects an intervention: its type and end; the history keeps what it said, and the counts follow', async () => {
    const { body: recorded } = await worker.post('/api/v1/incidents', eveningIncident(world, { occurredAt: '2026-05-12T18:40:00Z', restrictiveInterventions: [
      { ...eveningIncident(world).restrictiveInterventions[1], startedAt: '2026-05-12T18:45:00Z', endedAt: '2026-05-12T18:50:00Z' },
    ] }));
    const episode = recorded.restrictiveInterventions[0];
    const snapshot = () => database.db.selectFrom('monthly_counts').select(['scope_type', 'scope_id', 'metric', 'period', 'value'])
      .where('value', '!=', 0).orderBy('scope_type').orderBy('scope_id').orderBy('metric').orderBy('period').execute();
    const count = async (metric: string) => Number((await database.db.selectFrom('monthly_counts').select('value').where('scope_type', '=', 'service')
      .where('scope_id', '=', world.services.birch.id).where('metric', '=', metric).where('period', '=', '2026-05').executeTakeFirst())?.value ?? 0);
    expect(await count('prone_restraints')).toBe(0);

    // Refused, naming the fields: an end before the start, and an episode of another incident.
    const wrong = await manager.post(`/api/v1/incidents/${recorded.id}/corrections`, {
      reason: 'Wrong times', changes: { restrictiveInterventions: [{ id: episode.id, endedAt: '2026-05-12T18:40:00Z' }, { id: 999_999, typeCode: '07' }] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['changes.restrictiveInterventions.0.endedAt', 'changes.restrictiveInterventions.1.id']);
    expect(await count('prone_restraints')).toBe(0);

    // It was a prone hold, and lasted 12 minutes 30 seconds.
    const corrected = await manager.post(`/api/v1/incidents/${recorded.id}/corrections`, {
      reason: 'The night manager saw it: Amira was held face down until 18:57.',
      changes: { restrictiveInterventions: [{ id: episode.id, typeCode: '01', endedAt: '2026-05-12T18:57:30Z', injuryPerson: true }] },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.restrictiveInterventions[0]).toMatchObject({ id: episode.id, typeCode: '01', durationMinutes: 13, injuryPerson: true });
    const note = corrected.body.notes.find((n: { kind: string }) => n.kind === 'correction');
    expect(note.changes).toEqual({
      'restrictiveInterventions.1.typeCode': { from: '11', to: '01' },
      'restrictiveInterventions.1.endedAt': { from: '2026-05-12T18:50:00.000Z', to: '2026-05-12T18:57:30Z' },
      'restrictiveInterventions.1.injuryPerson': { from: false, to: true },
    });
    expect(await count('prone_restraints')).toBe(1);
    expect(await count('prone_over_10_min')).toBe(1);
    const kept = await snapshot();
    await rebuildRollups(database);
    expect(await snapshot()).toEqual(kept);
  });

  it('corrects who was involved, in the incident and in an episode; the agency flag follows, and the history names them', async () => {
    const { body: recorded } = await worker.post('/api/v1/incidents', eveningIncident(world, { occurredAt: '2026-04-14T18:40:00Z', restrictiveInterventions: [
      { ...eveningIncident(world).restrictiveInterventions[1], startedAt: '2026-04-14T18:45:00Z', endedAt: '2026-04-14T18:50:00Z' },
    ] }));
    expect(recorded.isAgencyInvolved).toBe(false);
    const episode = recorded.restrictiveInterventions[0];

    // Refused, naming each field: a staff member of another service, in the incident and in the episode; nothing changes.
    const wrong = await manager.post(`/api/v1/incidents/${recorded.id}/corrections`, {
      reason: 'Dev was there too', changes: { staffIds: [world.staff.chloe.id, world.staff.dev.id], restrictiveInterventions: [{ id: episode.id, staffIds: [world.staff.dev.id] }] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['changes.staffIds.1', 'changes.restrictiveInterventions.0.staffIds.0']);
    expect((await manager.get(`/api/v1/incidents/${recorded.id}`)).body.staff.map((s: { name: string }) => s.name)).toEqual(['Chloe Evans']);

    // Kai (agency) held Amira with Chloe, and was involved in the incident.
    const corrected = await manager.post(`/api/v1/incidents/${recorded.id}/corrections`, {
      reason: 'The rota shows Kai was on shift and helped with the hold.',
      changes: { staffIds: [world.staff.chloe.id, agencyWorkerId], restrictiveInterventions: [{ id: episode.id, staffIds: [agencyWorkerId, world.staff.chloe.id] }] },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.isAgencyInvolved).toBe(true);
    expect(corrected.body.staff.map((s: { name: string }) => s.name)).toEqual(['Chloe Evans', 'Kai Mensah']);
    expect(corrected.body.restrictiveInterventions[0].staff.map((s: { name: string }) => s.name)).toEqual(['Chloe Evans', 'Kai Mensah']);
    const note = corrected.body.notes.find((n: { kind: string }) => n.kind === 'correction');
    expect(note.changes).toEqual({
      staffIds: { from: ['Chloe Evans'], to: ['Chloe Evans', 'Kai Mensah'] },
      'restrictiveInterventions.1.staffIds': { from: ['Chloe Evans'], to: ['Chloe Evans', 'Kai Mensah'] },
    });

    // The same staff in another order is no change; taking Kai off again clears the agency flag.
    expect((await manager.post(`/api/v1/incidents/${recorded.id}/corrections`, { reason: 'same', changes: { staffIds: [agencyWorkerId, world.staff.chloe.id] } })).status).toBe(400);
    const back = await manager.post(`/api/v1/incidents/${recorded.id}/corrections`, {
      reason: 'Kai arrived after it ended.', changes: { staffIds: [world.staff.chloe.id], restrictiveInterventions: [{ id: episode.id, staffIds: [world.staff.chloe.id] }] },
    });
    expect(back.body.isAgencyInvolved).toBe(false);
  });

  it('gives a recorded incident a reference of its own even when an import took the obvious one', async () => {
    const next = Number((await database.db.selectFrom('incidents').select((eb) => eb.fn.max('id').as('top')).executeTakeFirstOrThrow()).top) + 1;
    await manager.post('/api/v1/incidents', eveningIncident(world, { ref: `INC-${String(next + 1).padStart(6, '0')}`, restrictiveInterventions: [] }));
    const recorded = await worker.post('/api/v1/incidents', eveningIncident(world, { restrictiveInterventions: [] }));
    expect(recorded.body.id).toBe(next + 1);
    expect(recorded.body.ref).toBe(`INC-${String(next + 1).padStart(6, '0')}-A`);
  });

  it('filters by days in England, the last day whole, and by who reported it', async () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in England; 22:00 UTC on 31 July is 23:00 that evening.
    const early = await worker.post('/api/v1/incidents', eveningIncident(world, { occurredAt: '2026-06-30T23:30:00Z', restrictiveInterventions: [] }));
    const late = await manager.post('/api/v1/incidents', eveningIncident(world, { occurredAt: '2026-07-31T22:00:00Z', restrictiveInterventions: [] }));
    const july = await manager.get('/api/v1/incidents?from=2026-07-01&to=2026-07-31&limit=100');
    expect(july.body.items.map((i: { id: number }) => i.id).sort()).toEqual([early.body.id, late.body.id].sort());
    const june = await manager.get('/api/v1/incidents?from=2026-06-01&to=2026-06-30&limit=100');
    expect(june.body.items.map((i: { id: number }) => i.id)).not.toContain(early.body.id);
    const mine = await worker.get('/api/v1/incidents?reportedByMe=true&from=2026-07-01&to=2026-07-31');
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([early.body.id]);
  });

  it('lists incidents for a person, and those with restrictive interventions', async () => {
    const forAmira = await manager.get(`/api/v1/incidents?personId=${world.people.amira.id}`);
    expect(forAmira.status).toBe(200);
    expect(forAmira.body.total).toBeGreaterThanOrEqual(3);
    expect(forAmira.body.items.every((i: { people: { displayName: string }[] }) => i.people.some((p) => p.displayName === 'Amira K.'))).toBe(true);
    const withRestraint = await manager.get('/api/v1/incidents?hasIntervention=true');
    expect(withRestraint.body.items.every((i: { interventionCount: number }) => i.interventionCount > 0)).toBe(true);
    expect(withRestraint.body.items[0].interventionCount).toBe(2);
  });
});
