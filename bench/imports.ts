// `npm run bench:imports [-- --rows 200000 --db sqlite|postgres]`: a benchmark, not a test. Generates an
// incidents CSV (one row per restrictive intervention episode, two episodes per incident), imports it into a
// fresh database through the import service, and prints rows per second for the dry run and the real import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { nowIso, openDatabase, type Database } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importColumns } from '../src/domain/imports.js';
import { systemContext } from '../src/server/policies/actor.js';
import type { Context } from '../src/server/context.js';
import { runImport } from '../src/server/services/imports.service.js';
import { startIncidentChecker } from '../src/server/imports/incident-check-thread.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, db: { type: 'string', default: 'sqlite' } } });
const ROWS = Number(values.rows);
const SERVICES = 20;
const PEOPLE_PER_SERVICE = 10;
const STAFF_PER_SERVICE = 15;

async function openFresh(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (values.db === 'postgres') {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = openDatabase(url, { searchPath: schema, poolSize: 2 });
    return {
      database,
      cleanup: async () => {
        await database.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-imports-'));
  const database = openDatabase(path.join(dir, 'lantern.sqlite'));
  return { database, cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Services, people and staff for the generated incidents to refer to. */
async function seed(database: Database) {
  const db = database.db;
  const now = nowIso();
  const { id: regionId } = await db.insertInto('regions').values({ name: 'Bench' }).returning('id').executeTakeFirstOrThrow();
  for (let s = 1; s <= SERVICES; s += 1) {
    const { id: serviceId } = await db.insertInto('services').values({
      ref: `SVC-${s}`, name: `Service ${s}`, type: 'supported_living', region_id: regionId, capacity: 10, registration_number: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('people').values(Array.from({ length: PEOPLE_PER_SERVICE }, (_, p) => ({
      ref: `P-${s}-${p}`, display_name: `Person ${s}-${p}`, service_id: serviceId, learning_disability: 1, autism: 1, legal_status: 'informal',
      start_date: '2020-01-01', end_date: null, created_at: now, updated_at: now,
    }))).execute();
    for (let k = 0; k < STAFF_PER_SERVICE; k += 1) {
      const { id: staffId } = await db.insertInto('staff').values({
        ref: `S-${s}-${k}`, name: `Staff ${s}-${k}`, job_title: 'Support worker', employment_type: k % 5 === 0 ? 'agency' : 'permanent', active: 1,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('staff_services').values({ staff_id: staffId, service_id: serviceId }).execute();
    }
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A CSV of `rows` intervention rows; every other row starts a new incident. */
function generateCsv(rows: number): string {
  const header = importColumns.incidents.map((c) => c.name);
  const lines = [header.join(',')];
  const types = ['01', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17'];
  for (let i = 0; i < rows; i += 1) {
    const incident = Math.floor(i / 2);
    const s = (incident % SERVICES) + 1;
    const p = incident % PEOPLE_PER_SERVICE;
    const day = new Date(Date.UTC(2025, 0, 1) + (incident % 600) * 86_400_000);
    const date = `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
    const hour = 8 + (incident % 12);
    const start = i % 2 === 0 ? 5 : 20;
    const isFirst = i % 2 === 0;
    const staff = `S-${s}-${incident % STAFF_PER_SERVICE};S-${s}-${(incident + 1) % STAFF_PER_SERVICE}`;
    lines.push([
      `INC-${incident}`, `SVC-${s}`, `P-${s}-${p}`, isFirst ? `${date} ${pad(hour)}:00` : '', '',
      isFirst ? 'Lounge' : '', isFirst ? 'Asked to turn the music down' : '', isFirst ? 'Hit out at staff' : '', isFirst ? 'Moved to a quiet room' : '',
      isFirst ? 'poor_sleep;noise' : '', isFirst ? String(1 + (incident % 5)) : '', isFirst ? 'low' : '',
      isFirst ? `"Staff followed the plan, offering choices; ""space"" helped.\nCalm after ${10 + (incident % 20)} minutes."` : '',
      isFirst ? staff : '', isFirst ? 'staff_workload' : '', types[i % types.length], '17',
      `${date} ${pad(hour)}:${pad(start)}`, `${date} ${pad(hour)}:${pad(start + 4)}`, i % 3 === 0 ? 'Y' : 'N', staff,
      'N', i % 7 === 0 ? 'Y' : 'N', i % 4 === 0 ? 'N' : 'Y', 'Y',
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function main() {
  const { database, cleanup } = await openFresh();
  try {
    await migrateToLatest(database);
    await seed(database);
    const ctx: Context = { database, actor: systemContext('bench'), ip: null };
    // As the server does when it starts: the thread that checks incidents files loads its code before any import.
    await startIncidentChecker();
    const csv = Buffer.from(generateCsv(ROWS), 'utf8');
    console.log(`Incidents import on ${database.dialect}: ${ROWS.toLocaleString('en-GB')} intervention rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
    for (const isDryRun of [true, false]) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const report = await runImport(ctx, { kind: 'incidents', file: { buffer: csv, filename: 'bench.csv' }, isDryRun });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      // On a shared machine the wall clock also counts time spent waiting for a CPU; CPU time does not.
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (report.errors.length) throw new Error(`import refused: ${JSON.stringify(report.errors.slice(0, 5))}`);
      const label = isDryRun ? 'dry run (read + validate)' : 'import (read + validate + write)';
      console.log(`  ${label}: ${seconds.toFixed(2)} s, ${Math.round(report.rows / seconds).toLocaleString('en-GB')} rows/second; CPU ${cpuSeconds.toFixed(2)} s, ${Math.round(report.rows / cpuSeconds).toLocaleString('en-GB')} rows per CPU-second (${report.created} incidents)`);
    }
    const episodes = await database.db.selectFrom('restrictive_interventions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`  stored: ${Number(episodes.n).toLocaleString('en-GB')} restrictive intervention episodes`);
  } finally {
    await cleanup();
  }
}

await main();
