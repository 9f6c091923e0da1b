// The rollups that recording and importing incidents keep in step (by each incident's own contribution, in its
// transaction) must equal what replaying every incident from scratch gives, after creates and after re-imports
// that move, add and remove restrictive interventions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, type World } from '../support/world.js';
import { runImport } from '../../src/server/services/imports.service.js';
import { WRITE_BATCH } from '../../src/server/imports/incident-check.js';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { recordIncident } from '../../src/server/services/incidents.service.js';
import { incidentInput } from '../../src/domain/incidents.js';

const HEADER = 'incident_ref,service_ref,person_ref,occurred_at,reported_at,location,antecedent,behaviour,consequence,setting_events,harm_physical,harm_psychological,narrative,staff_refs,contributory_factors,intervention_type_code,intervention_reason_code,intervention_started_at,intervention_ended_at,intervention_planned,intervention_staff_refs,injury_person,injury_staff,debrief_person,debrief_staff';
const file = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\n')}\n`, 'utf8');

// July: Amira restrained twice in one incident (prone, then a hold); January: no restraint. Ben in Rowan, prone, at
// 23:30 UTC on 31 March: 00:30 on 1 April in England (BST), so April's.
const first = file(
  'IR-1,BIRCH,P-AMIRA,15/07/2026 23:30,,Kitchen,Asked to wait,Hit out,Moved,poor_sleep,3,low,First import.,S-CHLOE,staff_workload,01,10,15/07/2026 23:35,15/07/2026 23:50,Y,S-CHLOE,N,N,Y,Y',
  'IR-1,BIRCH,P-AMIRA,,,,,,,,,,,,,07,17,15/07/2026 23:55,16/07/2026 00:05,N,S-CHLOE,N,Y,Y,Y',
  'IR-2,BIRCH,P-AMIRA,15/01/2026 14:30,,Garden,,Threw a cup,,,5,none,No restraint.,S-CHLOE,,,,,,,,,,,',
  'IR-3,ROWAN,P-BEN,2026-03-31T23:30:00Z,,Hall,,Ran out,,,moderate,moderate,Late evening.,S-DEV,,01,10,2026-03-31T23:40:00Z,2026-04-01T00:20:00Z,Y,S-DEV,Y,N,Y,Y',
);
// Re-import: IR-1 moves to August with one chemical episode and less harm (July's restraint goes); IR-2 gains a
// January hold; IR-3 loses its episode; IR-4 is new.
const second = file(
  'IR-1,BIRCH,P-AMIRA,02/08/2026 10:00,,Kitchen,Asked to wait,Hit out,Moved,poor_sleep,1,none,Moved to August.,S-CHLOE,staff_workload,15,17,02/08/2026 10:05,02/08/2026 10:06,Y,S-CHLOE,N,N,Y,Y',
  'IR-2,BIRCH,P-AMIRA,15/01/2026 14:30,,Garden,,Threw a cup,,,5,none,Now with a hold.,S-CHLOE,,07,10,15/01/2026 14:31,15/01/2026 14:40,Y,S-CHLOE,N,N,Y,Y',
  'IR-3,ROWAN,P-BEN,2026-03-31T23:30:00Z,,Hall,,Ran out,,,moderate,moderate,No episode after all.,S-DEV,,,,,,,,,,,',
  'IR-4,ROWAN,P-BEN,10/02/2026 09:00,,Hall,,Ran out,,,low,low,New.,S-DEV,,04,10,10/02/2026 09:01,10/02/2026 09:11,Y,S-DEV,N,N,Y,Y',
);

