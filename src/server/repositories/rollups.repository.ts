import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type Executor } from '../../db/connection.js';
import { jsonRows, ROWS_PER_DOCUMENT, type ColumnType } from './bulk.repository.js';
import type { Metric } from '../../domain/measures.js';

export type ScopeType = 'organisation' | 'region' | 'service' | 'person';
export interface ScopeKey { type: ScopeType; id: number }
export interface CountDelta { scope: ScopeKey; metric: Metric; period: string; value: number }

/**
 * Sum amounts that share a key, drop those that come to nothing, and write the rest through `upsert` as rows of the
 * key's values and the amount, a JSON document of up to ROWS_PER_DOCUMENT rows at a time (jsonRows): an import's tens
 * of thousands of rows cost Kysely far more to build as values than the database takes to write.
 */
async function addSummed(
  db: Executor, items: readonly { key: readonly (string | number)[]; amount: number }[],
  upsert: (document: RawBuilder<unknown>) => RawBuilder<unknown>, types: readonly ColumnType[],
) {
  const merged = new Map<string, { key: readonly (string | number)[]; amount: number }>();
  for (const item of items) {
    const k = item.key.join('|');
    const existing = merged.get(k);
    if (existing) existing.amount += item.amount;
    else merged.set(k, { ...item });
  }
  const rows = [...merged.values()].filter((r) => r.amount !== 0).map((r) => [...r.key, r.amount]);
  const dialect = dialectOf(db);
  for (let i = 0; i < rows.length; i += ROWS_PER_DOCUMENT) await upsert(jsonRows(dialect, rows.slice(i, i + ROWS_PER_DOCUMENT), types)).execute(db);
}

/** Add deltas to the monthly counts; several deltas for one row are summed first (one upsert per row). */
export async function addCounts(db: Executor, deltas: readonly CountDelta[]): Promise<void> {
  await addSummed(db, deltas.map((d) => ({ key: [d.scope.type, d.scope.id, d.metric, d.period], amount: d.value })), (rows) => sql`
    insert into monthly_counts (scope_type, scope_id, metric, period, value) ${rows} where true
    on conflict (scope_type, scope_id, metric, period) do update set value = monthly_counts.value + excluded.value`,
  ['text', 'integer', 'text', 'text', 'real']);
}

export interface LengthDelta { scope: ScopeKey; period: string; minutes: number; episodes: number }

/** Add (or, negative, take away) episodes of each length to the monthly counts of hold lengths, summed per row first. */
export async function addLengths(db: Executor, deltas: readonly LengthDelta[]): Promise<void> {
  await addSummed(db, deltas.map((d) => ({ key: [d.scope.type, d.scope.id, d.period, d.minutes], amount: d.episodes })), (rows) => sql`
    insert into hold_lengths (scope_type, scope_id, period, minutes, episodes) ${rows} where true
    on conflict (scope_type, scope_id, period, minutes) do update set episodes = hold_lengths.episodes + excluded.episodes`,
  ['text', 'integer', 'text', 'integer', 'integer']);
}

/** Episodes by length and month for one scope, between two periods (inclusive). */
export async function readLengths(db: Executor, scope: ScopeKey, from: string, to: string) {
  return db.selectFrom('hold_lengths').select(['period', 'minutes', 'episodes'])
    .where('scope_type', '=', scope.type).where('scope_id', '=', scope.id).where('period', '>=', from).where('period', '<=', to)
    .where('episodes', '>', 0).execute();
}

/** Episodes by length and month, summed over several services. */
export async function readLengthsForServices(db: Executor, serviceIds: readonly number[], from: string, to: string) {
  if (!serviceIds.length) return [];
  return db.selectFrom('hold_lengths').select(['period', 'minutes', (eb) => eb.fn.sum<number>('episodes').as('episodes')])
    .where('scope_type', '=', 'service').where('scope_id', 'in', [...serviceIds]).where('period', '>=', from).where('period', '<=', to)
    .groupBy(['period', 'minutes']).having((eb) => eb.fn.sum('episodes'), '>', 0).execute();
}

export interface RestrainedMonth { service_id: number; person_id: number; period: string }

// Three parameters a row: stay well under both databases' limits on bound parameters.
const RESTRAINED_CHUNK = 5000;

/** Note that a person was restrained at a service in a month; returns the (service, person, period) rows that are new. */
export async function markRestrained(db: Executor, rows: readonly RestrainedMonth[]): Promise<RestrainedMonth[]> {
  const fresh: RestrainedMonth[] = [];
  for (let i = 0; i < rows.length; i += RESTRAINED_CHUNK) {
    fresh.push(...await db.insertInto('restrained_months').values(rows.slice(i, i + RESTRAINED_CHUNK))
      .onConflict((oc) => oc.columns(['service_id', 'person_id', 'period']).doNothing())
      .returning(['service_id', 'person_id', 'period'])
      .execute());
  }
  return fresh;
}

