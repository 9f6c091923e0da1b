import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { Client, signedIn, testApp } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

// Restraints per month at a service before and after a new support model (a drop after point 15).
const monthly = [14, 16, 13, 15, 17, 14, 15, 16, 13, 15, 14, 16, 15, 14, 16, 9, 8, 9, 7, 8, 9, 8, 7, 8];

describe.each(testDialects())('SPC over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let board: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('any signed-in user charts a series; a sustained fall in restraint is improvement', async () => {
    const response = await board.post('/api/v1/analytics/spc', { values: monthly, improvement: 'decrease', target: 10 });
    expect(response.status).toBe(200);
    expect(response.body.limitsShown).toBe(true);
    expect(response.body.points).toHaveLength(24);
    const last = response.body.points.at(-1);
    expect(last.classification).toBe('improvement');
    expect(last.rules).toContain('shift');
    expect(response.body.variationIcon).toBe('improvement_low');
    expect(response.body.points[0]).toEqual(expect.objectContaining({ value: 14, mean: expect.any(Number), upl: expect.any(Number), lpl: expect.any(Number) }));
  });

  it('with a recalculation at the change, the new limits sit around the new level', async () => {
    const response = await board.post('/api/v1/analytics/spc', { values: monthly, improvement: 'decrease', recalculateAt: [15] });
    const before = response.body.points[0];
    const after = response.body.points[20];
    expect(before.mean).toBeCloseTo(14.867, 2);
    expect(after.mean).toBeCloseTo(8.111, 2);
    expect(response.body.variationIcon).toBe('common_cause');
  });

  it('under 13 points shows the mean only, every point common, no icons', async () => {
    const response = await board.post('/api/v1/analytics/spc', { values: monthly.slice(0, 12), improvement: 'decrease', target: 10 });
    expect(response.body.limitsShown).toBe(false);
    expect(response.body.points.every((p: { classification: string; upl: unknown }) => p.classification === 'common' && p.upl === null)).toBe(true);
    expect(response.body.variationIcon).toBeNull();
    expect(response.body.assuranceIcon).toBeNull();
  });

  it.each([
    ['no values', { values: [], improvement: 'decrease' }, 'values'],
    ['a value that is not a number', { values: [1, 'NaN', 3], improvement: 'decrease' }, 'values.1'],
    ['an unknown direction', { values: [1, 2, 3], improvement: 'down' }, 'improvement'],
    ['a recalculation out of range', { values: monthly, improvement: 'decrease', recalculateAt: [24] }, 'recalculateAt.0'],
    ['a recalculation at the first point', { values: monthly, improvement: 'decrease', recalculateAt: [0] }, 'recalculateAt.0'],
    ['a baseline longer than the series', { values: monthly, improvement: 'decrease', baseline: 30 }, 'baseline'],
    ['an unknown profile', { values: monthly, improvement: 'decrease', profile: 'xyz' }, 'profile'],
  ])('refuses %s with 400 naming the field', async (_name, body, path) => {
    const response = await board.post('/api/v1/analytics/spc', body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses more than 100,000 values, and accepts exactly 100,000', async () => {
    const tooMany = await board.post('/api/v1/analytics/spc', { values: Array.from({ length: 100_001 }, (_, i) => i % 7), improvement: 'neither' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe('values');
    const most = await board.post('/api/v1/analytics/spc', { values: Array.from({ length: 100_000 }, (_, i) => i % 7), improvement: 'neither' });
    expect(most.status).toBe(200);
    expect(most.body.points).toHaveLength(100_000);
  });

  it('needs a signed-in user', async () => {
    expect((await new Client(app).post('/api/v1/analytics/spc', { values: monthly, improvement: 'decrease' })).status).toBe(401);
  });
});
