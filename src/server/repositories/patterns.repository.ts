import { sql, type Insertable } from 'kysely';
import { fromFlag, type Executor } from '../../db/connection.js';
import type { PatternTable } from '../../db/types.js';
import { groupBy } from '../../domain/collections.js';
import type {
  DetectedPattern, IncidentFact, PatternInput, RestrictionFact, SourceRecord,
} from '../../analytics/patterns/types.js';

// Phrases are extracted synchronously per chunk: small chunks keep the server answering requests during a full run.
const CHUNK = 1000;
/** Findings marked lapsed by one statement (well under both databases' limits on bound parameters). */
const LAPSE_CHUNK = 500;

type Phrases = (text: string) => string[];

const summerTime = new Map<number, readonly [number, number]>();

/** When British Summer Time starts and ends in a year (01:00 UTC on the last Sundays of March and October). */
function summerTimeOf(year: number): readonly [number, number] {
  let span = summerTime.get(year);
  if (!span) {
    const lastSunday = (month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0, 1));
      return last.getTime() - last.getUTCDay() * 86_400_000;
    };
    span = [lastSunday(2), lastSunday(9)] as const;
    summerTime.set(year, span);
  }
  return span;
}

/** Wall-clock day of week, hour, date and month in England for an instant (fast: no Intl per call). */
export function londonClock(instant: string) {
  const ms = Date.parse(instant);
  const [from, to] = summerTimeOf(new Date(ms).getUTCFullYear());
  const local = new Date(ms + (ms >= from && ms < to ? 3_600_000 : 0));
  const date = local.toISOString().slice(0, 10);
  return { dayOfWeek: local.getUTCDay(), hour: local.getUTCHours(), date, month: date.slice(0, 7) };
}

