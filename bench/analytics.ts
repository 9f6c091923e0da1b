// `npm run bench:analytics [-- --scale provider|national] [--db sqlite|postgres] [--requests 400] [--engine-only]`:
// a benchmark, not a test. Measures the SPC engine's throughput in points per second (target ≥ 1,000,000), then seeds
// a fresh database at the chosen scale and measures the organisation dashboard (GET /api/v1/dashboards?scope=organisation,
// every measure including the restrictions register's month-end stocks) under 20 concurrent clients over real HTTP
// (target p95 < 200 ms at provider scale, < 500 ms national). Prints a table.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { xmrChart } from '../src/analytics/spc/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoOrganisation, type Scale } from '../src/db/seed/demo.js';
import { rebuildRollups } from '../src/server/services/rebuild.service.js';
import { freshDatabase, incidentPoster, keptDatabase, load, results, send, signIn as signInAs, startServerProcess, startUpPatternRun, thousands, type RequestSpec } from './support.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'provider' }, db: { type: 'string', default: 'sqlite' }, requests: { type: 'string', default: '400' },
    'engine-only': { type: 'boolean', default: false },
    // A SQLite file or PostgreSQL schema to keep: seeded on the first run, reused after (national scale takes minutes).
    keep: { type: 'string' },
  },
});
const scale = args.scale as Scale;
const { record, print } = results();

/** A deterministic series: a slow wave, noise and occasional steps, so every rule has work to do. */
function series(length: number, seed: number): number[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const out = new Array<number>(length);
  let level = 20;
  for (let i = 0; i < length; i++) {
    if (next() < 0.01) level += (next() - 0.5) * 10;
    out[i] = Math.max(0, level + 5 * Math.sin(i / 9) + (next() - 0.5) * 8);
  }
  return out;
}

function engine() {
  const many = Array.from({ length: 1000 }, (_, i) => series(1000, i + 1));
  const one = series(100_000, 99);
  const improvements = ['decrease', 'increase', 'neither'] as const;
  // Warm up the JIT before timing.
  for (let i = 0; i < 50; i++) xmrChart({ values: many[i]!, improvement: 'decrease', target: 15 });
  // Wall-clock time, and CPU time (user + system) which a machine shared with other work inflates far less.
  const timed = (work: () => number) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const points = work();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { points, wall, cpu: (cpu.user + cpu.system) / 1e6 };
  };
  const figure = (r: { points: number; wall: number; cpu: number }) =>
    `${thousands(r.points / r.wall)} points/s wall (${(r.wall * 1000).toFixed(0)} ms); ${thousands(r.points / r.cpu)} points per CPU second`;
  for (let run = 1; run <= 2; run++) {
    const batch = timed(() => {
      let points = 0;
      for (let i = 0; i < many.length; i++) {
        points += xmrChart({ values: many[i]!, improvement: improvements[i % 3]!, target: 18, recalculateAt: i % 2 ? [500] : [] }).points.length;
      }
      return points;
    });
    record(`SPC engine, 1,000 series of 1,000 points (run ${run})`, figure(batch));
    const single = timed(() => xmrChart({ values: one, improvement: 'decrease', target: 18 }).points.length);
    record(`SPC engine, one series of 100,000 points (run ${run})`, figure(single));
  }
}

async function dashboards() {
  const { database, url, cleanup, isNew } = args.keep ? await keptDatabase(args.db, args.keep) : { ...(await freshDatabase(args.db, 'analytics')), isNew: true };
  try {
    if (isNew) {
      await migrateToLatest(database);
      const t0 = performance.now();
      await seedDemoOrganisation(database, scale, { seed: 2026 });
      const seedSeconds = (performance.now() - t0) / 1000;
      // As `lantern seed` does: the generator writes in bulk, then the rollups are rebuilt once.
      const t1 = performance.now();
      await rebuildRollups(database);
      record(`seed ${scale} organisation on ${args.db}`, `${seedSeconds.toFixed(1)} s, then rebuild rollups ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }
    const counts = await Promise.all((['services', 'people', 'incidents', 'restrictions', 'restriction_history', 'monthly_counts'] as const).map(async (table) =>
      [table, Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)] as const));
    record(`${scale} organisation on ${args.db}`, counts.map(([t, n]) => `${thousands(n)} ${t}`).join(', '));

    let t0 = performance.now();
    const serverStarted = Date.now();
    const server = await startServerProcess(url);
    record('start the server', `${(performance.now() - t0).toFixed(0)} ms`);
    const { base } = server;
    try {
      const signIn = async (email: string) => (await signInAs(base, email, DEMO_PASSWORD)).cookie;
      const quality = await signIn('quality@demo.lantern.test');
      const manager = await signIn('manager@demo.lantern.test');
      const total = Number(args.requests);
      const measure = async (name: string, concurrency: number, count: number, spec: (i: number) => RequestSpec) => record(name, await load(base, concurrency, count, spec, server));
      // The engine runs in its own thread, but on two cores its start-up run still competes for the CPU: measure after it.
      const run = await startUpPatternRun(base, quality, serverStarted, 120_000);
      record('start-up pattern run', run === null ? 'still running after 2 minutes: measured during it' : `${(run / 1000).toFixed(1)} s, finished before measuring`);
      t0 = performance.now();
      const first = await fetch(`${base}/api/v1/dashboards?scope=organisation`, { headers: { cookie: quality } });
      const body = (await first.json()) as { items: unknown[] };
      record('first organisation dashboard (cold)', `${(performance.now() - t0).toFixed(0)} ms, ${body.items.length} measures`);
      await measure('GET /api/v1/dashboards?scope=organisation (24 months, quality lead)', 20, total, () => ({ path: `/api/v1/dashboards?scope=organisation`, headers: { cookie: quality } }));
      await measure('GET /api/v1/dashboards?scope=organisation (24 months, quality lead) again', 20, total, () => ({ path: `/api/v1/dashboards?scope=organisation`, headers: { cookie: quality } }));
      const from = new Date(Date.now() - 10 * 365.25 * 86_400_000).toISOString().slice(0, 7);
      await measure('GET /api/v1/dashboards?scope=organisation (10 years, quality lead)', 20, Math.max(40, total / 4), () => ({ path: `/api/v1/dashboards?scope=organisation&from=${from}`, headers: { cookie: quality } }));
      await measure('GET /api/v1/dashboards?scope=organisation (service manager: own services summed)', 20, total, () => ({ path: `/api/v1/dashboards?scope=organisation`, headers: { cookie: manager } }));
      // The cache is emptied by every change: with an incident recorded every 100 ms, most reads are computed afresh.
      const postIncident = await incidentPoster(base, 'worker@demo.lantern.test', DEMO_PASSWORD);
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await (await send(base, postIncident(written++))).arrayBuffer();
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await measure('GET /api/v1/dashboards?scope=organisation while a support worker records an incident every 100 ms', 20, total, () => ({ path: `/api/v1/dashboards?scope=organisation`, headers: { cookie: quality } }));
      writing = false;
      await writer;
      await measure('GET /api/v1/measures/restriction_reviews_overdue/series?scope=organisation', 20, total, () => ({ path: `/api/v1/measures/restriction_reviews_overdue/series?scope=organisation`, headers: { cookie: quality } }));
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

async function main() {
  console.log(`Lantern analytics benchmark: ${args['engine-only'] ? 'engine only' : `${scale} scale on ${args.db}`}, ${os.cpus().length} cores\n`);
  engine();
  if (!args['engine-only']) await dashboards();
  print();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
