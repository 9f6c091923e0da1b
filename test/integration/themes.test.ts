import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../src/db/connection.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

interface ThemeBody {
  key: string; name: string; total: number | null;
  bySource: Record<string, number | null>;
  byService: { serviceId: number; name: string; count: number | null }[];
  trend: { month: string; count: number | null }[];
  examples: { kind: string; id: number; ref?: string }[];
}
interface ThemesBody { scope: string; from: string; to: string; isSuppressed: boolean; sources: string[]; themes: ThemeBody[] }

const PERIOD = 'from=2026-09-01&to=2026-11-20';

describe.each(testDialects())('themes on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  const clients = {} as Record<'quality' | 'worker' | 'board' | 'commissioner' | 'guardian' | 'manager', Client>;
  let counter = 0;

  async function incident(serviceId: number, personId: number, occurredAt: string, antecedent: string, factors: string[] = []) {
    counter += 1;
    const row = await database.db.insertInto('incidents').values({
      ref: `INC-T${counter}`, service_id: serviceId, occurred_at: occurredAt, reported_at: occurredAt, reported_by_user_id: null, location: 'Lounge',
      antecedent, behaviour: 'Shouted and threw a cup.', consequence: 'Staff gave space; calm after ten minutes.', harm_physical: 'none',
      harm_psychological: 'none', narrative: '', has_agency_staff: 0, status: 'submitted', created_at: nowIso(), updated_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('incident_people').values({ incident_id: row.id, person_id: personId }).execute();
    for (const code of factors) await database.db.insertInto('incident_codes').values({ incident_id: row.id, kind: 'factor', code }).execute();
    return row.id;
  }
  async function complaint(serviceId: number, receivedAt: string, narrative: string, theme: string) {
    counter += 1;
    const row = await database.db.insertInto('complaints').values({
      ref: `CMP-T${counter}`, kind: 'complaint', service_id: serviceId, person_id: null, received_at: receivedAt, raised_by: 'family', channel: 'email',
      subject: 'Trips', narrative, outcome: null, created_by_user_id: null, created_at: nowIso(), updated_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('complaint_themes').values({ complaint_id: row.id, theme }).execute();
    return row.id;
  }
  async function concern(serviceId: number, personId: number, raisedAt: string, narrative: string) {
    counter += 1;
    const row = await database.db.insertInto('safeguarding_concerns').values({
      ref: `SGC-T${counter}`, service_id: serviceId, person_id: personId, raised_at: raisedAt, raised_by_user_id: null, raised_by_name: 'Test', status: 'raised',
      location_of_risk: 'own_home', source_of_risk: 'service_provider', immediate_protection: 'Checked and safe.', narrative, police_involved: 0,
      cqc_notification_required: 0, caused_enquiry: 0, created_at: nowIso(), updated_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  async function speakUp(id: number, serviceId: number | null, receivedOn: string, text: string) {
    await database.db.insertInto('speak_up_concerns').values({
      id, mode: 'anonymous', status: 'received', service_id: serviceId, what_happened: text, raised_elsewhere: 0, would_like_to_happen: 'A reliable minibus.',
      outcome: null, reporter_user_id: null, receipt_key_hash: null, received_on: receivedOn,
    }).execute();
    await database.db.insertInto('speak_up_themes').values({ concern_id: id, theme: 'transport' }).execute();
    await database.db.insertInto('speak_up_categories').values({ concern_id: id, category: 'other' }).execute();
  }

  const ids = { birchIncidents: [] as number[], rowanIncidents: [] as number[], complaints: [] as number[], concern: 0, speakUp: 424242, old: 0 };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    const { birch, rowan } = world.services;
    const { amira, ben } = world.people;
    // Birch House: six incidents about the minibus, two complaints and a speak-up report.
    for (let k = 0; k < 6; k += 1) {
      ids.birchIncidents.push(await incident(birch.id, amira.id, `2026-10-${String(2 + k * 3).padStart(2, '0')}T18:30:00.000Z`,
        'Amira was told the trip was off because the minibus was off the road again.', ['support_from_central_functions']));
    }
    ids.complaints.push(await complaint(birch.id, '2026-10-20T10:00:00.000Z', 'Every outing is cancelled because the minibus is broken.', 'transport'));
    ids.complaints.push(await complaint(birch.id, '2026-11-02T10:00:00.000Z', 'The minibus has not been fixed and Amira is stuck indoors.', 'transport'));
    await speakUp(ids.speakUp, birch.id, '2026-11-10', 'The minibus has been off the road for weeks and nobody is sorting it.');
    // Rowan Court: three incidents and a safeguarding concern.
    for (let k = 0; k < 3; k += 1) ids.rowanIncidents.push(await incident(rowan.id, ben.id, `2026-09-${String(10 + k).padStart(2, '0')}T12:00:00.000Z`, 'The minibus did not turn up for the day centre run.'));
    ids.concern = await concern(rowan.id, ben.id, '2026-11-05T09:00:00.000Z', 'Ben missed his hospital appointment as the minibus was unavailable.');
    // Before the period: not counted.
    ids.old = await incident(birch.id, amira.id, '2026-01-15T12:00:00.000Z', 'The minibus was late.');

    clients.quality = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    clients.worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    clients.board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    clients.commissioner = await signedIn(app, world.accounts.commissioner.email, PASSWORD);
    clients.guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    clients.manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const transport = (body: ThemesBody) => body.themes.find((t) => t.key === 'transport');

  it('counts a theme across every source, per service and per month, with recent examples', async () => {
    const res = await clients.quality.get<ThemesBody>(`/api/v1/themes?scope=organisation&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scope: 'organisation', from: '2026-09-01', to: '2026-11-20', isSuppressed: false });
    const t = transport(res.body)!;
    expect(t.name).toBe('Transport');
    expect(t.total).toBe(13);
    expect(t.bySource).toEqual({ incident: 9, safeguarding_concern: 1, complaint: 2, speak_up: 1, practice_review: 0 });
    expect(t.byService).toEqual([
      { serviceId: world.services.birch.id, name: 'Birch House', count: 9 },
      { serviceId: world.services.rowan.id, name: 'Rowan Court', count: 4 },
    ]);
    expect(t.trend).toEqual([{ month: '2026-09', count: 3 }, { month: '2026-10', count: 7 }, { month: '2026-11', count: 3 }]);
    // Most recent first; the speak-up report counts but is not an example for a quality lead.
    expect(t.examples.map((e) => e.kind)).toEqual(['safeguarding_concern', 'complaint', 'complaint', 'incident', 'incident']);
    expect(t.examples[0]).toEqual({ kind: 'safeguarding_concern', id: ids.concern, ref: expect.stringMatching(/^SGC-T/) });
    expect(t.examples.some((e) => e.kind === 'speak_up')).toBe(false);
    // The contributory factor is a theme of its own.
    expect(res.body.themes.find((x) => x.key === 'factor:support_from_central_functions')).toMatchObject({ name: 'Support from central functions', total: 6 });
  });

  it('a support worker sees only their own service; another service is not found', async () => {
    const res = await clients.worker.get<ThemesBody>(`/api/v1/themes?scope=organisation&${PERIOD}`);
    expect(res.status).toBe(200);
    const t = transport(res.body)!;
    expect(t.total).toBe(9);
    expect(t.bySource).toMatchObject({ incident: 6, complaint: 2, speak_up: 1, safeguarding_concern: 0 });
    expect(t.byService.map((s) => s.serviceId)).toEqual([world.services.birch.id]);
    const fromRowan = t.examples.filter((e) => e.kind === 'safeguarding_concern' || (e.kind === 'incident' && ids.rowanIncidents.includes(e.id)));
    expect(fromRowan).toEqual([]);
    expect(t.examples.length).toBe(5);
    expect((await clients.worker.get(`/api/v1/themes?scope=service:${world.services.rowan.id}&${PERIOD}`)).status).toBe(404);
    expect((await clients.worker.get(`/api/v1/themes?scope=person:${world.people.ben.id}&${PERIOD}`)).status).toBe(404);
    expect((await clients.worker.get(`/api/v1/themes?scope=region:${world.regions.south.id}&${PERIOD}`)).status).toBe(404);
  });

  it('a service scope and a person scope narrow the records', async () => {
    const rowan = await clients.quality.get<ThemesBody>(`/api/v1/themes?scope=service:${world.services.rowan.id}&${PERIOD}`);
    expect(transport(rowan.body)!.bySource).toMatchObject({ incident: 3, safeguarding_concern: 1, complaint: 0, speak_up: 0 });
    const amira = await clients.manager.get<ThemesBody>(`/api/v1/themes?scope=person:${world.people.amira.id}&${PERIOD}`);
    expect(amira.status).toBe(200);
    // Amira's incidents only: complaints here name nobody, and speak-up reports are never about a person.
    expect(transport(amira.body)!.bySource).toMatchObject({ incident: 6, complaint: 0, speak_up: 0 });
    const audit = await database.db.selectFrom('audit_log').select(['entity_kind', 'entity_id', 'action']).where('entity_kind', '=', 'person').where('entity_id', '=', String(world.people.amira.id)).execute();
    expect(audit.some((a) => a.action === 'read')).toBe(true);
  });

  it('board members and commissioners get counts only, with small numbers suppressed', async () => {
    const board = await clients.board.get<ThemesBody>(`/api/v1/themes?scope=organisation&${PERIOD}`);
    expect(board.status).toBe(200);
    expect(board.body.isSuppressed).toBe(true);
    const t = transport(board.body)!;
    expect(t.total).toBe(15);
    expect(t.bySource).toEqual({ incident: 10, safeguarding_concern: null, complaint: null, speak_up: null, practice_review: null });
    expect(t.byService).toEqual([
      { serviceId: world.services.birch.id, name: 'Birch House', count: 10 },
      { serviceId: world.services.rowan.id, name: 'Rowan Court', count: null },
    ]);
    expect(t.trend.map((p) => p.count)).toEqual([null, 5, null]);
    expect(t.examples).toEqual([]);
    // Leeds commissions Birch House only.
    const commissioner = await clients.commissioner.get<ThemesBody>(`/api/v1/themes?scope=organisation&${PERIOD}`);
    expect(transport(commissioner.body)).toMatchObject({ total: 10, examples: [] });
    expect(commissioner.body.themes.every((x) => x.byService.every((s) => s.serviceId === world.services.birch.id))).toBe(true);
  });

  it('only the guardian sees speak-up reports as examples', async () => {
    const res = await clients.guardian.get<ThemesBody>(`/api/v1/themes?scope=organisation&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual(['speak_up']);
    const t = transport(res.body)!;
    expect(t.total).toBe(1);
    expect(t.examples).toEqual([{ kind: 'speak_up', id: ids.speakUp }]);
  });

  it('records outside the period are left out, and bad input names the field', async () => {
    const wide = await clients.quality.get<ThemesBody>('/api/v1/themes?scope=organisation&from=2026-01-01&to=2026-11-20');
    expect(transport(wide.body)!.total).toBe(14);
    const badScope = await clients.quality.get('/api/v1/themes?scope=everywhere');
    expect(badScope.status).toBe(400);
    expect(JSON.stringify(badScope.body)).toContain('query.scope');
    const backwards = await clients.quality.get('/api/v1/themes?scope=organisation&from=2026-11-01&to=2026-10-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('query.from');
    const badDate = await clients.quality.get('/api/v1/themes?scope=organisation&from=2026-02-30');
    expect(badDate.status).toBe(400);
    // Two centuries of monthly trends would tie the server up: at most 20 years, as for measure series.
    const centuries = await clients.quality.get('/api/v1/themes?scope=organisation&from=1900-01-01&to=2199-12-31');
    expect(centuries.status).toBe(400);
    expect(JSON.stringify(centuries.body)).toContain('Ask for at most 20 years.');
    expect((await clients.quality.get('/api/v1/themes?scope=organisation&from=2007-01-01&to=2026-12-31')).status).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/themes' })).statusCode).toBe(401);
  });
});
