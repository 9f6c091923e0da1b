// `npm run bench [-- --scale demo|provider|national] [--db sqlite|postgres]`: a benchmark, not a test.
// Seeds a fresh database at the chosen scale, then measures start-up, API latency under concurrent
// clients over real HTTP, and audit-chain verification. Prints a table.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoOrganisation, type Scale } from '../src/db/seed/demo.js';
import { loadConfig } from '../src/server/config.js';
import { buildApp } from '../src/server/http/app.js';
import { verifyAuditChain } from '../src/server/repositories/audit.repository.js';
import { freshDatabase, incidentPoster, load, results, signIn as signInAs, startServerProcess, startUpPatternRun, type RequestSpec } from './support.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, db: { type: 'string', default: 'sqlite' }, requests: { type: 'string', default: '2000' }, only: { type: 'string' } } });
const scale = values.scale as Scale;
const { record, print } = results();

async function main() {
  console.log(`Lantern benchmark: ${scale} scale on ${values.db}, ${os.cpus().length} cores\n`);
  const { database, url, cleanup } = await freshDatabase(values.db, 'api');
  try {
    let t0 = performance.now();
    await migrateToLatest(database);
    record('migrate an empty database', `${(performance.now() - t0).toFixed(0)} ms`);
    t0 = performance.now();
    const seeded = await seedDemoOrganisation(database, scale, { seed: 2026 });
    record(`seed ${scale} organisation`, `${((performance.now() - t0) / 1000).toFixed(1)} s (${seeded.services} services, ${seeded.people} people, ${seeded.staff} staff, ${seeded.occupancyRows.toLocaleString('en-GB')} occupancy days)`);

    t0 = performance.now();
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const app = await buildApp({ database, config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    record('start the server on a seeded database (in process)', `${(performance.now() - t0).toFixed(0)} ms`);
    await app.close();

    // The server runs in its own process, as in production, so the load generator does not share its event loop.
    const startedAt = Date.now();
    const server = await startServerProcess(url);
    // `--only POST` runs just the workloads whose name contains that text.
    const base = server.base;
    const measure = async (name: string, concurrency: number, total: number, spec: (i: number) => RequestSpec, rate?: number) => {
      if (!values.only || name.includes(values.only)) record(name, await load(base, concurrency, total, spec, server, rate));
    };

    const signIn = (email: string) => signInAs(base, email, DEMO_PASSWORD);
    const lead = await signIn('safeguarding@demo.lantern.test');
    // The engine's start-up run (a full one) shares the two cores: measure after it, as most of a server's life is.
    const run = await startUpPatternRun(base, lead.cookie, startedAt, 120_000);
    record('start-up pattern run', run === null ? 'still running after 2 minutes: measured during it' : `${(run / 1000).toFixed(1)} s, finished before measuring`);
    const manager = await signIn('manager@demo.lantern.test');
    const total = Number(values.requests);
    const people = (await (await fetch(`${base}/api/v1/people?limit=500`, { headers: { cookie: lead.cookie } })).json()) as { items: { id: number }[] };
    const ids = people.items.map((p) => p.id);

    await measure('GET /api/v1/services (all services, safeguarding lead)', 20, total, () => ({ path: '/api/v1/services?limit=100', headers: { cookie: lead.cookie } }));
    await measure('GET /api/v1/people?limit=50 (audited list)', 20, total, (i) => ({ path: `/api/v1/people?limit=50&offset=${(i * 50) % Math.max(1, seeded.people - 50)}`, headers: { cookie: lead.cookie } }));
    await measure('GET /api/v1/people/{id} (audited read)', 20, total, (i) => ({ path: `/api/v1/people/${ids[i % ids.length]}`, headers: { cookie: lead.cookie } }));
    await measure('PUT /api/v1/occupancy (manager, one day)', 20, Math.min(total, 1000), (i) => ({
      path: '/api/v1/occupancy', method: 'PUT', headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 1, days: [{ date: new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10), occupiedDays: 1 }] }),
    }));
    // The busiest person's timeline over five years: a page of it (what the page shows), and all of it as CSV.
    const busiest = await database.db.selectFrom('incident_people').select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('person_id').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
    const fiveYearsAgo = new Date(Date.now() - 5 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const timeline = `/api/v1/people/${busiest.person_id}/timeline?from=${fiveYearsAgo}`;
    const label = `the busiest person: ${Number(busiest.n).toLocaleString('en-GB')} incidents`;
    await measure(`GET a person's timeline, 5 years, first page of 50 (${label}; one client)`, 1, 200, () => ({ path: timeline, headers: { cookie: lead.cookie } }));
    await measure(`GET a person's timeline, 5 years, first page of 50 (${label})`, 20, total, () => ({ path: timeline, headers: { cookie: lead.cookie } }));
    await measure('GET the same timeline, all 5 years as CSV (one client)', 1, 20, () => ({ path: `${timeline}&format=csv`, headers: { cookie: lead.cookie } }));
    const postIncident = await incidentPoster(base, 'worker@demo.lantern.test', DEMO_PASSWORD);
    // Five times as many as each read: a short run mostly measures a server whose code is still being optimised.
    await measure('POST /api/v1/incidents (one restrictive intervention, support worker)', 20, total * 5, postIncident);
    // At a steady 200 a second (far beyond any provider's real rate) rather than as fast as the server can answer.
    await measure('POST /api/v1/incidents (one restrictive intervention, support worker, paced)', 20, Math.min(total, 2000), (i) => postIncident(i + total * 5 + 1000), 200);
    await server.stop();

    t0 = performance.now();
    const { entries, breaks } = await verifyAuditChain(database.db);
    const ms = performance.now() - t0;
    record('audit verify', `${entries.toLocaleString('en-GB')} entries in ${ms.toFixed(0)} ms (${((entries / ms) * 1000).toFixed(0)} entries/s), ${breaks.length} breaks`);
  } finally {
    await cleanup();
  }
  print();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
