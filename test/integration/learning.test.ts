import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';
import * as structure from '../../src/server/services/structure.service.js';
import * as users from '../../src/server/services/users.service.js';
import { escalateOverdue } from '../../src/server/services/learning.service.js';
import { csvRecords } from '../support/csv.js';
import { ukToday } from '../../src/domain/restrictions.js';
import { addCalendarDays } from '../../src/domain/working-days.js';

// The whole loop through HTTP: records → learning response → lesson → shares and answers → actions → a new
// support plan version → training → "you said, we did", with the bad input and access denials along the way.
describe.each(testDialects())('learning loop on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let w: World;
  let worker: Client, manager: Client, rowanManager: Client, quality: Client, guardian: Client, board: Client, commissioner: Client;
  let cedarId: number;
  const today = ukToday();
  const future = addCalendarDays(today, 30);

  const count = async (table: 'lesson_shares' | 'actions' | 'audit_log' | 'training_assignments' | 'person_documents' | 'learning_responses') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    w = await buildWorld(database);
    const cedar = await structure.createService(w.ctx, { ref: 'CEDAR', name: 'Cedar Lodge', type: 'day_service', regionId: w.regions.south.id, capacity: 8, commissionerIds: [] });
    cedarId = cedar.id;
    await users.createUser(w.ctx, { email: 'rowan-manager@test.lantern', name: 'Rowan Manager', role: 'service_manager', password: PASSWORD, allServices: false, serviceIds: [w.services.rowan.id], commissionerId: null });
    app = await testApp(database);
    worker = await signedIn(app, w.accounts.support_worker.email, PASSWORD, '198.51.100.1');
    manager = await signedIn(app, w.accounts.service_manager.email, PASSWORD, '198.51.100.2');
    rowanManager = await signedIn(app, 'rowan-manager@test.lantern', PASSWORD, '198.51.100.3');
    quality = await signedIn(app, w.accounts.quality_lead.email, PASSWORD, '198.51.100.4');
    guardian = await signedIn(app, w.accounts.speak_up_guardian.email, PASSWORD, '198.51.100.5');
    board = await signedIn(app, w.accounts.board_member.email, PASSWORD, '198.51.100.6');
    commissioner = await signedIn(app, w.accounts.commissioner.email, PASSWORD, '198.51.100.7');
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  // Shared across the steps below, which run in order.
  let incidentId: number, complaintId: number, responseId: number, lessonId: number, planActionId: number;
  const statement = 'Agency staff on evening shifts need a handover of Amira’s communication passport before starting.';

  it('starts a learning response from records, bringing their contributory factors along', async () => {
    const incident = await worker.post('/api/v1/incidents', {
      serviceId: w.services.birch.id, personIds: [w.people.amira.id], occurredAt: `${addCalendarDays(today, -10)}T18:40:00Z`, harmPhysical: 'none', harmPsychological: 'low',
      narrative: 'Amira became distressed at the evening handover; agency staff did not know her signs.', contributoryFactors: ['communication_systems', 'staff_workload'],
    });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    incidentId = incident.body.id;
    const complaint = await worker.post('/api/v1/complaints', {
      kind: 'complaint', serviceId: w.services.birch.id, receivedAt: `${addCalendarDays(today, -8)}T10:00:00Z`, raisedBy: 'family', channel: 'phone',
      subject: 'Evening care', narrative: 'Amira’s sister says evening staff do not know how Amira communicates.',
    });
    expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
    complaintId = complaint.body.id;

    const started = await quality.post('/api/v1/learning-responses', {
      type: 'AAR', title: 'Evening handovers at Birch House', serviceId: w.services.birch.id, startedOn: today,
      findings: 'Agency staff start without a handover of communication needs.',
      participants: { person: true, family: true, advocate: false, staff: true, names: ['Amira', 'Chloe Evans'] },
      evidence: [{ source: 'incident', id: incidentId }, { source: 'complaint', id: complaintId }, { source: 'pattern', key: 'time_hotspot:service:1:evening' }],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    responseId = started.body.id;
    expect(started.body.contributoryFactors.sort()).toEqual(['communication_systems', 'staff_workload']);
    expect(started.body.evidence.map((e: { source: string }) => e.source)).toEqual(['incident', 'complaint', 'pattern']);
    expect(started.body.participants).toEqual({ person: true, family: true, advocate: false, staff: true, names: ['Amira', 'Chloe Evans'] });
    expect(started.body.typeLabel).toBe('After action review');

    const updated = await quality.patch(`/api/v1/learning-responses/${responseId}`, {
      status: 'completed', findings: 'Agency staff start evening shifts without a handover of Amira’s communication needs.',
      contributoryFactors: ['communication_systems', 'staff_workload', 'training_and_education'],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ status: 'completed', contributoryFactors: ['communication_systems', 'staff_workload', 'training_and_education'] });
    expect((await worker.patch(`/api/v1/learning-responses/${responseId}`, { status: 'in_progress' })).status).toBe(403);

    const read = await worker.get(`/api/v1/learning-responses/${responseId}`);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Evening handovers at Birch House');
  });

  it('refuses evidence out of reach and roles that may not start a response, writing nothing', async () => {
    const before = await count('learning_responses');
    const rowanIncident = await quality.post('/api/v1/incidents', {
      serviceId: w.services.rowan.id, personIds: [w.people.ben.id], occurredAt: `${addCalendarDays(today, -3)}T09:00:00Z`, harmPhysical: 'none', harmPsychological: 'none', narrative: 'Ben left the building.',
    });
    const outOfReach = await manager.post('/api/v1/learning-responses', {
      type: 'SWARM_huddle', title: 'Huddle', serviceId: w.services.birch.id, startedOn: today,
      participants: { person: false, family: false, advocate: false, staff: true }, evidence: [{ source: 'incident', id: rowanIncident.body.id }],
    });
    expect(outOfReach.status).toBe(400);
    expect(outOfReach.body.errors).toEqual([expect.objectContaining({ path: 'evidence.0' })]);
    const orgWide = await manager.post('/api/v1/learning-responses', {
      type: 'thematic_review', title: 'Everywhere', startedOn: today, participants: { person: false, family: false, advocate: false, staff: true },
    });
    expect(orgWide.status).toBe(400);
    expect(orgWide.body.errors[0].path).toBe('serviceId');
    const byBoard = await board.post('/api/v1/learning-responses', {
      type: 'PSII', title: 'x', serviceId: w.services.birch.id, startedOn: today, participants: { person: false, family: false, advocate: false, staff: false },
    });
    expect(byBoard.status).toBe(403);
    expect(await count('learning_responses')).toBe(before);
    // A Rowan response is invisible (404) to Birch's manager.
    const rowanResponse = await quality.post('/api/v1/learning-responses', {
      type: 'SWARM_huddle', title: 'Ben left the building', serviceId: w.services.rowan.id, startedOn: today,
      participants: { person: false, family: false, advocate: false, staff: true }, evidence: [{ source: 'incident', id: rowanIncident.body.id }],
    });
    expect(rowanResponse.status).toBe(201);
    expect((await manager.get(`/api/v1/learning-responses/${rowanResponse.body.id}`)).status).toBe(404);
    const list = await manager.get('/api/v1/learning-responses');
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([responseId]);
  });

  it('records a lesson from the response and finds it in the learning library', async () => {
    const made = await quality.post('/api/v1/lessons', { statement, scope: { type: 'service', id: w.services.birch.id }, learningResponseId: responseId });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    lessonId = made.body.id;
    expect(made.body.contributoryFactors).toEqual(['communication_systems', 'staff_workload', 'training_and_education']);
    expect(made.body.evidence).toHaveLength(3);
    expect(made.body.learningResponse).toEqual({ id: responseId, title: 'Evening handovers at Birch House', type: 'AAR' });
    expect(made.body.coverage.text).toBe('not shared with other services');

    const found = await worker.get('/api/v1/lessons?q=communication%20PASSPORT');
    expect(found.body.items.map((l: { id: number }) => l.id)).toEqual([lessonId]);
    expect((await worker.get('/api/v1/lessons?q=nothing-like-this')).body.items).toEqual([]);
    // The library also searches the response's findings.
    expect((await worker.get('/api/v1/lessons?q=needs')).body.total).toBe(1);
    expect((await worker.get('/api/v1/lessons?factor=staff_workload')).body.total).toBe(1);
    // Not yet shared: Rowan's manager cannot find it, nor read it.
    expect((await rowanManager.get('/api/v1/lessons?q=passport')).body.items).toEqual([]);
    expect((await rowanManager.get(`/api/v1/lessons/${lessonId}`)).status).toBe(404);
    expect((await commissioner.get('/api/v1/lessons')).status).toBe(403);
  });

  it('shares the lesson with two services; out-of-scope services are refused with nothing written', async () => {
    const beforeShares = await count('lesson_shares');
    const beforeAudit = await count('audit_log');
    const refused = await manager.post(`/api/v1/lessons/${lessonId}/share`, { serviceIds: [w.services.rowan.id] });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([{ path: 'serviceIds.0', message: 'No such service, or it is outside your services.' }]);
    expect(await count('lesson_shares')).toBe(beforeShares);
    expect(await count('audit_log')).toBe(beforeAudit);

    const shared = await quality.post(`/api/v1/lessons/${lessonId}/share`, { serviceIds: [w.services.rowan.id, cedarId] });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.shares.map((s: { service: { name: string } }) => s.service.name)).toEqual(['Cedar Lodge', 'Rowan Court']);
    expect(shared.body.shares[0].dueOn > today).toBe(true);
    expect(shared.body.coverage).toEqual({ shared: 2, answered: 0, overdue: 0, text: 'acknowledged by 0 of 2 services' });
    const again = await quality.post(`/api/v1/lessons/${lessonId}/share`, { serviceIds: [cedarId] });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].path).toBe('serviceIds.0');

    // Now shared, Rowan's manager finds it in the library and answers for Rowan; Birch's manager cannot.
    expect((await rowanManager.get('/api/v1/lessons?q=passport')).body.total).toBe(1);
    const rowanShare = shared.body.shares.find((s: { service: { id: number } }) => s.service.id === w.services.rowan.id);
    expect((await manager.post(`/api/v1/lesson-shares/${rowanShare.id}/answer`, { applies: 'yes', whatWeDid: 'x' })).status).toBe(404);
    const missingWhat = await rowanManager.post(`/api/v1/lesson-shares/${rowanShare.id}/answer`, { applies: 'partly' });
    expect(missingWhat.status).toBe(400);
    expect(missingWhat.body.errors[0].path).toBe('whatWeDid');
    const answered = await rowanManager.post(`/api/v1/lesson-shares/${rowanShare.id}/answer`, { applies: 'partly', whatWeDid: 'Added the passport to our agency induction pack.' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ applies: 'partly', answeredBy: 'Rowan Manager', isOverdue: false });
    expect((await rowanManager.post(`/api/v1/lesson-shares/${rowanShare.id}/answer`, { applies: 'no' })).status).toBe(409);

    // Time passes: Cedar Lodge's answer is overdue.
    await database.db.updateTable('lesson_shares').set({ due_on: addCalendarDays(today, -1) }).where('lesson_id', '=', lessonId).where('service_id', '=', cedarId).execute();
    const lesson = await quality.get(`/api/v1/lessons/${lessonId}`);
    expect(lesson.body.coverage).toEqual({ shared: 2, answered: 1, overdue: 1, text: 'acknowledged by 1 of 2 services, 1 overdue' });
  });

  it('names the person behind a person-level lesson only within their own services', async () => {
    const personal = await quality.post('/api/v1/lessons', { statement: 'Amira settles better with a visual timetable in the evening.', scope: { type: 'person', id: w.people.amira.id } });
    expect(personal.status, JSON.stringify(personal.body)).toBe(201);
    expect(personal.body.scope).toEqual({ type: 'person', id: w.people.amira.id, name: 'Amira K.' });
    expect((await quality.post(`/api/v1/lessons/${personal.body.id}/share`, { serviceIds: [w.services.rowan.id] })).status).toBe(200);
    const elsewhere = await rowanManager.get(`/api/v1/lessons/${personal.body.id}`);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.scope.name).toBe('A person supported at another service');
    expect(JSON.stringify(elsewhere.body)).not.toContain('Amira K.');
  });

  it('refuses an action without an owner, due date or measure, changing nothing', async () => {
    const good = {
      lessonId, type: 'support_plan', description: 'Add a one-page communication passport to Amira’s support plan and read it at every handover.',
      owner: { userId: w.accounts.service_manager.id }, dueOn: future, measure: { key: 'restrictive_interventions', scope: { type: 'person', id: w.people.amira.id } },
    };
    const before = { actions: await count('actions'), audit: await count('audit_log') };
    for (const field of ['owner', 'dueOn', 'measure'] as const) {
      const { [field]: _dropped, ...without } = good;
      const response = await manager.post('/api/v1/actions', without);
      expect(response.status, field).toBe(400);
      expect(response.body.errors.map((e: { path: string }) => e.path), field).toContain(field);
    }
    const emptyOwner = await manager.post('/api/v1/actions', { ...good, owner: {} });
    expect(emptyOwner.body.errors[0].path).toBe('owner');
    const unknownMeasure = await manager.post('/api/v1/actions', { ...good, measure: { key: 'happiness', scope: { type: 'organisation' } } });
    expect(unknownMeasure.body.errors[0].path).toBe('measure.key');
    // A share (a percentage) cannot carry a before/after rate verdict, so it is refused when the action is made, not at review.
    const share = await manager.post('/api/v1/actions', { ...good, measure: { key: 'prone_over_10_min_share', scope: { type: 'person', id: w.people.amira.id } } });
    expect(share.status).toBe(400);
    expect(share.body.errors[0].path).toBe('measure.key');
    const outOfScope = await manager.post('/api/v1/actions', { ...good, measure: { key: 'restrictive_interventions', scope: { type: 'person', id: w.people.ben.id } } });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.errors[0].path).toBe('measure.scope.id');
    expect({ actions: await count('actions'), audit: await count('audit_log') }).toEqual(before);

    const made = await manager.post('/api/v1/actions', good);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    planActionId = made.body.id;
    expect(made.body).toMatchObject({
      status: 'open', personId: w.people.amira.id, serviceId: w.services.birch.id, owner: { userId: w.accounts.service_manager.id, name: 'Test service_manager' },
      measure: { key: 'restrictive_interventions', name: 'Restrictive interventions', scope: { type: 'person', id: w.people.amira.id } }, actionDate: null,
      reviewOn: addCalendarDays(future, 91), isOverdue: false, verdict: null,
    });
    // A person's actions (what the add-version form offers), and nobody else's.
    const amiras = await manager.get<{ items: { id: number; personId: number | null }[]; total: number }>(`/api/v1/actions?personId=${w.people.amira.id}`);
    expect(amiras.body.items.map((a) => a.id)).toContain(planActionId);
    expect(amiras.body.items.every((a) => a.personId === w.people.amira.id)).toBe(true);
    expect((await manager.get<{ items: unknown[] }>(`/api/v1/actions?personId=${w.people.ben.id}`)).body.items).toEqual([]);
    const open = await manager.get<{ items: { id: number; status: string }[] }>(`/api/v1/actions?personId=${w.people.amira.id}&open=true`);
    expect(open.body.items.map((a) => a.id)).toContain(planActionId);
    expect(open.body.items.every((a) => a.status === 'open' || a.status === 'in_progress')).toBe(true);
    expect((await manager.get('/api/v1/actions?personId=abc')).status).toBe(400);
    // A plan action completes only through a new version of the plan.
    const direct = await manager.patch(`/api/v1/actions/${planActionId}`, { status: 'completed', completionEvidence: 'Done.' });
    expect(direct.status).toBe(409);
    expect(direct.body.errors[0].path).toBe('status');
  });

  it('completes the action with a new support plan version, and shows the version in force on any date', async () => {
    const v1 = await manager.post(`/api/v1/people/${w.people.amira.id}/documents`, {
      kind: 'support_plan', inForceFrom: '2026-01-01', reviewOn: '2026-12-31', summary: 'Amira likes a calm evening routine.',
      attachment: { name: 'plan-v1.txt', contentType: 'text/plain', base64: Buffer.from('Support plan version 1').toString('base64') },
    });
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, changedBecause: null, attachment: { name: 'plan-v1.txt', contentType: 'text/plain', size: 22 } });
    const wrongKind = await manager.post(`/api/v1/people/${w.people.amira.id}/documents`, {
      kind: 'risk_assessment', inForceFrom: today, reviewOn: future, summary: 'x', actionId: planActionId,
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0].path).toBe('actionId');

    const v2 = await manager.post(`/api/v1/people/${w.people.amira.id}/documents`, {
      kind: 'support_plan', inForceFrom: today, reviewOn: future, summary: 'Communication passport read at every handover.', actionId: planActionId,
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(v2.body.changedBecause).toEqual({ lessonId, actionId: planActionId, statement, text: `Changed because of the lesson: “${statement}”` });

    const action = await manager.get(`/api/v1/actions/${planActionId}`);
    expect(action.body).toMatchObject({ status: 'completed', completedOn: today, actionDate: today, documents: [{ id: v2.body.id, kind: 'support_plan', version: 2 }] });

    const all = await worker.get(`/api/v1/people/${w.people.amira.id}/documents`);
    expect(all.body.items.map((d: { version: number; supersededOn: string | null }) => [d.version, d.supersededOn])).toEqual([[1, today], [2, null]]);
    const earlier = await worker.get(`/api/v1/people/${w.people.amira.id}/documents?on=2026-06-01`);
    expect(earlier.body.items.map((d: { version: number }) => d.version)).toEqual([1]);
    const now = await worker.get(`/api/v1/people/${w.people.amira.id}/documents?on=${today}`);
    expect(now.body.items.map((d: { version: number }) => d.version)).toEqual([2]);
    expect((await worker.get(`/api/v1/people/${w.people.amira.id}/documents?on=2025-06-01`)).body.items).toEqual([]);
    const file = await worker.get(`/api/v1/people/${w.people.amira.id}/documents/${v1.body.id}/attachment`);
    expect(file.status).toBe(200);
    expect(file.body).toBe('Support plan version 1');
    // Out of scope and role denials.
    expect((await manager.get(`/api/v1/people/${w.people.ben.id}/documents`)).status).toBe(404);
    expect((await board.get(`/api/v1/people/${w.people.amira.id}/documents`)).status).toBe(403);
    expect((await worker.post(`/api/v1/people/${w.people.amira.id}/documents`, { kind: 'support_plan', inForceFrom: today, reviewOn: future, summary: 'x' })).status).toBe(403);
    // Reading a person's documents is audited.
    const reads = await database.db.selectFrom('audit_log').select('summary').where('entity_kind', '=', 'person_document').where('action', '=', 'read').execute();
    expect(reads.length).toBeGreaterThanOrEqual(4);
  });

  it('closes as effective only with an effective verdict or a lead’s override reason', async () => {
    const noVerdict = await manager.patch(`/api/v1/actions/${planActionId}`, { status: 'closed', closedAs: 'effective' });
    expect(noVerdict.status).toBe(409);
    expect(noVerdict.body.errors[0].path).toBe('closedAs');
    const notALead = await manager.patch(`/api/v1/actions/${planActionId}`, { status: 'closed', closedAs: 'effective', overrideReason: 'Staff say it works.' });
    expect(notALead.status).toBe(403);
    const early = await quality.post(`/api/v1/actions/${planActionId}/evaluate`, {});
    expect(early.status).toBe(409);
    expect(early.body.errors[0].path).toBe('reviewOn');
    // Past its review date, an action is judged and the verdict kept on it; with no events recorded there is too little to go on.
    const reviewed = await quality.post('/api/v1/actions', {
      lessonId, type: 'staffing', description: 'A familiar permanent worker leads every evening shift.', owner: { userId: w.accounts.service_manager.id },
      dueOn: '2026-02-01', reviewOn: addCalendarDays(today, -1), actionDate: '2026-02-01',
      measure: { key: 'restrictive_interventions', scope: { type: 'service', id: w.services.birch.id } },
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    const evaluated = await quality.post(`/api/v1/actions/${reviewed.body.id}/evaluate`, {});
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
    expect(evaluated.body.verdict).toBe('insufficient_data');
    expect(evaluated.body.explanation.length).toBeGreaterThan(20);
    const judged = await quality.get(`/api/v1/actions/${reviewed.body.id}`);
    expect(judged.body).toMatchObject({ verdict: 'insufficient_data', verdictExplanation: evaluated.body.explanation });
    expect(judged.body.evaluatedAt).not.toBeNull();
    // The verdict is marked on the measure's chart at the action month, linked to the action; judging again replaces it.
    await quality.post(`/api/v1/actions/${reviewed.body.id}/evaluate`, {});
    const chart = await quality.get(`/api/v1/measures/restrictive_interventions/series?scope=service:${w.services.birch.id}&from=2025-06&to=2026-06`);
    const markers = chart.body.annotations.filter((a: { link: { kind: string; id: number } | null }) => a.link?.kind === 'action' && a.link.id === reviewed.body.id);
    expect(markers).toEqual([expect.objectContaining({ period: '2026-02', kind: 'action', label: 'Staffing: not enough data yet' })]);
    expect((await worker.post(`/api/v1/actions/${reviewed.body.id}/evaluate`, {})).status).toBe(403);
    await quality.patch(`/api/v1/actions/${reviewed.body.id}`, { status: 'completed', completionEvidence: 'Rota changed from February.' });
    const unsupported = await quality.patch(`/api/v1/actions/${reviewed.body.id}`, { status: 'closed', closedAs: 'effective' });
    expect(unsupported.status).toBe(409);
    expect(unsupported.body.detail).toContain('insufficient_data');

    const overridden = await quality.patch(`/api/v1/actions/${planActionId}`, {
      status: 'closed', closedAs: 'effective', overrideReason: 'Family and staff report far fewer distressed evenings; too soon for the chart.',
    });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
    expect(overridden.body).toMatchObject({ status: 'closed', closedAs: 'effective', overrideBy: 'Test quality_lead', closedOn: today });
  });

  it('assigns training from a workforce development action and reports compliance per service', async () => {
    const course = await quality.post('/api/v1/training/courses', { title: 'Communication passports', validityMonths: 12 });
    expect(course.status).toBe(201);
    const action = await manager.post('/api/v1/actions', {
      lessonId, type: 'workforce_development', description: 'Train Birch House staff in communication passports.', owner: { staffId: w.staff.chloe.id },
      dueOn: future, measure: { key: 'restrictive_interventions', scope: { type: 'service', id: w.services.birch.id } },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    expect(action.body.owner).toEqual({ userId: null, staffId: w.staff.chloe.id, name: 'Chloe Evans' });
    const tooSoon = await manager.patch(`/api/v1/actions/${action.body.id}`, { status: 'completed', completionEvidence: 'Training booked.' });
    expect(tooSoon.status).toBe(409);

    const before = await count('training_assignments');
    const outOfScope = await manager.post('/api/v1/training/assignments', { courseId: course.body.id, serviceIds: [w.services.birch.id, w.services.rowan.id], actionId: action.body.id });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.errors).toEqual([expect.objectContaining({ path: 'serviceIds.1' })]);
    expect(await count('training_assignments')).toBe(before);

    const assigned = await manager.post('/api/v1/training/assignments', { courseId: course.body.id, serviceIds: [w.services.birch.id], actionId: action.body.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    expect(assigned.body.items.map((a: { staff: { name: string } }) => a.staff.name)).toEqual(['Chloe Evans']);
    const twice = await manager.post('/api/v1/training/assignments', { courseId: course.body.id, staffIds: [w.staff.chloe.id] });
    expect(twice.body).toEqual({ items: [], skipped: 1 });
    const done = await manager.post(`/api/v1/training/assignments/${assigned.body.items[0].id}/complete`, { completedOn: today });
    expect(done.status).toBe(200);
    expect(done.body.expiresOn).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28'));
    const completed = await manager.patch(`/api/v1/actions/${action.body.id}`, { status: 'completed', completionEvidence: 'All Birch House staff assigned; Chloe has completed it.' });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', trainingAssigned: 1 });

    // Dev at Rowan completed a one-month course long ago: expired.
    const short = await quality.post('/api/v1/training/courses', { title: 'Fire safety refresher', validityMonths: 1 });
    const devs = await quality.post('/api/v1/training/assignments', { courseId: short.body.id, staffIds: [w.staff.dev.id] });
    await database.db.updateTable('training_assignments').set({ assigned_on: '2024-01-01' }).where('id', '=', devs.body.items[0].id).execute();
    const old = await quality.post(`/api/v1/training/assignments/${devs.body.items[0].id}/complete`, { completedOn: '2024-01-31' });
    expect(old.body.expiresOn).toBe('2024-02-29');

    const compliance = await quality.get('/api/v1/training/compliance');
    const byName = Object.fromEntries(compliance.body.services.map((s: { serviceName: string }) => [s.serviceName, s]));
    expect(byName['Birch House']).toMatchObject({ assigned: 1, completed: 1, expired: 0, outstanding: 0, percentCompliant: 100 });
    expect(byName['Rowan Court']).toMatchObject({ assigned: 1, completed: 0, expired: 1, outstanding: 0, percentCompliant: 0 });
    expect(byName['Cedar Lodge']).toMatchObject({ assigned: 0, percentCompliant: null });
    const mine = await manager.get('/api/v1/training/compliance');
    expect(mine.body.services.map((s: { serviceName: string }) => s.serviceName)).toEqual(['Birch House']);
    expect((await manager.get(`/api/v1/training/compliance?serviceId=${w.services.rowan.id}`)).status).toBe(404);
  });

  it('lists overdue actions and escalates them, with unanswered shares, to managers and the quality lead', async () => {
    const late = await manager.post('/api/v1/actions', {
      lessonId, type: 'policy', description: 'Write the evening handover into the shift procedure.', owner: { userId: w.accounts.service_manager.id },
      dueOn: addCalendarDays(today, -2), measure: { key: 'restrictive_interventions', scope: { type: 'service', id: w.services.birch.id } },
    });
    expect(late.status).toBe(201);
    expect(late.body.isOverdue).toBe(true);
    const overdue = await manager.get('/api/v1/actions?overdue=true');
    expect(overdue.body.items.map((a: { id: number }) => a.id)).toEqual([late.body.id]);

    const first = await escalateOverdue(database);
    expect(first).toEqual({ actions: 1, shares: 1 }); // the completed staffing action, though past due, is not escalated
    expect(await escalateOverdue(database)).toEqual({ actions: 0, shares: 0 });

    const lead = await quality.get('/api/v1/worklist/learning');
    expect(lead.status).toBe(200);
    expect(lead.body.actions.map((a: { id: number }) => a.id)).toEqual([late.body.id]);
    expect(lead.body.shares.map((s: { service: { name: string }; lessonStatement: string }) => [s.service.name, s.lessonStatement])).toEqual([['Cedar Lodge', statement]]);
    const birch = await manager.get('/api/v1/worklist/learning');
    expect(birch.body.actions.map((a: { id: number }) => a.id)).toEqual([late.body.id]);
    expect(birch.body.shares).toEqual([]);
    const rowan = await rowanManager.get('/api/v1/worklist/learning');
    expect(rowan.body).toEqual({ actions: [], shares: [] });
    expect((await worker.get('/api/v1/worklist/learning')).body.actions).toEqual([]);
  });

  it('exports learning responses, the learning library and actions as CSV, with the filters on screen and within scope', async () => {
    const responses = csvRecords(await quality.get('/api/v1/learning-responses?format=csv'), 'learning-responses');
    expect(responses.header).toEqual(['id', 'type', 'title', 'service', 'started_on', 'status', 'findings', 'contributory_factors', 'evidence', 'lessons', 'created_by', 'created_at']);
    const handovers = responses.rows.find((r) => r.id === String(responseId))!;
    expect(handovers).toMatchObject({ type: 'AAR', title: 'Evening handovers at Birch House', service: 'Birch House', lessons: '1' });
    expect(handovers.contributory_factors!.split('; ')).toContain('staff_workload');
    // The Birch manager's export holds what their list holds, no more: not Rowan's response.
    const birchList = await manager.get('/api/v1/learning-responses?limit=100');
    expect(csvRecords(await manager.get('/api/v1/learning-responses?format=csv'), 'learning-responses').rows.map((r) => Number(r.id)))
      .toEqual(birchList.body.items.map((r: { id: number }) => r.id));

    const library = csvRecords(await worker.get('/api/v1/lessons?q=passport&format=csv'), 'lessons');
    expect(library.rows).toHaveLength(1);
    expect(library.rows[0]).toMatchObject({ id: String(lessonId), statement, scope: 'service', scope_name: 'Birch House', shared_with: '2', answered: '1' });
    expect(csvRecords(await rowanManager.get('/api/v1/lessons?factor=staff_workload&format=csv'), 'lessons').rows.map((r) => r.id)).toEqual([String(lessonId)]);
    expect((await commissioner.get('/api/v1/lessons?format=csv')).status).toBe(403);

    const overdue = csvRecords(await manager.get('/api/v1/actions?overdue=true&format=csv'), 'actions');
    expect(overdue.rows.map((r) => [r.type, r.overdue, r.status])).toEqual([['policy', 'Y', 'open']]);
    expect(overdue.rows[0]).toMatchObject({ lesson: statement, measure: 'Restrictive interventions', measure_scope: 'service' });
    expect((await manager.get('/api/v1/actions?format=pdf')).status).toBe(400);
  });

  it('shows the reporter what their reports led to ("you said, we did")', async () => {
    const outcomes = await worker.get('/api/v1/my-reports/outcomes');
    expect(outcomes.status).toBe(200);
    const incident = outcomes.body.items.find((i: { source: string; id: number }) => i.source === 'incident' && i.id === incidentId);
    expect(incident.lessons).toHaveLength(1);
    expect(incident.lessons[0].statement).toBe(statement);
    expect(incident.lessons[0].actions.map((a: { typeLabel: string }) => a.typeLabel)).toEqual([
      'Revise support plan guidance', 'Staffing', 'Targeted workforce development', 'Policy or procedure',
    ]);
    expect(incident.lessons[0].actions[0].text).toMatch(/^Revise support plan guidance: Add a one-page communication passport .* \(done on \d{1,2} [A-Z][a-z]{2} \d{4}\)\.$/);
    expect(incident.text).toMatch(/^You reported an incident \(INC-\d{6}\) on \d{1,2} [A-Z][a-z]{2} \d{4}\. It led to 1 lesson and 4 actions\.$/);
    const complaint = outcomes.body.items.find((i: { source: string; id: number }) => i.source === 'complaint' && i.id === complaintId);
    expect(complaint.lessons[0].statement).toBe(statement);
    // Someone who reported nothing sees nothing.
    expect((await rowanManager.get('/api/v1/my-reports/outcomes')).body.items).toEqual([]);
  });

  it('tells an anonymous speak-up reporter what their report led to, through the receipt key only', async () => {
    const raised = await worker.post('/api/v1/speak-up', { mode: 'anonymous', whatHappened: 'Night staff prop the fire door open for smoking.' });
    expect(raised.status).toBe(201);
    const { id: concernId, receiptKey } = raised.body as { id: number; receiptKey: string };
    // Nobody but the guardian may draw on a speak-up report.
    const byLead = await quality.post('/api/v1/learning-responses', {
      type: 'thematic_review', title: 'Fire doors', startedOn: today, participants: { person: false, family: false, advocate: false, staff: true },
      evidence: [{ source: 'speak_up', id: concernId }],
    });
    expect(byLead.status).toBe(400);
    const byGuardian = await guardian.post('/api/v1/learning-responses', {
      type: 'thematic_review', title: 'Fire doors', startedOn: today, participants: { person: false, family: false, advocate: false, staff: true },
      evidence: [{ source: 'speak_up', id: concernId }],
    });
    expect(byGuardian.status, JSON.stringify(byGuardian.body)).toBe(201);
    const lesson = await quality.post('/api/v1/lessons', {
      statement: 'Fire doors must never be propped open; smoking areas are signposted.', scope: { type: 'organisation' }, learningResponseId: byGuardian.body.id,
    });
    expect(lesson.status, JSON.stringify(lesson.body)).toBe(201);
    // Others learn that a speak-up report was drawn on, not which.
    expect(lesson.body.evidence).toEqual([{ source: 'speak_up', id: null, key: null, label: 'A speak-up report' }]);
    await quality.post('/api/v1/actions', {
      lessonId: lesson.body.id, type: 'environment', description: 'Fit alarmed hold-open devices to fire doors.', owner: { userId: w.accounts.quality_lead.id },
      dueOn: future, measure: { key: 'incidents', scope: { type: 'organisation' } },
    });

    const auditBefore = await count('audit_log');
    const stranger = new (worker.constructor as new (app: App, ip: string) => Client)(app, '192.0.2.77');
    const followUp = await stranger.post('/api/v1/speak-up/follow-up', { receiptKey });
    expect(followUp.status).toBe(200);
    expect(followUp.body.outcomes).toEqual([{
      statement: 'Fire doors must never be propped open; smoking areas are signposted.',
      actions: [expect.objectContaining({ typeLabel: 'Change to the environment', description: 'Fit alarmed hold-open devices to fire doors.', status: 'open' })],
    }]);
    expect(JSON.stringify(followUp.body)).not.toMatch(/quality_lead|guardian|Test /);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('publishes the learning contract in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = (JSON.parse(response.body) as { paths: Record<string, Record<string, unknown>> }).paths;
    for (const [path, method] of [
      ['/api/v1/learning-responses', 'post'], ['/api/v1/lessons', 'post'], ['/api/v1/lessons/{id}/share', 'post'], ['/api/v1/actions', 'post'],
      ['/api/v1/actions/{id}/evaluate', 'post'], ['/api/v1/people/{id}/documents', 'get'], ['/api/v1/lesson-shares/{id}/answer', 'post'],
      ['/api/v1/training/compliance', 'get'], ['/api/v1/my-reports/outcomes', 'get'], ['/api/v1/worklist/learning', 'get'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it('audits every change in the loop', async () => {
    const kinds = await database.db.selectFrom('audit_log').select(['entity_kind', 'action']).where('action', 'in', ['create', 'update']).execute();
    const seen = new Set(kinds.map((k) => `${k.action}:${k.entity_kind}`));
    for (const k of ['create:learning_response', 'create:lesson', 'update:lesson', 'update:lesson_share', 'create:action', 'update:action', 'create:person_document', 'create:course', 'create:training_assignment', 'update:training_assignment', 'update:learning_escalation']) {
      expect(seen, k).toContain(k);
    }
  });
});
