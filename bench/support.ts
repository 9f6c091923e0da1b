// What every benchmark shares: a fresh database, the server in its own process, a load generator and the results table.
import { spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';
import { groundTruthPath } from '../src/db/seed/ground-truth.js';

export interface Results {
  record: (workload: string, figure: string) => void;
  /** The results as a Markdown table, for a closing note. */
  print: () => void;
}

export function results(): Results {
  const rows: { workload: string; figure: string }[] = [];
  return {
    record: (workload, figure) => {
      rows.push({ workload, figure });
      console.log(`  ${workload}: ${figure}`);
    },
    print: () => {
      console.log('\n| workload | figure |\n|---|---|');
      for (const row of rows) console.log(`| ${row.workload} | ${row.figure} |`);
    },
  };
}

export const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');

export interface BenchDatabase {
  database: Database;
  /** What `DATABASE_URL` must be for a server process to open the same database. */
  url: string;
  cleanup: () => Promise<void>;
}

const postgresUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const withSearchPath = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;

/**
 * A database kept between runs, so a large organisation is seeded once: a SQLite file, or a PostgreSQL schema, by
 * name. `isNew` says it was just made and is empty.
 */
export async function keptDatabase(dialect: string, name: string): Promise<BenchDatabase & { isNew: boolean }> {
  if (dialect === 'postgres') {
    const url = postgresUrl();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const found = await client.query('select 1 from information_schema.tables where table_schema = $1 limit 1', [name]);
    await client.query(`create schema if not exists ${name}`);
    await client.end();
    const database = openDatabase(url, { searchPath: name, poolSize: 20 });
    return { database, url: withSearchPath(url, name), isNew: found.rowCount === 0, cleanup: () => database.close() };
  }
  const isNew = !fs.existsSync(name);
  // The server being measured checkpoints the file; a second checkpointer here would only add to its I/O.
  const database = openDatabase(name, { checkpointInBackground: false });
  return { database, url: name, isNew, cleanup: () => database.close() };
}

/** An empty database: a new schema on PostgreSQL (`BENCH_DATABASE_URL`), or a new SQLite file in a temporary folder. */
export async function freshDatabase(dialect: string, label: string): Promise<BenchDatabase> {
  if (dialect === 'postgres') {
    const url = postgresUrl();
    const schema = `bench_${label}_${Date.now()}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await admin(`create schema ${schema}`);
    const database = openDatabase(url, { searchPath: schema, poolSize: 20 });
    return {
      database,
      url: withSearchPath(url, schema),
      cleanup: async () => {
        // Seeding the demo writes its ground truth under data/, named after the schema: it goes with the schema.
        const truth = await groundTruthPath(database);
        if (truth) fs.rmSync(truth, { force: true });
        await database.close();
        await admin(`drop schema ${schema} cascade`);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lantern-bench-${label}-`));
  const url = path.join(dir, 'bench.sqlite');
  // The server being measured checkpoints the file; a second checkpointer here would only add to its I/O.
  const database = openDatabase(url, { checkpointInBackground: false });
  return { database, url, cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

export interface ServerProcess {
  base: string;
  /** CPU seconds (user + system) the server process has used so far, from /proc (Linux); null elsewhere. */
  cpuSeconds: () => number | null;
  stop: () => Promise<void>;
}

/**
 * Start `lantern serve` as a child process on a free port and wait until it answers, so the load generator does not
 * share its event loop. BENCH_SERVER_FLAGS adds Node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
 */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}, attempts = 3): Promise<ServerProcess> {
  try {
    return await startOnce(databaseUrl, env);
  } catch (error) {
    // The port picked at random may have been taken: try another.
    if (attempts > 1) return startServerProcess(databaseUrl, env, attempts - 1);
    throw error;
  }
}

async function startOnce(databaseUrl: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = 3900 + Math.floor(Math.random() * 1000);
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const cpuSeconds = () => {
    try {
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  };
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill();
  });
  // A busy machine can take a while to load and migrate: wait up to two minutes.
  for (let i = 0; i < 600 && child.exitCode === null; i += 1) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { base, cpuSeconds, stop };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error('the server did not start');
}

