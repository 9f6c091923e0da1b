import {
  complaintContributions, concernContributions, contributionChange, type ConcernFacts, type Contribution,
} from '../../analytics/rates/contributions.js';
import { contributionsOf, holdLengthsOf, IncidentSums, periodOf, type IncidentForRollup, type IncidentSumsData } from '../../analytics/rates/incident-sums.js';
import { peopleRestrainedChange, type RestrainedAt } from '../../analytics/rates/people-restrained.js';
import { medianSeries, monthsBetween, rateSeries, suppressCount } from '../../analytics/rates/series.js';
import { xmrChart, type SpcResult } from '../../analytics/spc/index.js';
import { nowIso, type Executor } from '../../db/connection.js';
import {
  measureCatalogue, type Annotation, type AnnotationInput, type AnnotationKind, type MeasureDefinition, type Metric,
} from '../../domain/measures.js';
import { canSeePersonLevel } from '../../domain/roles.js';
import { MAX_ID } from '../../domain/common.js';
import { addCalendarDays, londonWallClock } from '../../domain/working-days.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { authorize, can, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as rollups from '../repositories/rollups.repository.js';
import * as settings from '../repositories/measure-settings.repository.js';
import { getPerson } from '../repositories/organisation.repository.js';

/**
 * Where an incident's figure is kept: a person's own figures in their series, the rest in the organisation's, the
 * region's and the service's.
 */
function scopesOf(serviceId: number, regionId: number, personId: number | undefined): rollups.ScopeKey[] {
  return personId !== undefined ? [{ type: 'person', id: personId }] : [{ type: 'organisation', id: 0 }, { type: 'region', id: regionId }, { type: 'service', id: serviceId }];
}

/** Spread one incident's contributions over the organisation, its region and service, and the people in it. */
export function incidentDeltas(i: IncidentForRollup): rollups.CountDelta[] {
  return contributionsOf(i).flatMap((c) => scopesOf(i.serviceId, i.regionId, c.personId).map((scope) => ({ scope, metric: c.metric, period: c.period, value: c.value })));
}

/** One incident's lengths of hold spread over the organisation, its region and service, and the person held. */
export function incidentLengthDeltas(i: IncidentForRollup): rollups.LengthDelta[] {
  return holdLengthsOf(i).flatMap((l) => scopesOf(i.serviceId, i.regionId, l.personId).map((scope) => ({ scope, period: l.period, minutes: l.minutes, episodes: 1 })));
}

/** Write incidents' contributions, as IncidentSums added them up, marking who was restrained in a month for the first time. */
export async function applyIncidentSums(db: Executor, data: IncidentSumsData): Promise<void> {
  const deltas: rollups.CountDelta[] = data.sums.flatMap((s) => scopesOf(s.serviceId, s.regionId, s.personId)
    .map((scope) => ({ scope, metric: s.metric, period: s.period, value: s.value })));
  const fresh = await rollups.markRestrained(db, data.restrained.map(({ service_id, person_id, period }) => ({ service_id, person_id, period })));
  deltas.push(...await peopleRestrainedDeltas(db, fresh, 1));
  await rollups.addCounts(db, deltas);
  await rollups.addLengths(db, data.lengths.flatMap((l) => scopesOf(l.serviceId, l.regionId, l.personId)
    .map((scope) => ({ scope, period: l.period, minutes: l.minutes, episodes: l.episodes }))));
}

/**
 * What months of restraint just marked (1) or unmarked (−1) at a service change in the people-restrained counts:
 * each service its own, but a region, the organisation and the person only when no other service restrained that
 * person that month (peopleRestrainedChange).
 */
