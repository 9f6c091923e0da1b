import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';
import * as users from '../../src/server/services/users.service.js';
import { ukToday } from '../../src/domain/restrictions.js';
import { addCalendarDays } from '../../src/domain/working-days.js';

const inDays = (n: number) => addCalendarDays(ukToday(), n);

/** The kitchen at Birch House is locked every evening, for everyone who lives there. */
const kitchenLock = (w: World, overrides: Record<string, unknown> = {}) => ({
  serviceId: w.services.birch.id, category: 'environmental', description: 'Kitchen locked after 20:00',
  legalBasis: 'best_interests_decision', alternativesConsidered: 'Supervised evening snacks; a drinks station in the lounge.',
  startedOn: '2026-09-01', reviewDueOn: inDays(60), ...overrides,
});

/** Amira's as-needed medication for distress, being reduced under STOMP. */
const amiraPrn = (w: World, overrides: Record<string, unknown> = {}) => ({
  serviceId: w.services.birch.id, personId: w.people.amira.id, category: 'chemical', description: 'PRN lorazepam 0.5 mg for severe distress',
  legalBasis: 'best_interests_decision', alternativesConsidered: 'Sensory room, music and a walk with a familiar worker first.',
  startedOn: '2026-03-01', reviewDueOn: '2026-09-01', reductionPlan: 'Halve the maximum daily dose after two calm months; STOMP review with the GP.',
  reductionTargetOn: '2027-03-01', status: 'reducing', ...overrides,
});

