import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmrChart } from '../../src/analytics/spc/index.js';
import { monthsBetween } from '../../src/analytics/rates/series.js';
import { periodOf } from '../../src/analytics/rates/incident-sums.js';
import { addActionMarker } from '../../src/server/services/measures.service.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

// Stock measures from the restrictions register, stored targets and chart annotations, worked by hand.
describe.each(testDialects())('measure settings and register measures on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let quality: Client;
  let manager: Client;
  const ids = {} as Record<'r1' | 'r2' | 'r3' | 'r4' | 'r5', number>;

  async function restriction(r: { serviceId: number; personId: number | null; startedOn: string; reviewDueOn: string; endedOn?: string }) {
    const { id } = await database.db.insertInto('restrictions').values({
      service_id: r.serviceId, person_id: r.personId, category: 'environmental', description: 'Test restriction', legal_basis: 'best_interests_decision',
      alternatives_considered: 'Tried first.', started_on: r.startedOn, review_due_on: r.reviewDueOn, reduction_plan: null, reduction_target_on: null,
      status: r.endedOn ? 'ended' : 'active', ended_on: r.endedOn ?? null, created_by_user_id: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    }).returning('id').executeTakeFirstOrThrow();
    return id;
  }
  async function reviewMoved(restrictionId: number, at: string, from: string, to: string) {
    await database.db.insertInto('restriction_history').values({
      restriction_id: restrictionId, at, actor_user_id: null, actor_name: 'Test', field: 'reviewDueOn', from_value: from, to_value: to, reason: 'Reviewed',
    }).execute();
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    quality = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    const birch = world.services.birch.id;
    const rowan = world.services.rowan.id;
    // R1: Amira's; its review was due 15 Feb and was done (moved to 30 Jun) on 10 Mar.
    ids.r1 = await restriction({ serviceId: birch, personId: world.people.amira.id, startedOn: '2025-12-10', reviewDueOn: '2026-06-30' });
    await reviewMoved(ids.r1, '2026-03-10T10:00:00.000Z', '2026-02-15', '2026-06-30');
    // R2: blanket at Birch from the last day of January, ended on the last day of March (so not in place at the end of March).
    ids.r2 = await restriction({ serviceId: birch, personId: null, startedOn: '2026-01-31', reviewDueOn: '2026-03-01', endedOn: '2026-03-31' });
    // R3: Ben's at Rowan from 1 Feb, review due 20 Feb and never done.
    ids.r3 = await restriction({ serviceId: rowan, personId: world.people.ben.id, startedOn: '2026-02-01', reviewDueOn: '2026-02-20' });
    // R4: blanket at Birch since June 2025; review due 15 Apr, moved at 00:30 on 1 May in England (23:30 UTC on 30 Apr): still overdue at the end of April.
    ids.r4 = await restriction({ serviceId: birch, personId: null, startedOn: '2025-06-01', reviewDueOn: '2026-12-31' });
    await reviewMoved(ids.r4, '2026-04-30T23:30:00.000Z', '2026-04-15', '2026-12-31');
    // R5: at Birch since January 2025, ended mid-January 2026.
    ids.r5 = await restriction({ serviceId: birch, personId: null, startedOn: '2025-01-01', reviewDueOn: '2027-01-01', endedOn: '2026-01-15' });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const values = async (client: Client, key: string, scope: string, from = '2026-01', to = '2026-04') => {
    const response = await client.get(`/api/v1/measures/${key}/series?scope=${scope}&from=${from}&to=${to}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.points.map((p: { value: number | null }) => p.value);
  };

  it('defines the register measures plainly, lower being better', async () => {
    const { body } = await quality.get('/api/v1/measures');
    const active = body.items.find((m: { key: string }) => m.key === 'restrictions_active');
    const overdue = body.items.find((m: { key: string }) => m.key === 'restriction_reviews_overdue');
    expect(active).toMatchObject({ improvement: 'decrease', unit: 'restrictions', targets: [] });
    expect(active.definition).toMatch(/last day of the month/);
    expect(overdue.definition).toMatch(/review date is moved on/);
  });

  it('counts restrictions in place, and those overdue for review, at the end of each month (worked by hand)', async () => {
    // Jan: R1 R2 R4 · Feb: R1 R2 R3 R4 · Mar: R1 R3 R4 (R2 ended on the 31st) · Apr: R1 R3 R4.
    expect(await values(quality, 'restrictions_active', 'organisation')).toEqual([3, 4, 3, 3]);
    // Feb: R1 (due 15 Feb), R3 (due 20 Feb) · Mar: R3 (R1 reviewed on 10 Mar) · Apr: R3, R4 (due 15 Apr; moved after the month ended in England).
    expect(await values(quality, 'restriction_reviews_overdue', 'organisation')).toEqual([0, 2, 1, 2]);
    const birch = `service:${world.services.birch.id}`;
    expect(await values(quality, 'restrictions_active', birch)).toEqual([3, 3, 2, 2]);
    expect(await values(quality, 'restriction_reviews_overdue', birch)).toEqual([0, 1, 0, 1]);
    expect(await values(quality, 'restrictions_active', `region:${world.regions.south.id}`)).toEqual([0, 1, 1, 1]);
    // A person: their own restrictions and their service's blanket ones.
    expect(await values(quality, 'restrictions_active', `person:${world.people.amira.id}`)).toEqual([3, 3, 2, 2]);
    expect(await values(quality, 'restriction_reviews_overdue', `person:${world.people.ben.id}`)).toEqual([0, 1, 1, 1]);
    // A scoped manager's organisation view is their own service.
    expect(await values(manager, 'restrictions_active', 'organisation')).toEqual([3, 3, 2, 2]);
    // The dashboard carries the same figures.
    const dashboard = await quality.get('/api/v1/dashboards?scope=organisation&from=2026-01&to=2026-04');
    const item = dashboard.body.items.find((i: { measure: { key: string } }) => i.measure.key === 'restriction_reviews_overdue');
    expect(item.points).toEqual([
      { period: '2026-01', numerator: 0, denominator: null, value: 0 }, { period: '2026-02', numerator: 2, denominator: null, value: 2 },
      { period: '2026-03', numerator: 1, denominator: null, value: 1 }, { period: '2026-04', numerator: 2, denominator: null, value: 2 },
    ]);
  });

  it('keeps past months as they were when a review date is moved today, and suppresses small numbers for the board', async () => {
    const now = periodOf(new Date().toISOString());
    const before = await values(quality, 'restriction_reviews_overdue', `person:${world.people.ben.id}`, '2026-04', now);
    expect(before.at(-1)).toBe(1);
    const moved = await quality.patch(`/api/v1/restrictions/${ids.r3}`, { reviewDueOn: '2099-01-01', reason: 'Reviewed with Ben and his sister.' });
    expect(moved.status).toBe(200);
    const after = await values(quality, 'restriction_reviews_overdue', `person:${world.people.ben.id}`, '2026-04', now);
    expect(after[0]).toBe(1);
    expect(after.at(-1)).toBe(0);
    await database.db.deleteFrom('restriction_history').where('restriction_id', '=', ids.r3).execute();
    await database.db.updateTable('restrictions').set({ review_due_on: '2026-02-20' }).where('id', '=', ids.r3).execute();

    const board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    expect(await values(board, 'restrictions_active', 'organisation')).toEqual([null, null, null, null]);
  });

  it('stores a target per scope for quality leads and admins only, audits it, and charts assurance with it', async () => {
    const url = '/api/v1/measures/restrictions_active/target?scope=organisation';
    expect((await manager.put(url, { target: 1 })).status).toBe(403);
    expect((await quality.put('/api/v1/measures/speak_up_reports/target?scope=organisation', { target: 3 })).body.errors[0].path).toBe('target');
    expect((await quality.put('/api/v1/measures/restrictions_active/target?scope=everywhere', { target: 3 })).body.errors[0].path).toBe('query.scope');
    expect((await quality.put('/api/v1/measures/nonsense/target?scope=organisation', { target: 3 })).status).toBe(404);
    expect((await quality.put('/api/v1/measures/restrictions_active/target?scope=service:999999', { target: 3 })).status).toBe(404);
    const set = await quality.put(url, { target: 0.5 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ key: 'restrictions_active', scope: 'organisation', target: 0.5 });
    expect((await quality.put(`/api/v1/measures/restrictions_active/target?scope=service:${world.services.birch.id}`, { target: 2 })).status).toBe(200);
    const trail = await database.db.selectFrom('audit_log').select(['summary', 'entity_id']).where('entity_kind', '=', 'measure_target').orderBy('id').execute();
    expect(trail).toEqual([
      { summary: 'target 0.5', entity_id: 'restrictions_active@organisation' },
      { summary: 'target 2', entity_id: `restrictions_active@service:${world.services.birch.id}` },
    ]);

    // 16 months: Jan–May 2025 R5 only; Jun–Nov 2025 R5 and R4; then as above.
    const response = await quality.get('/api/v1/measures/restrictions_active/series?scope=organisation&from=2025-01&to=2026-04');
    const series = response.body.points.map((p: { value: number }) => p.value);
    expect(series).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 4, 3, 3]);
    expect(response.body.target).toBe(0.5);
    expect(response.body.spc).toEqual(xmrChart({ values: series, improvement: 'decrease', target: 0.5 }));
    expect(response.body.spc.assuranceIcon).not.toBeNull();
    expect(response.body.permissions).toEqual({ canSetTarget: true, canAnnotate: true });

    // The catalogue lists targets for the scopes the reader sees whole: a scoped manager sees their service's, not the organisation's.
    const listed = async (client: Client) => (await client.get('/api/v1/measures')).body.items.find((m: { key: string }) => m.key === 'restrictions_active').targets;
    expect(await listed(quality)).toEqual([{ scope: 'organisation', target: 0.5 }, { scope: `service:${world.services.birch.id}`, target: 2 }]);
    expect(await listed(manager)).toEqual([{ scope: `service:${world.services.birch.id}`, target: 2 }]);
    // The organisation's target does not apply to a scoped manager's sum of their own services.
    const managerView = await manager.get('/api/v1/measures/restrictions_active/series?scope=organisation&from=2025-01&to=2026-04');
    expect(managerView.body.target).toBeNull();
    expect(managerView.body.permissions).toEqual({ canSetTarget: false, canAnnotate: false });

    expect((await quality.put(url, { target: null })).body.target).toBeNull();
    expect((await quality.get('/api/v1/measures/restrictions_active/series?scope=organisation&from=2025-01&to=2026-04')).body.spc.assuranceIcon).toBeNull();
  });

  it('stores recalculations and action markers, passes recalculations into the chart, and lets the right people remove them', async () => {
    const base = '/api/v1/measures/restrictions_active/annotations';
    const birch = `service:${world.services.birch.id}`;
    const worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    expect((await worker.post(`${base}?scope=${birch}`, { period: '2025-06', kind: 'action', label: 'x' })).status).toBe(403);
    expect((await manager.post(`${base}?scope=organisation`, { period: '2025-06', kind: 'action', label: 'x' })).status).toBe(403);
    expect((await manager.post(`${base}?scope=service:${world.services.rowan.id}`, { period: '2025-06', kind: 'action', label: 'x' })).status).toBe(404);
    expect((await quality.post(`${base}?scope=organisation`, { period: '2025-13', kind: 'action', label: 'x' })).body.errors[0].path).toBe('period');
    expect((await quality.post(`${base}?scope=organisation`, { period: '2025-06', kind: 'nudge', label: 'x' })).body.errors[0].path).toBe('kind');

    const recalculation = await quality.post(`${base}?scope=organisation`, { period: '2025-06', kind: 'recalculation', label: 'New model of care from Jun 2025' });
    expect(recalculation.status).toBe(201);
    expect(recalculation.body).toMatchObject({ period: '2025-06', kind: 'recalculation', label: 'New model of care from Jun 2025', link: null, createdBy: 'Test quality_lead' });
    const action = await manager.post(`${base}?scope=${birch}`, { period: '2026-02', kind: 'action', label: 'Kitchen opened at night' });
    expect(action.status).toBe(201);

    const response = await quality.get('/api/v1/measures/restrictions_active/series?scope=organisation&from=2025-01&to=2026-04');
    const series = response.body.points.map((p: { value: number }) => p.value);
    expect(response.body.annotations.map((a: { id: number }) => a.id)).toEqual([recalculation.body.id]);
    // June 2025 is the sixth month shown: a new partition starts at index 5.
    expect(response.body.spc).toEqual(xmrChart({ values: series, improvement: 'decrease', recalculateAt: [5] }));
    expect(response.body.spc.points[4].mean).toBe(1);
    expect(response.body.spc.points[5].mean).toBeCloseTo((2 * 6 + 3 + 3 + 4 + 3 + 3) / 11, 10);
    // Outside the period asked for, an annotation is not shown and does not split the chart.
    const later = await quality.get('/api/v1/measures/restrictions_active/series?scope=organisation&from=2025-07&to=2026-04');
    expect(later.body.annotations).toEqual([]);
    // The dashboard carries each measure's own annotations.
    const dashboard = await manager.get(`/api/v1/dashboards?scope=${birch}&from=2025-01&to=2026-04`);
    const byKey = new Map(dashboard.body.items.map((i: { measure: { key: string } }) => [i.measure.key, i]));
    expect((byKey.get('restrictions_active') as { annotations: { label: string }[] }).annotations.map((a) => a.label)).toEqual(['Kitchen opened at night']);
    expect((byKey.get('incidents') as { annotations: unknown[] }).annotations).toEqual([]);

    // Removing: a scoped manager cannot remove the organisation's mark, nor reach one elsewhere; the wrong measure is not found.
    expect((await manager.delete(`${base}/${recalculation.body.id}`)).status).toBe(403);
    expect((await quality.delete(`/api/v1/measures/incidents/annotations/${recalculation.body.id}`)).status).toBe(404);
    expect((await manager.delete(`${base}/${action.body.id}`)).status).toBe(204);
    expect((await quality.delete(`${base}/${recalculation.body.id}`)).status).toBe(204);
    expect((await quality.delete(`${base}/${recalculation.body.id}`)).status).toBe(404);
    const after = await quality.get('/api/v1/measures/restrictions_active/series?scope=organisation&from=2025-01&to=2026-04');
    expect(after.body.annotations).toEqual([]);
    expect(after.body.spc).toEqual(xmrChart({ values: series, improvement: 'decrease' }));
    const trail = await database.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_kind', '=', 'measure_annotation').orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['create', 'create', 'delete', 'delete']);
    expect(trail[0]!.summary).toBe('recalculation on restrictions_active for organisation from 2025-06');
  });

  it('lets the next issue’s actions place a linked marker inside their own transaction', async () => {
    const id = await database.db.transaction().execute((trx) => addActionMarker(trx, {
      measureKey: 'prone_restraints', scope: `service:${world.services.birch.id}`, period: '2026-03', label: 'Prone-free training for night staff', link: { kind: 'action', id: 42 },
    }));
    const response = await manager.get(`/api/v1/measures/prone_restraints/series?scope=service:${world.services.birch.id}&from=2026-01&to=2026-04`);
    expect(response.body.annotations).toEqual([
      { id, period: '2026-03', kind: 'action', label: 'Prone-free training for night staff', link: { kind: 'action', id: 42 }, createdBy: 'Lantern', createdAt: expect.any(String) },
    ]);
    // An action marker draws a line but does not split the limits.
    expect(monthsBetween('2026-01', '2026-04')).toHaveLength(response.body.points.length);
    expect(new Set(response.body.spc.points.map((p: { mean: number }) => p.mean)).size).toBe(1);
    await expect(database.db.transaction().execute((trx) => addActionMarker(trx, { measureKey: 'nope', scope: 'organisation', period: '2026-03', label: 'x' }))).rejects.toThrow(/measure/);
  });
});
