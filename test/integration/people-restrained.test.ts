// "People restrained" counts distinct people (DOMAIN.md §4.5): Amira, restrained at Birch House early in March, moves
// to Cedar Lodge (the same region) and then to Rowan Court (another region), and is restrained at each. She is one
// person restrained in March for the organisation, for each region and for herself, however the counts are kept:
// recorded by hand, imported, re-imported, summed for a manager of two services, or rebuilt from the events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentInput } from '../../src/domain/incidents.js';
import { runImport } from '../../src/server/services/imports.service.js';
import { recordIncident } from '../../src/server/services/incidents.service.js';
import { updatePerson } from '../../src/server/services/people.service.js';
import { ensureRollupsCurrent, rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { writeSetting } from '../../src/server/repositories/settings.repository.js';
import * as staff from '../../src/server/services/staff.service.js';
import * as structure from '../../src/server/services/structure.service.js';
import * as users from '../../src/server/services/users.service.js';
import type { App } from '../../src/server/http/app.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { signedIn, testApp } from '../support/http.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';

const HEADER = 'incident_ref,service_ref,person_ref,occurred_at,reported_at,location,antecedent,behaviour,consequence,setting_events,harm_physical,harm_psychological,narrative,staff_refs,contributory_factors,intervention_type_code,intervention_reason_code,intervention_started_at,intervention_ended_at,intervention_planned,intervention_staff_refs,injury_person,injury_staff,debrief_person,debrief_staff';
const file = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\n')}\n`, 'utf8');

describe.each(testDialects())('people restrained, counted once each, on %s', (dialect) => {
  let database: TestDatabase;
  let world: World;
  let app: App;
  let cedar: { id: number };
  let sam: { id: number };

  const count = async (scope: string, id: number, metric: string, period = '2026-03') => Number((await database.db.selectFrom('monthly_counts').select('value')
    .where('scope_type', '=', scope).where('scope_id', '=', id).where('metric', '=', metric).where('period', '=', period).executeTakeFirst())?.value ?? 0);
  const restrained = async () => ({
    organisation: await count('organisation', 0, 'people_restrained'),
    north: await count('region', world.regions.north.id, 'people_restrained'),
    south: await count('region', world.regions.south.id, 'people_restrained'),
    birch: await count('service', world.services.birch.id, 'people_restrained'),
    cedar: await count('service', cedar.id, 'people_restrained'),
    rowan: await count('service', world.services.rowan.id, 'people_restrained'),
    amira: await count('person', world.people.amira.id, 'people_restrained'),
  });
  const snapshot = async () => (await database.db.selectFrom('monthly_counts').select(['scope_type', 'scope_id', 'metric', 'period', 'value'])
    .where('value', '!=', 0).orderBy('scope_type').orderBy('scope_id').orderBy('metric').orderBy('period').execute()).map((r) => ({ ...r, value: Number(r.value) }));
  const expectSameAsRebuilt = async () => {
    const kept = await snapshot();
    await rebuildRollups(database);
    expect(await snapshot()).toEqual(kept);
  };
  const restrainAt = (serviceId: number, staffId: number, day: string, seconds: number) => recordIncident(world.ctx, incidentInput.parse({
    serviceId, personIds: [world.people.amira.id], occurredAt: `${day}T10:00:00.000Z`, location: 'Lounge', antecedent: 'Noise', behaviour: 'Hit out',
    consequence: 'Quiet room', settingEvents: [], harmPhysical: 'low', harmPsychological: 'none', narrative: 'Held prone.', staffIds: [staffId],
    contributoryFactors: [],
    restrictiveInterventions: [{
      typeCode: '01', reasonCode: '10', startedAt: `${day}T10:01:00.000Z`, endedAt: new Date(Date.parse(`${day}T10:01:00.000Z`) + seconds * 1000).toISOString(),
      isPlanned: false, staffIds: [staffId], debriefPerson: true, debriefStaff: true,
    }],
  }));

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    cedar = await structure.createService(world.ctx, {
      ref: 'CEDAR', name: 'Cedar Lodge', type: 'residential_care_home', regionId: world.regions.north.id, capacity: 4, registrationNumber: '1-303', commissionerIds: [world.commissioners.leeds.id],
    });
    sam = await staff.createStaff(world.ctx, { ref: 'S-SAM', name: 'Sam Okafor', jobTitle: 'Support worker', employmentType: 'permanent', serviceIds: [cedar.id], active: true });
    await users.createUser(world.ctx, {
      email: 'two-services@test.lantern', name: 'Manager of two', role: 'service_manager', password: PASSWORD, allServices: false, serviceIds: [world.services.birch.id, cedar.id], commissionerId: null,
    });
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('counts her once for the organisation and the region when two services in it restrain her in one month', async () => {
    // Held prone for 10 minutes 20 seconds: recorded as 10 minutes, yet over 10 for the national split.
    await restrainAt(world.services.birch.id, world.staff.chloe.id, '2026-03-03', 620);
    await updatePerson(world.ctx, world.people.amira.id, { serviceId: cedar.id });
    await restrainAt(cedar.id, sam.id, '2026-03-20', 300);
    expect(await restrained()).toEqual({ organisation: 1, north: 1, south: 0, birch: 1, cedar: 1, rowan: 0, amira: 1 });
    expect(await count('service', world.services.birch.id, 'prone_over_10_min')).toBe(1);
    expect(await count('service', cedar.id, 'prone_over_10_min')).toBe(0);
    await expectSameAsRebuilt();
  });

  it('counts her once for the organisation and once in each region when a service in another region restrains her too', async () => {
    await updatePerson(world.ctx, world.people.amira.id, { serviceId: world.services.rowan.id });
    await restrainAt(world.services.rowan.id, world.staff.dev.id, '2026-03-27', 120);
    expect(await restrained()).toEqual({ organisation: 1, north: 1, south: 1, birch: 1, cedar: 1, rowan: 1, amira: 1 });
    await expectSameAsRebuilt();
  });

  it('counts her once for a manager of two of those services', async () => {
    const manager = await signedIn(app, 'two-services@test.lantern', PASSWORD);
    const response = await manager.get('/api/v1/measures/people_restrained/series?scope=organisation&from=2026-02&to=2026-03');
    expect(response.status).toBe(200);
    expect((response.body as { points: { numerator: number }[] }).points.map((p) => p.numerator)).toEqual([0, 1]);
    const minutes = await manager.get('/api/v1/measures/restraint_minutes/series?scope=organisation&from=2026-03&to=2026-03');
    expect((minutes.body as { points: { numerator: number }[] }).points[0]!.numerator).toBe(10 + 5);
  });

  it('keeps counting her when a re-import takes away one service\'s restraint, and stops only when none is left', async () => {
    await updatePerson(world.ctx, world.people.amira.id, { serviceId: world.services.birch.id });
    const imported = await runImport(world.ctx, {
      kind: 'incidents', isDryRun: false,
      file: { buffer: file('IR-APRIL,BIRCH,P-AMIRA,02/04/2026 10:00,,Hall,,Hit out,,,low,none,Held.,S-CHLOE,,07,10,02/04/2026 10:01,02/04/2026 10:05,N,S-CHLOE,N,N,Y,Y'), filename: 'april.csv' },
    });
    expect(imported.errors).toEqual([]);
    await updatePerson(world.ctx, world.people.amira.id, { serviceId: cedar.id });
    await restrainAt(cedar.id, sam.id, '2026-04-20', 60);
    expect(await count('organisation', 0, 'people_restrained', '2026-04')).toBe(1);
    expect(await count('region', world.regions.north.id, 'people_restrained', '2026-04')).toBe(1);
    // The April incident at Birch House, imported again without its restraint: Cedar Lodge still restrained her in April.
    await updatePerson(world.ctx, world.people.amira.id, { serviceId: world.services.birch.id });
    const again = await runImport(world.ctx, {
      kind: 'incidents', isDryRun: false,
      file: { buffer: file('IR-APRIL,BIRCH,P-AMIRA,02/04/2026 10:00,,Hall,,Hit out,,,low,none,No hold after all.,S-CHLOE,,,,,,,,,,,'), filename: 'april-again.csv' },
    });
    expect(again).toMatchObject({ updated: 1, errors: [] });
    expect(await count('service', world.services.birch.id, 'people_restrained', '2026-04')).toBe(0);
    expect(await count('service', cedar.id, 'people_restrained', '2026-04')).toBe(1);
    expect(await count('organisation', 0, 'people_restrained', '2026-04')).toBe(1);
    expect(await count('region', world.regions.north.id, 'people_restrained', '2026-04')).toBe(1);
    expect(await count('person', world.people.amira.id, 'people_restrained', '2026-04')).toBe(1);
    await expectSameAsRebuilt();
  });

  it('puts right the counts an earlier version kept, one per service, when the database is brought up to date', async () => {
    const kept = await snapshot();
    expect(await ensureRollupsCurrent(database)).toBe(false);
    await writeSetting(database.db, 'rollup_rules_version', 1);
    // As counted before: March once per service at which she was restrained (three), North twice.
    await database.db.updateTable('monthly_counts').set({ value: 3 }).where('scope_type', 'in', ['organisation', 'person'])
      .where('metric', '=', 'people_restrained').where('period', '=', '2026-03').execute();
    await database.db.updateTable('monthly_counts').set({ value: 2 }).where('scope_type', '=', 'region').where('scope_id', '=', world.regions.north.id)
      .where('metric', '=', 'people_restrained').where('period', '=', '2026-03').execute();
    expect(await ensureRollupsCurrent(database)).toBe(true);
    expect(await snapshot()).toEqual(kept);
    expect(await ensureRollupsCurrent(database)).toBe(false);
  });
});
