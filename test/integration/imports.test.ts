import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';
import * as users from '../../src/server/services/users.service.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/imports', name), 'utf8');
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

/** A multipart/form-data body as a browser would send it. */
function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const boundary = `----lantern${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: Client, kind: string, content: Buffer | string, options: { dryRun?: boolean; name?: string } = {}) {
  const { payload, contentType } = multipart({ kind, ...(options.dryRun ? { dryRun: 'true' } : {}) }, { name: options.name ?? `${kind}.csv`, content });
  const response = await client.app.inject({
    method: 'POST', url: '/api/v1/imports', payload,
    headers: { 'content-type': contentType, cookie: client.cookie!, 'x-csrf-token': client.csrfToken! },
  });
  return { status: response.statusCode, body: response.json() };
}

describe.each(testDialects())('importing spreadsheets on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  let admin: Client;
  let quality: Client;
  let manager: Client;
  let birchQuality: Client;

  const count = async (table: 'incidents' | 'restrictive_interventions' | 'audit_log' | 'people' | 'services' | 'safeguarding_concerns' | 'complaints') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const incidentByRef = async (client: Client, ref: string) => {
    const row = await database.db.selectFrom('incidents').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
    return (await client.get(`/api/v1/incidents/${row.id}`)).body;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    quality = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD);
    await users.createUser(world.ctx, {
      email: 'quinn@test.lantern', name: 'Quinn (quality, Birch House only)', role: 'quality_lead', password: PASSWORD, allServices: false, serviceIds: [world.services.birch.id],
    });
    birchQuality = await signedIn(app, 'quinn@test.lantern', PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('an admin imports services: Oak Lodge is new (with a new region and commissioner) and Birch House grows', async () => {
    const file = csv(
      'service_ref,name,type,region,capacity,registration_number,commissioner',
      'OAK,Oak Lodge,residential_care_home,East,8,1-303,Norfolk County Council;Leeds City Council',
      'BIRCH,Birch House,supported_living,North,7,1-101,Leeds City Council',
    );
    const response = await upload(admin, 'services', file);
    expect(response).toMatchObject({ status: 200, body: { kind: 'services', rows: 2, created: 1, updated: 1, errors: [] } });
    const oak = await database.db.selectFrom('services').select('id').where('ref', '=', 'OAK').executeTakeFirstOrThrow();
    expect((await admin.get(`/api/v1/services/${oak.id}`)).body).toMatchObject({
      name: 'Oak Lodge', regionName: 'East', capacity: 8, commissioners: expect.arrayContaining([expect.objectContaining({ name: 'Norfolk County Council' })]),
    });
    expect((await admin.get(`/api/v1/services/${world.services.birch.id}`)).body).toMatchObject({ capacity: 7, regionName: 'North' });
  });

  it('people, staff and occupancy import into those services', async () => {
    const people = await upload(admin, 'people', csv(
      'person_ref,service_ref,display_name,learning_disability,autism,legal_status,start_date,end_date',
      'P-CARA,OAK,Cara M.,Y,N,informal,01/02/2024,',
      'P-AMIRA,BIRCH,Amira Khan,Y,Y,dols_authorised,2021-03-01,',
    ));
    expect(people).toMatchObject({ status: 200, body: { rows: 2, created: 1, updated: 1 } });
    expect((await admin.get(`/api/v1/people/${world.people.amira.id}`)).body).toMatchObject({ displayName: 'Amira Khan', startDate: '2021-03-01' });

    const staff = await upload(admin, 'staff', csv(
      'staff_ref,name,role,employment_type,service_refs',
      'S-ELLA,Ella Price,Agency support worker,agency,BIRCH;OAK',
      'S-CHLOE,Chloe Evans,Senior support worker,permanent,BIRCH',
    ));
    expect(staff).toMatchObject({ status: 200, body: { created: 1, updated: 1 } });
    expect((await admin.get(`/api/v1/staff/${world.staff.chloe.id}`)).body).toMatchObject({ jobTitle: 'Senior support worker' });

    const occupancy = await upload(admin, 'occupancy', csv('service_ref,date,occupied_days', 'BIRCH,01/10/2026,6', 'BIRCH,2026-10-02,5.5', 'OAK,2026-10-01,8'));
    expect(occupancy).toMatchObject({ status: 200, body: { rows: 3, created: 3, updated: 0 } });
    const again = await upload(admin, 'occupancy', csv('service_ref,date,occupied_days', 'BIRCH,2026-10-02,6'));
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    const months = (await admin.get(`/api/v1/services/${world.services.birch.id}/occupancy?from=2026-10-01&to=2026-10-31`)).body;
    expect(months.items).toEqual([expect.objectContaining({ month: '2026-10', occupiedDays: 12, daysRecorded: 2 })]);
  });

  it('a quality lead imports incidents from a CSV with a byte-order mark, CRLF and a quoted multi-line narrative', async () => {
    const file = `\uFEFF${fixture('incidents.csv').replace(/\n/g, '\r\n')}`;
    const response = await upload(quality, 'incidents', file);
    expect(response).toMatchObject({ status: 200, body: { kind: 'incidents', rows: 3, created: 2, updated: 0, errors: [] } });

    const summer = await incidentByRef(quality, 'INC-1001');
    expect(summer).toMatchObject({
      // 14:30 in July is British Summer Time: 13:30 UTC.
      occurredAt: '2026-07-15T13:30:00.000Z', reportedAt: '2026-07-15T15:00:00.000Z', reportedBy: null, status: 'submitted',
      narrative: 'Amira was upset in the kitchen.\nStaff followed her plan and she calmed in the lounge.',
      antecedent: 'Asked to wait for lunch, "not now"',
      harmPhysical: 'moderate', harmPsychological: 'low', isAgencyInvolved: true,
      settingEvents: ['noise', 'poor_sleep'], contributoryFactors: ['physical_environment', 'staff_workload'],
      people: [expect.objectContaining({ displayName: 'Amira Khan' })],
    });
    expect(summer.restrictiveInterventions).toHaveLength(2);
    expect(summer.restrictiveInterventions[0]).toMatchObject({
      typeCode: '07', reasonCode: '10', startedAt: '2026-07-15T13:35:00.000Z', durationMinutes: 6, isPlanned: true,
      debriefPerson: false, debriefPersonReason: 'Not recorded in import', debriefStaff: true, debriefStaffReason: null,
    });
    expect(summer.restrictiveInterventions[1]).toMatchObject({ typeCode: '01', reasonCode: '17', injuryStaff: true, debriefStaffReason: 'Not recorded in import' });

    const winter = await incidentByRef(quality, 'INC-1002');
    // 14:30 in January is Greenwich Mean Time; no reported_at means it was reported when it occurred.
    expect(winter).toMatchObject({ occurredAt: '2026-01-15T14:30:00.000Z', reportedAt: '2026-01-15T14:30:00.000Z', harmPhysical: 'none', isAgencyInvolved: false });
    expect(winter.restrictiveInterventions).toEqual([]);

    // The monthly rollups are recomputed after the import, so the measures show the imported incidents at once.
    const july = await quality.get(`/api/v1/measures/restrictive_interventions/series?scope=service:${summer.serviceId}&from=2026-07&to=2026-07`);
    expect(july.body.points[0]).toMatchObject({ period: '2026-07', value: 2 });
  });

  it('one audit entry records each import with its counts', async () => {
    const entries = await database.db.selectFrom('audit_log').select(['entity_kind', 'summary']).where('entity_kind', '=', 'import').orderBy('seq').execute();
    expect(entries.at(-1)?.summary).toMatch(/^incidents: 3 rows, 2 created, 0 updated/);
    expect(entries).toHaveLength(6);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await Promise.all([count('incidents'), count('restrictive_interventions'), count('audit_log')]);
    const file = fixture('incidents.csv').replace(/INC-1001/g, 'INC-2001').replace(/INC-1002/g, 'INC-2002');
    const response = await upload(quality, 'incidents', file, { dryRun: true });
    expect(response).toMatchObject({ status: 200, body: { rows: 3, created: 2, updated: 0, errors: [] } });
    expect(await Promise.all([count('incidents'), count('restrictive_interventions'), count('audit_log')])).toEqual(before);
  });

  it('a file with one bad row is refused with every problem by row and column, and nothing is written', async () => {
    const before = await Promise.all([count('incidents'), count('restrictive_interventions'), count('audit_log')]);
    const good = 'INC-3001,BIRCH,P-AMIRA,2026-09-01T10:00:00Z,,,,,,,4,none,A calm afternoon until a fall.,,,,,,,,,,,,';
    const bad = 'INC-3002,BIRCH,P-BEN;P-NOBODY,2026-09-02 10:00,,,,,,,moderate,none,Several things wrong here.,,,02,10,2026-09-02 10:05,2026-09-02 10:01,Y,,N,N,Y,Y';
    const response = await upload(quality, 'incidents', csv(fixture('incidents.csv').split('\n')[0]!, good, bad));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ kind: 'incidents', rows: 2, created: 0, updated: 0 });
    expect(response.body.errors).toEqual(expect.arrayContaining([
      { row: 3, column: 'person_ref', message: 'P-BEN is not supported by this service' },
      { row: 3, column: 'person_ref', message: 'No such person: P-NOBODY' },
      // A file cannot say which of two people an intervention was on.
      { row: 3, column: 'person_ref', message: 'An incident with a restrictive intervention names only the person who was restricted' },
      expect.objectContaining({ row: 3, column: 'intervention_type_code', message: expect.stringMatching(/^Unknown code/) }),
      { row: 3, column: 'intervention_ended_at', message: 'The end is before the start' },
    ]));
    expect(response.body.errors.every((e: { row: number }) => e.row === 3)).toBe(true);
    expect(await Promise.all([count('incidents'), count('restrictive_interventions'), count('audit_log')])).toEqual(before);
  });

  it('re-importing the same refs updates the incidents rather than duplicating them', async () => {
    const before = await Promise.all([count('incidents'), count('restrictive_interventions')]);
    const file = fixture('incidents.csv').replace('Amira threw a cup in the garden; no one was hurt.', 'Amira threw a plastic cup in the garden; no one was hurt.');
    const response = await upload(quality, 'incidents', file);
    expect(response).toMatchObject({ status: 200, body: { rows: 3, created: 0, updated: 2 } });
    expect(await Promise.all([count('incidents'), count('restrictive_interventions')])).toEqual(before);
    expect((await incidentByRef(quality, 'INC-1002')).narrative).toBe('Amira threw a plastic cup in the garden; no one was hurt.');
  });

  it('an XLSX workbook with the same header row imports, dates and numbers included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Incidents');
    const header = fixture('incidents.csv').split('\n')[0]!.split(',');
    sheet.addRow(header);
    const row = Object.fromEntries(header.map((h) => [h, '']));
    Object.assign(row, {
      incident_ref: 'INC-4001', service_ref: 'BIRCH', person_ref: 'P-AMIRA', occurred_at: new Date(Date.UTC(2026, 5, 1, 9, 15)),
      harm_physical: 3, harm_psychological: 'none', narrative: 'Amira pushed past staff at the door.', staff_refs: 'S-CHLOE',
      intervention_type_code: 7, intervention_reason_code: 17, intervention_started_at: new Date(Date.UTC(2026, 5, 1, 9, 20)),
      intervention_ended_at: new Date(Date.UTC(2026, 5, 1, 9, 23)), intervention_planned: true, debrief_person: 'Y', debrief_staff: 'Y',
    });
    sheet.addRow(header.map((h) => row[h]));
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(quality, 'incidents', buffer, { name: 'incidents.xlsx' });
    expect(response).toMatchObject({ status: 200, body: { rows: 1, created: 1, errors: [] } });
    const incident = await incidentByRef(quality, 'INC-4001');
    // Spreadsheet times are UK wall-clock times: 09:15 BST is 08:15 UTC.
    expect(incident).toMatchObject({ occurredAt: '2026-06-01T08:15:00.000Z', harmPhysical: 'moderate' });
    expect(incident.restrictiveInterventions[0]).toMatchObject({ typeCode: '07', durationMinutes: 3, isPlanned: true });
  });

  it('safeguarding concerns import with their decisions, and must be coherent', async () => {
    const header = 'concern_ref,service_ref,person_ref,raised_at,categories,location_of_risk,source_of_risk,referred_to_la_at,la_reference,la_decision,outcome,risk_outcome,msp_asked,msp_achieved,cqc_notified_at,narrative,contributory_factors,closed_at';
    const closed = 'SG-1,BIRCH,P-AMIRA,02/03/2026 09:00,financial_or_material;psychological,own_home,known_to_individual,02/03/2026 15:00,LCC-77,section_42_enquiry,risk_identified_action_taken,risk_reduced,yes_outcomes_expressed,partially,02/03/2026 12:00,Money missing from Amira’s purse after a family visit.,communication_systems,30/04/2026 17:00';
    const incoherent = 'SG-2,BIRCH,P-AMIRA,2026-05-01T09:00:00Z,neglect_and_acts_of_omission,own_home,service_provider,,,no_further_action,,,,,,Medication missed twice.,,';
    const refused = await upload(quality, 'safeguarding', csv(header, closed, incoherent));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'la_decision' })]);

    const response = await upload(quality, 'safeguarding', csv(header, closed));
    expect(response).toMatchObject({ status: 200, body: { created: 1, updated: 0 } });
    const concern = await database.db.selectFrom('safeguarding_concerns').select('id').where('ref', '=', 'SG-1').executeTakeFirstOrThrow();
    const detail = (await admin.get(`/api/v1/safeguarding-concerns/${concern.id}`)).body;
    expect(detail).toMatchObject({
      status: 'closed', categories: ['financial_or_material', 'psychological'], raisedAt: '2026-03-02T09:00:00.000Z', laDecision: 'section_42_enquiry',
      riskOutcome: 'risk_reduced', localAuthority: { name: 'Leeds City Council' },
    });
    expect(detail.decisions.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['raised', 'referred', 'la_decision', 'outcome', 'closed']));
    const again = await upload(quality, 'safeguarding', csv(header, closed.replace('after a family visit', 'after a visit')));
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    expect(await count('safeguarding_concerns')).toBe(1);
  });

  it('complaints, feedback and compliments import', async () => {
    const header = 'complaint_ref,kind,service_ref,person_ref,received_at,raised_by,channel,subject,narrative,themes,outcome,acknowledged_at,responded_at';
    const response = await upload(quality, 'complaints', csv(
      header,
      'C-1,complaint,BIRCH,P-AMIRA,02/11/2026 09:15,family,phone,Kitchen locked,Kitchen locked after 8pm.,Blanket restrictions;choice and control,partly_upheld,03/11/2026 10:00,20/11/2026 10:00',
      'C-2,compliment,OAK,,2026-11-03,professional,email,Lovely party,Thank you all.,,,,',
    ));
    expect(response).toMatchObject({ status: 200, body: { rows: 2, created: 2, updated: 0 } });
    const listed = (await quality.get('/api/v1/complaints?kind=complaint')).body.items;
    expect(listed).toEqual([expect.objectContaining({ ref: 'C-1', outcome: 'partly_upheld', themes: ['blanket restrictions', 'choice and control'] })]);
  });

  it('a service manager may not import at all', async () => {
    const response = await upload(manager, 'people', csv('person_ref,service_ref,display_name,learning_disability,autism,legal_status,start_date,end_date'));
    expect(response.status).toBe(403);
  });

  it('a quality lead for Birch House cannot import into Rowan Court or add a service', async () => {
    const before = await count('people');
    const people = await upload(birchQuality, 'people', csv(
      'person_ref,service_ref,display_name,learning_disability,autism,legal_status,start_date,end_date',
      'P-DINA,BIRCH,Dina R.,Y,Y,informal,2025-01-01,',
      'P-ELI,ROWAN,Eli S.,N,Y,informal,2025-01-01,2024-12-31',
    ));
    expect(people.status).toBe(422);
    expect(people.body.errors).toEqual([
      { row: 3, column: 'end_date', message: 'The end date is before the start date' },
      { row: 3, column: 'service_ref', message: 'No such service, or it is outside your services: ROWAN' },
    ]);
    expect(await count('people')).toBe(before);
    const services = await upload(birchQuality, 'services', csv('service_ref,name,type,region,capacity', 'ELM,Elm House,day_service,North,4'));
    expect(services.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'service_ref' })]);
  });

  it('names an unknown column and a missing required column in the header row', async () => {
    const response = await upload(admin, 'occupancy', csv('service_ref,day,occupied_days', 'BIRCH,2026-10-03,6'));
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { row: 1, column: 'day', message: 'Unknown column "day": occupancy files have no such column' },
      { row: 1, column: 'date', message: 'Missing required column' },
    ]);
  });

  it('refuses an unknown kind naming `kind`, and a file over 50 MB', async () => {
    const badKind = await upload(admin, 'medication', csv('a,b'));
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors[0].path).toBe('kind');
    const huge = await upload(admin, 'occupancy', Buffer.alloc(50 * 1024 * 1024 + 10, 'a'));
    expect(huge.status).toBe(413);
    const { payload, contentType } = multipart({ kind: 'occupancy' });
    const noFile = await admin.app.inject({
      method: 'POST', url: '/api/v1/imports', payload, headers: { 'content-type': contentType, cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors[0].path).toBe('file');
    expect((await admin.post('/api/v1/imports', { kind: 'occupancy' })).status).toBe(415);
  });

  it('answers a broken upload (no boundary, cut short, not multipart at all, two files) with a problem, not a 500', async () => {
    const send = (payload: string | Buffer, contentType: string) => admin.app.inject({
      method: 'POST', url: '/api/v1/imports', payload, headers: { 'content-type': contentType, cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! },
    });
    const whole = multipart({ kind: 'occupancy' }, { name: 'occupancy.csv', content: 'service_ref,date,occupied_days\nBIRCH,2026-10-05,6\n' });
    const cutShort = whole.payload.subarray(0, Math.floor(whole.payload.length * 0.7));
    for (const [payload, contentType, status] of [
      ['anything', 'multipart/form-data', 400], [cutShort, whole.contentType, 400], ['plain garbage, not parts', whole.contentType, 400],
    ] as const) {
      const response = await send(payload, contentType);
      expect(response.statusCode, String(payload).slice(0, 30)).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const boundary = whole.contentType.split('boundary=')[1]!;
    const part = (name: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\na,b\r\n`;
    const twoFiles = await send(`${part('one.csv')}${part('two.csv')}--${boundary}--\r\n`, whole.contentType);
    expect(twoFiles.statusCode).toBe(413);
    expect(twoFiles.json().detail).toBe('Send one file, with the fields kind and dryRun.');
  });

  it('reports a NUL in a reference as the row\u2019s error, even on a dry run, without asking the database for it', async () => {
    const response = await upload(admin, 'people', csv(
      'person_ref,service_ref,display_name,learning_disability,autism,legal_status,start_date,end_date',
      'P-\u0000X,BIR\u0000CH,Nul D.,Y,N,informal,2024-02-01,',
    ), { dryRun: true });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, 'person_ref'], [2, 'service_ref']]);
  });

  it('reports a row whose quotes are never closed', async () => {
    const response = await upload(admin, 'occupancy', csv('service_ref,date,occupied_days', 'BIRCH,2026-10-05,6', 'BIRCH,"2026-10-06,6'));
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ row: 3, message: expect.stringMatching(/could not be read/) })]);
  });
});
