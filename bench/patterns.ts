// `npm run bench:patterns [-- --scale demo|provider|national] [--db sqlite|postgres] [--file existing.sqlite]`:
// a benchmark, not a test. Seeds (or opens) a demo organisation with planted patterns, times a full pattern run
// (read every record, extract phrases, run every detector, save), scores the findings against the planted ground
// truth, then measures freshness: how long after a new incident is recorded over HTTP it shows in the dashboard
// counts and in a finished pattern run.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { detectAll } from '../src/analytics/patterns/index.js';
import { assessFindings } from '../src/analytics/patterns/quality.js';
import { extractPhrases } from '../src/analytics/themes/keyphrases.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoOrganisation, type Scale } from '../src/db/seed/demo.js';
import { groundTruthPath, readGroundTruth } from '../src/db/seed/ground-truth.js';
import { londonDate } from '../src/domain/working-days.js';
import { loadPatternInput } from '../src/server/repositories/patterns.repository.js';
import { rebuildRollups } from '../src/server/services/rebuild.service.js';
import { patternEngine } from '../src/server/services/pattern-engine-thread.js';
import { freshDatabase, results, signIn, startServerProcess, startUpPatternRun, type BenchDatabase } from './support.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'provider' }, db: { type: 'string', default: 'sqlite' }, file: { type: 'string' } } });
const scale = values.scale as Scale;
const { record, print } = results();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `--file` measures an existing SQLite file as it is; otherwise a fresh database is seeded. */
async function open(): Promise<BenchDatabase & { fresh: boolean }> {
  if (values.file) {
    const database = openDatabase(values.file, { checkpointInBackground: false });
    return { database, url: values.file, fresh: false, cleanup: () => database.close() };
  }
  return { ...(await freshDatabase(values.db, 'patterns')), fresh: true };
}

async function main() {
  console.log(`Lantern pattern benchmark: ${values.file ?? `${scale} scale on ${values.db}`}, ${os.cpus().length} cores\n`);
  const { database, url, fresh, cleanup } = await open();
  try {
    if (fresh) {
      await migrateToLatest(database);
      const t0 = performance.now();
      await seedDemoOrganisation(database, scale, { seed: 2026 });
      await rebuildRollups(database);
      record(`seed ${scale} organisation`, seconds(performance.now() - t0));
    }
    const counts = await database.db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    let t0 = performance.now();
    const { input } = await loadPatternInput(database.db, extractPhrases, londonDate(new Date()), null);
    const loadMs = performance.now() - t0;
    t0 = performance.now();
    const findings = detectAll(input);
    const detectMs = performance.now() - t0;
    record('read every record and extract phrases', `${seconds(loadMs)} (${Number(counts.n).toLocaleString('en-GB')} incidents, ${input.records.length.toLocaleString('en-GB')} records)`);
    record('run every detector', `${seconds(detectMs)} (${findings.length} findings)`);
    t0 = performance.now();
    await patternEngine(database).runNow('benchmark', true);
    record('full pattern run (read, detect, save)', seconds(performance.now() - t0));

    const truthFile = await groundTruthPath(database);
    if (truthFile && fs.existsSync(truthFile)) {
      const truth = readGroundTruth(truthFile);
      const serviceByRef = new Map(input.services.map((s) => [s.ref, s.id]));
      const personService = new Map(input.people.map((p) => [p.id, p.serviceId]));
      const report = assessFindings(truth.patterns, findings, (ref) => serviceByRef.get(ref), (id) => personService.get(id));
      record('recall of planted patterns', `${report.found} of ${report.planted} (${Math.round(report.recall * 100)} %)${report.missed.length ? `; missed ${report.missed.join(', ')}` : ''}`);
      record('real findings in the top 10', `${report.realInTopTen} of ${report.topTen.length}`);
      record('escalation or improvement claims about the planted null', String(report.nullClaims.length));
      console.log('\n  Top 10:');
      for (const t of report.topTen) console.log(`   ${t.isReal ? 'real ' : 'other'} ${t.kind}: ${t.title}`);
    }
    await patternEngine(database).close();

    // Freshness: a new incident over HTTP, then poll the dashboard counts and the pattern runs.
    const serverStarted = Date.now();
    const server = await startServerProcess(url, { PATTERNS_LIVE: 'true' });
    try {
      const session = await signIn(server.base, 'quality@demo.lantern.test', DEMO_PASSWORD);
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' };
      // Wait for the start-up run (a full one) to finish, so the next run is the one the new incident causes.
      if ((await startUpPatternRun(server.base, session.cookie, serverStarted)) === null) throw new Error('The start-up pattern run did not finish in 5 minutes');
      const service = (await database.db.selectFrom('people').select(['id', 'service_id']).orderBy('id').limit(1).executeTakeFirstOrThrow());
      const month = londonDate(new Date()).slice(0, 7);
      const dashboardIncidents = async () => {
        const body = (await (await fetch(`${server.base}/api/v1/measures/incidents/series?scope=service:${service.service_id}&from=${month}&to=${month}`, { headers })).json()) as { points: { numerator: number | null }[] };
        return body.points[0]?.numerator ?? 0;
      };
      const before = await dashboardIncidents();
      const started = Date.now();
      const posted = await fetch(`${server.base}/api/v1/incidents`, {
        method: 'POST', headers,
        body: JSON.stringify({
          serviceId: service.service_id, personIds: [service.id], occurredAt: new Date(Date.now() - 3_600_000).toISOString(), location: 'Lounge',
          antecedent: 'Asked to wait', behaviour: 'Shouted', consequence: 'Calmed with support', settingEvents: [], harmPhysical: 'none', harmPsychological: 'low',
          narrative: 'Benchmark incident for freshness.', staffIds: [], contributoryFactors: [], restrictiveInterventions: [],
        }),
      });
      if (!posted.ok) throw new Error(`recording the incident failed: ${posted.status} ${await posted.text()}`);
      let inDashboard = NaN;
      let inPatterns = NaN;
      while (Date.now() - started < 120_000 && (Number.isNaN(inDashboard) || Number.isNaN(inPatterns))) {
        if (Number.isNaN(inDashboard) && (await dashboardIncidents()) > before) inDashboard = Date.now() - started;
        if (Number.isNaN(inPatterns)) {
          const run = (await (await fetch(`${server.base}/api/v1/patterns/runs/latest`, { headers })).json()) as { run: { status: string; startedAt: string } | null };
          if (run.run?.status === 'finished' && Date.parse(run.run.startedAt) >= started - 1000) inPatterns = Date.now() - started;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      record('new incident in the dashboard counts', `${inDashboard} ms`);
      record('new incident in a finished pattern run', `${inPatterns} ms`);
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
  print();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
