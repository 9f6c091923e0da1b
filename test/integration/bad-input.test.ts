import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

describe.each(testDialects())('bad input on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let admin: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database, { BODY_LIMIT_BYTES: '4096' });
    admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const counts = async () => {
    const tables = ['people', 'services', 'regions', 'staff', 'users', 'audit_log', 'occupancy'] as const;
    const entries = await Promise.all(tables.map(async (t) => [t, (await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n] as const));
    return Object.fromEntries(entries);
  };

  const valid = () => ({
    ref: 'P-VALID', displayName: 'Valid P.', serviceId: world.services.birch.id, learningDisability: true, autism: false,
    legalStatus: 'informal', startDate: '2025-01-01',
  });

  it.each([
    ['malformed JSON', () => '{"displayName": "Amira', 400, []],
    ['a missing field', () => ({ ...valid(), displayName: undefined }), 400, ['displayName']],
    ['a wrong type', () => ({ ...valid(), learningDisability: 'yes' }), 400, ['learningDisability']],
    ['a name of only invisible characters', () => ({ ...valid(), displayName: '\u202e\u200b\u2060' }), 400, ['displayName']],
    ['an unknown field', () => ({ ...valid(), nhsNumber: '123' }), 400, ['nhsNumber']],
    ['an unknown code', () => ({ ...valid(), legalStatus: 'section_99' }), 400, ['legalStatus']],
    ['a date that does not exist', () => ({ ...valid(), startDate: '2025-02-30' }), 400, ['startDate']],
    ['an end before the start', () => ({ ...valid(), endDate: '2024-12-31' }), 400, ['endDate']],
    ['several mistakes at once', () => ({ ...valid(), displayName: '', autism: 1, colour: 'red' }), 400, ['displayName', 'autism', 'colour']],
    ['a service that does not exist', () => ({ ...valid(), serviceId: 999_999 }), 400, ['serviceId']],
    ['an array instead of an object', () => [valid()], 400, ['(body)']],
  ])('rejects %s with a problem naming each field, and writes nothing', async (_name, body, status, paths) => {
    const before = await counts();
    const payload = body();
    const response = await admin.request('POST', '/api/v1/people', typeof payload === 'string' ? payload : JSON.stringify(payload));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) }));
    if ((paths as string[]).length) expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([...(paths as string[])].sort());
    expect(await counts()).toEqual(before);
  });

  it('names the field inside a list', async () => {
    const response = await admin.put('/api/v1/occupancy', { serviceId: world.services.birch.id, days: [{ date: '2026-01-01', occupiedDays: 3 }, { date: '2026-01-02', occupiedDays: -1 }] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'days.1.occupiedDays' })]);
    const duplicate = await admin.put('/api/v1/occupancy', { serviceId: world.services.birch.id, days: [{ date: '2026-01-01', occupiedDays: 3 }, { date: '2026-01-01', occupiedDays: 4 }] });
    expect(duplicate.body.errors).toEqual([expect.objectContaining({ path: 'days.1.date' })]);
    const overCapacity = await admin.put('/api/v1/occupancy', { serviceId: world.services.birch.id, days: [{ date: '2026-01-01', occupiedDays: 7 }] });
    expect(overCapacity.body.errors).toEqual([expect.objectContaining({ path: 'days.0.occupiedDays', message: expect.stringMatching(/capacity of 6/) })]);
  });

  it('rejects a body over the size limit with 413 and writes nothing', async () => {
    const before = await counts();
    const response = await admin.request('POST', '/api/v1/people', JSON.stringify({ ...valid(), displayName: 'x'.repeat(10_000) }));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await counts()).toEqual(before);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await admin.request('POST', '/api/v1/regions', 'name=East', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects bad query strings and path ids with 400 naming them', async () => {
    const badId = await admin.get('/api/v1/people/not-a-number');
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe('path.id');
    const badQuery = await admin.get('/api/v1/people?limit=100000&colour=red');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.colour', 'query.limit']);
    const badRange = await admin.get(`/api/v1/services/${world.services.birch.id}/occupancy?from=2026-03-01&to=2026-01-01`);
    expect(badRange.status).toBe(400);
    expect(badRange.body.errors[0].path).toBe('query.to');
  });

  it('answers an unknown API route with a 404 problem, and never a 5xx for odd input', async () => {
    expect((await admin.get('/api/v1/nothing-here')).status).toBe(404);
    const odd = [
      ['POST', '/api/v1/people', 'null'], ['POST', '/api/v1/people', '"text"'], ['POST', '/api/v1/people', '12'],
      ['PATCH', `/api/v1/people/${world.people.amira.id}`, '{}'], ['PATCH', '/api/v1/people/0', '{}'],
      ['PATCH', `/api/v1/staff/${world.staff.chloe.id}`, '{"serviceIds":[]}'], ['POST', '/api/v1/users', '{"email":"x"}'],
      ['GET', '/api/v1/people?offset=-1', undefined], ['GET', '/api/v1/people/99999999999999', undefined],
      ['POST', '/api/v1/auth/sign-in', '{"email":null,"password":[]}'], ['POST', '/api/v1/regions', '{"name":"\\u0000\\u0000"}'], ['POST', '/api/v1/people', '{"ref":"\\ud800"}'],
    ] as const;
    for (const [method, url, body] of odd) {
      const response = await admin.request(method, url, body);
      expect(response.status, `${method} ${url} ${body}`).toBeLessThan(500);
    }
  });

  it('refuses a body nested 100,000 deep, and addresses the router cannot read, as problems that change nothing', async () => {
    const before = await counts();
    // The default body limit (1 MB), which this file's app lowers, has room for this.
    const roomy = await testApp(database);
    const client = await signedIn(roomy, world.accounts.admin.email, PASSWORD);
    const deep = `{"ref":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const [method, url, body] of [['POST', '/api/v1/people', deep], ['POST', '/api/v1/auth/sign-in', deep], ['POST', '/api/v1/speak-up', deep]] as const) {
      const response = await client.request(method, url, body);
      expect(response.status, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toBe('The request body is nested more than 32 levels deep.');
    }
    await roomy.close();
    const after = await counts();
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);

    for (const [url, detail] of [[`/api/v1/measures/${'x'.repeat(200)}/series`, 'A part of the address is too long.'], ['/api/v1/measures/%ED%A0%80/series', 'The address is not valid.']] as const) {
      const response = await admin.get(url);
      expect(response.status, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toBe(detail);
    }
  });

  it('refuses in a query what PostgreSQL would choke on (an id past 32 bits, a NUL) and dates outside 1900–2199, naming the field', async () => {
    for (const [url, path] of [
      ['/api/v1/incidents?serviceId=2147483648', 'query.serviceId'], ['/api/v1/complaints?personId=9999999999', 'query.personId'],
      ['/api/v1/people?serviceId=2147483648', 'query.serviceId'], ['/api/v1/audit?actorUserId=2147483648', 'query.actorUserId'],
      ['/api/v1/patterns/2147483648', 'path.id'], ['/api/v1/people?q=ab%00cd', 'query.q'], ['/api/v1/audit?entityKind=%00', 'query.entityKind'],
      ['/api/v1/incidents?to=9999-12-31', 'query.to'], ['/api/v1/complaints?from=0202-01-01', 'query.from'],
      // A period that ends before it starts, refused as the timeline and search refuse it.
      ['/api/v1/incidents?from=2026-11-02&to=2026-11-01', 'query.to'], ['/api/v1/complaints?from=2026-11-02&to=2026-11-01', 'query.to'],
      ['/api/v1/audit?from=2026-11-02&to=2026-11-01', 'query.to'],
    ] as const) {
      const response = await admin.get(url);
      expect(response.status, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { path: string }) => e.path), url).toEqual([path]);
    }
    const dashboard = await admin.get('/api/v1/dashboards?scope=service:9999999999');
    expect(dashboard.status).toBe(400);
    expect(dashboard.body.errors[0].path).toBe('query.scope');
    expect((await admin.get('/api/v1/incidents?to=2199-12-31')).status).toBe(200);
  });

  it('refuses a duplicate reference with 409 naming the field', async () => {
    const response = await admin.post('/api/v1/people', { ...valid(), ref: 'P-AMIRA' });
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'ref' })]);
  });
});
