import {
  complaintContributions, concernContributions, contributionChange, incidentContributions,
  type ConcernFacts, type Contribution, type IncidentFacts,
} from '../../analytics/rates/contributions.js';
import { monthsBetween, rateSeries, suppressCount } from '../../analytics/rates/series.js';
import { xmrChart, type SpcResult } from '../../analytics/spc/index.js';
import type { Executor } from '../../db/connection.js';
import { measureCatalogue, type MeasureDefinition, type Metric } from '../../domain/measures.js';
import { canSeePersonLevel } from '../../domain/roles.js';
import { londonDate } from '../../domain/working-days.js';
import { invalid, notFound } from '../errors.js';
import { can, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as rollups from '../repositories/rollups.repository.js';
import { getPerson } from '../repositories/organisation.repository.js';

/** The month (in England) an instant falls in. */
export const periodOf = (instant: string) => londonDate(instant).slice(0, 7);

export interface IncidentForRollup {
  serviceId: number;
  regionId: number;
  occurredAt: string;
  harmPhysical: string;
  harmPsychological: string;
  personIds: readonly number[];
  interventions: readonly { personId: number | null; typeCode: string; startedAt: string; durationMinutes: number }[];
}

/** Spread one incident's contributions over the organisation, its region and service, and the people in it. */
export function incidentDeltas(i: IncidentForRollup): rollups.CountDelta[] {
  const facts: IncidentFacts = {
    occurredPeriod: periodOf(i.occurredAt), harmPhysical: i.harmPhysical, harmPsychological: i.harmPsychological, personIds: i.personIds,
    interventions: i.interventions.map((e) => ({ personId: e.personId, typeCode: e.typeCode, startedPeriod: periodOf(e.startedAt), durationMinutes: e.durationMinutes })),
  };
  const shared: rollups.ScopeKey[] = [{ type: 'organisation', id: 0 }, { type: 'region', id: i.regionId }, { type: 'service', id: i.serviceId }];
  return incidentContributions(facts).flatMap((c) =>
    c.personId === undefined
      ? shared.map((scope) => ({ scope, metric: c.metric, period: c.period, value: c.value }))
      : [{ scope: { type: 'person' as const, id: c.personId }, metric: c.metric, period: c.period, value: c.value }],
  );
}

/** Keep the rollups in step with a newly recorded incident; call inside the incident's transaction. */
export async function applyIncident(trx: Executor, incident: Omit<IncidentForRollup, 'regionId'>): Promise<void> {
  const regionId = await rollups.regionOfService(trx, incident.serviceId);
  await applyIncidents(trx, [{ ...incident, regionId }]);
}

/** Add a batch of incidents' contributions, including who was restrained for the first time in a month. */
export async function applyIncidents(db: Executor, incidents: readonly IncidentForRollup[]) {
  const deltas = incidents.flatMap(incidentDeltas);
  const restrained = incidents.flatMap((i) => i.interventions.filter((e) => e.personId !== null)
    .map((e) => ({ service_id: i.serviceId, person_id: e.personId!, period: periodOf(e.startedAt) })));
  const unique = [...new Map(restrained.map((r) => [`${r.service_id}|${r.person_id}|${r.period}`, r])).values()];
  const fresh = await rollups.markRestrained(db, unique);
  const regionOf = new Map(incidents.map((i) => [i.serviceId, i.regionId]));
  for (const r of fresh) {
    for (const scope of [{ type: 'organisation', id: 0 }, { type: 'region', id: regionOf.get(r.service_id)! }, { type: 'service', id: r.service_id }, { type: 'person', id: r.person_id }] as const) {
      deltas.push({ scope, metric: 'people_restrained', period: r.period, value: 1 });
    }
  }
  await rollups.addCounts(db, deltas);
}

/** Adjust occupied days after some days of a service's occupancy changed (delta = new − old per day). */
export async function applyOccupancyChange(trx: Executor, serviceId: number, changes: readonly { date: string; delta: number }[]) {
  const regionId = await rollups.regionOfService(trx, serviceId);
  await rollups.addCounts(trx, changes.flatMap((c) => (['organisation', 'region', 'service'] as const).map((type) => ({
    scope: { type, id: type === 'organisation' ? 0 : type === 'region' ? regionId : serviceId }, metric: 'occupied_days' as const,
    period: c.date.slice(0, 7), value: c.delta,
  }))));
}

export function listMeasures() {
  return measureCatalogue.map(({ key, name, definition, unit, improvement }) => ({ key, name, definition, unit, improvement }));
}

export type ScopeParam = { type: 'organisation' } | { type: 'region' | 'service' | 'person'; id: number };

/** Parse `organisation`, `region:{id}`, `service:{id}` or `person:{id}`. */
export function parseScope(value: string): ScopeParam {
  if (value === 'organisation') return { type: 'organisation' };
  const match = /^(region|service|person):([1-9]\d{0,9})$/.exec(value);
  if (!match) throw invalid('query.scope', 'Use organisation, region:{id}, service:{id} or person:{id}.');
  return { type: match[1] as 'region' | 'service' | 'person', id: Number(match[2]) };
}

const isAggregateOnly = (ctx: Context) => ctx.actor.kind === 'user' && !canSeePersonLevel(ctx.actor.role);

/** Read the monthly counts for a scope the caller may see: exact rollups, or the sum over their own services. */
async function countsFor(ctx: Context, db: Executor, scope: ScopeParam, metricNames: Metric[], from: string, to: string) {
  const actorScope = serviceScope(ctx.actor);
  if (scope.type === 'person') {
    if (!can(ctx.actor, 'read', 'person')) throw notFound('person');
    const person = await getPerson(db, scope.id);
    if (!person || !isInScope(ctx.actor, person.service_id)) throw notFound('person');
    await audit(db, ctx, { action: 'read', kind: 'person', id: scope.id, summary: `measures (${metricNames.length} counts)` });
    return rollups.readCounts(db, { type: 'person', id: scope.id }, metricNames, from, to);
  }
  if (scope.type === 'service') {
    if (!isInScope(ctx.actor, scope.id)) throw notFound('service');
    return rollups.readCounts(db, { type: 'service', id: scope.id }, metricNames, from, to);
  }
  if (actorScope === 'all') {
    return rollups.readCounts(db, scope.type === 'organisation' ? { type: 'organisation', id: 0 } : { type: 'region', id: scope.id }, metricNames, from, to);
  }
  // Scoped users (and commissioners) see their own services summed, never the whole organisation's figures.
  let ids = actorScope;
  if (scope.type === 'region') {
    ids = await rollups.servicesInRegion(db, scope.id, actorScope);
    if (!ids.length) throw notFound('region');
  }
  return rollups.readCountsForServices(db, ids, metricNames, from, to);
}

function periodRange(from?: string, to?: string) {
  const end = to ?? periodOf(new Date().toISOString());
  const start = from ?? monthsBetween('2000-01', end).slice(-24)[0]!;
  if (start > end) throw invalid('query.from', 'The start is after the end.');
  const periods = monthsBetween(start, end);
  if (periods.length > 240) throw invalid('query.from', 'Ask for at most 20 years.');
  return { start, end, periods };
}

const metricsOf = (m: MeasureDefinition): Metric[] => (m.denominator ? [m.numerator, m.denominator.metric] : [m.numerator]);

/** One measure's points and SPC chart from monthly counts already read; suppressed for aggregate-only viewers. */
function seriesOf(
  measure: MeasureDefinition, rows: readonly { metric: string; period: string; value: number }[], periods: readonly string[],
  daysSupportedIn: ((period: string) => number) | null, isSuppressed: boolean,
) {
  const byMetric = (metric: Metric) => new Map(rows.filter((r) => r.metric === metric).map((r) => [r.period, Number(r.value)]));
  const denominators = measure.denominator ? byMetric(measure.denominator.metric) : null;
  if (measure.denominator?.metric === 'occupied_days' && daysSupportedIn) {
    for (const period of periods) denominators!.set(period, daysSupportedIn(period));
  }
  const exact = rateSeries(periods, byMetric(measure.numerator), denominators, measure.denominator?.per ?? 1);
  const points = isSuppressed
    ? exact.map((p) => {
      const numerator = suppressCount(p.numerator);
      return { period: p.period, numerator, denominator: p.denominator === null ? null : suppressCount(p.denominator), value: numerator === null ? null : p.value };
    })
    : exact;
  const values = points.map((p) => p.value);
  const spc: SpcResult | null = values.length && values.every((v): v is number => v !== null)
    ? xmrChart({ values, improvement: measure.improvement })
    : null;
  const { key, name, definition, unit, improvement } = measure;
  return { measure: { key, name, definition, unit, improvement }, points, spc, isSuppressed };
}

async function personDays(trx: Executor, scope: ScopeParam) {
  if (scope.type !== 'person') return null;
  const person = await getPerson(trx, scope.id);
  return person ? (period: string) => daysSupported(person.start_date, person.end_date, period) : null;
}

/** A measure's monthly series for a scope, with its SPC chart; aggregates only, with small numbers suppressed, for board members and commissioners. */
export async function measureSeries(ctx: Context, key: string, scopeText: string, from?: string, to?: string) {
  const measure = measureCatalogue.find((m) => m.key === key);
  if (!measure) throw notFound('measure');
  const scope = parseScope(scopeText);
  const { start, end, periods } = periodRange(from, to);
  return inTransaction(ctx, async (trx) => {
    const rows = await countsFor(ctx, trx, scope, metricsOf(measure), start, end);
    return seriesOf(measure, rows, periods, await personDays(trx, scope), isAggregateOnly(ctx));
  });
}

/** Every measure for a scope in one read (and, for a person, one audit entry): what a dashboard shows. */
export async function measureDashboard(ctx: Context, scopeText: string, from?: string, to?: string) {
  const scope = parseScope(scopeText);
  const { start, end, periods } = periodRange(from, to);
  const allMetrics = [...new Set(measureCatalogue.flatMap(metricsOf))];
  return inTransaction(ctx, async (trx) => {
    const rows = await countsFor(ctx, trx, scope, allMetrics, start, end);
    const days = await personDays(trx, scope);
    const isSuppressed = isAggregateOnly(ctx);
    return { scope: scopeText, items: measureCatalogue.map((m) => seriesOf(m, rows, periods, days, isSuppressed)) };
  });
}

/** Days in a month on which a person was supported, from their start and end dates. */
export function daysSupported(startDate: string, endDate: string | null, period: string): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const first = `${period}-01`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = `${period}-${String(lastDay).padStart(2, '0')}`;
  const from = startDate > first ? startDate : first;
  const to = endDate && endDate < last ? endDate : last;
  if (to < from) return 0;
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/** A record's contributions spread over the organisation, its region and service, and (if any) its person. */
export function recordDeltas(regionId: number | null, serviceId: number | null, personId: number | null, change: readonly Contribution[]): rollups.CountDelta[] {
  const scopes: rollups.ScopeKey[] = [{ type: 'organisation', id: 0 }];
  if (serviceId !== null && regionId !== null) scopes.push({ type: 'region', id: regionId }, { type: 'service', id: serviceId });
  if (personId !== null) scopes.push({ type: 'person', id: personId });
  return change.flatMap((c) => scopes.map((scope) => ({ scope, metric: c.metric, period: c.period, value: c.value })));
}

/** Apply the change in one record's monthly contributions; call inside the record's transaction. */
export async function applyRecordChange(trx: Executor, serviceId: number | null, personId: number | null, change: readonly Contribution[]) {
  const regionId = serviceId === null ? null : await rollups.regionOfService(trx, serviceId);
  await rollups.addCounts(trx, recordDeltas(regionId, serviceId, personId, change));
}

/** A concern's contribution from its facts (used on create, update and rebuild alike). */
export const concernCounts = (facts: ConcernFacts) => concernContributions(facts, periodOf);
export const complaintCounts = (facts: { kind: string; respondedAt: string | null; isRespondedInTime: boolean }) => complaintContributions(facts, periodOf);
export { contributionChange };
