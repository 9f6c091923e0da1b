import { sql } from 'kysely';
import pino from 'pino';
import { londonDate } from '../../src/domain/working-days.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { buildApp, type App } from '../../src/server/http/app.js';
import { hashSecret } from '../../src/server/services/auth.service.js';
import { MAX_WRONG_KEYS_PER_ADDRESS } from '../../src/server/services/speak-up.service.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { Client, signedIn, testApp } from '../support/http.js';

const KEY_SHAPE = /^([A-HJ-NP-Z2-9]{4}-){4}[A-HJ-NP-Z2-9]{4}$/;
const TIME_OF_DAY = /\d{2}:\d{2}/;
// Reports are dated by the day in England.
const today = () => londonDate(new Date());

type Row = Record<string, unknown>;
type Snapshot = Map<string, Row[]>;

describe.each(testDialects())('speak-up on %s', (dialect) => {
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

  /** Every table of this test database, found the way an investigator would: from the catalogue. */
  async function tableNames(): Promise<string[]> {
    const { rows } = dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
    return rows.map((r) => r.name).sort();
  }

  /** Every row of every table. */
  async function snapshot(): Promise<Snapshot> {
    const result: Snapshot = new Map();
    for (const name of await tableNames()) {
      const { rows } = await sql<Row>`select * from ${sql.table(name)}`.execute(database.db);
      result.set(name, rows);
    }
    return result;
  }

  const key = (row: Row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));

  /** Rows added (or changed: they show as added) between two snapshots, by table. */
  function added(before: Snapshot, after: Snapshot): Record<string, Row[]> {
    const out: Record<string, Row[]> = {};
    for (const [table, rows] of after) {
      const old = new Map<string, number>();
      for (const r of before.get(table) ?? []) old.set(key(r), (old.get(key(r)) ?? 0) + 1);
      const fresh = rows.filter((r) => {
        const n = old.get(key(r)) ?? 0;
        if (n > 0) { old.set(key(r), n - 1); return false; }
        return true;
      });
      if (fresh.length) out[table] = fresh;
    }
    return out;
  }

  /** Where a person's traces are: text holding their email or address, or an account column holding their id. */
  function traces(snap: Snapshot, person: { id: number; email: string; ip: string }) {
    const hits: { table: string; column: string; row: Row }[] = [];
    for (const [table, rows] of snap) {
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          const isAccountColumn = /user_id$/.test(column) || (table === 'users' && column === 'id');
          if (typeof value === 'string' && (value.toLowerCase().includes(person.email) || value.includes(person.ip))) hits.push({ table, column, row });
          else if (isAccountColumn && Number(value) === person.id) hits.push({ table, column, row });
        }
      }
    }
    return hits;
  }

  const speakUpCounts = async () => {
    const tables = ['speak_up_concerns', 'speak_up_messages', 'speak_up_themes', 'speak_up_categories', 'audit_log', 'sign_in_failures'] as const;
    const entries = await Promise.all(tables.map(async (t) =>
      [t, (await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n] as const));
    return Object.fromEntries(entries);
  };

  const auditOf = (id: number) =>
    database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', String(id)).where('entity_kind', 'like', 'speak_up%').orderBy('seq').execute();

  it('a support worker raises a named concern and sees the guardian’s reply among their own reports', async () => {
    const chloe = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    const narrative = 'Night staff at Birch House lock the kitchen at 8pm, so Amira cannot get a drink.';
    const created = await chloe.post('/api/v1/speak-up', {
      mode: 'named', serviceId: world.services.birch.id, whatHappened: narrative, raisedElsewhere: false, wouldLikeToHappen: 'The kitchen stays open.',
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['id']);
    const id = created.body.id as number;

    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: 'create', actor_user_id: world.accounts.support_worker.id });
    expect(entry!.summary).not.toContain('kitchen');

    const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    const seen = await guardian.get(`/api/v1/speak-up/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      mode: 'named', status: 'received', receivedOn: today(), whatHappened: narrative, raisedElsewhere: false,
      service: { id: world.services.birch.id, name: 'Birch House' },
      reporter: { name: 'Test support_worker', email: world.accounts.support_worker.email },
    });
    const replied = await guardian.post(`/api/v1/speak-up/${id}/replies`, { message: 'Thank you, Chloe. I am speaking to the manager this week.' });
    expect(replied.status).toBe(201);
    expect(replied.body.thread).toEqual([
      { author: 'guardian', authorName: 'Test speak_up_guardian', text: 'Thank you, Chloe. I am speaking to the manager this week.', on: today() },
    ]);

    const mine = await chloe.get('/api/v1/speak-up/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((r: { id: number }) => r.id === id)).toEqual({
      id, mode: 'named', status: 'received', receivedOn: today(), service: { id: world.services.birch.id, name: 'Birch House' },
      whatHappened: narrative, replies: [{ text: 'Thank you, Chloe. I am speaking to the manager this week.', on: today() }],
    });
    // Someone else's list does not show it.
    const other = await signedIn(app, world.accounts.quality_lead.email, PASSWORD);
    expect((await other.get('/api/v1/speak-up/mine')).body.items.map((r: { id: number }) => r.id)).not.toContain(id);
  });

  it('a confidential report: the guardian sees who raised it, an admin cannot read it, and the audit trail names nobody', async () => {
    const workerIp = '203.0.113.21';
    const chloe = await signedIn(app, world.accounts.support_worker.email, PASSWORD, workerIp);
    const created = await chloe.post('/api/v1/speak-up', { mode: 'confidential', whatHappened: 'The deputy manager shouts at agency staff in front of people.' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;

    const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    const seen = await guardian.get(`/api/v1/speak-up/${id}`);
    expect(seen.body.reporter).toEqual({ name: 'Test support_worker', email: world.accounts.support_worker.email });

    const admin = await signedIn(app, world.accounts.admin.email, PASSWORD);
    expect((await admin.get(`/api/v1/speak-up/${id}`)).status).toBe(403);
    expect((await admin.get('/api/v1/speak-up')).status).toBe(403);

    const trail = await admin.get(`/api/v1/audit?entityKind=speak_up&entityId=${id}`);
    expect(trail.status).toBe(200);
    const creation = trail.body.items.find((e: { action: string }) => e.action === 'create');
    expect(creation).toMatchObject({ actorName: 'speak-up', ip: null, summary: 'confidential concern received' });
    const stored = await auditOf(id);
    expect(stored.find((e) => e.action === 'create')).toMatchObject({ actor_user_id: null, ip: null });
    for (const e of stored) {
      expect(e.actor_user_id).not.toBe(world.accounts.support_worker.id);
      expect(e.ip).not.toBe(workerIp);
      expect(JSON.stringify(e)).not.toContain(world.accounts.support_worker.email);
    }
    // The guardian's reading of the identity is itself on the record.
    expect(stored.map((e) => [e.action, e.entity_kind, e.actor_user_id])).toEqual(expect.arrayContaining([
      ['read', 'speak_up_identity', world.accounts.speak_up_guardian.id],
    ]));
    const byWorker = await admin.get(`/api/v1/audit?actorUserId=${world.accounts.support_worker.id}&limit=500`);
    expect(byWorker.body.items.filter((e: { entityId: string | null }) => e.entityId === String(id))).toEqual([]);
  });

  it('anonymity: nothing in the database or the logs ties an anonymous report to the signed-in worker who raised it', async () => {
    // An app that logs as production does, into a stream the test reads.
    const lines: string[] = [];
    const logged = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'info' }), logger: true });
    (logged.log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (line: string) => { lines.push(line); } };
    await logged.ready();
    try {
      const worker = { id: world.accounts.support_worker.id, email: world.accounts.support_worker.email, ip: '203.0.113.77' };
      const chloe = await signedIn(logged, worker.email, PASSWORD, worker.ip);
      expect(lines.some((l) => l.includes('/api/v1/auth/sign-in')), 'the log capture works').toBe(true);
      expect((await chloe.get('/api/v1/me')).body.user.id).toBe(worker.id);

      const before = await snapshot();
      const tracesBefore = traces(before, worker);
      lines.length = 0;
      const narrative = 'Someone on the late shift takes residents’ money for takeaways.';
      const created = await chloe.post('/api/v1/speak-up', { mode: 'anonymous', serviceId: world.services.rowan.id, whatHappened: narrative });
      const logLines = lines.splice(0);
      expect(created.status).toBe(201);
      expect(created.headers['cache-control']).toBe('no-store');
      expect(created.body.receiptKey).toMatch(KEY_SHAPE);
      const id = created.body.id as number;
      const after = await snapshot();

      // The request wrote the report itself and the monthly speak-up count (organisation, region and service, by month:
      // an aggregate with no identity); no audit entry, no session or sign-in change, nothing else.
      const fresh = added(before, after);
      expect(Object.keys(fresh).sort()).toEqual(['monthly_counts', 'speak_up_concerns']);
      expect(fresh.monthly_counts!.map((r) => [r.scope_type, r.metric, r.period])).toEqual(
        expect.arrayContaining([['organisation', 'speak_up_reports', today().slice(0, 7)], ['service', 'speak_up_reports', today().slice(0, 7)]]),
      );
      expect(fresh.monthly_counts!.every((r) => r.metric === 'speak_up_reports' && r.scope_type !== 'person')).toBe(true);
      expect(Object.keys(added(after, before)).filter((t) => t !== 'monthly_counts')).toEqual([]);
      const [row] = fresh.speak_up_concerns!;
      expect(row).toMatchObject({ id, mode: 'anonymous', what_happened: narrative, reporter_user_id: null, received_on: today() });
      expect(row!.receipt_key_hash).toBe(hashSecret(String(created.body.receiptKey).replace(/-/g, '')));
      for (const value of Object.values(row!)) {
        if (typeof value !== 'string') continue;
        expect(value).not.toMatch(TIME_OF_DAY);
        expect(value).not.toMatch(/T\d{2}/);
        expect(value.toLowerCase()).not.toContain(worker.email);
        expect(value).not.toContain(worker.ip);
        expect(value).not.toContain(created.body.receiptKey);
      }
      expect(Object.keys(row!).filter((c) => /(^|_)(ip|address|agent|email|user|time)(_|$)|_at$/.test(c) && c !== 'reporter_user_id')).toEqual([]);

      // Every trace of the worker anywhere in the database (their account, sessions, sign-in entries, their own named
      // and confidential reports) was there before, and none of them refers to this report.
      const tracesAfter = traces(after, worker);
      expect(tracesAfter.length).toBeGreaterThan(0);
      expect(tracesAfter.map((t) => key(t.row)).sort()).toEqual(tracesBefore.map((t) => key(t.row)).sort());
      expect(tracesAfter.filter((t) => t.row.id === id || t.row.concern_id === id || t.row.entity_id === String(id))).toEqual([]);
      expect(await database.db.selectFrom('audit_log').select('id').where('entity_id', '=', String(id)).execute()).toEqual([]);

      // Not a line was logged for the request, so neither the email, the address nor the account id could be.
      const text = logLines.join('\n');
      expect(text).not.toContain(worker.email);
      expect(text).not.toContain(worker.ip);
      expect(text).not.toMatch(new RegExp(`"(userId|user_id|actorUserId|reporterUserId)"\\s*:\\s*${worker.id}\\b`));
      expect(logLines).toEqual([]);
      // Other requests log the route pattern, status and time taken; never who.
      await chloe.get('/api/v1/speak-up/mine');
      const mineLine = lines.find((l) => l.includes('/api/v1/speak-up/mine'));
      expect(JSON.parse(mineLine!)).toMatchObject({ method: 'GET', route: '/api/v1/speak-up/mine', status: 200 });
      expect(mineLine).not.toContain(worker.email);
      expect(mineLine).not.toContain(worker.ip);

      // The worker's own list never shows an anonymous report.
      expect((await chloe.get('/api/v1/speak-up/mine')).body.items.map((r: { id: number }) => r.id)).not.toContain(id);
      // The guardian sees the report and no reporter.
      const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
      const seen = await guardian.get(`/api/v1/speak-up/${id}`);
      expect(seen.body).toMatchObject({ mode: 'anonymous', reporter: null, whatHappened: narrative, service: { id: world.services.rowan.id } });
    } finally {
      await logged.close();
    }
  });

  it('the anonymous reporter reads the guardian’s reply with the receipt key and adds information, leaving no trace', async () => {
    const chloe = await signedIn(app, world.accounts.support_worker.email, PASSWORD, '203.0.113.78');
    const { body: { id, receiptKey } } = await chloe.post('/api/v1/speak-up', { mode: 'anonymous', whatHappened: 'Medicines are signed for but not given.' });
    const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'triaged' });
    await guardian.post(`/api/v1/speak-up/${id}/replies`, { message: 'Thank you. Which service is this?' });

    // From anywhere, without signing in.
    const stranger = new Client(app, '198.51.100.9');
    const read = await stranger.post('/api/v1/speak-up/follow-up', { receiptKey });
    expect(read.status).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.body).toEqual({
      status: 'triaged', receivedOn: today(), whatHappened: 'Medicines are signed for but not given.',
      messages: [{ from: 'guardian', text: 'Thank you. Which service is this?', on: today() }], isMessageAdded: false,
    });
    // Typed carelessly: lower case, spaces instead of hyphens.
    const careless = await stranger.post('/api/v1/speak-up/follow-up', { receiptKey: ` ${String(receiptKey).toLowerCase().replace(/-/g, ' ')} ` });
    expect(careless.status).toBe(200);

    const before = await snapshot();
    const added1 = await stranger.post('/api/v1/speak-up/follow-up', { receiptKey, message: 'Rowan Court, the evening round, most days.' });
    expect(added1.status).toBe(200);
    expect(added1.body.isMessageAdded).toBe(true);
    // The reporter sees what they added, in the conversation, after the guardian's question.
    expect(added1.body.messages.map((m: { from: string }) => m.from)).toEqual(['guardian', 'you']);
    const fresh = added(before, await snapshot());
    // The message, and the report's message counter: no audit entry, no time, no address.
    expect(Object.keys(fresh).sort()).toEqual(['speak_up_concerns', 'speak_up_messages']);
    expect(fresh.speak_up_messages).toEqual([{
      concern_id: id, position: 2, author: 'reporter', author_user_id: null, body: 'Rowan Court, the evening round, most days.', written_on: today(),
    }]);
    expect(JSON.stringify(fresh)).not.toContain('198.51.100.9');

    // Signed in, with the session cookie but no CSRF token: the public route neither needs nor uses the session.
    const withCookie = new Client(app, '203.0.113.78');
    withCookie.cookie = chloe.cookie;
    const beforeSession = await snapshot();
    const viaSession = await withCookie.post('/api/v1/speak-up/follow-up', { receiptKey });
    expect(viaSession.status).toBe(200);
    expect(added(beforeSession, await snapshot())).toEqual({});

    const seen = await guardian.get(`/api/v1/speak-up/${id}`);
    expect(seen.body.thread).toEqual([
      { author: 'guardian', authorName: 'Test speak_up_guardian', text: 'Thank you. Which service is this?', on: today() },
      { author: 'reporter', authorName: null, text: 'Rowan Court, the evening round, most days.', on: today() },
    ]);
    expect(seen.body.reporter).toBeNull();
    // The follow-ups wrote nothing to the audit trail; only the guardian's own actions are there.
    expect((await auditOf(id)).every((e) => e.actor_user_id === world.accounts.speak_up_guardian.id)).toBe(true);
  });

  it('answers every wrong key with one identical 404, and throttles an address that keeps guessing', async () => {
    const chloe = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    const { body: { receiptKey } } = await chloe.post('/api/v1/speak-up', { mode: 'anonymous', whatHappened: 'Rotas are changed to hide short staffing.' });
    const guesserIp = '198.51.100.66';
    const guesser = new Client(app, guesserIp);
    const wrong = await guesser.post('/api/v1/speak-up/follow-up', { receiptKey: 'ABCD-EFGH-JKLM-NPQR-STUV' });
    const malformed = await guesser.post('/api/v1/speak-up/follow-up', { receiptKey: 'hello' });
    expect(wrong.status).toBe(404);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(malformed.status).toBe(404);
    expect(malformed.body).toEqual(wrong.body);
    // A wrong key adds nothing, even with a message.
    const before = await speakUpCounts();
    expect((await guesser.post('/api/v1/speak-up/follow-up', { receiptKey: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', message: 'hi' })).status).toBe(404);
    const after = await speakUpCounts();
    expect({ ...after, sign_in_failures: 0 }).toEqual({ ...before, sign_in_failures: 0 });

    for (let i = 3; i < MAX_WRONG_KEYS_PER_ADDRESS; i += 1) {
      expect((await guesser.post('/api/v1/speak-up/follow-up', { receiptKey: `WRONG-KEY-${i}` })).status).toBe(404);
    }
    const throttled = await guesser.post('/api/v1/speak-up/follow-up', { receiptKey: 'ABCD-EFGH-JKLM-NPQR-STUV' });
    expect(throttled.status).toBe(429);
    // Once throttled, even the right key waits: guessing cannot be confirmed.
    expect((await guesser.post('/api/v1/speak-up/follow-up', { receiptKey })).status).toBe(429);
    // Another address is not held up.
    expect((await new Client(app, '198.51.100.67').post('/api/v1/speak-up/follow-up', { receiptKey })).status).toBe(200);
    // The throttle remembers a salted hash, never the address itself or its plain hash.
    const failures = await database.db.selectFrom('sign_in_failures').select('key').where('key', 'like', 'speak-up%').execute();
    expect(failures.length).toBeGreaterThanOrEqual(MAX_WRONG_KEYS_PER_ADDRESS);
    for (const f of failures) {
      expect(f.key).not.toContain(guesserIp);
      expect(f.key).not.toContain(hashSecret(guesserIp));
    }

    // A reporter who mistypes once and then gets it right leaves no trace of either attempt.
    const reporter = new Client(app, '198.51.100.68');
    const failuresBefore = await speakUpCounts();
    expect((await reporter.post('/api/v1/speak-up/follow-up', { receiptKey: String(receiptKey).replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(404);
    expect((await reporter.post('/api/v1/speak-up/follow-up', { receiptKey })).status).toBe(200);
    expect((await speakUpCounts()).sign_in_failures).toBe(failuresBefore.sign_in_failures);
  });

  const validReport = () => ({ mode: 'named', serviceId: world.services.birch.id, whatHappened: 'Something worrying happened.' });

  it.each([
    ['an unknown mode', () => ({ ...validReport(), mode: 'secret' }), ['mode']],
    ['an empty narrative', () => ({ ...validReport(), whatHappened: '   ' }), ['whatHappened']],
    ['a narrative over 5000 characters', () => ({ ...validReport(), whatHappened: 'x'.repeat(5001) }), ['whatHappened']],
    ['an unknown field', () => ({ ...validReport(), reporterName: 'Chloe' }), ['reporterName']],
    ['a service that does not exist', () => ({ ...validReport(), serviceId: 999_999 }), ['serviceId']],
    ['a service id that is not a number', () => ({ ...validReport(), serviceId: 'birch' }), ['serviceId']],
    ['several mistakes at once', () => ({ mode: 'loud', whatHappened: '', colour: 'red' }), ['mode', 'whatHappened', 'colour']],
  ])('rejects %s with 400 naming each field, and writes nothing', async (_name, body, paths) => {
    const chloe = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    const before = await speakUpCounts();
    const response = await chloe.post('/api/v1/speak-up', body());
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([...paths].sort());
    expect(await speakUpCounts()).toEqual(before);
  });

  it('lets everyone but commissioners raise a concern, and only the guardian read or change one', async () => {
    const commissioner = await signedIn(app, world.accounts.commissioner.email, PASSWORD);
    const before = await speakUpCounts();
    const refused = await commissioner.post('/api/v1/speak-up', validReport());
    expect(refused.status).toBe(403);
    expect(await speakUpCounts()).toEqual(before);
    expect((await commissioner.get('/api/v1/speak-up/mine')).status).toBe(403);

    const board = await signedIn(app, world.accounts.board_member.email, PASSWORD);
    const { status, body: { id } } = await board.post('/api/v1/speak-up', { mode: 'confidential', whatHappened: 'Board papers leave out restraint figures.' });
    expect(status).toBe(201);
    for (const role of ['admin', 'service_manager', 'safeguarding_lead', 'quality_lead', 'support_worker', 'board_member'] as const) {
      const client = await signedIn(app, world.accounts[role].email, PASSWORD);
      expect((await client.get(`/api/v1/speak-up/${id}`)).status, role).toBe(403);
      expect((await client.patch(`/api/v1/speak-up/${id}`, { status: 'triaged' })).status, role).toBe(403);
      expect((await client.post(`/api/v1/speak-up/${id}/replies`, { message: 'hello' })).status, role).toBe(403);
    }
    const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);
    expect((await guardian.get('/api/v1/speak-up/999999')).status).toBe(404);
    // Raising a concern needs a signed-in user and, like any change, the CSRF token.
    expect((await new Client(app).post('/api/v1/speak-up', validReport())).status).toBe(401);
    const noToken = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    noToken.csrfToken = undefined;
    expect((await noToken.post('/api/v1/speak-up', validReport())).status).toBe(403);
  });

  it('the guardian triages, investigates and closes a report, recording themes, categories and the outcome', async () => {
    const chloe = await signedIn(app, world.accounts.support_worker.email, PASSWORD);
    const { body: { id } } = await chloe.post('/api/v1/speak-up', { mode: 'named', serviceId: world.services.birch.id, whatHappened: 'People are kept in their rooms after 9pm.' });
    const guardian = await signedIn(app, world.accounts.speak_up_guardian.email, PASSWORD);

    const triaged = await guardian.patch(`/api/v1/speak-up/${id}`, {
      status: 'triaged', themes: ['  Night Shift ', 'night   shift', 'Locked Doors'], categories: ['restrictive_practice', 'closed_culture', 'restrictive_practice'],
    });
    expect(triaged.status).toBe(200);
    expect(triaged.body).toMatchObject({ status: 'triaged', themes: ['locked doors', 'night shift'], categories: ['closed_culture', 'restrictive_practice'] });

    expect((await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'investigating' })).body.status).toBe('investigating');
    const backwards = await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'received' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ path: 'status' })]);
    const closedEarly = await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'closed' });
    expect(closedEarly.status).toBe(400);
    expect(closedEarly.body.errors).toEqual([expect.objectContaining({ path: 'outcome' })]);
    expect((await guardian.patch(`/api/v1/speak-up/${id}`, {})).status).toBe(400);
    expect((await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'archived' })).body.errors).toEqual([expect.objectContaining({ path: 'status' })]);

    const outcome = 'Upheld. Night routines reviewed with the team; the restriction was removed from 1 March.';
    const closed = await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'closed', outcome });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome, themes: ['locked doors', 'night shift'] });

    const byTheme = await guardian.get('/api/v1/speak-up?theme=Night%20Shift');
    expect(byTheme.status).toBe(200);
    expect(byTheme.body.items.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(byTheme.body.items[0]).toEqual({
      id, mode: 'named', status: 'closed', receivedOn: today(), service: { id: world.services.birch.id, name: 'Birch House' },
      categories: ['closed_culture', 'restrictive_practice'], themes: ['locked doors', 'night shift'], hasOutcome: true, messageCount: 0,
    });
    expect((await guardian.get('/api/v1/speak-up?status=closed')).body.items.map((r: { id: number }) => r.id)).toContain(id);
    expect((await guardian.get('/api/v1/speak-up?status=received')).body.items.map((r: { id: number }) => r.id)).not.toContain(id);
    expect((await guardian.get('/api/v1/speak-up?category=staffing')).body.items.map((r: { id: number }) => r.id)).not.toContain(id);
    expect((await guardian.get('/api/v1/speak-up?category=closed_culture')).body.items.map((r: { id: number }) => r.id)).toContain(id);

    // Every step is on the record under the guardian's name, without the guardian's words.
    const updates = (await auditOf(id)).filter((e) => e.action === 'update');
    expect(updates.map((e) => e.summary)).toEqual([
      'status received → triaged, themes, categories', 'status triaged → investigating', 'status investigating → closed, outcome',
    ]);
    expect(updates.every((e) => e.actor_user_id === world.accounts.speak_up_guardian.id)).toBe(true);
    expect(JSON.stringify(await auditOf(id))).not.toContain('Upheld');
    const listed = await database.db.selectFrom('audit_log').selectAll().where('entity_kind', '=', 'speak_up').where('action', '=', 'list').execute();
    expect(listed.length).toBeGreaterThanOrEqual(4);

    // Reopened when something new comes to light; the reporter sees where it stands.
    expect((await guardian.patch(`/api/v1/speak-up/${id}`, { status: 'investigating' })).status).toBe(200);
    const mine = await chloe.get('/api/v1/speak-up/mine');
    expect(mine.body.items.find((r: { id: number }) => r.id === id).status).toBe('investigating');
  });
});