/** Forget that people were restrained at a service in a month (their last episode there that month is gone). */
export async function unmarkRestrained(db: Executor, rows: readonly RestrainedMonth[]): Promise<void> {
  for (let i = 0; i < rows.length; i += RESTRAINED_CHUNK) {
    const chunk = rows.slice(i, i + RESTRAINED_CHUNK);
    await db.deleteFrom('restrained_months')
      .where((eb) => eb(eb.refTuple('service_id', 'person_id', 'period'), 'in', chunk.map((r) => eb.tuple(r.service_id, r.person_id, r.period))))
      .execute();
  }
}

/** Every month of restraint recorded for these people in these months, at any service, with the service's region. */
export async function restrainedMonthsOf(db: Executor, keys: readonly { person_id: number; period: string }[]): Promise<(RestrainedMonth & { region_id: number })[]> {
  const unique = [...new Map(keys.map((k) => [`${k.person_id}|${k.period}`, k])).values()];
  const out: (RestrainedMonth & { region_id: number })[] = [];
  for (let i = 0; i < unique.length; i += RESTRAINED_CHUNK) {
    const chunk = unique.slice(i, i + RESTRAINED_CHUNK);
    out.push(...await db.selectFrom('restrained_months').innerJoin('services', 'services.id', 'restrained_months.service_id')
      .select(['restrained_months.service_id', 'restrained_months.person_id', 'restrained_months.period', 'services.region_id'])
      .where((eb) => eb(eb.refTuple('restrained_months.person_id', 'restrained_months.period'), 'in', chunk.map((k) => eb.tuple(k.person_id, k.period))))
      .execute());
  }
  return out;
}

/** The service and start of every episode of these people: what decides whether they were restrained in a month. */
export async function episodesOfPeople(db: Executor, personIds: readonly number[]) {
  const out: { service_id: number; person_id: number; started_at: string }[] = [];
  const unique = [...new Set(personIds)];
  for (let i = 0; i < unique.length; i += RESTRAINED_CHUNK) {
    out.push(...await db.selectFrom('restrictive_interventions').select(['service_id', 'person_id', 'started_at'])
      .where('person_id', 'in', unique.slice(i, i + RESTRAINED_CHUNK)).execute() as { service_id: number; person_id: number; started_at: string }[]);
  }
  return out;
}

/** Every service's region, for spreading many records at once. */
export async function serviceRegions(db: Executor): Promise<Map<number, number>> {
  const rows = await db.selectFrom('services').select(['id', 'region_id']).execute();
  return new Map(rows.map((r) => [r.id, r.region_id]));
}

/** Which of the given services lie in a region. */
export async function servicesInRegion(db: Executor, regionId: number, serviceIds: readonly number[]): Promise<number[]> {
  if (!serviceIds.length) return [];
  const rows = await db.selectFrom('services').select('id').where('region_id', '=', regionId).where('id', 'in', [...serviceIds]).execute();
  return rows.map((r) => r.id);
}

/** The region of each of these services. */
export async function regionsOfServices(db: Executor, serviceIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < serviceIds.length; i += RESTRAINED_CHUNK) {
    for (const r of await db.selectFrom('services').select(['id', 'region_id']).where('id', 'in', serviceIds.slice(i, i + RESTRAINED_CHUNK)).execute()) out.set(r.id, r.region_id);
  }
  return out;
}

export async function regionOfService(db: Executor, serviceId: number): Promise<number> {
  const row = await db.selectFrom('services').select('region_id').where('id', '=', serviceId).executeTakeFirstOrThrow();
  return row.region_id;
}

/** Monthly values of the given metrics for one scope, between two periods (inclusive). */
export async function readCounts(db: Executor, scope: ScopeKey, metricNames: readonly Metric[], from: string, to: string) {
  return db.selectFrom('monthly_counts').select(['metric', 'period', 'value'])
    .where('scope_type', '=', scope.type).where('scope_id', '=', scope.id)
    .where('metric', 'in', [...metricNames]).where('period', '>=', from).where('period', '<=', to)
    .orderBy('period').execute();
}

/**
 * Sum monthly values over several services (a commissioner's or a region's set), between two periods. People
 * restrained are counted, not summed: someone restrained at two of the services in a month is one person.
 */
