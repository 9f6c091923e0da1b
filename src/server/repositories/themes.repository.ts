// The free text of every source, read for theme analysis: incidents, safeguarding concerns, complaints, speak-up
// reports and practice reviews. Each source is read in keyset chunks (id order), with its codes and labels fetched
// for the whole chunk at once, so a provider's hundreds of thousands of records stream through in bounded memory.
import type { Executor } from '../../db/connection.js';
import type { Source } from '../../analytics/patterns/types.js';
import { addCalendarDays, londonDate } from '../../domain/working-days.js';
import { scopedIds } from './organisation.repository.js';

export interface SourceTextRow {
  source: Source;
  id: number;
  ref: string | null;
  serviceId: number | null;
  personId: number | null;
  /** Local date (England), YYYY-MM-DD. */
  date: string;
  text: string;
  factors: string[];
  labels: string[];
}

export interface SourceTextFilter {
  /** Services whose records to read; speak-up reports not tied to a service are read only with 'all'. */
  scope: 'all' | readonly number[];
  /** Only records about this person (speak-up reports are never about a person). */
  personId?: number;
  /** Inclusive local dates. */
  from: string;
  to: string;
  sources?: readonly Source[];
  chunkSize?: number;
}

const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(' ');

function groupBy<T>(rows: readonly T[], key: (row: T) => number, value: (row: T) => string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(value(row)); else out.set(key(row), [value(row)]);
  }
  return out;
}

/** Instants that certainly cover the local dates from–to (a day either side; exact filtering follows). */
const instantBounds = (from: string, to: string) => [`${addCalendarDays(from, -1)}T00:00:00.000Z`, `${addCalendarDays(to, 2)}T00:00:00.000Z`] as const;

