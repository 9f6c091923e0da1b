import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { periodOf } from '../../src/analytics/rates/incident-sums.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe.each(testDialects())('safeguarding, complaint and speak-up measures on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let lead: Client;
  let manager: Client;
  const thisMonth = periodOf(new Date().toISOString());
  // Events a few hours old may fall in last month just after midnight on the 1st: read both months together.
  const lastMonth = periodOf(new Date(Date.now() - 6 * 3_600_000).toISOString());

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    lead = await signedIn(app, world.accounts.safeguarding_lead.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const concern = (raisedAt: string) => ({
    serviceId: world.services.birch.id, personId: world.people.amira.id, raisedAt, categories: ['neglect_and_acts_of_omission'],
    locationOfRisk: 'community_service', sourceOfRisk: 'service_provider', immediateProtection: 'Checked on Amira.', narrative: 'Missed medication.', policeInvolved: false,
  });
  const value = async (key: string, scope = `service:${world.services.birch.id}`) => {
    const { points } = (await lead.get(`/api/v1/measures/${key}/series?scope=${scope}&from=${lastMonth}&to=${thisMonth}`)).body;
    const sum = (field: 'numerator' | 'denominator') => points.reduce((total: number | null, p: Record<string, number | null>) => {
      const v = p[field];
      return v === null || v === undefined ? total : (total ?? 0) + v;
    }, null);
    const numerator = sum('numerator');
    const denominator = sum('denominator');
    const isRate = points.some((p: { denominator: number | null }) => p.denominator !== null);
    return { numerator, denominator, value: isRate ? (denominator ? (numerator / denominator) * 100 : null) : numerator };
  };

  it('counts concerns raised, the share referred in time, and Making Safeguarding Personal at closure', async () => {
    const inTime = (await lead.post('/api/v1/safeguarding-concerns', concern(hoursAgo(2)))).body.id;
    await lead.post('/api/v1/safeguarding-concerns', concern(hoursAgo(1)));
    await lead.patch(`/api/v1/safeguarding-concerns/${inTime}`, { referredToLaAt: hoursAgo(1), reason: 'Meets the threshold.' });
    await lead.patch(`/api/v1/safeguarding-concerns/${inTime}`, { laDecision: 'no_further_action', reason: 'Leeds: no s42 criteria met.' });
    await lead.patch(`/api/v1/safeguarding-concerns/${inTime}`, { mspAsked: 'yes_outcomes_expressed', mspDesiredOutcomes: 'To feel safe.' });
    const closed = await lead.patch(`/api/v1/safeguarding-concerns/${inTime}`, { mspAchieved: 'fully', closedAt: new Date().toISOString(), reason: 'Resolved with Amira.' });
    expect(closed.status).toBe(200);

    expect(await value('safeguarding_concerns')).toMatchObject({ numerator: 2, value: 2 });

    expect(await value('safeguarding_referred_in_time_share')).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(await value('msp_outcomes_asked_share')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(await value('msp_outcomes_achieved_share')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
  });

  it('counts complaints answered in time, and speak-up reports in every mode', async () => {
    const complaint = await manager.post('/api/v1/complaints', {
      kind: 'complaint', serviceId: world.services.birch.id, receivedAt: hoursAgo(5), raisedBy: 'family', channel: 'phone', subject: 'Laundry', narrative: 'Clothes lost.',
    });
    await manager.patch(`/api/v1/complaints/${complaint.body.id}`, { acknowledgedAt: hoursAgo(4), respondedAt: hoursAgo(1), outcome: 'upheld' });
    expect(await value('complaints_responded_in_time_share')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });

    const worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    await worker.post('/api/v1/speak-up', { mode: 'anonymous', serviceId: world.services.birch.id, whatHappened: 'Night staff sleep.' });
    await worker.post('/api/v1/speak-up', { mode: 'named', whatHappened: 'Rota gaps every weekend.' });
    expect(await value('speak_up_reports')).toMatchObject({ numerator: 1 });
    expect((await value('speak_up_reports', 'organisation')).value).toBe(2);
  });

  it('keeps the rollups equal to a rebuild from every source', async () => {
    const snapshot = () => database.db.selectFrom('monthly_counts').selectAll().where('value', '!=', 0).orderBy('scope_type').orderBy('scope_id').orderBy('metric').orderBy('period').execute();
    const before = await snapshot();
    const rebuilt = await rebuildRollups(database);
    expect(rebuilt).toMatchObject({ concerns: 2, complaints: 1 });
    expect(await snapshot()).toEqual(before);
  });
});