/** Incidents in id order, a chunk at a time (keyset), with their people, staff, codes and interventions. */
async function loadIncidents(db: Executor, phrasesOf: Phrases, afterId: number, incidents: IncidentFact[], records: SourceRecord[], onChunk: (loaded: number) => void) {
  for (;;) {
    const rows = await db.selectFrom('incidents')
      .select(['id', 'ref', 'service_id', 'occurred_at', 'location', 'antecedent', 'behaviour', 'consequence', 'narrative', 'has_agency_staff', 'harm_physical', 'harm_psychological'])
      .where('id', '>', afterId).orderBy('id').limit(CHUNK).execute();
    if (!rows.length) return;
    const first = rows[0]!.id;
    const last = rows[rows.length - 1]!.id;
    const [people, staff, codes, episodes, episodeStaff] = await Promise.all([
      db.selectFrom('incident_people').select(['incident_id', 'person_id']).where('incident_id', '>=', first).where('incident_id', '<=', last).execute(),
      db.selectFrom('incident_staff').select(['incident_id', 'staff_id']).where('incident_id', '>=', first).where('incident_id', '<=', last).execute(),
      db.selectFrom('incident_codes').select(['incident_id', 'kind', 'code']).where('incident_id', '>=', first).where('incident_id', '<=', last).execute(),
      db.selectFrom('restrictive_interventions').select(['id', 'incident_id', 'type_code', 'person_id', 'duration_minutes'])
        .where('incident_id', '>=', first).where('incident_id', '<=', last).execute(),
      db.selectFrom('intervention_staff').innerJoin('restrictive_interventions as ri', 'ri.id', 'intervention_staff.intervention_id')
        .select(['intervention_staff.intervention_id', 'intervention_staff.staff_id'])
        .where('ri.incident_id', '>=', first).where('ri.incident_id', '<=', last).execute(),
    ]);
    const peopleBy = groupBy(people, (r) => r.incident_id);
    const staffBy = groupBy(staff, (r) => r.incident_id);
    const codesBy = groupBy(codes, (r) => r.incident_id);
    const episodesBy = groupBy(episodes, (r) => r.incident_id);
    const episodeStaffBy = groupBy(episodeStaff, (r) => r.intervention_id);
    for (const row of rows) {
      const clock = londonClock(row.occurred_at);
      const personIds = (peopleBy.get(row.id) ?? []).map((p) => p.person_id);
      const incidentCodes = codesBy.get(row.id) ?? [];
      const factors = incidentCodes.filter((c) => c.kind === 'factor').map((c) => c.code);
      incidents.push({
        id: row.id, ref: row.ref, serviceId: row.service_id, personIds, occurredAt: row.occurred_at,
        dayOfWeek: clock.dayOfWeek, hour: clock.hour, month: clock.month, location: row.location,
        settingEvents: incidentCodes.filter((c) => c.kind === 'setting_event').map((c) => c.code), factors,
        hasAgencyStaff: row.has_agency_staff === 1, harmPhysical: row.harm_physical, harmPsychological: row.harm_psychological,
        staffIds: (staffBy.get(row.id) ?? []).map((s) => s.staff_id),
        interventions: (episodesBy.get(row.id) ?? []).map((e) => ({
          id: e.id, typeCode: e.type_code, personId: e.person_id, durationMinutes: e.duration_minutes,
          staffIds: (episodeStaffBy.get(e.id) ?? []).map((s) => s.staff_id),
        })),
      });
      records.push({
        source: 'incident', id: row.id, ref: row.ref, serviceId: row.service_id, personId: personIds[0] ?? null,
        date: clock.date, month: clock.month, factors, labels: [],
        phrases: phrasesOf(`${row.antecedent}. ${row.behaviour}. ${row.consequence}. ${row.narrative}`),
      });
    }
    afterId = last;
    onChunk(incidents.length);
    // SQLite answers synchronously: give waiting requests their turn between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The last id read from each source, so the next run reads only what is new. */
export interface Watermarks { incident: number; safeguarding_concern: number; complaint: number; speak_up: number; practice_review: number }

const maxId = (rows: readonly { id: number }[], before: number) => rows.reduce((m, r) => Math.max(m, r.id), before);

/** Every other source's records with free text, reduced to phrases, factors and labels. */
async function loadOtherSources(db: Executor, phrasesOf: Phrases, after: Watermarks, records: SourceRecord[]): Promise<Omit<Watermarks, 'incident'>> {
  const day = (instant: string) => londonClock(instant).date;
  const [concerns, concernFactors, concernCategories] = await Promise.all([
    db.selectFrom('safeguarding_concerns').select(['id', 'ref', 'service_id', 'person_id', 'raised_at', 'narrative', 'immediate_protection'])
      .where('id', '>', after.safeguarding_concern).execute(),
    db.selectFrom('safeguarding_concern_factors').select(['concern_id', 'factor']).where('concern_id', '>', after.safeguarding_concern).execute(),
    db.selectFrom('safeguarding_concern_categories').select(['concern_id', 'category']).where('concern_id', '>', after.safeguarding_concern).execute(),
  ]);
  const factorsOf = groupBy(concernFactors, (r) => r.concern_id);
  const categoriesOf = groupBy(concernCategories, (r) => r.concern_id);
  for (const c of concerns) {
    const date = day(c.raised_at);
    records.push({
      source: 'safeguarding_concern', id: c.id, ref: c.ref, serviceId: c.service_id, personId: c.person_id, date, month: date.slice(0, 7),
      factors: (factorsOf.get(c.id) ?? []).map((f) => f.factor), labels: (categoriesOf.get(c.id) ?? []).map((f) => f.category),
      phrases: phrasesOf(`${c.narrative}. ${c.immediate_protection}`),
    });
  }

  const [complaints, complaintThemes] = await Promise.all([
    db.selectFrom('complaints').select(['id', 'ref', 'service_id', 'person_id', 'received_at', 'subject', 'narrative']).where('id', '>', after.complaint).execute(),
    db.selectFrom('complaint_themes').select(['complaint_id', 'theme']).where('complaint_id', '>', after.complaint).execute(),
  ]);
  const themesOf = groupBy(complaintThemes, (r) => r.complaint_id);
  for (const c of complaints) {
    const date = day(c.received_at);
    records.push({
      source: 'complaint', id: c.id, ref: c.ref, serviceId: c.service_id, personId: c.person_id, date, month: date.slice(0, 7),
      factors: [], labels: (themesOf.get(c.id) ?? []).map((t) => t.theme), phrases: phrasesOf(`${c.subject}. ${c.narrative}`),
    });
  }

  // Speak-up reports carry only the day; the reporter is never loaded (and anonymous ones have none to load).
  const [reports, reportThemes, reportCategories] = await Promise.all([
    db.selectFrom('speak_up_concerns').select(['id', 'service_id', 'received_on', 'what_happened']).where('id', '>', after.speak_up).execute(),
    db.selectFrom('speak_up_themes').select(['concern_id', 'theme']).where('concern_id', '>', after.speak_up).execute(),
    db.selectFrom('speak_up_categories').select(['concern_id', 'category']).where('concern_id', '>', after.speak_up).execute(),
  ]);
  const reportThemesOf = groupBy(reportThemes, (r) => r.concern_id);
  const reportCategoriesOf = groupBy(reportCategories, (r) => r.concern_id);
  for (const r of reports) {
    records.push({
      source: 'speak_up', id: r.id, ref: null, serviceId: r.service_id, personId: null, date: r.received_on, month: r.received_on.slice(0, 7),
      factors: [], labels: [...(reportThemesOf.get(r.id) ?? []).map((t) => t.theme), ...(reportCategoriesOf.get(r.id) ?? []).map((c) => c.category)],
      phrases: phrasesOf(r.what_happened),
    });
  }

  const [reviews, reviewFactors, recommendations] = await Promise.all([
    db.selectFrom('practice_reviews').select(['id', 'service_id', 'person_id', 'held_on', 'what_could_be_different']).where('id', '>', after.practice_review).execute(),
    db.selectFrom('practice_review_factors').select(['review_id', 'factor']).where('review_id', '>', after.practice_review).execute(),
    db.selectFrom('practice_review_recommendations').select(['review_id', 'text']).where('review_id', '>', after.practice_review).execute(),
  ]);
  const reviewFactorsOf = groupBy(reviewFactors, (r) => r.review_id);
  const recommendationsOf = groupBy(recommendations, (r) => r.review_id);
  for (const r of reviews) {
    records.push({
      source: 'practice_review', id: r.id, ref: null, serviceId: r.service_id, personId: r.person_id, date: r.held_on, month: r.held_on.slice(0, 7),
      factors: (reviewFactorsOf.get(r.id) ?? []).map((f) => f.factor), labels: [],
      phrases: phrasesOf([r.what_could_be_different, ...(recommendationsOf.get(r.id) ?? []).map((x) => x.text)].join('. ')),
    });
  }
  return {
    safeguarding_concern: maxId(concerns, after.safeguarding_concern), complaint: maxId(complaints, after.complaint),
    speak_up: maxId(reports, after.speak_up), practice_review: maxId(reviews, after.practice_review),
  };
}

const nothingRead: Watermarks = { incident: 0, safeguarding_concern: 0, complaint: 0, speak_up: 0, practice_review: 0 };

/**
 * Everything the detectors read, loaded set-based (a few queries per chunk of 5,000 incidents, one per other
 * table); free text is reduced to keyphrases as it streams past, so texts are never all held at once.
 */
export async function loadPatternInput(
  db: Executor, phrasesOf: Phrases, asOf: string, since: Watermarks | null, onProgress: (stage: string, share: number) => void = () => {},
): Promise<{ input: PatternInput; watermarks: Watermarks }> {
  const { incidents, records, watermarks } = await loadNewRecords(db, phrasesOf, since, onProgress);
  return { input: { asOf, incidents, records, ...(await loadReferenceFacts(db)) }, watermarks };
}

/** Incidents and every source's records added after the watermarks (all of them when there are none). */
export async function loadNewRecords(db: Executor, phrasesOf: Phrases, since: Watermarks | null, onProgress: (stage: string, share: number) => void = () => {}) {
  const after = since ?? nothingRead;
  const { total } = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('total'))
    .where('id', '>', after.incident).executeTakeFirstOrThrow();
  const incidents: IncidentFact[] = [];
  const records: SourceRecord[] = [];
  await loadIncidents(db, phrasesOf, after.incident, incidents, records, (loaded) => onProgress('Reading incidents', loaded / Math.max(1, Number(total))));
  onProgress('Reading other sources', 1);
  const others = await loadOtherSources(db, phrasesOf, after, records);
  const watermarks: Watermarks = { incident: maxId(incidents, after.incident), ...others };
  return { incidents, records, watermarks };
}

/** The register, people, services, staff and occupancy: small beside the records, read whole on each run. */
export async function loadReferenceFacts(db: Executor): Promise<Omit<PatternInput, 'asOf' | 'incidents' | 'records'>> {
  const [restrictions, people, services, staff, occupancy] = await Promise.all([
    db.selectFrom('restrictions').select(['id', 'service_id', 'person_id', 'category', 'description', 'started_on', 'ended_on', 'status']).execute(),
    db.selectFrom('people').select(['id', 'ref', 'service_id', 'start_date', 'end_date']).execute(),
    db.selectFrom('services').select(['id', 'ref', 'name']).execute(),
    db.selectFrom('staff').select(['id', 'ref', 'name', 'employment_type']).execute(),
    db.selectFrom('monthly_counts').select(['scope_id', 'period', 'value'])
      .where('scope_type', '=', 'service').where('metric', '=', 'occupied_days').execute(),
  ]);
  return {
    restrictions: restrictions.map((r): RestrictionFact => ({
      id: r.id, serviceId: r.service_id, personId: r.person_id, category: r.category, description: r.description,
      startedOn: r.started_on, endedOn: r.ended_on, status: r.status,
    })),
    people: people.map((p) => ({ id: p.id, ref: p.ref, serviceId: p.service_id, startDate: p.start_date, endDate: p.end_date })),
    services: services.map((s) => ({ id: s.id, ref: s.ref, name: s.name })),
    staff: staff.map((s) => ({ id: s.id, ref: s.ref, name: s.name, employmentType: s.employment_type })),
    occupancy: occupancy.map((o) => ({ serviceId: o.scope_id, month: o.period, occupiedDays: Number(o.value) })),
  };
}

/** A finding's stored columns that a run sets. */
type FindingValues = Pick<Insertable<PatternTable>, 'kind' | 'scope_type' | 'scope_id' | 'title' | 'summary' | 'statistic' | 'strength' | 'evidence' | 'service_count'>;

/**
 * What a run changes in the stored findings, and only that: most runs find what the last one found, and rewriting
 * every finding each time kept the database's one writer busy for nothing.
 */
export interface FindingChanges {
  /** The run that found them, marked finished when they are saved, at `now`. */
  runId: number;
  now: string;
  found: number;
  added: { key: string; values: FindingValues; serviceIds: number[] }[];
  /** Findings whose wording, figures, evidence or services changed, or that are made again after lapsing. */
  changed: { id: number; values: FindingValues; serviceIds: number[] }[];
  /** Current findings this run no longer makes, with when they were last found (the previous save). */
  lapsed: { id: number; lastFoundAt: string }[];
}

/** Compare a run's findings with those stored (by key, so a dismissal survives) and say what must change. */
export async function planFindings(db: Executor, found: readonly DetectedPattern[], run: { runId: number; now: string }): Promise<FindingChanges> {
  const previousSave = await latestSave(db);
  // Every finding by key (dismissed and lapsed ones are kept, so a finding made again is the same row), but the
  // wording, evidence and services only of current ones: a finding not current is rewritten if made again anyway.
  const stored = new Map((await db.selectFrom('patterns').select(['id', 'key']).execute()).map((r) => [r.key, r]));
  const current = new Map((await db.selectFrom('patterns')
    .select(['id', 'kind', 'scope_type', 'scope_id', 'title', 'summary', 'statistic', 'strength', 'evidence', 'service_count', 'last_found_at'])
    .where('is_current', '=', 1).execute()).map((r) => [r.id, r]));
  const servicesOf = groupBy(await db.selectFrom('pattern_services').innerJoin('patterns', 'patterns.id', 'pattern_services.pattern_id')
    .select(['pattern_services.pattern_id', 'pattern_services.service_id']).where('patterns.is_current', '=', 1).execute(), (l) => l.pattern_id);
  const sameServices = (id: number, serviceIds: readonly number[]) => {
    const before = servicesOf.get(id) ?? [];
    return before.length === serviceIds.length && before.every((l) => serviceIds.includes(l.service_id));
  };
  const changes: FindingChanges = { ...run, found: 0, added: [], changed: [], lapsed: [] };
  const made = new Set<string>();
  for (const p of found) {
    if (made.has(p.key)) continue;
    made.add(p.key);
    const serviceIds = [...new Set(p.serviceIds)];
    const values: FindingValues = {
      kind: p.kind, scope_type: p.scope.type, scope_id: p.scope.id, title: p.title, summary: p.summary,
      statistic: JSON.stringify(p.statistic), strength: p.strength, evidence: JSON.stringify(p.evidence.slice(0, 50)), service_count: serviceIds.length,
    };
    const row = stored.get(p.key);
    const before = row && current.get(row.id);
    // PostgreSQL keeps a strength as a 4-byte real, so it reads back near the value written, not equal to it.
    const differs = (k: keyof FindingValues) => (k === 'strength' ? Math.abs(before!.strength - values.strength) > 1e-6 : values[k] !== before![k]);
    if (!row) changes.added.push({ key: p.key, values, serviceIds });
    else if (!before || !sameServices(row.id, serviceIds) || (Object.keys(values) as (keyof FindingValues)[]).some(differs)) {
      changes.changed.push({ id: row.id, values, serviceIds });
    }
  }
  for (const [key, row] of stored) {
    const detail = current.get(row.id);
    if (detail && !made.has(key)) changes.lapsed.push({ id: row.id, lastFoundAt: lastFoundOf({ is_current: 1, last_found_at: detail.last_found_at }, previousSave) });
  }
  changes.found = made.size;
  return changes;
}

/**
 * Store a run's changes and mark the run finished, in the caller's transaction. A finding made again unchanged keeps
 * its row as it is: while it is current it was last found by the latest finished run (see lastFoundOf); when it
 * lapses, its row takes the time it was last found.
 */
export async function applyFindings(db: Executor, changes: FindingChanges) {
  const { now } = changes;
  // Lapsing findings share a few "last found" times (most the previous run's): one update per time and chunk of ids.
  for (const [lastFoundAt, lapsed] of groupBy(changes.lapsed, (l) => l.lastFoundAt)) {
    for (let i = 0; i < lapsed.length; i += LAPSE_CHUNK) {
      await db.updateTable('patterns').set({ is_current: 0, last_found_at: lastFoundAt })
        .where('id', 'in', lapsed.slice(i, i + LAPSE_CHUNK).map((l) => l.id)).execute();
    }
  }
  const linked: { id: number; serviceIds: number[] }[] = [];
  for (const c of changes.changed) {
    await db.updateTable('patterns').set({ ...c.values, is_current: 1, last_found_at: now }).where('id', '=', c.id).execute();
    linked.push({ id: c.id, serviceIds: c.serviceIds });
  }
  for (const a of changes.added) {
    const row = await db.insertInto('patterns').values({ ...a.values, key: a.key, status: 'open', is_current: 1, first_found_at: now, last_found_at: now })
      .returning('id').executeTakeFirstOrThrow();
    linked.push({ id: row.id, serviceIds: a.serviceIds });
  }
  const ids = changes.changed.map((c) => c.id);
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('pattern_services').where('pattern_id', 'in', ids.slice(i, i + 500)).execute();
  const links = linked.flatMap(({ id, serviceIds }) => serviceIds.map((serviceId) => ({ pattern_id: id, service_id: serviceId })));
  for (let i = 0; i < links.length; i += 500) await db.insertInto('pattern_services').values(links.slice(i, i + 500)).execute();
  await updateRun(db, changes.runId, { status: 'finished', stage: 'Done', progress: 1, finished_at: now, found: changes.found });
}

/** When a stored finding was last found: for a current one, the latest save of findings if later than its row says. */
export function lastFoundOf(row: { is_current: number; last_found_at: string }, latestSave: string | null): string {
  return fromFlag(row.is_current) && latestSave && latestSave > row.last_found_at ? latestSave : row.last_found_at;
}

/** When findings were last saved: the end of the latest finished run. */
export async function latestSave(db: Executor): Promise<string | null> {
  const run = await db.selectFrom('pattern_runs').select('finished_at').where('status', '=', 'finished').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return run?.finished_at ?? null;
}

export interface PatternFilter {
  /** Services the reader may see ('all' for everyone's); a finding shows only when every service it draws on is visible. */
  services: 'all' | readonly number[];
  kinds: readonly string[];
  scope: { type: 'organisation' } | { type: 'region' | 'service' | 'person' | 'staff'; id: number };
  includeDismissed: boolean;
  limit: number;
}

/** Current findings a reader may see, strongest first. */
export async function listFindings(db: Executor, filter: PatternFilter) {
  if (!filter.kinds.length) return [];
  let query = db.selectFrom('patterns').selectAll('patterns')
    .where('is_current', '=', 1).where('kind', 'in', [...filter.kinds]);
  if (!filter.includeDismissed) query = query.where('status', '!=', 'dismissed');
  if (filter.services !== 'all') {
    const visible = filter.services;
    if (!visible.length) return [];
    // Every service the finding draws on must be visible: count the visible ones against the total.
    query = query.where((eb) => eb(
      eb.selectFrom('pattern_services').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('pattern_services.pattern_id', '=', 'patterns.id').where('pattern_services.service_id', 'in', [...visible]),
      '=', eb.ref('patterns.service_count'),
    ));
  }
  const scope = filter.scope;
  if (scope.type === 'person' || scope.type === 'staff') {
    query = query.where('scope_type', '=', scope.type).where('scope_id', '=', scope.id);
  } else if (scope.type === 'service') {
    query = query.where((eb) => eb.exists(eb.selectFrom('pattern_services').select(sql`1`.as('x'))
      .whereRef('pattern_services.pattern_id', '=', 'patterns.id').where('pattern_services.service_id', '=', scope.id)));
  } else if (scope.type === 'region') {
    query = query.where((eb) => eb.exists(eb.selectFrom('pattern_services').innerJoin('services', 'services.id', 'pattern_services.service_id')
      .select(sql`1`.as('x')).whereRef('pattern_services.pattern_id', '=', 'patterns.id').where('services.region_id', '=', scope.id)));
  }
  return query.orderBy('strength', 'desc').orderBy('id').limit(filter.limit).execute();
}

export async function findingById(db: Executor, id: number) {
  return db.selectFrom('patterns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function servicesOfFinding(db: Executor, id: number) {
  return (await db.selectFrom('pattern_services').select('service_id').where('pattern_id', '=', id).execute()).map((r) => r.service_id);
}

export async function dismissFinding(db: Executor, id: number, reason: string, by: string, at: string) {
  await db.updateTable('patterns').set({ status: 'dismissed', dismissed_reason: reason, dismissed_by_name: by, dismissed_at: at }).where('id', '=', id).execute();
}

/** Patterns taken into a learning response (named by id) stop being merely open; a dismissal is left as it is. */
export async function markInLearning(db: Executor, ids: readonly number[]) {
  if (!ids.length) return;
  await db.updateTable('patterns').set({ status: 'in_learning' }).where('id', 'in', [...ids]).where('status', '=', 'open').execute();
}

/** How many runs are kept: enough to see how the engine has been doing, without a row a run for ever. */
export const RUNS_KEPT = 1000;

/** Record a run starting, and forget all but the latest RUNS_KEPT runs (under a stream of records, thousands a day). */
export async function startRun(db: Executor, reason: string, at: string) {
  const { id } = await db.insertInto('pattern_runs').values({ reason, status: 'running', stage: 'Starting', progress: 0, started_at: at })
    .returning('id').executeTakeFirstOrThrow();
  // The latest finished run is kept whatever its age: its end is when the current findings were last found.
  await db.deleteFrom('pattern_runs').where('id', '<=', id - RUNS_KEPT)
    .where('id', '<>', (eb) => eb.selectFrom('pattern_runs').select((e) => e.fn.coalesce(e.fn.max('id'), sql<number>`0`).as('id')).where('status', '=', 'finished'))
    .execute();
  return id;
}

export interface RunUpdate { status?: string; stage?: string; progress?: number; finished_at?: string; found?: number; error?: string }

export async function updateRun(db: Executor, id: number, values: RunUpdate) {
  await db.updateTable('pattern_runs').set(values).where('id', '=', id).execute();
}

export async function latestRun(db: Executor) {
  return db.selectFrom('pattern_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}