/** Sign in as a demo user: the session cookie and the CSRF token for writes. */
export async function signIn(base: string, email: string, password: string) {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One request of a workload: a path on the server, and for a change its method, headers and JSON body. */
export interface RequestSpec {
  path: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
}

/** Send one request with fetch (for the odd request outside a measured workload). */
export const send = (base: string, spec: RequestSpec) => fetch(`${base}${spec.path}`, { method: spec.method ?? 'GET', ...(spec.headers ? { headers: spec.headers } : {}), ...(spec.body ? { body: spec.body } : {}) });

/**
 * Send `total` requests over `concurrency` kept-alive connections, each sending its next request as soon as its last
 * is answered (or, with `rate`, all of them together sending that many a second), with autocannon (whose own cost per
 * request is a small fraction of fetch's, so the figures are the server's), after a few unmeasured ones. The figure
 * gives latency percentiles, throughput and, when known, the server's CPU time per request (which a machine shared
 * with other work inflates far less than wall-clock latency).
 */
export async function load(base: string, concurrency: number, total: number, spec: (i: number) => RequestSpec, server?: ServerProcess, rate?: number): Promise<string> {
  let next = 0;
  const run = (amount: number, onResponse?: (statusCode: number, responseTime: number) => void) => new Promise<autocannon.Result>((resolve, reject) => {
    const instance: EventEmitter = autocannon({
      url: base, connections: concurrency, amount, ...(rate ? { overallRate: rate } : {}),
      requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', ...spec(next++) }) }],
    }, (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    // Its listener's first argument is the connection, whatever @types/autocannon says.
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => onResponse?.(statusCode, responseTime));
  });
  // A server runs for days: measure it as it runs, not while its code is still being compiled. The first requests
  // after start-up are several times slower (a short run of 2,000 GETs measured half the throughput of a long one).
  const warmUp = Math.min(WARM_UP_REQUESTS, Math.floor(total / 4));
  if (warmUp) await run(warmUp);
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = server?.cpuSeconds() ?? null;
  const started = performance.now();
  let lastAnswer = started;
  const result = await run(total, (statusCode, responseTime) => {
    latencies.push(responseTime);
    lastAnswer = performance.now();
    if (statusCode >= 400) failures += 1;
  });
  // Up to the last answer: autocannon notices it is done only on its next one-second tick, which made every
  // throughput a whole number of seconds (2,000 requests were 661 a second whether they took 2.1 s or 3 s).
  const seconds = (lastAnswer - started) / 1000;
  const cpuAfter = server?.cpuSeconds() ?? null;
  const cpu = cpuBefore !== null && cpuAfter !== null ? `, server CPU ${((cpuAfter - cpuBefore) * 1000 / total).toFixed(2)} ms/request` : '';
  latencies.sort((a, b) => a - b);
  failures += result.errors + result.timeouts;
  const clients = rate ? `${concurrency} clients sending ${rate} a second between them` : `${concurrency} clients, each sending again as soon as answered`;
  const warm = warmUp ? `, after ${warmUp} unmeasured` : '';
  return `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${(latencies.length / seconds).toFixed(0)} req/s, ${failures} failed (${clients}${warm})${cpu}`;
}

/** Requests sent, at most, before a workload is measured (a quarter of a short workload). */
const WARM_UP_REQUESTS = 500;

/**
 * A support worker recording incidents with one restrictive intervention each, spread over their service's people and
 * staff and over the past weeks: `post(i)` is the i-th request.
 */
export async function incidentPoster(base: string, email: string, password: string) {
  const session = await signIn(base, email, password);
  const read = async <T>(url: string) => (await (await fetch(`${base}${url}`, { headers: { cookie: session.cookie } })).json()) as T;
  const me = await read<{ services: { id: number }[] }>('/api/v1/me');
  const serviceId = me.services[0]!.id;
  const people = (await read<{ items: { id: number }[] }>(`/api/v1/people?serviceId=${serviceId}`)).items;
  const staff = (await read<{ items: { id: number }[] }>(`/api/v1/staff?serviceId=${serviceId}`)).items;
  return (i: number): RequestSpec => {
    const at = new Date(Date.now() - ((i % 2000) + 10) * 3_600_000);
    const person = people[i % people.length]!.id;
    const staffId = staff[i % staff.length]!.id;
    return {
      path: '/api/v1/incidents', method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        serviceId, personIds: [person], occurredAt: at.toISOString(), location: 'Lounge', antecedent: 'Asked to wait for lunch',
        behaviour: 'Pushed a member of staff', consequence: 'Brief hold, then calm', settingEvents: ['hunger'], harmPhysical: 'low',
        harmPsychological: 'low', narrative: 'Benchmark incident.', staffIds: [staffId], contributoryFactors: ['staff_workload'],
        restrictiveInterventions: [{
          typeCode: '11', reasonCode: '10', startedAt: new Date(at.getTime() + 60_000).toISOString(), endedAt: new Date(at.getTime() + 300_000).toISOString(),
          isPlanned: true, staffIds: [staffId], debriefPerson: true, debriefStaff: true,
        }],
      }),
    };
  };
}

/**
 * Wait, for at most `limitMs`, until the pattern run that started with the server (a full one) has finished: its
 * length in milliseconds, or null when it is still running.
 */
export async function startUpPatternRun(base: string, cookie: string, serverStarted: number, limitMs = 300_000): Promise<number | null> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const { run } = (await (await fetch(`${base}/api/v1/patterns/runs/latest`, { headers: { cookie } })).json()) as { run: { status: string; startedAt: string; finishedAt: string | null } | null };
    if (run?.status === 'finished' && run.finishedAt && Date.parse(run.startedAt) >= serverStarted - 1000) return Date.parse(run.finishedAt) - Date.parse(run.startedAt);
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}