/** Stream every record with text in scope and period, chunk by chunk. */
export async function* streamSourceTexts(db: Executor, filter: SourceTextFilter): AsyncGenerator<SourceTextRow[]> {
  const size = filter.chunkSize ?? 2000;
  const ids = scopedIds(filter.scope);
  const wanted = new Set<Source>(filter.sources ?? ['incident', 'safeguarding_concern', 'complaint', 'speak_up', 'practice_review']);
  const [fromAt, toAt] = instantBounds(filter.from, filter.to);
  const inPeriod = (date: string) => date >= filter.from && date <= filter.to;

  if (wanted.has('incident')) {
    for (let after = 0; ;) {
      let query = db.selectFrom('incidents')
        .select(['id', 'ref', 'service_id', 'occurred_at', 'antecedent', 'behaviour', 'consequence', 'narrative'])
        .where('id', '>', after).where('occurred_at', '>=', fromAt).where('occurred_at', '<', toAt).orderBy('id').limit(size);
      if (ids) query = query.where('service_id', 'in', ids);
      if (filter.personId !== undefined) {
        const personId = filter.personId;
        query = query.where((eb) => eb.exists(eb.selectFrom('incident_people').select('incident_people.incident_id')
          .whereRef('incident_people.incident_id', '=', 'incidents.id').where('incident_people.person_id', '=', personId)));
      }
      const rows = await query.execute();
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const chunkIds = rows.map((r) => r.id);
      const [codes, people] = await Promise.all([
        db.selectFrom('incident_codes').select(['incident_id', 'code']).where('kind', '=', 'factor').where('incident_id', 'in', chunkIds).execute(),
        db.selectFrom('incident_people').select(['incident_id', 'person_id']).where('incident_id', 'in', chunkIds).orderBy('person_id').execute(),
      ]);
      const factors = groupBy(codes, (c) => c.incident_id, (c) => c.code);
      const firstPerson = new Map<number, number>();
      for (const p of people) if (!firstPerson.has(p.incident_id)) firstPerson.set(p.incident_id, p.person_id);
      const out = rows.map((r) => ({
        source: 'incident' as const, id: r.id, ref: r.ref, serviceId: r.service_id, personId: filter.personId ?? firstPerson.get(r.id) ?? null,
        date: londonDate(r.occurred_at), text: join(r.antecedent, r.behaviour, r.consequence, r.narrative), factors: factors.get(r.id) ?? [], labels: [],
      })).filter((r) => inPeriod(r.date));
      if (out.length) yield out;
      if (rows.length < size) break;
    }
  }

  if (wanted.has('safeguarding_concern')) {
    for (let after = 0; ;) {
      let query = db.selectFrom('safeguarding_concerns').select(['id', 'ref', 'service_id', 'person_id', 'raised_at', 'narrative'])
        .where('id', '>', after).where('raised_at', '>=', fromAt).where('raised_at', '<', toAt).orderBy('id').limit(size);
      if (ids) query = query.where('service_id', 'in', ids);
      if (filter.personId !== undefined) query = query.where('person_id', '=', filter.personId);
      const rows = await query.execute();
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const codes = await db.selectFrom('safeguarding_concern_factors').select(['concern_id', 'factor']).where('concern_id', 'in', rows.map((r) => r.id)).execute();
      const factors = groupBy(codes, (c) => c.concern_id, (c) => c.factor);
      const out = rows.map((r) => ({
        source: 'safeguarding_concern' as const, id: r.id, ref: r.ref, serviceId: r.service_id, personId: r.person_id,
        date: londonDate(r.raised_at), text: r.narrative, factors: factors.get(r.id) ?? [], labels: [],
      })).filter((r) => inPeriod(r.date));
      if (out.length) yield out;
      if (rows.length < size) break;
    }
  }

  if (wanted.has('complaint')) {
    for (let after = 0; ;) {
      let query = db.selectFrom('complaints').select(['id', 'ref', 'service_id', 'person_id', 'received_at', 'subject', 'narrative'])
        .where('id', '>', after).where('received_at', '>=', fromAt).where('received_at', '<', toAt).orderBy('id').limit(size);
      if (ids) query = query.where('service_id', 'in', ids);
      if (filter.personId !== undefined) query = query.where('person_id', '=', filter.personId);
      const rows = await query.execute();
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const themes = await db.selectFrom('complaint_themes').select(['complaint_id', 'theme']).where('complaint_id', 'in', rows.map((r) => r.id)).execute();
      const labels = groupBy(themes, (t) => t.complaint_id, (t) => t.theme);
      const out = rows.map((r) => ({
        source: 'complaint' as const, id: r.id, ref: r.ref, serviceId: r.service_id, personId: r.person_id,
        date: londonDate(r.received_at), text: join(r.subject, r.narrative), factors: [], labels: labels.get(r.id) ?? [],
      })).filter((r) => inPeriod(r.date));
      if (out.length) yield out;
      if (rows.length < size) break;
    }
  }

  // Speak-up reports carry only a day; those not tied to a service count only for a caller who sees everything.
  if (wanted.has('speak_up') && filter.personId === undefined) {
    for (let after = -1; ;) {
      let query = db.selectFrom('speak_up_concerns').select(['id', 'service_id', 'received_on', 'what_happened', 'would_like_to_happen'])
        .where('id', '>', after).where('received_on', '>=', filter.from).where('received_on', '<=', filter.to).orderBy('id').limit(size);
      if (ids) query = query.where('service_id', 'in', ids);
      const rows = await query.execute();
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const chunkIds = rows.map((r) => r.id);
      const [themes, categories] = await Promise.all([
        db.selectFrom('speak_up_themes').select(['concern_id', 'theme']).where('concern_id', 'in', chunkIds).execute(),
        db.selectFrom('speak_up_categories').select(['concern_id', 'category']).where('concern_id', 'in', chunkIds).execute(),
      ]);
      const themeMap = groupBy(themes, (t) => t.concern_id, (t) => t.theme);
      const categoryMap = groupBy(categories, (c) => c.concern_id, (c) => c.category);
      yield rows.map((r) => ({
        source: 'speak_up' as const, id: r.id, ref: null, serviceId: r.service_id, personId: null,
        date: r.received_on, text: join(r.what_happened, r.would_like_to_happen), factors: [],
        labels: [...(themeMap.get(r.id) ?? []), ...(categoryMap.get(r.id) ?? [])],
      }));
      if (rows.length < size) break;
    }
  }

  if (wanted.has('practice_review')) {
    for (let after = 0; ;) {
      let query = db.selectFrom('practice_reviews').select(['id', 'service_id', 'person_id', 'held_on', 'what_could_be_different'])
        .where('id', '>', after).where('held_on', '>=', filter.from).where('held_on', '<=', filter.to).orderBy('id').limit(size);
      if (ids) query = query.where('service_id', 'in', ids);
      if (filter.personId !== undefined) query = query.where('person_id', '=', filter.personId);
      const rows = await query.execute();
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const chunkIds = rows.map((r) => r.id);
      const [codes, recommendations] = await Promise.all([
        db.selectFrom('practice_review_factors').select(['review_id', 'factor']).where('review_id', 'in', chunkIds).execute(),
        db.selectFrom('practice_review_recommendations').select(['review_id', 'text']).where('review_id', 'in', chunkIds).orderBy('position').execute(),
      ]);
      const factors = groupBy(codes, (c) => c.review_id, (c) => c.factor);
      const recs = groupBy(recommendations, (c) => c.review_id, (c) => c.text);
      yield rows.map((r) => ({
        source: 'practice_review' as const, id: r.id, ref: null, serviceId: r.service_id, personId: r.person_id,
        date: r.held_on.slice(0, 10), text: join(r.what_could_be_different, ...(recs.get(r.id) ?? [])), factors: factors.get(r.id) ?? [], labels: [],
      }));
      if (rows.length < size) break;
    }
  }
}
