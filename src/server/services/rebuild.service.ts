import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import * as rollups from '../repositories/rollups.repository.js';
import { readSetting, writeSetting } from '../repositories/settings.repository.js';
import { allComplaintFacts } from './complaints.service.js';
import { applyIncidents, complaintCounts, concernCounts, recordDeltas, rollupFacts } from './measures.service.js';
import { allConcernFacts } from './safeguarding.service.js';

/**
 * The version of the rules that decide the monthly counts. Raise it when one changes, so that rollups kept by the old
 * rules are rebuilt when the database is next brought up to date (ensureRollupsCurrent), not left saying otherwise
 * for the months before. 2: people restrained counted once per region and organisation; prone restraint over 10
 * minutes to the second; chemical restraint not counted in minutes of restraint. 3: lengths of holds, for their median.
 */
export const ROLLUP_RULES_VERSION = 3;
const RULES_KEY = 'rollup_rules_version';

/** Rebuild the rollups if older rules than these built them; says whether it did. */
export async function ensureRollupsCurrent(database: Database): Promise<boolean> {
  if ((await readSetting(database.db, RULES_KEY)) === ROLLUP_RULES_VERSION) return false;
  // A new database has nothing to rebuild (its first rollups follow these rules).
  if (!(await database.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst())) {
    await writeSetting(database.db, RULES_KEY, ROLLUP_RULES_VERSION);
    return false;
  }
  await rebuildRollups(database);
  return true;
}

/** Recompute every rollup from the events themselves, replaying them through the same rules in batches. */
export async function rebuildRollups(database: Database, onProgress: (done: number) => void = () => undefined): Promise<{ incidents: number; concerns: number; complaints: number }> {
  const rebuilt = await database.db.transaction().execute(async (trx) => {
    await rollups.clearRollups(trx);
    const months = await rollups.occupancyMonths(trx);
    await rollups.addCounts(trx, months.flatMap((m) => (['organisation', 'region', 'service'] as const).map((type) => ({
      scope: { type, id: type === 'organisation' ? 0 : type === 'region' ? m.region_id : m.service_id }, metric: 'occupied_days' as const,
      period: m.period, value: Number(m.days),
    }))));
    let afterId = 0;
    let done = 0;
    for (;;) {
      const batch = await rollups.incidentBatch(trx, afterId, 5000);
      if (!batch.incidents.length) break;
      await applyIncidents(trx, rollupFacts(batch));
      done += batch.incidents.length;
      afterId = batch.incidents[batch.incidents.length - 1]!.id;
      onProgress(done);
    }
    const regionOf = await rollups.serviceRegions(trx);
    const region = (serviceId: number | null) => (serviceId === null ? null : regionOf.get(serviceId) ?? null);
    const concerns = await allConcernFacts(trx);
    const complaints = await allComplaintFacts(trx);
    const speakUp = await rollups.speakUpMonths(trx);
    await rollups.addCounts(trx, [
      ...concerns.flatMap((c) => recordDeltas(region(c.serviceId), c.serviceId, c.personId, concernCounts(c.facts))),
      ...complaints.flatMap((c) => recordDeltas(region(c.serviceId), c.serviceId, c.personId, complaintCounts(c.facts))),
      ...speakUp.flatMap((r) => recordDeltas(region(r.service_id), r.service_id, null, [{ period: r.period, metric: 'speak_up_reports', value: Number(r.reports) }])),
    ]);
    await writeSetting(trx, RULES_KEY, ROLLUP_RULES_VERSION);
    return { incidents: done, concerns: concerns.length, complaints: complaints.length };
  });
  // Rebuilding adds to each monthly count many times over: on PostgreSQL that leaves the table full of dead row
  // versions (a dashboard's index scan wades through them: 40 to 120 ms instead of 1 at national scale) until
  // autovacuum comes round. Clear them, and refresh both databases' statistics for the planner.
  const tidy = database.dialect === 'postgres'
    ? ['vacuum (analyze) monthly_counts, restrained_months, hold_lengths']
    : ['analyze monthly_counts', 'analyze restrained_months', 'analyze hold_lengths'];
  for (const statement of tidy) await sql.raw(statement).execute(database.db);
  return rebuilt;
}

