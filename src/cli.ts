import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDatabase, type Database } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_PASSWORD, demoAccounts, seedDemoOrganisation, type Scale } from './db/seed/demo.js';
import { loadConfig } from './server/config.js';
import { buildApp } from './server/http/app.js';
import { verifyAuditChain } from './server/repositories/audit.repository.js';
import { createFirstAdmin } from './server/services/setup.service.js';
import { startIncidentChecker } from './server/imports/incident-check-thread.js';
import { ensureRollupsCurrent, rebuildRollups } from './server/services/rebuild.service.js';
import { seedLearning } from './db/seed/learning.js';
import { escalateOverdue, startEscalationTimer } from './server/services/learning.service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '../dist/web');

const usage = `Usage: lantern <command>
  serve [--demo]                     start the server (with --demo, seed a demo organisation into an empty database)
  migrate                            bring the database schema up to date
  seed --scale demo|provider|national [--seed N]   create a demo organisation in an empty database
  admin create --email E --name N    create an administrator (password from LANTERN_ADMIN_PASSWORD, or one is generated)
  audit verify                       check the audit trail's hash chain; exits 1 on any break
  rebuild                            recompute the monthly rollups that dashboards read, from the events themselves
  escalate                           mark overdue actions and unanswered lesson shares as escalated (serve also does this every ESCALATION_MINUTES)`;

/** Open the database, bring it up to date (schema, and rollups kept by older rules), and do the work. */
async function withDatabase<T>(work: (database: Database, applied: string[]) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.DATABASE_URL);
  try {
    const applied = await migrateToLatest(database);
    await bringRollupsUpToDate(database);
    return await work(database, applied);
  } finally {
    await database.close();
  }
}

async function seed(database: Database, scale: Scale, seedNumber?: number) {
  const bars = new cliProgress.MultiBar({ format: ' {stage} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const byStage = new Map<string, cliProgress.SingleBar>();
  const isTty = Boolean(process.stdout.isTTY);
  const result = await seedDemoOrganisation(database, scale, {
    seed: seedNumber,
    onProgress: (stage, done, total) => {
      if (!isTty) return;
      let bar = byStage.get(stage);
      if (!bar) byStage.set(stage, (bar = bars.create(total, 0, { stage: stage.padEnd(10) })));
      bar.setTotal(total);
      bar.update(done, { stage: stage.padEnd(10) });
    },
  });
  bars.stop();
  // The generator writes in bulk, beside the services that keep rollups in step: rebuild them once at the end.
  await rebuildRollups(database);
  // Learning responses, lessons and actions (including the planted effect and null) go through the services.
  const learning = await seedLearning(database, result.groundTruth);
  console.log(`Seeded ${result.services} services, ${result.people} people, ${result.staff} staff and ${result.occupancyRows} days of occupancy (${result.from} to ${result.to}).`);
  console.log(`Events: ${result.incidents} incidents, ${result.restrictiveInterventions} restrictive interventions, ${result.safeguardingConcerns} safeguarding concerns, ${result.complaints} complaints and compliments, ${result.speakUpReports} speak-up reports, ${result.restrictions} restrictions in the register, ${result.practiceReviews} practice reviews.`);
  console.log(`Learning: ${learning.responses} learning responses, ${learning.lessons} lessons, ${learning.actions} actions, ${learning.documents} plan versions.`);
  if (result.groundTruthFile) console.log(`Planted patterns (ground truth): ${result.groundTruthFile}`);
}

async function bringRollupsUpToDate(database: Database) {
  const started = Date.now();
  if (await ensureRollupsCurrent(database)) {
    console.log(`The rules behind the measures have changed since the monthly rollups were kept: rebuilt them in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}

function printDemoSignIns(port: number) {
  console.log(`\nLantern is running at http://localhost:${port}\n\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const account of demoAccounts) console.log(`  ${account.email.padEnd(34)} ${account.role.padEnd(18)} ${account.note}`);
  console.log('');
}

async function serve(isDemo: boolean) {
  const started = Date.now();
  const config = loadConfig();
  // The thread that checks incidents files loads its code (most of a second) while the database is got ready, rather
  // than during the first import or the first requests served.
  const checker = startIncidentChecker();
  const database = openDatabase(config.DATABASE_URL);
  await migrateToLatest(database);
  await bringRollupsUpToDate(database);
  const org = await database.db.selectFrom('organisation').select(['is_demo']).limit(1).executeTakeFirst();
  if (!org && isDemo) {
    console.log('Empty database: creating the demo organisation…');
    await seed(database, 'demo');
  } else if (!org) {
    console.log('No organisation yet. Create the first administrator with: npm run lantern -- admin create --email you@example.org --name "Your Name"');
  }
  const app = await buildApp({ database, config, webRoot, logger: true });
  await checker;
  await app.listen({ port: config.PORT, host: config.HOST });
  const isDemoData = (await database.db.selectFrom('organisation').select('is_demo').limit(1).executeTakeFirst())?.is_demo === 1;
  if (isDemoData) printDemoSignIns(config.PORT);
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${database.dialect}.`);
  const stopEscalation = startEscalationTimer(database, config.ESCALATION_MINUTES, (error) => app.log.error({ err: error }, 'overdue escalation failed'));
  const stop = async () => {
    stopEscalation();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function main(argv: string[]) {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(command === 'admin' || command === 'audit' ? 2 : 1),
    options: { demo: { type: 'boolean' }, scale: { type: 'string' }, seed: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    allowPositionals: false,
  });
  switch (command) {
    case 'serve':
      return serve(values.demo ?? false);
    case 'migrate':
      return withDatabase((_database, applied) => {
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
        return Promise.resolve();
      });
    case 'seed': {
      const scale = (values.scale ?? 'demo') as Scale;
      if (!['demo', 'provider', 'national'].includes(scale)) throw new Error('--scale must be demo, provider or national');
      return withDatabase((database) => seed(database, scale, values.seed ? Number(values.seed) : undefined));
    }
    case 'admin':
      if (sub !== 'create' || !values.email || !values.name) throw new Error(usage);
      return withDatabase(async (database) => {
        const { password, isGenerated } = await createFirstAdmin(database, values.email!, values.name!, process.env.LANTERN_ADMIN_PASSWORD);
        console.log(`Administrator ${values.email} created.${isGenerated ? ` Password (shown once): ${password}` : ''}`);
      });
    case 'rebuild':
      return withDatabase(async (database) => {
        const started = Date.now();
        const { incidents } = await rebuildRollups(database);
        console.log(`Rebuilt the monthly rollups from ${incidents} incidents in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      });
    case 'escalate':
      return withDatabase(async (database) => {
        const { actions, shares } = await escalateOverdue(database);
        console.log(`Escalated ${actions} overdue action(s) and ${shares} unanswered lesson share(s).`);
      });
    case 'audit':
      if (sub !== 'verify') throw new Error(usage);
      return withDatabase(async (database) => {
        const { entries, breaks } = await verifyAuditChain(database.db);
        if (breaks.length) {
          console.error(`The audit trail is broken (${breaks.length} problem${breaks.length === 1 ? '' : 's'} in ${entries} entries):`);
          for (const b of breaks.slice(0, 20)) console.error(`  entry ${b.seq}: ${b.reason}`);
          process.exitCode = 1;
        } else {
          console.log(`The audit trail is intact: ${entries} entries, every link verified.`);
        }
      });
    case undefined:
    default:
      console.log(usage);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
