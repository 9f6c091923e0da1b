import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/repositories/audit.repository.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

const run = promisify(execFile);

/** Run `lantern audit verify` as a user would, against this test database. */
async function auditVerifyCli(database: TestDatabase) {
  const url = database.location.schema ? `${database.location.url}?options=-c%20search_path%3D${database.location.schema}` : database.location.url;
  try {
    const { stdout } = await run('npx', ['tsx', 'src/cli.ts', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe.each(testDialects())('audit trail on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const entries = (kind: string, id: number | string) =>
    database.db.selectFrom('audit_log').selectAll().where('entity_kind', '=', kind).where('entity_id', '=', String(id)).orderBy('seq').execute();

  it('records who read a person’s record, when, and from which address', async () => {
    const manager = await signedIn(app, world.accounts.service_manager.email, PASSWORD, '203.0.113.45');
    const before = await entries('person', world.people.amira.id);
    expect((await manager.get(`/api/v1/people/${world.people.amira.id}`)).status).toBe(200);
    const after = await entries('person', world.people.amira.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ action: 'read', actor_user_id: world.accounts.service_manager.id, actor_name: 'Test service_manager', ip: '203.0.113.45' });
    expect(Date.now() - Date.parse(after.at(-1)!.at)).toBeLessThan(60_000);
  });

  it('records a refused read of someone else’s record as nothing at all', async () => {
    const worker = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    const before = await entries('person', world.people.ben.id);
    expect((await worker.get(`/api/v1/people/${world.people.ben.id}`)).status).toBe(404);
    expect(await entries('person', world.people.ben.id)).toEqual(before);
  });

  it('records every change with its kind and id, in the same transaction as the change', async () => {
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    const created = await admin.post('/api/v1/regions', { name: 'East' });
    expect(created.status).toBe(201);
    expect((await entries('region', created.body.id)).map((e) => e.action)).toEqual(['create']);
    await admin.patch(`/api/v1/regions/${created.body.id}`, { name: 'East Anglia' });
    expect((await entries('region', created.body.id)).map((e) => e.action)).toEqual(['create', 'update']);
    // A change that fails part-way leaves neither the change nor its audit entry.
    const duplicate = await admin.post('/api/v1/regions', { name: 'East Anglia' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].path).toBe('name');
    const regions = await database.db.selectFrom('regions').select('name').where('name', '=', 'East Anglia').execute();
    expect(regions).toHaveLength(1);
  });

  it('lets admins search the trail in the app', async () => {
    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    const found = await admin.get(`/api/v1/audit?entityKind=person&entityId=${world.people.amira.id}`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThanOrEqual(2);
    expect(found.body.items[0]).toEqual(expect.objectContaining({ entityKind: 'person', entityId: String(world.people.amira.id) }));
    const byActor = await admin.get(`/api/v1/audit?actorUserId=${world.accounts.service_manager.id}&action=read`);
    expect(byActor.body.items.every((e: { action: string }) => e.action === 'read')).toBe(true);
    expect(byActor.body.items.length).toBeGreaterThan(0);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await expect(sql`update audit_log set summary = 'edited' where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain, and names the entry someone tampered with behind the database’s back', async () => {
    expect((await verifyAuditChain(database.db)).breaks).toEqual([]);
    const intact = await auditVerifyCli(database);
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/intact/);

    // Someone with direct database access removes the guard and edits entry 3.
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database.db);
    else await sql`drop trigger audit_log_no_update`.execute(database.db);
    await sql`update audit_log set actor_name = 'someone else' where seq = 3`.execute(database.db);

    const result = await verifyAuditChain(database.db);
    expect(result.breaks).toEqual([{ seq: 3, reason: 'content does not match its hash' }]);
    const broken = await auditVerifyCli(database);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/entry 3: content does not match its hash/);
  }, 60_000);

  it('notices entries removed from the end of the chain', async () => {
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database.db);
    else await sql`drop trigger if exists audit_log_no_delete`.execute(database.db);
    const last = await database.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = ${last.seq}`.execute(database.db);
    const result = await verifyAuditChain(database.db);
    expect(result.breaks.at(-1)?.reason).toMatch(/chain head does not match/);
  });
});
