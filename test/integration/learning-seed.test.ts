import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { seedDemoOrganisation } from '../../src/db/seed/demo.js';
import { seedLearning } from '../../src/db/seed/learning.js';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { systemContext } from '../../src/server/policies/actor.js';
import { evaluateAction } from '../../src/server/services/learning-evaluate.service.js';

// The demo's learning: built on the planted action and the planted null, and judged like any other action.
describe.each(testDialects())('demo learning seed on %s', (dialect) => {
  let database: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedLearning>>;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const demo = await seedDemoOrganisation(database, 'demo', { seed: 7 });
    await rebuildRollups(database);
    seeded = await seedLearning(database, demo.groundTruth);
  }, 600_000);
  afterAll(async () => {
    await database.drop();
  });

  it('links the planted plan changes to lessons, and judges them honestly', async () => {
    expect(seeded).toEqual({ responses: 2, lessons: 2, actions: 3, documents: 4 });
    const actions = await database.db.selectFrom('actions').select(['id', 'type', 'status', 'action_date']).where('type', 'in', ['behaviour_support_plan', 'support_plan']).orderBy('id').execute();
    expect(actions.map((a) => [a.type, a.status])).toEqual([['behaviour_support_plan', 'completed'], ['support_plan', 'completed']]);
    const ctx = { database, actor: systemContext('test'), ip: null };
    const planted = await evaluateAction(ctx, actions[0]!.id);
    const nul = await evaluateAction(ctx, actions[1]!.id);
    console.log(`planted action: ${planted.verdict} (rate ratio ${planted.rateRatio}, CI ${JSON.stringify(planted.ci95)}); planted null: ${nul.verdict} (rate ratio ${nul.rateRatio}, CI ${JSON.stringify(nul.ci95)})`);
    expect(planted.verdict).toBe('effective');
    expect(nul.verdict).not.toBe('effective');
  });
});
