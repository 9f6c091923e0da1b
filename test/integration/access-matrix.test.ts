import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { roles } from '../../src/domain/roles.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

// The access policy written out as a specification: for every route, the answer each role gets.
// Scoped roles (support worker, service manager) and the commissioner (Leeds) reach Birch House only.
type Code = 200 | 201 | 400 | 403 | 404;
type Expect = Record<Role, Code>;
const W = 'support_worker', M = 'service_manager', S = 'safeguarding_lead', Q = 'quality_lead';
const G = 'speak_up_guardian', B = 'board_member', C = 'commissioner', A = 'admin';

function answers(byRole: Partial<Record<Role, Code>>, otherwise: Code): Expect {
  return Object.fromEntries(roles.map((r) => [r, byRole[r] ?? otherwise])) as Expect;
}

interface Case { name: string; method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: (w: World) => string; body?: (w: World, n: number) => unknown; expect: Expect }

const personBody = (serviceId: number, n: number) => ({
  ref: `P-NEW-${n}`, displayName: `New Person ${n}`, serviceId, learningDisability: true, autism: false, legalStatus: 'informal', startDate: '2024-01-01',
});

const cases: Case[] = [
  { name: 'read the organisation', method: 'GET', url: () => '/api/v1/organisation', expect: answers({}, 200) },
  { name: 'rename the organisation', method: 'PATCH', url: () => '/api/v1/organisation', body: () => ({ name: 'Test Care Ltd' }), expect: answers({ [A]: 200 }, 403) },
  { name: 'list services', method: 'GET', url: () => '/api/v1/services', expect: answers({}, 200) },
  { name: 'read an in-scope service', method: 'GET', url: (w) => `/api/v1/services/${w.services.birch.id}`, expect: answers({}, 200) },
  { name: 'read an out-of-scope service', method: 'GET', url: (w) => `/api/v1/services/${w.services.rowan.id}`, expect: answers({ [W]: 404, [M]: 404, [C]: 404 }, 200) },
  { name: 'read a missing service', method: 'GET', url: () => '/api/v1/services/999999', expect: answers({}, 404) },
  { name: 'add a service', method: 'POST', url: () => '/api/v1/services', body: (w, n) => ({ name: `New Service ${n}`, type: 'day_service', regionId: w.regions.north.id, capacity: 12 }), expect: answers({ [A]: 201 }, 403) },
  { name: 'change an in-scope service', method: 'PATCH', url: (w) => `/api/v1/services/${w.services.birch.id}`, body: () => ({ capacity: 6 }), expect: answers({ [A]: 200 }, 403) },
  { name: 'list regions', method: 'GET', url: () => '/api/v1/regions', expect: answers({ [W]: 403, [C]: 403 }, 200) },
  { name: 'add a region', method: 'POST', url: () => '/api/v1/regions', body: (_w, n) => ({ name: `Region ${n}` }), expect: answers({ [A]: 201 }, 403) },
  { name: 'list commissioners', method: 'GET', url: () => '/api/v1/commissioners', expect: answers({ [M]: 200, [S]: 200, [Q]: 200, [A]: 200 }, 403) },
  { name: 'add a commissioner', method: 'POST', url: () => '/api/v1/commissioners', body: (_w, n) => ({ name: `Council ${n}` }), expect: answers({ [A]: 201 }, 403) },
  { name: 'list people in an in-scope service', method: 'GET', url: (w) => `/api/v1/people?serviceId=${w.services.birch.id}`, expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'list people in an out-of-scope service', method: 'GET', url: (w) => `/api/v1/people?serviceId=${w.services.rowan.id}`, expect: answers({ [W]: 404, [M]: 404, [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an in-scope person', method: 'GET', url: (w) => `/api/v1/people/${w.people.amira.id}`, expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an out-of-scope person', method: 'GET', url: (w) => `/api/v1/people/${w.people.ben.id}`, expect: answers({ [W]: 404, [M]: 404, [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read a missing person', method: 'GET', url: () => '/api/v1/people/999999', expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 404) },
  { name: 'add a person to an in-scope service', method: 'POST', url: () => '/api/v1/people', body: (w, n) => personBody(w.services.birch.id, n), expect: answers({ [M]: 201, [A]: 201 }, 403) },
  { name: 'add a person to an out-of-scope service', method: 'POST', url: () => '/api/v1/people', body: (w, n) => personBody(w.services.rowan.id, n), expect: answers({ [M]: 400, [A]: 201 }, 403) },
  { name: 'change an in-scope person', method: 'PATCH', url: (w) => `/api/v1/people/${w.people.amira.id}`, body: () => ({ displayName: 'Amira K.' }), expect: answers({ [M]: 200, [A]: 200 }, 403) },
  { name: 'change an out-of-scope person', method: 'PATCH', url: (w) => `/api/v1/people/${w.people.ben.id}`, body: () => ({ displayName: 'Ben T.' }), expect: answers({ [M]: 404, [A]: 200 }, 403) },
  { name: 'list staff', method: 'GET', url: () => '/api/v1/staff', expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an in-scope staff member', method: 'GET', url: (w) => `/api/v1/staff/${w.staff.chloe.id}`, expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an out-of-scope staff member', method: 'GET', url: (w) => `/api/v1/staff/${w.staff.dev.id}`, expect: answers({ [W]: 404, [M]: 404, [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'change an in-scope staff member', method: 'PATCH', url: (w) => `/api/v1/staff/${w.staff.chloe.id}`, body: () => ({ jobTitle: 'Support worker' }), expect: answers({ [M]: 200, [A]: 200 }, 403) },
  { name: 'change an out-of-scope staff member', method: 'PATCH', url: (w) => `/api/v1/staff/${w.staff.dev.id}`, body: () => ({ jobTitle: 'Agency support worker' }), expect: answers({ [M]: 404, [A]: 200 }, 403) },
  { name: 'add a staff member', method: 'POST', url: () => '/api/v1/staff', body: (w, n) => ({ name: `Staff ${n}`, jobTitle: 'Support worker', employmentType: 'bank', serviceIds: [w.services.birch.id] }), expect: answers({ [M]: 201, [A]: 201 }, 403) },
  { name: 'read in-scope occupancy', method: 'GET', url: (w) => `/api/v1/services/${w.services.birch.id}/occupancy?from=2026-01-01&to=2026-03-31`, expect: answers({ [W]: 403, [G]: 403, [C]: 403 }, 200) },
  { name: 'read out-of-scope occupancy', method: 'GET', url: (w) => `/api/v1/services/${w.services.rowan.id}/occupancy?from=2026-01-01&to=2026-03-31`, expect: answers({ [W]: 403, [M]: 404, [G]: 403, [C]: 403 }, 200) },
  { name: 'record in-scope occupancy', method: 'PUT', url: () => '/api/v1/occupancy', body: (w) => ({ serviceId: w.services.birch.id, days: [{ date: '2026-01-05', occupiedDays: 5 }] }), expect: answers({ [M]: 200, [A]: 200 }, 403) },
  { name: 'record out-of-scope occupancy', method: 'PUT', url: () => '/api/v1/occupancy', body: (w) => ({ serviceId: w.services.rowan.id, days: [{ date: '2026-01-05', occupiedDays: 9 }] }), expect: answers({ [M]: 404, [A]: 200 }, 403) },
  { name: 'list users', method: 'GET', url: () => '/api/v1/users', expect: answers({ [A]: 200 }, 403) },
  { name: 'create a user', method: 'POST', url: () => '/api/v1/users', body: (_w, n) => ({ email: `new${n}@test.lantern`, name: `New ${n}`, role: 'quality_lead', allServices: true, password: 'a-long-enough-password' }), expect: answers({ [A]: 201 }, 403) },
  { name: 'change a user', method: 'PATCH', url: (w) => `/api/v1/users/${w.accounts.quality_lead.id}`, body: () => ({ name: 'Test quality_lead' }), expect: answers({ [A]: 200 }, 403) },
  { name: 'list a user’s API tokens', method: 'GET', url: (w) => `/api/v1/users/${w.accounts.board_member.id}/tokens`, expect: answers({ [A]: 200 }, 403) },
  { name: 'issue an API token', method: 'POST', url: (w) => `/api/v1/users/${w.accounts.board_member.id}/tokens`, body: () => ({ name: 'Board pack export' }), expect: answers({ [A]: 201 }, 403) },
  { name: 'search the audit trail', method: 'GET', url: () => '/api/v1/audit', expect: answers({ [A]: 200 }, 403) },
];

describe.each(testDialects())('access matrix on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  const clients = {} as Record<Role, Client>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    for (const role of roles) clients[role] = await signedIn(app, world.accounts[role].email, PASSWORD, `198.18.0.${roles.indexOf(role) + 1}`);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  let counter = 0;
  const auditCount = async () => (await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it.each(cases.flatMap((c) => roles.map((role) => [c.name, role, c] as const)))('%s as %s', async (_name, role, c) => {
    counter += 1;
    const before = await auditCount();
    const response = await clients[role].request(c.method, c.url(world), c.body?.(world, counter));
    expect({ status: response.status, detail: response.body?.detail }).toMatchObject({ status: c.expect[role] });
    if (response.status >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await auditCount()).toBe(before); // a refused request changes nothing, not even the trail
    }
  });

  it('lists only services in scope, and only summaries to board members, commissioners and the guardian', async () => {
    for (const role of roles) {
      const { body } = await clients[role].get('/api/v1/services');
      const names = body.items.map((s: { name: string }) => s.name).filter((n: string) => ['Birch House', 'Rowan Court'].includes(n));
      expect(names, role).toEqual([W, M, C].includes(role as never) ? ['Birch House'] : ['Birch House', 'Rowan Court']);
      const birch = body.items.find((s: { name: string }) => s.name === 'Birch House');
      if ([B, C, G].includes(role)) {
        expect(Object.keys(birch).sort(), role).toEqual(['capacity', 'id', 'name', 'regionName', 'type']);
      } else {
        expect(birch.commissioners, role).toEqual([{ id: world.commissioners.leeds.id, name: 'Leeds City Council' }]);
      }
    }
  });

  it('lists only people in scope', async () => {
    const { body: workerView } = await clients[W].get('/api/v1/people');
    expect(workerView.items.every((p: { serviceId: number }) => p.serviceId === world.services.birch.id)).toBe(true);
    const { body: leadView } = await clients[S].get('/api/v1/people');
    expect(leadView.items.map((p: { ref: string }) => p.ref)).toEqual(expect.arrayContaining(['P-AMIRA', 'P-BEN']));
  });

  it(`covers ${cases.length} routes × ${roles.length} roles`, () => {
    expect(cases.length * roles.length).toBeGreaterThanOrEqual(250);
  });
});
