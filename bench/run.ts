// `npm run bench [-- --scale demo|provider|national] [--db sqlite|postgres]`: a benchmark, not a test.
// Seeds a fresh database at the chosen scale, then measures start-up, API latency under concurrent
// clients over real HTTP, and audit-chain verification. Prints a table.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoOrganisation, type Scale } from '../src/db/seed/demo.js';
import { loadConfig } from '../src/server/config.js';
import { buildApp } from '../src/server/http/app.js';
import { verifyAuditChain } from '../src/server/repositories/audit.repository.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, db: { type: 'string', default: 'sqlite' }, requests: { type: 'string', default: '2000' }, only: { type: 'string' } } });
const scale = values.scale as Scale;
const rows: { workload: string; figure: string }[] = [];
const record = (workload: string, figure: string) => {
  rows.push({ workload, figure });
  console.log(`  ${workload}: ${figure}`);
};

/** Start `lantern serve` as a child process on a free port and wait until it answers. */
async function startServerProcess(databaseUrl: string) {
  const port = 3900 + Math.floor(Math.random() * 500);
  // BENCH_SERVER_FLAGS adds Node flags to the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  // A busy machine can take a while to load and migrate: wait up to a minute.
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) {
        serverPid = child.pid ?? null;
        return { base, stop: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill(); }) };
      }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('the server did not start');
}

let databaseUrl = '';
let serverPid: number | null = null;

/** CPU seconds (user + system) the server process has used so far, from /proc (Linux); null elsewhere. */
function serverCpuSeconds(): number | null {
  if (serverPid === null) return null;
  try {
    const fields = fs.readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function freshDatabase(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (values.db === 'postgres') {
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${Date.now()}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const database = openDatabase(url, { searchPath: schema, poolSize: 20 });
    databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
    return {
      database,
      cleanup: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-'));
  databaseUrl = path.join(dir, 'bench.sqlite');
  const database = openDatabase(databaseUrl);
  return { database, cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Fire `total` requests from `concurrency` clients; report latency percentiles and throughput. */
async function load(name: string, concurrency: number, total: number, send: (i: number) => Promise<Response>) {
  // `--only POST` runs just the workloads whose name contains that text.
  if (values.only && !name.includes(values.only)) return;
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const cpuBefore = serverCpuSeconds();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const response = await send(i);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (!response.ok) failures += 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = serverCpuSeconds();
  // On a shared machine wall-clock latency includes waiting for a CPU; the server's CPU time per request does not.
  const cpu = cpuBefore !== null && cpuAfter !== null ? `, server CPU ${((cpuAfter - cpuBefore) * 1000 / total).toFixed(2)} ms/request` : '';
  latencies.sort((a, b) => a - b);
  record(name, `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${(total / seconds).toFixed(0)} req/s, ${failures} failed (${concurrency} clients)${cpu}`);
}

async function main() {
  console.log(`Lantern benchmark: ${scale} scale on ${values.db}, ${os.cpus().length} cores\n`);
  const { database, cleanup } = await freshDatabase();
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
    const server = await startServerProcess(databaseUrl);
    const base = server.base;

    const signIn = async (email: string) => {
      const response = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
    };
    const lead = await signIn('safeguarding@demo.lantern.test');
    const manager = await signIn('manager@demo.lantern.test');
    const total = Number(values.requests);
    const people = (await (await fetch(`${base}/api/v1/people?limit=500`, { headers: { cookie: lead.cookie } })).json()) as { items: { id: number }[] };
    const ids = people.items.map((p) => p.id);

    await load('GET /api/v1/services (all services, safeguarding lead)', 20, total, () => fetch(`${base}/api/v1/services?limit=100`, { headers: { cookie: lead.cookie } }));
    await load('GET /api/v1/people?limit=50 (audited list)', 20, total, (i) => fetch(`${base}/api/v1/people?limit=50&offset=${(i * 50) % Math.max(1, seeded.people - 50)}`, { headers: { cookie: lead.cookie } }));
    await load('GET /api/v1/people/{id} (audited read)', 20, total, (i) => fetch(`${base}/api/v1/people/${ids[i % ids.length]}`, { headers: { cookie: lead.cookie } }));
    await load('PUT /api/v1/occupancy (manager, one day)', 20, Math.min(total, 1000), (i) => fetch(`${base}/api/v1/occupancy`, {
      method: 'PUT', headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 1, days: [{ date: new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10), occupiedDays: 1 }] }),
    }));
    const workerSession = await signIn('worker@demo.lantern.test');
    const me = (await (await fetch(`${base}/api/v1/me`, { headers: { cookie: workerSession.cookie } })).json()) as { services: { id: number }[] };
    const serviceId = me.services[0]!.id;
    const servicePeople = (await (await fetch(`${base}/api/v1/people?serviceId=${serviceId}`, { headers: { cookie: workerSession.cookie } })).json()) as { items: { id: number }[] };
    const serviceStaff = (await (await fetch(`${base}/api/v1/staff?serviceId=${serviceId}`, { headers: { cookie: workerSession.cookie } })).json()) as { items: { id: number }[] };
    await load('POST /api/v1/incidents (one restrictive intervention, support worker)', 20, Math.min(total, 2000), (i) => {
      const at = new Date(Date.now() - (i + 10) * 3_600_000);
      const person = servicePeople.items[i % servicePeople.items.length]!.id;
      const staffId = serviceStaff.items[i % serviceStaff.items.length]!.id;
      return fetch(`${base}/api/v1/incidents`, {
        method: 'POST', headers: { cookie: workerSession.cookie, 'x-csrf-token': workerSession.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceId, personIds: [person], occurredAt: at.toISOString(), location: 'Lounge', antecedent: 'Asked to wait for lunch',
          behaviour: 'Pushed a member of staff', consequence: 'Brief hold, then calm', settingEvents: ['hunger'], harmPhysical: 'low',
          harmPsychological: 'low', narrative: 'Benchmark incident.', staffIds: [staffId], contributoryFactors: ['staff_workload'],
          restrictiveInterventions: [{
            typeCode: '11', reasonCode: '10', startedAt: new Date(at.getTime() + 60_000).toISOString(), endedAt: new Date(at.getTime() + 300_000).toISOString(),
            isPlanned: true, staffIds: [staffId], debriefPerson: true, debriefStaff: true,
          }],
        }),
      });
    });
    await server.stop();

    t0 = performance.now();
    const { entries, breaks } = await verifyAuditChain(database.db);
    const ms = performance.now() - t0;
    record('audit verify', `${entries.toLocaleString('en-GB')} entries in ${ms.toFixed(0)} ms (${((entries / ms) * 1000).toFixed(0)} entries/s), ${breaks.length} breaks`);
  } finally {
    await cleanup();
  }
  console.log('\n| workload | figure |\n|---|---|');
  for (const row of rows) console.log(`| ${row.workload} | ${row.figure} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
