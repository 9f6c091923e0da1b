import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

describe.each(testDialects())('complaints, feedback and compliments on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let worker: Client;
  let manager: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const familyComplaint = (w: World, overrides: Record<string, unknown> = {}) => ({
    kind: 'complaint', serviceId: w.services.birch.id, personId: w.people.amira.id, receivedAt: '2026-11-02T09:15:00Z',
    raisedBy: 'family', channel: 'phone', subject: 'Kitchen locked in the evenings',
    narrative: 'Amira’s sister says the kitchen is locked after 8pm and Amira cannot make a drink.', themes: ['Blanket restrictions', 'choice and control'],
    ...overrides,
  });

  it('a worker logs a family’s complaint; timescales follow working days', async () => {
    const response = await worker.post('/api/v1/complaints', familyComplaint(world));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'complaint', serviceName: 'Birch House', person: { displayName: 'Amira K.' }, raisedBy: 'family', outcome: null,
      themes: ['blanket restrictions', 'choice and control'],
      timescales: { acknowledgeBy: '2026-11-05T23:59:59.999Z', respondBy: '2026-11-30T23:59:59.999Z', isAcknowledgedInTime: null },
    });
  });

  it('the manager acknowledges late and responds in time with an outcome; the complaint closes', async () => {
    const id = (await manager.get('/api/v1/complaints?kind=complaint')).body.items[0].id;
    expect((await worker.patch(`/api/v1/complaints/${id}`, { acknowledgedAt: '2026-11-03T10:00:00Z' })).status).toBe(403);
    const noOutcome = await manager.patch(`/api/v1/complaints/${id}`, { acknowledgedAt: '2026-11-06T10:00:00Z', respondedAt: '2026-11-20T10:00:00Z' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors).toEqual([expect.objectContaining({ path: 'outcome' })]);
    const done = await manager.patch(`/api/v1/complaints/${id}`, {
      acknowledgedAt: '2026-11-06T10:00:00Z', respondedAt: '2026-11-20T10:00:00Z', outcome: 'partly_upheld',
      responseSummary: 'The kitchen is now open; drinks station added.', themes: ['blanket restrictions'],
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ outcome: 'partly_upheld', themes: ['blanket restrictions'], timescales: { isAcknowledgedInTime: false, isRespondedInTime: true, isOverdue: false } });
    expect((await manager.get('/api/v1/complaints?isOpen=true')).body.items.map((c: { id: number }) => c.id)).not.toContain(id);
  });

  it('compliments and feedback have no outcome', async () => {
    const compliment = await worker.post('/api/v1/complaints', familyComplaint(world, { kind: 'compliment', subject: 'Lovely birthday party', narrative: 'Thank you all.', themes: [] }));
    expect(compliment.status).toBe(201);
    const withOutcome = await manager.patch(`/api/v1/complaints/${compliment.body.id}`, { outcome: 'upheld' });
    expect(withOutcome.status).toBe(400);
    expect(withOutcome.body.errors[0].path).toBe('outcome');
  });

  it('lists what is overdue now', async () => {
    const old = await worker.post('/api/v1/complaints', familyComplaint(world, { receivedAt: '2026-06-01T09:00:00Z', subject: 'Missed appointment' }));
    const overdue = await manager.get('/api/v1/complaints?isOverdue=true');
    expect(overdue.body.items.map((c: { id: number }) => c.id)).toContain(old.body.id);
    // The overdue filter runs over every complaint before paging: a one-item page still reports the full total.
    await worker.post('/api/v1/complaints', familyComplaint(world, { receivedAt: '2026-05-01T09:00:00Z', subject: 'Lost laundry' }));
    const firstPage = await manager.get('/api/v1/complaints?isOverdue=true&limit=1');
    expect(firstPage.body.items).toHaveLength(1);
    expect(firstPage.body.total).toBeGreaterThanOrEqual(2);
    const notOverdue = await manager.get('/api/v1/complaints?isOverdue=false');
    expect(notOverdue.body.items.every((c: { timescales: { isOverdue: boolean } }) => !c.timescales.isOverdue)).toBe(true);
  });

  it.each([
    ['a person from another service', (w: World) => familyComplaint(w, { personId: w.people.ben.id }), 'personId'],
    ['a future date', (w: World) => familyComplaint(w, { receivedAt: '2099-01-01T00:00:00Z' }), 'receivedAt'],
    ['an unknown raiser', (w: World) => familyComplaint(w, { raisedBy: 'neighbour' }), 'raisedBy'],
    ['a service outside scope', (w: World) => familyComplaint(w, { serviceId: w.services.rowan.id, personId: undefined }), 'serviceId'],
  ])('refuses %s', async (_name, body, path) => {
    const response = await worker.post('/api/v1/complaints', body(world));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe(path);
  });

  it('keeps complaints about Rowan Court from Birch House staff, and from the board', async () => {
    const lead = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    const atRowan = await lead.post('/api/v1/complaints', familyComplaint(world, { serviceId: world.services.rowan.id, personId: world.people.ben.id }));
    expect(atRowan.status).toBe(201);
    expect((await worker.get(`/api/v1/complaints/${atRowan.body.id}`)).status).toBe(404);
    const board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    expect((await board.get('/api/v1/complaints')).status).toBe(403);
  });

  it('an admin changes the timescales, and deadlines follow', async () => {
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    expect((await manager.put('/api/v1/settings/complaint-timescales', { acknowledgeWorkingDays: 2, respondWorkingDays: 10 })).status).toBe(403);
    expect((await admin.put('/api/v1/settings/complaint-timescales', { acknowledgeWorkingDays: 2, respondWorkingDays: 10 })).status).toBe(200);
    const fresh = await worker.post('/api/v1/complaints', familyComplaint(world, { receivedAt: '2026-11-02T09:15:00Z', subject: 'Noise' }));
    expect(fresh.body.timescales).toMatchObject({ acknowledgeBy: '2026-11-04T23:59:59.999Z', respondBy: '2026-11-16T23:59:59.999Z' });
  });
});
