import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

describe.each(testDialects())('setting up the organisation on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let admin: Client;
  let manager: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('an admin opens a new service, commissioned by Leeds, and gives the manager access to it', async () => {
    const service = await admin.post('/api/v1/services', {
      ref: 'HAZEL', name: 'Hazel Mews', type: 'supported_living', regionId: world.regions.north.id, capacity: 4,
      registrationNumber: '1-303', commissionerIds: [world.commissioners.leeds.id],
    });
    expect(service.status).toBe(201);
    expect(service.body).toMatchObject({ name: 'Hazel Mews', regionName: 'North', commissioners: [{ name: 'Leeds City Council' }] });

    // The manager cannot see it until given access, and then must sign in again.
    expect((await manager.get(`/api/v1/services/${service.body.id}`)).status).toBe(404);
    const changed = await admin.patch(`/api/v1/users/${world.accounts.service_manager.id}`, { serviceIds: [world.services.birch.id, service.body.id] });
    expect(changed.body.services.map((s: { name: string }) => s.name)).toEqual(['Birch House', 'Hazel Mews']);
    expect((await manager.get('/api/v1/me')).status).toBe(401);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    expect((await manager.get(`/api/v1/services/${service.body.id}`)).status).toBe(200);

    // The Leeds commissioner now sees the new service too, in summary.
    const commissioner = await signedIn(app, world.accounts.commissioner.email, PASSWORD);
    const seen = await commissioner.get('/api/v1/services');
    expect(seen.body.items.map((s: { name: string }) => s.name)).toEqual(['Birch House', 'Hazel Mews']);
  });

  it('a manager adds a person and a bank worker, and records occupancy that rolls up by month', async () => {
    const hazel = (await manager.get('/api/v1/services?q=Hazel')).body.items[0];
    const person = await manager.post('/api/v1/people', {
      ref: 'P-GRACE', displayName: 'Grace H.', serviceId: hazel.id, learningDisability: true, autism: true, legalStatus: 'dols_applied', startDate: '2026-01-10',
    });
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({ serviceName: 'Hazel Mews', legalStatus: 'dols_applied', endDate: null });

    const worker = await manager.post('/api/v1/staff', { name: 'Owen Clarke', jobTitle: 'Support worker (bank)', employmentType: 'bank', serviceIds: [hazel.id] });
    expect(worker.status).toBe(201);
    expect(worker.body).toMatchObject({ employmentType: 'bank', active: true, services: [{ name: 'Hazel Mews' }] });
    const deactivated = await manager.patch(`/api/v1/staff/${worker.body.id}`, { active: false });
    expect(deactivated.body).toMatchObject({ active: false, employmentType: 'bank', services: [{ name: 'Hazel Mews' }] });

    const days = Array.from({ length: 40 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 10 + i)).toISOString().slice(0, 10), occupiedDays: i < 22 ? 1 : 2 }));
    expect((await manager.put('/api/v1/occupancy', { serviceId: hazel.id, days })).body).toEqual({ serviceId: hazel.id, recorded: 40 });
    // Correcting a day replaces it rather than adding to it.
    await manager.put('/api/v1/occupancy', { serviceId: hazel.id, days: [{ date: '2026-01-10', occupiedDays: 0 }] });
    const months = await manager.get(`/api/v1/services/${hazel.id}/occupancy?from=2026-01-01&to=2026-02-28`);
    expect(months.body.items).toEqual([
      { month: '2026-01', occupiedDays: 21, daysRecorded: 22 },
      { month: '2026-02', occupiedDays: 36, daysRecorded: 18 },
    ]);
  });

  it('a person who leaves drops off the current list but stays on record', async () => {
    const grace = (await manager.get('/api/v1/people?q=Grace')).body.items[0];
    const ended = await manager.patch(`/api/v1/people/${grace.id}`, { endDate: '2026-11-01' });
    expect(ended.body.endDate).toBe('2026-11-01');
    const before = await manager.patch(`/api/v1/people/${grace.id}`, { endDate: '2025-01-01' });
    expect(before.status).toBe(400);
    expect(before.body.errors[0].path).toBe('endDate');
    expect((await manager.get('/api/v1/people?q=Grace')).body.total).toBe(0);
    expect((await manager.get('/api/v1/people?q=Grace&includeEnded=true')).body.total).toBe(1);
  });

  it('an admin cannot lock themselves out', async () => {
    const response = await admin.patch(`/api/v1/users/${world.accounts.admin.id}`, { role: 'board_member' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('role');
  });

  it('a commissioner account must belong to a commissioning body', async () => {
    const response = await admin.post('/api/v1/users', { email: 'icb@test.lantern', name: 'ICB', role: 'commissioner', allServices: false, password: 'long-enough-password' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('commissionerId');
    const duplicate = await admin.post('/api/v1/users', { email: world.accounts.admin.email.toUpperCase(), name: 'Dup', role: 'admin', allServices: true, password: 'long-enough-password' });
    expect(duplicate.status).toBe(409);
  });
});