export async function readCountsForServices(db: Executor, serviceIds: readonly number[], metricNames: readonly Metric[], from: string, to: string) {
  if (!serviceIds.length) return [];
  const summed = metricNames.filter((m) => m !== 'people_restrained');
  const rows: { metric: string; period: string; value: number }[] = summed.length
    ? await db.selectFrom('monthly_counts').select(['metric', 'period', (eb) => eb.fn.sum<number>('value').as('value')])
      .where('scope_type', '=', 'service').where('scope_id', 'in', [...serviceIds])
      .where('metric', 'in', summed).where('period', '>=', from).where('period', '<=', to)
      .groupBy(['metric', 'period']).orderBy('period').execute()
    : [];
  if (summed.length < metricNames.length) {
    const people = await db.selectFrom('restrained_months').select(['period', (eb) => eb.fn.count<number>('person_id').distinct().as('value')])
      .where('service_id', 'in', [...serviceIds]).where('period', '>=', from).where('period', '<=', to)
      .groupBy('period').orderBy('period').execute();
    rows.push(...people.map((p) => ({ metric: 'people_restrained', period: p.period, value: Number(p.value) })));
  }
  return rows;
}

export async function clearRollups(db: Executor): Promise<void> {
  await db.deleteFrom('monthly_counts').execute();
  await db.deleteFrom('restrained_months').execute();
  await db.deleteFrom('hold_lengths').execute();
}

/** What the rollups need of the given incidents (for taking their contributions out before they change). */
export async function incidentsByIds(db: Executor, ids: readonly number[]) {
  const incidents: Awaited<ReturnType<typeof incidentBatch>>['incidents'] = [];
  const people: Awaited<ReturnType<typeof incidentBatch>>['people'] = [];
  const episodes: Awaited<ReturnType<typeof incidentBatch>>['episodes'] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += RESTRAINED_CHUNK) {
    const chunk = unique.slice(i, i + RESTRAINED_CHUNK);
    const [a, b, c] = await Promise.all([
      db.selectFrom('incidents').innerJoin('services', 'services.id', 'incidents.service_id')
        .select(['incidents.id', 'incidents.service_id', 'services.region_id', 'incidents.occurred_at', 'incidents.harm_physical', 'incidents.harm_psychological'])
        .where('incidents.id', 'in', chunk).execute(),
      db.selectFrom('incident_people').select(['incident_id', 'person_id']).where('incident_id', 'in', chunk).execute(),
      db.selectFrom('restrictive_interventions').select(['incident_id', 'person_id', 'type_code', 'started_at', 'ended_at', 'duration_minutes'])
        .where('incident_id', 'in', chunk).execute(),
    ]);
    incidents.push(...a);
    people.push(...b);
    episodes.push(...c);
  }
  return { incidents, people, episodes };
}

/** A page of incidents in id order with what the rollups need, for replaying them all (keyset pagination). */
export async function incidentBatch(db: Executor, afterId: number, size: number) {
  const incidents = await db.selectFrom('incidents').innerJoin('services', 'services.id', 'incidents.service_id')
    .select(['incidents.id', 'incidents.service_id', 'services.region_id', 'incidents.occurred_at', 'incidents.harm_physical', 'incidents.harm_psychological'])
    .where('incidents.id', '>', afterId).orderBy('incidents.id').limit(size).execute();
  if (!incidents.length) return { incidents, people: [], episodes: [] };
  const first = incidents[0]!.id;
  const last = incidents[incidents.length - 1]!.id;
  const [people, episodes] = await Promise.all([
    db.selectFrom('incident_people').select(['incident_id', 'person_id']).where('incident_id', '>=', first).where('incident_id', '<=', last).execute(),
    db.selectFrom('restrictive_interventions').select(['incident_id', 'person_id', 'type_code', 'started_at', 'ended_at', 'duration_minutes'])
      .where('incident_id', '>=', first).where('incident_id', '<=', last).execute(),
  ]);
  return { incidents, people, episodes };
}

/** Occupied days per service per month (UTC dates are calendar dates here, so no time zone applies). */
export async function occupancyMonths(db: Executor) {
  const month = sql<string>`substr(occupancy.date, 1, 7)`;
  return db.selectFrom('occupancy').innerJoin('services', 'services.id', 'occupancy.service_id')
    .select(['occupancy.service_id', 'services.region_id', month.as('period'), (eb) => eb.fn.sum<number>('occupancy.occupied_days').as('days')])
    .groupBy(['occupancy.service_id', 'services.region_id', month]).execute();
}

/** Speak-up reports per service and month (dates only: reports carry no time). */
export async function speakUpMonths(db: Executor) {
  const month = sql<string>`substr(received_on, 1, 7)`;
  return db.selectFrom('speak_up_concerns').select(['service_id', month.as('period'), (eb) => eb.fn.countAll<number>().as('reports')])
    .groupBy(['service_id', month]).execute();
}