describe.each(testDialects())('incident rollups kept in step on %s', (dialect) => {
  let database: TestDatabase;
  let world: World;

  const snapshot = async () => ({
    counts: (await database.db.selectFrom('monthly_counts').select(['scope_type', 'scope_id', 'metric', 'period', 'value'])
      .where('value', '!=', 0).orderBy('scope_type').orderBy('scope_id').orderBy('metric').orderBy('period').execute()).map((r) => ({ ...r, value: Number(r.value) })),
    restrained: await database.db.selectFrom('restrained_months').selectAll().orderBy('service_id').orderBy('person_id').orderBy('period').execute(),
    lengths: (await database.db.selectFrom('hold_lengths').selectAll().where('episodes', '!=', 0)
      .orderBy('scope_type').orderBy('scope_id').orderBy('period').orderBy('minutes').execute()).map((r) => ({ ...r, episodes: Number(r.episodes) })),
  });
  /** The rollups as kept in step, then as rebuilt from every incident: they must be the same. */
  const expectSameAsRebuilt = async () => {
    const kept = await snapshot();
    await rebuildRollups(database);
    expect(kept).toEqual(await snapshot());
    return kept;
  };
  const indexes = () => (dialect === 'sqlite'
    ? database.sqlite!.prepare("select name, sql from sqlite_master where type = 'index' order by name").all()
    : []);
  const count = (s: Awaited<ReturnType<typeof snapshot>>, scope: string, id: number, metric: string, period: string) =>
    s.counts.find((r) => r.scope_type === scope && r.scope_id === id && r.metric === metric && r.period === period)?.value ?? 0;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('recording by hand keeps the rollups equal to a rebuild', async () => {
    await recordIncident(world.ctx, incidentInput.parse({
      serviceId: world.services.birch.id, personIds: [world.people.amira.id], occurredAt: '2026-06-10T12:00:00.000Z', location: 'Lounge',
      antecedent: 'Noise', behaviour: 'Shouted', consequence: 'Quiet room', settingEvents: [], harmPhysical: 'low', harmPsychological: 'none',
      narrative: 'By hand.', staffIds: [world.staff.chloe.id], contributoryFactors: [],
      restrictiveInterventions: [{
        typeCode: '07', reasonCode: '10', startedAt: '2026-06-10T12:01:00.000Z', endedAt: '2026-06-10T12:04:00.000Z', isPlanned: true,
        staffIds: [world.staff.chloe.id], debriefPerson: true, debriefStaff: true,
      }],
    }));
    const kept = await expectSameAsRebuilt();
    expect(count(kept, 'person', world.people.amira.id, 'people_restrained', '2026-06')).toBe(1);
  });

  it('an incidents import adds just its incidents\' contributions, in London months, without a rebuild', async () => {
    const report = await runImport(world.ctx, { kind: 'incidents', file: { buffer: first, filename: 'first.csv' }, isDryRun: false });
    expect(report).toMatchObject({ created: 3, updated: 0, errors: [] });
    const kept = await expectSameAsRebuilt();
    const amira = world.people.amira.id;
    expect(count(kept, 'person', world.people.ben.id, 'incidents', '2026-04')).toBe(1);
    expect(count(kept, 'person', world.people.ben.id, 'prone_restraints', '2026-04')).toBe(1);
    expect(count(kept, 'person', amira, 'incidents', '2026-07')).toBe(1);
    expect(count(kept, 'person', amira, 'people_restrained', '2026-07')).toBe(1);
    expect(count(kept, 'person', amira, 'interventions', '2026-07')).toBe(2);
    expect(count(kept, 'service', world.services.birch.id, 'restraint_minutes', '2026-07')).toBe(25);
    expect(count(kept, 'organisation', 0, 'incidents', '2026-01')).toBe(1);
  });

  it('a re-import takes the old versions out and puts the new ones in, and a month with no restraint left stops counting the person', async () => {
    const report = await runImport(world.ctx, { kind: 'incidents', file: { buffer: second, filename: 'second.csv' }, isDryRun: false });
    expect(report).toMatchObject({ created: 1, updated: 3, errors: [] });
    const kept = await expectSameAsRebuilt();
    const amira = world.people.amira.id;
    const ben = world.people.ben.id;
    expect(count(kept, 'person', amira, 'people_restrained', '2026-07')).toBe(0);
    expect(count(kept, 'person', amira, 'incidents', '2026-07')).toBe(0);
    expect(count(kept, 'person', amira, 'chemical_restraints', '2026-08')).toBe(1);
    expect(count(kept, 'person', amira, 'people_restrained', '2026-01')).toBe(1);
    expect(count(kept, 'person', ben, 'prone_restraints', '2026-04')).toBe(0);
    expect(count(kept, 'person', ben, 'people_restrained', '2026-04')).toBe(0);
    expect(count(kept, 'person', ben, 'incidents', '2026-04')).toBe(1);
    expect(count(kept, 'person', ben, 'people_restrained', '2026-02')).toBe(1);
    // The hand-recorded June incident is untouched.
    expect(count(kept, 'person', amira, 'people_restrained', '2026-06')).toBe(1);
    expect(kept.restrained.map((r) => r.period).sort()).toEqual(['2026-01', '2026-02', '2026-06', '2026-08']);
  });

  it('a dry run and a refused file change no rollups', async () => {
    const before = await snapshot();
    const moved = Buffer.from(second.toString('utf8').replaceAll('02/08/2026', '03/09/2026'), 'utf8');
    expect((await runImport(world.ctx, { kind: 'incidents', file: { buffer: moved, filename: 'dry.csv' }, isDryRun: true })).errors).toEqual([]);
    const broken = Buffer.from(`${moved.toString('utf8')}IR-9,BIRCH,P-NOBODY,01/01/2026 10:00,,X,,Y,,,low,low,Bad.,,,,,,,,,,,,\n`, 'utf8');
    expect((await runImport(world.ctx, { kind: 'incidents', file: { buffer: broken, filename: 'bad.csv' }, isDryRun: false })).errors.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it('an incident whose rows are more than a write batch apart is one incident; a wrong last row, after batches were written, leaves nothing behind', async () => {
    const before = await snapshot();
    const indexesBefore = indexes();
    const incidentsBefore = await database.db.selectFrom('incidents').select('id').execute();
    const lines = ['APART-0,ROWAN,P-BEN,01/05/2025 09:00,,Hall,,Ran out,,,low,none,First of two rows.,,,04,10,01/05/2025 09:01,01/05/2025 09:05,Y,,N,N,Y,Y'];
    for (let i = 1; i <= WRITE_BATCH + 100; i += 1) lines.push(`APART-${i},ROWAN,P-BEN,02/05/2025 10:00,,Hall,,Ran out,,,low,none,Filler ${i}.,,,,,,,,,,,,`);
    // The agency worker is only on the second episode, thousands of rows later.
    lines.push('APART-0,ROWAN,P-BEN,,,,,,,,,,,,,01,10,01/05/2025 09:10,01/05/2025 09:12,Y,S-DEV,N,N,Y,Y');
    const wrong = [...lines, 'APART-X,ROWAN,P-NOBODY,03/05/2025 10:00,,Hall,,Ran out,,,low,none,Wrong person.,,,,,,,,,,,,'];
    const refused = await runImport(world.ctx, { kind: 'incidents', file: { buffer: file(...wrong), filename: 'wrong.csv' }, isDryRun: false });
    expect(refused.errors).toEqual([expect.objectContaining({ row: wrong.length + 1, column: 'person_ref' })]);
    expect(await database.db.selectFrom('incidents').select('id').execute()).toEqual(incidentsBefore);
    expect(await snapshot()).toEqual(before);
    // A first load sets indexes aside: the rollback puts them back.
    expect(indexes()).toEqual(indexesBefore);

    const report = await runImport(world.ctx, { kind: 'incidents', file: { buffer: file(...lines), filename: 'apart.csv' }, isDryRun: false });
    expect(report).toMatchObject({ created: WRITE_BATCH + 101, updated: 0, errors: [] });
    const apart = await database.db.selectFrom('incidents').select(['id', 'has_agency_staff']).where('ref', '=', 'APART-0').executeTakeFirstOrThrow();
    expect(Number(apart.has_agency_staff)).toBe(1);
    const episodes = await database.db.selectFrom('restrictive_interventions').select('type_code').where('incident_id', '=', apart.id).orderBy('id').execute();
    expect(episodes.map((e) => e.type_code)).toEqual(['04', '01']);
    await expectSameAsRebuilt();
  });

  it('two incidents files imported at once each get their own incidents, checked on the one checking thread', async () => {
    const batch = (prefix: string, service: string, person: string, staff: string, type: string) => file(...Array.from({ length: 30 }, (_, i) =>
      `${prefix}-${i},${service},${person},0${1 + (i % 9)}/03/2025 10:00,,Lounge,,Shouted,,,low,none,${prefix} ${i}.,${staff},,${type},10,0${1 + (i % 9)}/03/2025 10:05,0${1 + (i % 9)}/03/2025 10:15,Y,${staff},N,N,Y,Y`));
    const [birch, rowan] = await Promise.all([
      runImport(world.ctx, { kind: 'incidents', file: { buffer: batch('TWIN-B', 'BIRCH', 'P-AMIRA', 'S-CHLOE', '04'), filename: 'b.csv' }, isDryRun: false }),
      runImport(world.ctx, { kind: 'incidents', file: { buffer: batch('TWIN-R', 'ROWAN', 'P-BEN', 'S-DEV', '07'), filename: 'r.csv' }, isDryRun: false }),
    ]);
    expect([birch, rowan]).toMatchObject([{ created: 30, errors: [] }, { created: 30, errors: [] }]);
    const episodes = await database.db.selectFrom('restrictive_interventions').innerJoin('incidents', 'incidents.id', 'restrictive_interventions.incident_id')
      .select(['incidents.ref', 'restrictive_interventions.type_code', 'restrictive_interventions.person_id']).where('incidents.ref', 'like', 'TWIN-%').execute();
    expect(episodes).toHaveLength(60);
    for (const e of episodes) {
      expect(e).toMatchObject(e.ref?.startsWith('TWIN-B') ? { type_code: '04', person_id: world.people.amira.id } : { type_code: '07', person_id: world.people.ben.id });
    }
    await expectSameAsRebuilt();
  });

  it('a first load of history (1,200 incidents, more than were ever recorded) writes the same rows and rollups, and leaves every index in place', async () => {
    const before = indexes();
    const lines: string[] = [];
    for (let i = 0; i < 1200; i += 1) {
      const day = `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2025`;
      lines.push(`BULK-${i},BIRCH,P-AMIRA,${day} 10:00,,Lounge,Noise,Shouted,Quiet room,,low,none,Bulk ${i}.,S-CHLOE,staff_workload,01,10,${day} 10:05,${day} 10:15,Y,S-CHLOE,N,N,Y,Y`);
      lines.push(`BULK-${i},BIRCH,P-AMIRA,,,,,,,,,,,,,07,10,${day} 10:20,${day} 10:25,N,S-CHLOE,N,N,Y,Y`);
    }
    const report = await runImport(world.ctx, { kind: 'incidents', file: { buffer: file(...lines), filename: 'history.csv' }, isDryRun: false });
    expect(report).toMatchObject({ created: 1200, updated: 0, errors: [] });
    expect(indexes()).toEqual(before);
    if (dialect === 'sqlite') {
      // The planner's statistics for the rebuilt indexes are gathered again.
      const analysed = (database.sqlite!.prepare("select idx from sqlite_stat1 where tbl = 'restrictive_interventions'").all() as { idx: string }[]).map((r) => r.idx);
      expect(analysed).toEqual(expect.arrayContaining(['interventions_incident_idx', 'interventions_person_time_idx', 'interventions_service_time_idx']));
    }
    const kept = await expectSameAsRebuilt();
    expect(count(kept, 'person', world.people.amira.id, 'interventions', '2025-01')).toBe(2 * Math.ceil(1200 / 9));
    const bulk = await database.db.selectFrom('incidents').select('id').where('ref', 'like', 'BULK-%').execute();
    expect(bulk).toHaveLength(1200);
    const ids = bulk.map((r) => r.id);
    const episodes = await database.db.selectFrom('restrictive_interventions').select(['incident_id', 'person_id']).where('incident_id', 'in', ids).execute();
    expect(episodes).toHaveLength(2400);
    expect(new Set(episodes.map((e) => e.person_id))).toEqual(new Set([world.people.amira.id]));
    const links = await database.db.selectFrom('incident_staff').select('incident_id').where('incident_id', 'in', ids).execute();
    expect(links).toHaveLength(1200);
  });
});