export async function peopleRestrainedDeltas(db: Executor, changed: readonly rollups.RestrainedMonth[], sign: 1 | -1): Promise<rollups.CountDelta[]> {
  if (!changed.length) return [];
  const at = (r: rollups.RestrainedMonth & { region_id: number }): RestrainedAt => ({ serviceId: r.service_id, regionId: r.region_id, personId: r.person_id, period: r.period });
  const key = (r: rollups.RestrainedMonth) => `${r.service_id}|${r.person_id}|${r.period}`;
  const isChanged = new Set(changed.map(key));
  // After marking, the months read back include the changed ones; after unmarking, they are gone already.
  const recorded = await rollups.restrainedMonthsOf(db, changed);
  const regionOf = await rollups.regionsOfServices(db, [...new Set(changed.map((r) => r.service_id))]);
  const others = recorded.filter((r) => !isChanged.has(key(r))).map(at);
  const changedAt = changed.map((r) => at({ ...r, region_id: regionOf.get(r.service_id)! }));
  return peopleRestrainedChange(changedAt, others, sign).map((d) => ({ ...d, metric: 'people_restrained' as const }));
}

type IncidentRows = Awaited<ReturnType<typeof rollups.incidentBatch>>;

/** Incidents as the rollups see them, from rows of the incidents, their people and their episodes. */
export function rollupFacts(rows: IncidentRows): IncidentForRollup[] {
  const people = new Map<number, number[]>();
  for (const p of rows.people) {
    const list = people.get(p.incident_id);
    if (list) list.push(p.person_id);
    else people.set(p.incident_id, [p.person_id]);
  }
  const episodes = new Map<number, IncidentForRollup['interventions'][number][]>();
  for (const e of rows.episodes) {
    const episode = {
      personId: e.person_id, typeCode: e.type_code, startedAt: e.started_at, durationMinutes: e.duration_minutes, durationMs: Date.parse(e.ended_at) - Date.parse(e.started_at),
    };
    const list = episodes.get(e.incident_id);
    if (list) list.push(episode);
    else episodes.set(e.incident_id, [episode]);
  }
  return rows.incidents.map((i) => ({
    serviceId: i.service_id, regionId: i.region_id, occurredAt: i.occurred_at, harmPhysical: i.harm_physical, harmPsychological: i.harm_psychological,
    personIds: people.get(i.id) ?? [], interventions: episodes.get(i.id) ?? [],
  }));
}

/** Add a batch of incidents' contributions to the rollups. */
export async function applyIncidents(db: Executor, incidents: readonly IncidentForRollup[]): Promise<void> {
  const sums = new IncidentSums();
  sums.add(incidents);
  await applyIncidentSums(db, sums.data());
}

/** Adjust occupied days after some days of a service's occupancy changed (delta = new − old per day). */
export async function applyOccupancyChange(trx: Executor, serviceId: number, changes: readonly { date: string; delta: number }[]) {
  const regionId = await rollups.regionOfService(trx, serviceId);
  await rollups.addCounts(trx, changes.flatMap((c) => (['organisation', 'region', 'service'] as const).map((type) => ({
    scope: { type, id: type === 'organisation' ? 0 : type === 'region' ? regionId : serviceId }, metric: 'occupied_days' as const,
    period: c.date.slice(0, 7), value: c.delta,
  }))));
}

export type ScopeParam = { type: 'organisation' } | { type: 'region' | 'service' | 'person'; id: number };

/** Parse `organisation`, `region:{id}`, `service:{id}` or `person:{id}`. */
export function parseScope(value: string, path = 'query.scope'): ScopeParam {
  if (value === 'organisation') return { type: 'organisation' };
  const match = /^(region|service|person):([1-9]\d{0,9})$/.exec(value);
  if (!match || Number(match[2]) > MAX_ID) throw invalid(path, 'Use organisation, region:{id}, service:{id} or person:{id}.');
  return { type: match[1] as 'region' | 'service' | 'person', id: Number(match[2]) };
}

/** The scope written back as text, the key its targets and annotations are stored under. */
export const scopeKey = (scope: ScopeParam) => (scope.type === 'organisation' ? 'organisation' : `${scope.type}:${scope.id}`);

const isAggregateOnly = (ctx: Context) => ctx.actor.kind === 'user' && !canSeePersonLevel(ctx.actor.role);

