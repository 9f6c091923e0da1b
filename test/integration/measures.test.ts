import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

const episode = (typeCode: string, startedAt: string, minutes: number, staffId: number) => ({
  typeCode, reasonCode: '10', startedAt, endedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(), isPlanned: false,
  staffIds: [staffId], debriefPerson: true, debriefStaff: true,
});

describe.each(testDialects())('measures on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let manager: Client;

  const incident = (occurredAt: string, harmPhysical: string, interventions: unknown[], personIds = [world.people.amira.id]) => ({
    serviceId: world.services.birch.id, personIds, occurredAt, harmPhysical, harmPsychological: 'none', narrative: 'Test incident.', staffIds: [world.staff.chloe.id],
    restrictiveInterventions: interventions,
  });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    const chloe = world.staff.chloe.id;
    // January: two incidents; one with a 12-minute prone hold and two seated holds (two intervention pairs).
    await manager.post('/api/v1/incidents', incident('2026-01-10T18:00:00Z', 'moderate', [episode('01', '2026-01-10T18:05:00Z', 12, chloe), episode('11', '2026-01-10T18:17:00Z', 4, chloe), episode('11', '2026-01-10T18:30:00Z', 3, chloe)]));
    await manager.post('/api/v1/incidents', incident('2026-01-20T09:00:00Z', 'none', [episode('01', '2026-01-20T09:01:00Z', 6, chloe)]));
    // February: one incident, no restraint.
    await manager.post('/api/v1/incidents', incident('2026-02-03T12:00:00Z', 'low', []));
    // Occupancy: 6 people every day of January, 5 every day of February.
    const days = (month: string, count: number, n: number) => Array.from({ length: count }, (_, i) => ({ date: `${month}-${String(i + 1).padStart(2, '0')}`, occupiedDays: n }));
    await manager.put('/api/v1/occupancy', { serviceId: world.services.birch.id, days: [...days('2026-01', 31, 6), ...days('2026-02', 28, 5)] });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const series = async (client: Client, key: string, scope: string) =>
    (await client.get(`/api/v1/measures/${key}/series?scope=${scope}&from=2026-01&to=2026-02`));

  it('lists the catalogue with plain definitions and directions', async () => {
    const { body } = await manager.get('/api/v1/measures');
    const rate = body.items.find((m: { key: string }) => m.key === 'restrictive_interventions_per_1000_obd');
    expect(rate).toMatchObject({ improvement: 'decrease', unit: 'per 1,000 occupied bed days' });
    expect(rate.definition).toMatch(/occupied bed days/);
    expect(body.items.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['severity_index', 'prone_over_10_min_share', 'people_restrained']));
  });

  it('computes restrictive interventions per 1,000 occupied bed days by hand', async () => {
    const response = await series(manager, 'restrictive_interventions_per_1000_obd', `service:${world.services.birch.id}`);
    expect(response.status).toBe(200);
    // January: pairs (incident 1: 01, 11) + (incident 2: 01) = 3; bed days 6 × 31 = 186 → 16.129…
    expect(response.body.points[0]).toEqual({ period: '2026-01', numerator: 3, denominator: 186, value: (3 / 186) * 1000 });
    expect(response.body.points[1]).toEqual({ period: '2026-02', numerator: 0, denominator: 140, value: 0 });
    expect(response.body.spc.limitsShown).toBe(false);
  });

  it('computes the other measures by hand', async () => {
    const scope = `service:${world.services.birch.id}`;
    const value = async (key: string) => (await series(manager, key, scope)).body.points.map((p: { value: number | null }) => p.value);
    expect(await value('prone_restraints')).toEqual([2, 0]);
    expect(await value('prone_over_10_min_share')).toEqual([50, null]);
    expect(await value('restraint_minutes')).toEqual([25, 0]);
    // January's holds lasted 12, 4, 3 and 6 minutes: the middle two are 4 and 6. February had none, so no median.
    expect(await value('restraint_minutes_median')).toEqual([5, null]);
    expect((await series(manager, 'restraint_minutes_median', scope)).body.points.map((p: { numerator: number }) => p.numerator)).toEqual([4, 0]);
    expect(await value('people_restrained')).toEqual([1, 0]);
    // One of the 6 people supported on an average day in January (186 occupied days ÷ 31).
    const share = (await series(manager, 'people_restrained_share', scope)).body.points;
    expect(share.map((p: { value: number }) => p.value)).toEqual([(1 / 6) * 100, 0]);
    expect(share.map((p: { denominator: number }) => p.denominator)).toEqual([6, 5]);
    expect(await value('incidents')).toEqual([2, 1]);
    expect(await value('incidents_moderate_or_worse_harm')).toEqual([1, 0]);
    expect(await value('severity_index')).toEqual([1, 1]);
  });

  it('gives a person their own series, using days supported as the denominator, and audits the read', async () => {
    const response = await series(manager, 'restrictive_interventions_per_1000_obd', `person:${world.people.amira.id}`);
    expect(response.body.points[0]).toMatchObject({ numerator: 3, denominator: 31 });
    const share = await series(manager, 'people_restrained_share', `person:${world.people.amira.id}`);
    expect(share.body.points.map((p: { value: number }) => p.value)).toEqual([100, 0]);
    const trail = await database.db.selectFrom('audit_log').select('summary').where('entity_kind', '=', 'person')
      .where('entity_id', '=', String(world.people.amira.id)).where('action', '=', 'read').execute();
    expect(trail.some((t) => t.summary?.startsWith('measures'))).toBe(true);
  });

  it('serves a whole dashboard in one call, with one audit entry for a person', async () => {
    const before = await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await manager.get(`/api/v1/dashboards?scope=person:${world.people.amira.id}&from=2026-01&to=2026-02`);
    expect(response.status).toBe(200);
    const byKey = Object.fromEntries(response.body.items.map((i: { measure: { key: string } }) => [i.measure.key, i]));
    expect(Object.keys(byKey)).toEqual(expect.arrayContaining(['incidents', 'restrictive_interventions', 'speak_up_reports']));
    expect(byKey.restrictive_interventions.points.map((p: { value: number }) => p.value)).toEqual([3, 0]);
    const after = await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(1);
  });

  it('keeps the rollups equal to a rebuild from the events, after a correction moves an incident to another month', async () => {
    const list = await manager.get('/api/v1/incidents?hasIntervention=false');
    const february = list.body.items[0];
    const moved = await manager.post(`/api/v1/incidents/${february.id}/corrections`, { reason: 'Wrong month typed', changes: { occurredAt: '2026-01-28T12:00:00Z', harmPhysical: 'moderate' } });
    expect(moved.status).toBe(200);
    expect((await series(manager, 'incidents', `service:${world.services.birch.id}`)).body.points.map((p: { value: number }) => p.value)).toEqual([3, 0]);
    const before = await database.db.selectFrom('monthly_counts').selectAll().where('value', '!=', 0).orderBy('scope_type').orderBy('scope_id').orderBy('metric').orderBy('period').execute();
    await rebuildRollups(database);
    const after = await database.db.selectFrom('monthly_counts').selectAll().where('value', '!=', 0).orderBy('scope_type').orderBy('scope_id').orderBy('metric').orderBy('period').execute();
    expect(after).toEqual(before);
  });

  it('shows board members aggregates with small numbers suppressed, and keeps people away from them', async () => {
    const board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    const response = await series(board, 'incidents', 'organisation');
    expect(response.status).toBe(200);
    expect(response.body.isSuppressed).toBe(true);
    expect(response.body.points.map((p: { numerator: number | null }) => p.numerator)).toEqual([null, null]);
    expect(response.body.spc).toBeNull();
    expect((await series(board, 'incidents', `person:${world.people.amira.id}`)).status).toBe(404);
  });

  it('answers repeated reads from a cache that any change empties, per role and services, never for a person', async () => {
    const url = '/api/v1/dashboards?scope=organisation&from=2026-01&to=2026-02';
    const incidentsIn = (body: { items: { measure: { key: string }; points: { numerator: number | null }[] }[] }) =>
      body.items.find((i) => i.measure.key === 'incidents')!.points[1]!.numerator;
    const first = await manager.get(url);
    const again = await manager.get(url);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toEqual(first.body);
    // Another role asking the same question gets its own answer: board members see small numbers suppressed.
    const board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    expect(incidentsIn((await board.get(url)).body)).toBeNull();
    expect(incidentsIn(first.body)).not.toBeNull();
    // A change shows at once.
    await manager.post('/api/v1/incidents', incident('2026-02-25T10:00:00Z', 'none', []));
    expect(incidentsIn((await manager.get(url)).body)).toBe(incidentsIn(first.body)! + 1);
    // Every view of a person's measures is audited, however often it is asked.
    const audits = async () => Number((await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await audits();
    await manager.get(`/api/v1/dashboards?scope=person:${world.people.amira.id}&from=2026-01&to=2026-02`);
    await manager.get(`/api/v1/dashboards?scope=person:${world.people.amira.id}&from=2026-01&to=2026-02`);
    expect(await audits() - before).toBe(2);
  });

  it('gives a scoped manager their own services summed for the organisation, and 404 outside scope', async () => {
    const lead = await signedIn(app, world.accounts.safeguarding_lead.email, PASSWORD);
    await lead.post('/api/v1/incidents', { ...incident('2026-01-15T10:00:00Z', 'none', [], [world.people.ben.id]), serviceId: world.services.rowan.id, staffIds: [world.staff.dev.id] });
    expect((await series(lead, 'incidents', 'organisation')).body.points[0].value).toBe(4);
    expect((await series(manager, 'incidents', 'organisation')).body.points[0].value).toBe(3);
    expect((await series(manager, 'incidents', `service:${world.services.rowan.id}`)).status).toBe(404);
    expect((await series(manager, 'incidents', `region:${world.regions.south.id}`)).status).toBe(404);
    expect((await series(manager, 'nonsense', 'organisation')).status).toBe(404);
    expect((await series(manager, 'incidents', 'everywhere')).body.errors[0].path).toBe('query.scope');
  });
});