describe.each(testDialects())('restrictions register and challenges on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let worker: Client;
  let otherWorker: Client;
  let manager: Client;
  let kitchenId: number;
  let prnId: number;
  let kitchenChallengeId: number;
  let normChallengeId: number;

  const restrictionCount = async () => Number((await database.db.selectFrom('restrictions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    await users.createUser(world.ctx, {
      email: 'night-worker@test.lantern', name: 'Test night worker', role: 'support_worker', password: PASSWORD,
      allServices: false, serviceIds: [world.services.birch.id], commissionerId: null,
    });
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    otherWorker = await signedIn(app, 'night-worker@test.lantern', PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('a manager adds a blanket kitchen restriction and Amira’s PRN, each with its legal basis', async () => {
    const kitchen = await manager.post('/api/v1/restrictions', kitchenLock(world));
    expect(kitchen.status).toBe(201);
    expect(kitchen.body).toMatchObject({
      serviceName: 'Birch House', person: null, isBlanket: true, category: 'environmental', legalBasis: 'best_interests_decision',
      legalBasisLabel: 'Best-interests decision (Mental Capacity Act 2005)', status: 'active', isReviewOverdue: false, endedOn: null,
      recordedBy: 'Test service_manager',
    });
    kitchenId = kitchen.body.id;

    const prn = await manager.post('/api/v1/restrictions', amiraPrn(world));
    expect(prn.status).toBe(201);
    expect(prn.body).toMatchObject({
      person: { id: world.people.amira.id, displayName: 'Amira K.' }, isBlanket: false, category: 'chemical', status: 'reducing',
      reductionTargetOn: '2027-03-01', categoryLabel: 'Chemical restraint, including PRN medication for behaviour',
    });
    prnId = prn.body.id;

    const blanket = await manager.get(`/api/v1/restrictions?serviceId=${world.services.birch.id}&isBlanket=true`);
    expect(blanket.body.items.map((r: { id: number }) => r.id)).toEqual([kitchenId]);
    const amiras = await worker.get(`/api/v1/restrictions?personId=${world.people.amira.id}`);
    expect(amiras.status).toBe(200);
    expect(amiras.body.items.map((r: { id: number }) => r.id)).toEqual([prnId]);
    const chemical = await manager.get('/api/v1/restrictions?category=chemical&status=reducing');
    expect(chemical.body).toMatchObject({ total: 1, items: [{ id: prnId }] });
  });

  it('flags Amira’s PRN review as overdue, and not the kitchen’s', async () => {
    const overdue = await manager.get('/api/v1/restrictions?isOverdue=true');
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: prnId, isReviewOverdue: true })]);
    expect(overdue.body.items[0].daysReviewOverdue).toBeGreaterThan(60);
    const notOverdue = await manager.get('/api/v1/restrictions?isOverdue=false');
    expect(notOverdue.body.items.map((r: { id: number }) => r.id)).toEqual([kitchenId]);
  });

  it('a worker challenges the kitchen restriction and a colleague reports an unwritten norm', async () => {
    const challenge = await worker.post(`/api/v1/restrictions/${kitchenId}/challenges`, { text: 'Amira wants a drink at night; the kitchen could stay open with a worker nearby.' });
    expect(challenge.status).toBe(201);
    expect(challenge.body).toMatchObject({
      kind: 'restriction', serviceName: 'Birch House', restriction: { id: kitchenId, description: 'Kitchen locked after 20:00' },
      isMine: true, status: 'open', outcome: null, response: null,
    });
    kitchenChallengeId = challenge.body.id;

    const norm = await otherWorker.post('/api/v1/restriction-challenges', { serviceId: world.services.birch.id, text: 'Everyone is told to be in their room by 22:00.' });
    expect(norm.status).toBe(201);
    expect(norm.body).toMatchObject({ kind: 'unwritten_norm', restriction: null, status: 'open', raisedBy: 'Test night worker' });
    normChallengeId = norm.body.id;

    const outOfScope = await worker.post('/api/v1/restriction-challenges', { serviceId: world.services.rowan.id, text: 'Phones taken at night.' });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.errors[0].path).toBe('serviceId');
  });

  it('the manager sees both in the queue and records outcomes', async () => {
    expect((await worker.get('/api/v1/restriction-challenges')).status).toBe(403);
    const queue = await manager.get('/api/v1/restriction-challenges?status=open');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toEqual([kitchenChallengeId, normChallengeId]);

    expect((await worker.post(`/api/v1/restriction-challenges/${kitchenChallengeId}/outcome`, { outcome: 'kept_with_reason', response: 'No.' })).status).toBe(403);
    const wrong = await manager.post(`/api/v1/restriction-challenges/${kitchenChallengeId}/outcome`, { outcome: 'restriction_added_to_register', response: 'Added.' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('outcome');

    const changed = await manager.patch(`/api/v1/restrictions/${kitchenId}`, {
      reason: 'Challenge by a support worker: a drinks station makes the evening lock unnecessary until 22:00.',
      description: 'Kitchen locked after 22:00; drinks station in the lounge', status: 'reducing',
      reductionPlan: 'Trial an open kitchen with a worker nearby; end the lock if no incidents in a month.', reductionTargetOn: inDays(30),
    });
    expect(changed.status).toBe(200);
    const kitchenOutcome = await manager.post(`/api/v1/restriction-challenges/${kitchenChallengeId}/outcome`, {
      outcome: 'restriction_changed', response: 'Thank you. The kitchen now stays open until 22:00 and we are trialling no lock at all.',
    });
    expect(kitchenOutcome.status).toBe(200);
    expect(kitchenOutcome.body).toMatchObject({ status: 'closed', outcome: 'restriction_changed', respondedBy: 'Test service_manager' });

    const bedtime = await manager.post('/api/v1/restrictions', kitchenLock(world, {
      category: 'other', description: 'Residents asked to be in their rooms by 22:00', alternativesConsidered: 'Quiet lounge for anyone awake.',
      startedOn: '2026-11-01', legalBasis: 'consent',
    }));
    const normOutcome = await manager.post(`/api/v1/restriction-challenges/${normChallengeId}/outcome`, {
      outcome: 'restriction_added_to_register', response: 'Now in the register for review; residents will be asked what they want.', restrictionId: bedtime.body.id,
    });
    expect(normOutcome.status).toBe(200);
    expect(normOutcome.body).toMatchObject({ outcome: 'restriction_added_to_register', restriction: { id: bedtime.body.id } });

    const again = await manager.post(`/api/v1/restriction-challenges/${normChallengeId}/outcome`, { outcome: 'not_a_restriction', response: 'Changed my mind.' });
    expect(again.status).toBe(400);
    expect((await manager.get('/api/v1/restriction-challenges?status=open')).body.items).toEqual([]);
    expect((await manager.get('/api/v1/restriction-challenges?status=closed')).body.total).toBe(2);
  });

  it('each worker sees the outcome of their own challenges only', async () => {
    const mine = await worker.get('/api/v1/restriction-challenges?mine=true');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([expect.objectContaining({
      id: kitchenChallengeId, isMine: true, outcome: 'restriction_changed', outcomeLabel: 'The restriction was changed',
      response: 'Thank you. The kitchen now stays open until 22:00 and we are trialling no lock at all.',
    })]);
    const theirs = await otherWorker.get('/api/v1/restriction-challenges?mine=true');
    expect(theirs.body.items.map((c: { id: number }) => c.id)).toEqual([normChallengeId]);
    // In the restriction itself a worker sees only their own challenge, a manager sees all of them.
    const colleagueChallenge = await otherWorker.post(`/api/v1/restrictions/${kitchenId}/challenges`, { text: 'Could residents have a key?' });
    expect(colleagueChallenge.status).toBe(201);
    const workerView = await worker.get(`/api/v1/restrictions/${kitchenId}`);
    expect(workerView.body.challenges.map((c: { id: number }) => c.id)).toEqual([kitchenChallengeId]);
    const managerView = await manager.get(`/api/v1/restrictions/${kitchenId}`);
    expect(managerView.body.challenges.map((c: { id: number }) => c.id)).toEqual([kitchenChallengeId, colleagueChallenge.body.id]);
  });

  it('keeps a history with a reason for every change, and ending needs the date it ended', async () => {
    const noReason = await manager.patch(`/api/v1/restrictions/${prnId}`, { reviewDueOn: inDays(90) });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain('reason');

    const reviewed = await manager.patch(`/api/v1/restrictions/${prnId}`, { reason: 'Reviewed with Amira, her sister and the GP.', reviewDueOn: inDays(90) });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.isReviewOverdue).toBe(false);

    const noEnd = await manager.patch(`/api/v1/restrictions/${prnId}`, { reason: 'Not used since August.', status: 'ended' });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.errors[0].path).toBe('endedOn');

    const ended = await manager.patch(`/api/v1/restrictions/${prnId}`, { reason: 'Not used since August; the GP agreed to stop it.', status: 'ended', endedOn: '2026-11-20' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedOn: '2026-11-20', isReviewOverdue: false });
    expect(ended.body.history.map((h: { field: string; from: string | null; to: string | null }) => [h.field, h.from, h.to])).toEqual([
      ['created', null, 'reducing'],
      ['reviewDueOn', '2026-09-01', inDays(90)],
      ['status', 'reducing', 'ended'],
      ['endedOn', null, '2026-11-20'],
    ]);
    for (const entry of ended.body.history) {
      expect(entry.reason).not.toBe('');
      expect(entry.by).toBe('Test service_manager');
    }
    expect(ended.body.history[1].reason).toBe('Reviewed with Amira, her sister and the GP.');

    // The register lists what is in place first, soonest review first; the ended one, whatever its review date, after.
    const listed = (await manager.get('/api/v1/restrictions?limit=100')).body.items as { id: number; status: string; reviewDueOn: string }[];
    const endedCount = listed.filter((r) => r.status === 'ended').length;
    expect(endedCount).toBeGreaterThan(0);
    expect(listed.slice(-endedCount).every((r) => r.status === 'ended')).toBe(true);
    const inPlace = listed.filter((r) => r.status !== 'ended').map((r) => r.reviewDueOn);
    expect(inPlace).toEqual([...inPlace].sort());

    const reopen = await manager.patch(`/api/v1/restrictions/${prnId}`, { reason: 'Needed again.', status: 'active' });
    expect(reopen.status).toBe(400);
    expect(reopen.body.errors[0].path).toBe('status');

    const kitchen = await manager.get(`/api/v1/restrictions/${kitchenId}`);
    expect(kitchen.body.history.filter((h: { field: string }) => h.field !== 'created').map((h: { field: string }) => h.field).sort())
      .toEqual(['description', 'reductionPlan', 'reductionTargetOn', 'status']);
    const trail = await database.db.selectFrom('audit_log').select(['action']).where('entity_kind', '=', 'restriction').where('entity_id', '=', String(prnId)).orderBy('seq').execute();
    expect(trail.map((t) => t.action)).toEqual(['create', 'update', 'update']);
  });

  it.each([
    ['an unknown category', (w: World) => kitchenLock(w, { category: 'curfew' }), 'category'],
    ['an unknown legal basis', (w: World) => kitchenLock(w, { legalBasis: 'house_rules' }), 'legalBasis'],
    ['a review due before the start', (w: World) => kitchenLock(w, { reviewDueOn: '2026-08-01' }), 'reviewDueOn'],
    ['a person from another service', (w: World) => amiraPrn(w, { personId: w.people.ben.id }), 'personId'],
    ['a reduction with no plan', (w: World) => amiraPrn(w, { reductionPlan: undefined }), 'reductionPlan'],
    ['a service outside scope', (w: World) => kitchenLock(w, { serviceId: w.services.rowan.id }), 'serviceId'],
  ])('refuses %s, naming the field and writing nothing', async (_name, body, path) => {
    const before = await restrictionCount();
    const response = await manager.post('/api/v1/restrictions', body(world));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe(path);
    expect(await restrictionCount()).toBe(before);
  });

  it('workers cannot change the register nor see Rowan Court’s; the board and commissioners see none of it', async () => {
    expect((await worker.patch(`/api/v1/restrictions/${kitchenId}`, { reason: 'I think so', status: 'ended', endedOn: '2026-11-20' })).status).toBe(403);
    expect((await worker.post('/api/v1/restrictions', kitchenLock(world))).status).toBe(403);

    const lead = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    const atRowan = await lead.post('/api/v1/restrictions', kitchenLock(world, {
      serviceId: world.services.rowan.id, personId: world.people.ben.id, category: 'money', description: 'Ben’s bank card held in the office',
    }));
    expect(atRowan.status).toBe(201);
    expect((await worker.get(`/api/v1/restrictions/${atRowan.body.id}`)).status).toBe(404);
    expect((await manager.get(`/api/v1/restrictions/${atRowan.body.id}`)).status).toBe(404);
    expect((await worker.post(`/api/v1/restrictions/${atRowan.body.id}/challenges`, { text: 'Why?' })).status).toBe(404);
    expect((await manager.patch(`/api/v1/restrictions/${atRowan.body.id}`, { reason: 'Tidy', description: 'x' })).status).toBe(404);
    expect((await worker.get('/api/v1/restrictions')).body.items.map((r: { id: number }) => r.id)).not.toContain(atRowan.body.id);
    expect((await worker.get('/api/v1/restrictions/999999')).status).toBe(404);

    for (const role of ['board_member', 'commissioner'] as const) {
      const outsider = await signedIn(app, world.accounts[role].email, PASSWORD);
      expect((await outsider.get('/api/v1/restrictions')).status).toBe(403);
      expect((await outsider.get(`/api/v1/restrictions/${kitchenId}`)).status).toBe(403);
      expect((await outsider.get('/api/v1/restriction-challenges')).status).toBe(403);
      expect((await outsider.get('/api/v1/restriction-challenges?mine=true')).status).toBe(403);
      expect((await outsider.post(`/api/v1/restrictions/${kitchenId}/challenges`, { text: 'Hmm' })).status).toBe(403);
    }
  });

  it('the speak-up guardian can raise a challenge without reading the register', async () => {
    const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    expect((await guardian.get(`/api/v1/restrictions/${kitchenId}`)).status).toBe(403);
    const challenge = await guardian.post(`/api/v1/restrictions/${kitchenId}/challenges`, { text: 'A reporter says the lock is used as a punishment.' });
    expect(challenge.status).toBe(201);
    expect(challenge.body).toMatchObject({ restriction: null, isMine: true, status: 'open' });
    expect((await guardian.get('/api/v1/restriction-challenges?mine=true')).body.items.map((c: { id: number }) => c.id)).toEqual([challenge.body.id]);
  });

  it('audits reading a restriction', async () => {
    await worker.get(`/api/v1/restrictions/${kitchenId}`);
    const reads = await database.db.selectFrom('audit_log').select(['actor_user_id']).where('entity_kind', '=', 'restriction')
      .where('entity_id', '=', String(kitchenId)).where('action', '=', 'read').execute();
    expect(reads.map((r) => r.actor_user_id)).toContain(world.accounts.support_worker.id);
  });
});