/** A scope as the caller may see it: where its counts and restrictions come from, and whether they see all of it. */
interface ResolvedScope {
  key: string;
  counts: { kind: 'exact'; scope: rollups.ScopeKey } | { kind: 'services'; ids: readonly number[] };
  restrictions: settings.RestrictionScope;
  /** False when a scoped user asks for the organisation or a region and gets their own services summed instead. */
  isWhole: boolean;
  person: { id: number; start_date: string; end_date: string | null } | null;
}

/** Check the caller may see a scope (404 when not) and say how to read it; reading a person's measures is audited. */
async function resolveScope(ctx: Context, db: Executor, scope: ScopeParam, auditSummary: string | null): Promise<ResolvedScope> {
  const actorScope = serviceScope(ctx.actor);
  const key = scopeKey(scope);
  if (scope.type === 'person') {
    if (!can(ctx.actor, 'read', 'person')) throw notFound('person');
    const person = await getPerson(db, scope.id);
    if (!person || !isInScope(ctx.actor, person.service_id)) throw notFound('person');
    if (auditSummary !== null) await audit(db, ctx, { action: 'read', kind: 'person', id: scope.id, summary: auditSummary });
    return {
      key, counts: { kind: 'exact', scope: { type: 'person', id: scope.id } }, isWhole: true,
      restrictions: { type: 'person', id: scope.id, serviceId: person.service_id }, person,
    };
  }
  if (scope.type === 'service') {
    if (!isInScope(ctx.actor, scope.id)) throw notFound('service');
    return { key, counts: { kind: 'exact', scope: { type: 'service', id: scope.id } }, restrictions: { type: 'services', ids: [scope.id] }, isWhole: true, person: null };
  }
  if (actorScope === 'all') {
    if (scope.type === 'organisation') {
      return { key, counts: { kind: 'exact', scope: { type: 'organisation', id: 0 } }, restrictions: { type: 'all' }, isWhole: true, person: null };
    }
    return { key, counts: { kind: 'exact', scope: { type: 'region', id: scope.id } }, restrictions: { type: 'region', id: scope.id }, isWhole: true, person: null };
  }
  // Scoped users (and commissioners) see their own services summed, never the whole organisation's figures.
  let ids = actorScope;
  if (scope.type === 'region') {
    ids = await rollups.servicesInRegion(db, scope.id, actorScope);
    if (!ids.length) throw notFound('region');
  }
  return { key, counts: { kind: 'services', ids }, restrictions: { type: 'services', ids }, isWhole: false, person: null };
}

/** Monthly rollup counts for a resolved scope. */
function readCountsFor(db: Executor, scope: ResolvedScope, metricNames: Metric[], from: string, to: string) {
  if (!metricNames.length) return Promise.resolve([]);
  return scope.counts.kind === 'exact'
    ? rollups.readCounts(db, scope.counts.scope, metricNames, from, to)
    : rollups.readCountsForServices(db, scope.counts.ids, metricNames, from, to);
}

/** Episodes by length and month for a resolved scope. */
function readLengthsFor(db: Executor, scope: ResolvedScope, from: string, to: string): Promise<LengthRow[]> {
  return scope.counts.kind === 'exact'
    ? rollups.readLengths(db, scope.counts.scope, from, to)
    : rollups.readLengthsForServices(db, scope.counts.ids, from, to);
}

// Finding when a day starts in England is slow, and every dashboard asks for the same few hundred months.
const monthEndOf = new Map<string, settings.MonthEnd>();

