// Keep the monthly rollups in step when incidents already counted change (re-imported, or corrected by hand), inside
// the change's own transaction: take out what the old versions contributed, add what the new ones contribute, and
// settle who was restrained in a month. Only those incidents are touched, never a replay of every incident.
import type { Executor } from '../../db/connection.js';
import * as rollups from '../repositories/rollups.repository.js';
import { cachedPeriodOf, IncidentSums, restrainedMonthKey, type IncidentForRollup } from '../../analytics/rates/incident-sums.js';
import { applyIncidentSums, incidentDeltas, incidentLengthDeltas, peopleRestrainedDeltas, rollupFacts } from './measures.service.js';

/** Read what the given incidents contribute now (before they are overwritten). */
export async function currentFacts(db: Executor, ids: readonly number[]): Promise<IncidentForRollup[]> {
  return ids.length ? rollupFacts(await rollups.incidentsByIds(db, ids)) : [];
}

/**
 * Take out what `before` (the old versions of re-imported incidents, read before the import wrote anything)
 * contributed, once the imported versions' own contributions have been added. `restrainedMonths` holds the
 * (service, person, month) keys of restraint that the imported incidents record (restrainedMonthKey): a month
 * whose restraint only the old versions recorded stops counting the person, unless another episode remains.
 */
export async function removeReplacedContributions(db: Executor, before: readonly IncidentForRollup[], restrainedMonths: ReadonlySet<string>): Promise<void> {
  if (!before.length) return;
  const removed = before.flatMap(incidentDeltas).map((d) => ({ ...d, value: -d.value }));
  const candidates = new Map<string, rollups.RestrainedMonth>();
  for (const i of before) {
    for (const e of i.interventions) {
      if (e.personId === null) continue;
      const period = cachedPeriodOf(e.startedAt);
      const key = restrainedMonthKey(i.serviceId, e.personId, period);
      if (!restrainedMonths.has(key)) candidates.set(key, { service_id: i.serviceId, person_id: e.personId, period });
    }
  }
  if (candidates.size) {
    const remaining = new Set((await rollups.episodesOfPeople(db, [...candidates.values()].map((c) => c.person_id)))
      .map((e) => restrainedMonthKey(e.service_id, e.person_id, cachedPeriodOf(e.started_at))));
    const gone = [...candidates.entries()].filter(([key]) => !remaining.has(key)).map(([, month]) => month);
    await rollups.unmarkRestrained(db, gone);
    removed.push(...await peopleRestrainedDeltas(db, gone, -1));
  }
  await rollups.addCounts(db, removed);
  await rollups.addLengths(db, before.flatMap(incidentLengthDeltas).map((d) => ({ ...d, episodes: -d.episodes })));
}

/** Put changed incidents' contributions (`after`, read once they are written) in place of what they were (`before`). */
export async function replaceContributions(db: Executor, before: readonly IncidentForRollup[], after: readonly IncidentForRollup[]): Promise<void> {
  const sums = new IncidentSums();
  sums.add(after);
  const data = sums.data();
  await applyIncidentSums(db, data);
  await removeReplacedContributions(db, before, new Set(data.restrained.map((r) => restrainedMonthKey(r.service_id, r.person_id, r.period))));
}
