import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessFindings } from '../../src/analytics/patterns/quality.js';
import { DEMO_PASSWORD, seedDemoOrganisation } from '../../src/db/seed/demo.js';
import { readGroundTruth, type GroundTruth } from '../../src/db/seed/ground-truth.js';
import type { App } from '../../src/server/http/app.js';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { patternEngine } from '../../src/server/services/pattern-engine-thread.js';
import { applyFindings, lastFoundOf, latestSave, planFindings, RUNS_KEPT, startRun } from '../../src/server/repositories/patterns.repository.js';
import type { DetectedPattern } from '../../src/analytics/patterns/types.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { signedIn, testApp, type Client } from '../support/http.js';

interface Pattern {
  id: number; kind: string; scope: { type: string; id: number | null }; title: string; summary: string;
  statistic: { name: string; value: number; pValue?: number }; strength: number; evidence: { kind: string; id: number; ref?: string }[]; status: string;
}

describe.each(testDialects())('pattern detection on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let truth: GroundTruth;
  let quality: Client;
  let manager: Client;
  let groundTruthFile: string | null;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const seeded = await seedDemoOrganisation(database, 'demo', { seed: 2026, today: new Date() });
    groundTruthFile = seeded.groundTruthFile;
    truth = readGroundTruth(seeded.groundTruthFile!);
    await rebuildRollups(database);
    await patternEngine(database).runNow('test', true);
    app = await testApp(database);
    quality = await signedIn(app, 'quality@demo.lantern.test', DEMO_PASSWORD);
    manager = await signedIn(app, 'manager@demo.lantern.test', DEMO_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await patternEngine(database).close();
    await database?.drop();
    if (dialect === 'postgres' && groundTruthFile) fs.rmSync(groundTruthFile, { force: true });
  });

  it('finds the planted patterns, ranks real ones first and makes no claim about the planted null', async () => {
    const rows = await database.db.selectFrom('patterns').selectAll().where('is_current', '=', 1).execute();
    const links = await database.db.selectFrom('pattern_services').selectAll().execute();
    const services = await database.db.selectFrom('services').select(['id', 'ref']).execute();
    const people = await database.db.selectFrom('people').select(['id', 'service_id']).execute();
    const findings = rows.map((r) => ({
      kind: r.kind, scope: { type: r.scope_type, id: r.scope_id }, strength: r.strength, title: r.title,
      serviceIds: links.filter((l) => l.pattern_id === r.id).map((l) => l.service_id),
    }));
    const report = assessFindings(
      truth.patterns, findings,
      (ref) => services.find((s) => s.ref === ref)?.id, (id) => people.find((p) => p.id === id)?.service_id,
    );
    expect(report.missed).toEqual([]);
    expect(report.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.topTen.length - report.realInTopTen, JSON.stringify(report.topTen, null, 1)).toBeLessThanOrEqual(2);
    expect(report.nullClaims).toEqual([]);
  });

  it('lists patterns strongest first with statistics and evidence a lead can follow', async () => {
    const response = await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns');
    expect(response.status).toBe(200);
    const { patterns } = response.body;
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.map((p) => p.strength)).toEqual([...patterns.map((p) => p.strength)].sort((a, b) => b - a));
    for (const p of patterns) {
      expect(p.title.length).toBeGreaterThan(5);
      expect(p.summary.length).toBeGreaterThan(10);
      expect(Number.isFinite(p.statistic.value)).toBe(true);
      // Speak-up reports are the guardian's alone: a finding may count them but never points at one.
      expect(p.evidence.filter((e) => e.kind === 'speak_up')).toEqual([]);
    }
    const hotspot = truth.patterns.find((p) => p.kind === 'time_hotspot')!;
    const found = patterns.find((p) => p.kind === 'time_hotspot' && p.scope.type === 'person' && p.scope.id === hotspot.scope.id)!;
    expect(found).toBeTruthy();
    expect(found.evidence.length).toBeGreaterThan(0);
    expect(found.evidence.every((e) => e.kind === 'incident' && typeof e.ref === 'string')).toBe(true);
    const incident = await quality.get(`/api/v1/incidents/${found.evidence[0]!.id}`);
    expect(incident.status).toBe(200);
  });

  it('shows findings that name staff only to the safeguarding and quality leads, and only within scope', async () => {
    const planted = truth.patterns.find((p) => p.kind === 'staff_overrepresented')!;
    const lead = await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns?kind=staff_overrepresented');
    expect(lead.body.patterns.some((p) => p.scope.type === 'staff' && p.scope.id === planted.scope.id)).toBe(true);
    const managers = await manager.get<{ patterns: Pattern[] }>('/api/v1/patterns?limit=500');
    expect(managers.status).toBe(200);
    expect(managers.body.patterns.filter((p) => p.kind === 'staff_overrepresented')).toEqual([]);
    const staffFinding = lead.body.patterns.find((p) => p.kind === 'staff_overrepresented')!;
    expect((await manager.get(`/api/v1/patterns/${staffFinding.id}`)).status).toBe(404);

    // A manager sees only findings drawn wholly from their own services.
    const me = await manager.get<{ services: { id: number }[] }>('/api/v1/me');
    const mine = new Set(me.body.services.map((s) => s.id));
    const links = await database.db.selectFrom('pattern_services').selectAll().execute();
    for (const p of managers.body.patterns) {
      expect(links.filter((l) => l.pattern_id === p.id).every((l) => mine.has(l.service_id))).toBe(true);
    }
    const outside = (await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns?limit=500')).body.patterns
      .find((p) => links.some((l) => l.pattern_id === p.id && !mine.has(l.service_id)))!;
    expect(outside).toBeTruthy();
    expect((await manager.get(`/api/v1/patterns/${outside.id}`)).status).toBe(404);

    for (const email of ['board@demo.lantern.test', 'commissioner@demo.lantern.test', 'worker@demo.lantern.test', 'guardian@demo.lantern.test']) {
      const client = await signedIn(app, email, DEMO_PASSWORD);
      expect((await client.get('/api/v1/patterns')).status, email).toBe(403);
    }
  });

  it('filters by scope and refuses a malformed scope naming the field', async () => {
    const hotspot = truth.patterns.find((p) => p.kind === 'time_hotspot')!;
    const person = await quality.get<{ patterns: Pattern[] }>(`/api/v1/patterns?scope=person:${hotspot.scope.id}`);
    expect(person.body.patterns.length).toBeGreaterThan(0);
    expect(person.body.patterns.every((p) => p.scope.type === 'person' && p.scope.id === hotspot.scope.id)).toBe(true);
    const audited = await database.db.selectFrom('audit_log').select('summary').where('entity_kind', '=', 'person')
      .where('entity_id', '=', String(hotspot.scope.id)).where('summary', 'like', 'patterns%').execute();
    expect(audited.length).toBeGreaterThan(0);
    const bad = await quality.get<{ errors: { path: string }[] }>('/api/v1/patterns?scope=person:abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.path).toBe('query.scope');
  });

  it('keeps a dismissal, with its reason, across the next run', async () => {
    const target = (await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns?kind=time_hotspot')).body.patterns[0]!;
    const tooShort = await quality.post<{ errors: { path: string }[] }>(`/api/v1/patterns/${target.id}/dismiss`, { reason: 'no' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0]!.path).toBe('reason');
    expect((await quality.get<Pattern>(`/api/v1/patterns/${target.id}`)).body.status).toBe('open');

    const dismissed = await quality.post<Pattern & { dismissal: { reason: string } }>(`/api/v1/patterns/${target.id}/dismiss`, { reason: 'Known: weekend activity programme under review' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect(dismissed.body.dismissal.reason).toBe('Known: weekend activity programme under review');
    expect((await quality.post(`/api/v1/patterns/${target.id}/dismiss`, { reason: 'Again, for the same reason' })).status).toBe(409);

    await patternEngine(database).runNow('test again', true);
    const after = await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns?limit=500');
    expect(after.body.patterns.some((p) => p.id === target.id)).toBe(false);
    const withDismissed = await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns?limit=500&includeDismissed=true');
    expect(withDismissed.body.patterns.find((p) => p.id === target.id)?.status).toBe('dismissed');
  });

  it('rewrites only findings that changed, yet shows every current one as found by the latest run', async () => {
    const before = await database.db.selectFrom('patterns').select(['id', 'last_found_at']).where('is_current', '=', 1).orderBy('id').execute();
    await patternEngine(database).runNow('nothing new', true);
    const after = await database.db.selectFrom('patterns').select(['id', 'last_found_at']).where('is_current', '=', 1).orderBy('id').execute();
    // Nothing was recorded in between: the same findings, none of them rewritten.
    expect(after).toEqual(before);
    const run = await database.db.selectFrom('pattern_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(run.status).toBe('finished');
    const listed = await quality.get<{ patterns: (Pattern & { lastFoundAt: string })[] }>('/api/v1/patterns?limit=5');
    expect(listed.body.patterns.length).toBeGreaterThan(0);
    for (const p of listed.body.patterns) expect(p.lastFoundAt).toBe(run.finished_at);
    const one = await quality.get<Pattern & { lastFoundAt: string }>(`/api/v1/patterns/${listed.body.patterns[0]!.id}`);
    expect(one.body.lastFoundAt).toBe(run.finished_at);
  });

  it('keeps the latest 1,000 pattern runs, not one a run for ever', async () => {
    const at = new Date().toISOString();
    await database.db.insertInto('pattern_runs').values(Array.from({ length: RUNS_KEPT }, () => ({
      reason: 'old', status: 'finished', stage: 'Done', progress: 1, started_at: at, finished_at: at,
    }))).execute();
    const id = await startRun(database.db, 'newest', at);
    const runs = await database.db.selectFrom('pattern_runs').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('id').as('first')]).executeTakeFirstOrThrow();
    expect(Number(runs.n)).toBe(RUNS_KEPT);
    expect(Number(runs.first)).toBe(id - RUNS_KEPT + 1);
    await database.db.updateTable('pattern_runs').set({ status: 'finished', stage: 'Done', progress: 1, finished_at: at }).where('id', '=', id).execute();
  });

  it('marks a pattern taken into a learning response, bringing its records along', async () => {
    const target = (await quality.get<{ patterns: Pattern[] }>('/api/v1/patterns?kind=trigger')).body.patterns[0]!;
    const started = await quality.post<{ id: number }>('/api/v1/learning-responses', {
      type: 'AAR', title: `Review: ${target.title}`, startedOn: new Date().toISOString().slice(0, 10),
      participants: { person: true, family: false, advocate: false, staff: true },
      evidence: [{ source: 'pattern', key: String(target.id) }, ...target.evidence.slice(0, 3).map((e) => ({ source: e.kind, id: e.id }))],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect((await quality.get<Pattern>(`/api/v1/patterns/${target.id}`)).body.status).toBe('in_learning');
  });

  it('picks up a newly recorded incident within 5 seconds when live', async () => {
    const live = await testApp(database, { PATTERNS_LIVE: 'true' });
    try {
      const worker = await signedIn(live, 'worker@demo.lantern.test', DEMO_PASSWORD);
      const me = await worker.get<{ services: { id: number }[] }>('/api/v1/me');
      const serviceId = me.body.services[0]!.id;
      const person = (await worker.get<{ items: { id: number }[] }>(`/api/v1/people?serviceId=${serviceId}`)).body.items[0]!;
      // Let the start-up run finish, so the next run is the one the new incident causes.
      const engine = patternEngine(database);
      await engine.runNow('settle', false);
      const started = Date.now();
      const created = await worker.post<{ id: number }>('/api/v1/incidents', {
        serviceId, personIds: [person.id], occurredAt: new Date(Date.now() - 3_600_000).toISOString(), location: 'Kitchen',
        antecedent: 'Asked to wait for tea', behaviour: 'Threw a cup', consequence: 'Space given, calm in ten minutes', settingEvents: [],
        harmPhysical: 'none', harmPsychological: 'low', narrative: 'Recorded to check patterns stay fresh.', staffIds: [], contributoryFactors: [], restrictiveInterventions: [],
      });
      expect(created.status).toBe(201);
      let seenAt = NaN;
      while (Date.now() - started < 10_000) {
        const run = await database.db.selectFrom('pattern_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
        if (run.reason === 'new record' && run.status === 'finished') {
          seenAt = Date.now() - started;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seenAt).toBeLessThan(5000);
    } finally {
      await live.close();
    }
  });
});

describe.each(testDialects())('storing findings on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const finding = (summary: string): DetectedPattern => ({
    key: 'time_hotspot:organisation:evenings', kind: 'time_hotspot', scope: { type: 'organisation', id: null }, serviceIds: [],
    title: 'Evenings', summary, statistic: { name: 'rate_ratio', value: 2 }, strength: 0.5, evidence: [],
  });
  /** A run that finds `found` at `at`, saved as the engine saves it. */
  const run = async (found: DetectedPattern[], at: string) => {
    const runId = await startRun(database.db, 'test', at);
    await database.transaction(async (trx) => applyFindings(trx, await planFindings(trx, found, { runId, now: at })));
  };
  const stored = () => database.db.selectFrom('patterns').select(['is_current', 'last_found_at', 'summary']).executeTakeFirstOrThrow();

  it('writes a finding found again unchanged only when it changes or lapses, and keeps when it was last found', async () => {
    await run([finding('First seen')], '2026-01-01T10:00:00.000Z');
    await run([finding('First seen')], '2026-02-01T10:00:00.000Z');
    let row = await stored();
    // Not rewritten, yet last found by the latest run.
    expect(row.last_found_at).toBe('2026-01-01T10:00:00.000Z');
    expect(lastFoundOf(row, await latestSave(database.db))).toBe('2026-02-01T10:00:00.000Z');

    await run([], '2026-03-01T10:00:00.000Z');
    row = await stored();
    expect(Number(row.is_current)).toBe(0);
    expect(lastFoundOf(row, await latestSave(database.db))).toBe('2026-02-01T10:00:00.000Z');

    await run([finding('Seen again, stronger')], '2026-04-01T10:00:00.000Z');
    row = await stored();
    expect(row).toMatchObject({ summary: 'Seen again, stronger', last_found_at: '2026-04-01T10:00:00.000Z' });
    expect(Number(row.is_current)).toBe(1);
  });
});