/** The last day of each month and the instant (UTC) the next day starts in England. */
export function monthEnds(periods: readonly string[]): settings.MonthEnd[] {
  return periods.map((period) => {
    let end = monthEndOf.get(period);
    if (!end) {
      const [year, month] = period.split('-').map(Number) as [number, number];
      const lastDay = `${period}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
      end = { period, lastDay, after: londonWallClock(addCalendarDays(lastDay, 1)).toISOString() };
      monthEndOf.set(period, end);
    }
    return end;
  });
}

/** The longest period a series (or the themes' monthly trends) covers: longer would tie up the server for everyone. */
export const MAX_PERIOD_MONTHS = 240;

function periodRange(from?: string, to?: string) {
  const end = to ?? periodOf(new Date().toISOString());
  const start = from ?? monthsBetween('2000-01', end).slice(-24)[0]!;
  if (start > end) throw invalid('query.from', 'The start is after the end.');
  const periods = monthsBetween(start, end);
  if (periods.length > MAX_PERIOD_MONTHS) throw invalid('query.from', `Ask for at most ${MAX_PERIOD_MONTHS / 12} years.`);
  return { start, end, periods };
}

const metricsOf = (m: MeasureDefinition): Metric[] => (m.numerator === undefined ? [] : m.denominator ? [m.numerator, m.denominator.metric] : [m.numerator]);

type CountRow = { metric: string; period: string; value: number };
type StockRow = { period: string; active: number; overdue: number };
type LengthRow = { period: string; minutes: number; episodes: number };
type AnnotationRow = Awaited<ReturnType<typeof settings.annotationsOf>>[number];

export const presentAnnotation = (a: Omit<AnnotationRow, 'measure_key'>): Annotation => ({
  id: a.id, period: a.period, kind: a.kind as AnnotationKind, label: a.label,
  link: a.link_kind !== null && a.link_id !== null ? { kind: a.link_kind, id: a.link_id } : null,
  createdBy: a.created_by_name, createdAt: a.created_at,
});

/** Indices (≥ 1) of the months that start a new partition, from the recalculation annotations. */
export function recalculationIndices(periods: readonly string[], annotations: readonly Pick<Annotation, 'kind' | 'period'>[]): number[] {
  const at = new Map(periods.map((p, i) => [p, i]));
  const indices = annotations.filter((a) => a.kind === 'recalculation').map((a) => at.get(a.period) ?? -1).filter((i) => i >= 1);
  return [...new Set(indices)].sort((a, b) => a - b);
}

interface SeriesInputs {
  rows: readonly CountRow[];
  stocks: readonly StockRow[];
  lengths: readonly LengthRow[];
  periods: readonly string[];
  daysSupportedIn: ((period: string) => number) | null;
  isSuppressed: boolean;
  target: number | null;
  annotations: readonly Annotation[];
  permissions: { canSetTarget: boolean; canAnnotate: boolean };
}

/** Exact monthly points of a measure from rollup counts, the register's month-end stocks, or the months' lengths of hold. */
function exactPoints(measure: MeasureDefinition, x: SeriesInputs) {
  if (measure.median !== undefined) {
    const byPeriod = new Map<string, Map<number, number>>();
    for (const r of x.lengths) {
      let counts = byPeriod.get(r.period);
      if (!counts) byPeriod.set(r.period, (counts = new Map<number, number>()));
      counts.set(Number(r.minutes), (counts.get(Number(r.minutes)) ?? 0) + Number(r.episodes));
    }
    return medianSeries(x.periods, byPeriod);
  }
  if (measure.stock !== undefined) {
    const byPeriod = new Map(x.stocks.map((r) => [r.period, measure.stock === 'restrictions_active' ? r.active : r.overdue]));
    return rateSeries(x.periods, byPeriod, null, 1);
  }
  const byMetric = (metric: Metric) => new Map(x.rows.filter((r) => r.metric === metric).map((r) => [r.period, Number(r.value)]));
  const denominators = measure.denominator ? byMetric(measure.denominator.metric) : null;
  if (measure.denominator?.metric === 'occupied_days' && x.daysSupportedIn) {
    for (const period of x.periods) denominators!.set(period, x.daysSupportedIn(period));
  }
  if (measure.denominator?.isPerAverageDay) {
    // One person is one person in any month they were supported, however many days of it.
    for (const period of x.periods) {
      const total = denominators!.get(period) ?? 0;
      denominators!.set(period, x.daysSupportedIn ? (total > 0 ? 1 : 0) : total / daysInMonth(period));
    }
  }
  return rateSeries(x.periods, byMetric(measure.numerator), denominators, measure.denominator?.per ?? 1);
}

/** One measure's points and SPC chart (with its stored target and recalculations); suppressed for aggregate-only viewers. */
function seriesOf(measure: MeasureDefinition, x: SeriesInputs) {
  const exact = exactPoints(measure, x);
  const points = x.isSuppressed
    ? exact.map((p) => {
      const numerator = suppressCount(p.numerator);
      return { period: p.period, numerator, denominator: p.denominator === null ? null : suppressCount(p.denominator), value: numerator === null ? null : p.value };
    })
    : exact;
  const values = points.map((p) => p.value);
  const recalculateAt = recalculationIndices(x.periods, x.annotations);
  const target = measure.improvement === 'neither' ? null : x.target;
  const spc: SpcResult | null = values.length && values.every((v): v is number => v !== null)
    ? xmrChart({ values, improvement: measure.improvement, ...(target === null ? {} : { target }), ...(recalculateAt.length ? { recalculateAt } : {}) })
    : null;
  const { key, name, definition, unit, improvement } = measure;
  return {
    measure: { key, name, definition, unit, improvement }, points, spc, isSuppressed: x.isSuppressed,
    target, annotations: [...x.annotations], permissions: x.permissions,
  };
}

function personDays(scope: ResolvedScope) {
  const person = scope.person;
  return person ? (period: string) => daysSupported(person.start_date, person.end_date, period) : null;
}

function permissionsFor(ctx: Context, scope: ResolvedScope) {
  return {
    canSetTarget: scope.isWhole && can(ctx.actor, 'update', 'measure_target'),
    canAnnotate: scope.isWhole && can(ctx.actor, 'create', 'measure_annotation'),
  };
}

/** Everything the listed measures need for a scope: rollup counts, register stocks, targets and annotations, one read each. */
async function readSeries(ctx: Context, trx: Executor, measures: readonly MeasureDefinition[], scope: ScopeParam, from?: string, to?: string) {
  const { start, end, periods } = periodRange(from, to);
  const metricNames = [...new Set(measures.flatMap(metricsOf))];
  const resolved = await resolveScope(ctx, trx, scope, `measures (${metricNames.length} counts)`);
  const needsStocks = measures.some((m) => m.stock !== undefined);
  const needsLengths = measures.some((m) => m.median !== undefined);
  const single = measures.length === 1 ? measures[0]!.key : undefined;
  const [rows, stocks, lengths, targets, annotations] = await Promise.all([
    readCountsFor(trx, resolved, metricNames, start, end),
    needsStocks ? settings.restrictionStocks(trx, monthEnds(periods), resolved.restrictions) : Promise.resolve([]),
    needsLengths ? readLengthsFor(trx, resolved, start, end) : Promise.resolve([]),
    // A target is for the whole scope: none for a scoped user's sum of their own services.
    resolved.isWhole ? settings.targetsOf(trx, resolved.key, single ? [single] : undefined) : Promise.resolve(new Map<string, number>()),
    settings.annotationsOf(trx, resolved.key, start, end, single),
  ]);
  const annotationsByMeasure = new Map<string, Annotation[]>();
  for (const a of annotations) {
    const list = annotationsByMeasure.get(a.measure_key) ?? [];
    list.push(presentAnnotation(a));
    annotationsByMeasure.set(a.measure_key, list);
  }
  const shared = { rows, stocks, lengths, periods, daysSupportedIn: personDays(resolved), isSuppressed: isAggregateOnly(ctx), permissions: permissionsFor(ctx, resolved) };
  return measures.map((m) => seriesOf(m, { ...shared, target: targets.get(m.key) ?? null, annotations: annotationsByMeasure.get(m.key) ?? [] }));
}

const measureByKey = (key: string) => {
  const measure = measureCatalogue.find((m) => m.key === key);
  if (!measure) throw notFound('measure');
  return measure;
};

/** A measure's monthly series for a scope, with its SPC chart; aggregates only, with small numbers suppressed, for board members and commissioners. */
export async function measureSeries(ctx: Context, key: string, scopeText: string, from?: string, to?: string) {
  const measure = measureByKey(key);
  const scope = parseScope(scopeText);
  return inTransaction(ctx, async (trx) => (await readSeries(ctx, trx, [measure], scope, from, to))[0]!);
}

/** Every measure for a scope in one read (and, for a person, one audit entry): what a dashboard shows. */
export async function measureDashboard(ctx: Context, scopeText: string, from?: string, to?: string) {
  const scope = parseScope(scopeText);
  return inTransaction(ctx, async (trx) => ({ scope: scopeText, items: await readSeries(ctx, trx, measureCatalogue, scope, from, to) }));
}

/** Whether the caller sees the whole of a stored scope (for listing targets): never audited, never throws. */
function seesWholeScope(ctx: Context, scope: ScopeParam, personServices: ReadonlyMap<number, number>): boolean {
  const actorScope = serviceScope(ctx.actor);
  if (scope.type === 'organisation' || scope.type === 'region') return actorScope === 'all' && can(ctx.actor, 'read', scope.type);
  if (scope.type === 'service') return isInScope(ctx.actor, scope.id);
  const serviceId = personServices.get(scope.id);
  return can(ctx.actor, 'read', 'person') && serviceId !== undefined && isInScope(ctx.actor, serviceId);
}

/** The catalogue, with the stored targets for the scopes the caller can see. */
export async function listMeasures(ctx: Context) {
  const stored = await settings.allTargets(ctx.database.db);
  const scoped = stored.map((t) => ({ ...t, parsed: parseScope(t.scope) }));
  const personIds = [...new Set(scoped.flatMap((t) => (t.parsed.type === 'person' ? [t.parsed.id] : [])))];
  const personServices = new Map<number, number>();
  if (personIds.length) {
    const people = await ctx.database.db.selectFrom('people').select(['id', 'service_id']).where('id', 'in', personIds).execute();
    for (const p of people) personServices.set(p.id, p.service_id);
  }
  const visible = scoped.filter((t) => seesWholeScope(ctx, t.parsed, personServices));
  return measureCatalogue.map(({ key, name, definition, unit, improvement }) => ({
    key, name, definition, unit, improvement,
    targets: visible.filter((t) => t.measure_key === key).map((t) => ({ scope: t.scope, target: Number(t.target) })),
  }));
}

const actorUserId = (ctx: Context) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Resolve a scope for a change to its settings: 404 outside the caller's sight, 403 when they see only part of it. */
async function scopeToChange(ctx: Context, db: Executor, scopeText: string) {
  const scope = parseScope(scopeText);
  if (scope.type === 'region') {
    const region = await db.selectFrom('regions').select('id').where('id', '=', scope.id).executeTakeFirst();
    if (!region) throw notFound('region');
  }
  if (scope.type === 'service') {
    const service = await db.selectFrom('services').select('id').where('id', '=', scope.id).executeTakeFirst();
    if (!service) throw notFound('service');
  }
  const resolved = await resolveScope(ctx, db, scope, null);
  if (!resolved.isWhole) throw forbidden('Only someone who sees every service can change the organisation’s or a region’s charts.');
  return resolved;
}

/** Store (or, with null, remove) a measure's target for a scope; quality leads and admins only; audited. */
export async function setMeasureTarget(ctx: Context, key: string, scopeText: string, target: number | null) {
  authorize(ctx.actor, 'update', 'measure_target');
  const measure = measureByKey(key);
  if (measure.improvement === 'neither' && target !== null) {
    throw invalid('target', 'Neither higher nor lower is better for this measure, so a target cannot give assurance.');
  }
  return inTransaction(ctx, async (trx) => {
    const scope = await scopeToChange(ctx, trx, scopeText);
    if (target === null) {
      await settings.clearTarget(trx, key, scope.key);
    } else {
      await settings.setTarget(trx, { measure_key: key, scope: scope.key, target, set_by_user_id: actorUserId(ctx), set_by_name: ctx.actor.name, set_at: nowIso() });
    }
    await audit(trx, ctx, { action: 'update', kind: 'measure_target', id: `${key}@${scope.key}`, summary: target === null ? 'target removed' : `target ${target}` });
    return { key, scope: scope.key, target };
  });
}

/** Mark a recalculation or an action on a measure's chart for a scope; audited. */
export async function addAnnotation(ctx: Context, key: string, scopeText: string, input: AnnotationInput) {
  authorize(ctx.actor, 'create', 'measure_annotation');
  measureByKey(key);
  return inTransaction(ctx, async (trx) => {
    const scope = await scopeToChange(ctx, trx, scopeText);
    const id = await settings.insertAnnotation(trx, {
      measure_key: key, scope: scope.key, period: input.period, kind: input.kind, label: input.label, link_kind: null, link_id: null,
      created_by_user_id: actorUserId(ctx), created_by_name: ctx.actor.name, created_at: nowIso(),
    });
    await audit(trx, ctx, { action: 'create', kind: 'measure_annotation', id, summary: `${input.kind} on ${key} for ${scope.key} from ${input.period}` });
    return presentAnnotation((await settings.getAnnotation(trx, id))!);
  });
}

/** Remove a mark from a measure's chart; audited. */
export async function removeAnnotation(ctx: Context, key: string, id: number) {
  authorize(ctx.actor, 'delete', 'measure_annotation');
  return inTransaction(ctx, async (trx) => {
    const annotation = await settings.getAnnotation(trx, id);
    if (!annotation || annotation.measure_key !== key) throw notFound('annotation');
    try {
      await scopeToChange(ctx, trx, annotation.scope);
    } catch (error) {
      // A mark on a chart the caller cannot see is answered as missing.
      if (error instanceof AppError && error.code === 'not_found') throw notFound('annotation');
      throw error;
    }
    await settings.deleteAnnotation(trx, id);
    await audit(trx, ctx, { action: 'delete', kind: 'measure_annotation', id, summary: `${annotation.kind} on ${key} for ${annotation.scope} from ${annotation.period}` });
  });
}

export interface ActionMarker {
  measureKey: string;
  /** `organisation`, `region:{id}`, `service:{id}` or `person:{id}`. */
  scope: string;
  /** YYYY-MM */
  period: string;
  label: string;
  link?: { kind: 'action'; id: number } | null;
  /** Who placed it; the system when absent. */
  by?: { userId: number | null; name: string };
}

/**
 * Put an action marker on a measure's chart, inside the caller's transaction (for the learning-response actions):
 * no access check here, the caller has made it. Returns the marker's id.
 */
export async function addActionMarker(trx: Executor, marker: ActionMarker): Promise<number> {
  measureByKey(marker.measureKey);
  const scope = scopeKey(parseScope(marker.scope, 'scope'));
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(marker.period)) throw invalid('period', 'Use a month as YYYY-MM');
  const label = marker.label.trim().slice(0, 120);
  if (!label) throw invalid('label', 'Say what the action was');
  return settings.insertAnnotation(trx, {
    measure_key: marker.measureKey, scope, period: marker.period, kind: 'action', label,
    link_kind: marker.link?.kind ?? null, link_id: marker.link?.id ?? null,
    created_by_user_id: marker.by?.userId ?? null, created_by_name: marker.by?.name ?? 'Lantern', created_at: nowIso(),
  });
}

/** How many days a month (YYYY-MM) has. */
function daysInMonth(period: string): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days in a month on which a person was supported, from their start and end dates. */
export function daysSupported(startDate: string, endDate: string | null, period: string): number {
  const first = `${period}-01`;
  const last = `${period}-${String(daysInMonth(period)).padStart(2, '0')}`;
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
