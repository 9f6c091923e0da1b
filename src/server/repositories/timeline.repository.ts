import { sql, type Expression, type SqlBool } from 'kysely';
import type { DialectName, Executor } from '../../db/connection.js';
import { compareNewestFirst, type TimelineCursor, type TimelineSource } from '../../domain/timeline.js';
import { scopedIds } from './organisation.repository.js';

type Scope = 'all' | readonly number[];

/** Which events to read: about a person or at a service, within the caller's scope, optionally matching words. */
export interface EventFilter {
  scope: Scope;
  personId?: number;
  serviceId?: number;
  /** Inclusive lower bound, an ISO instant. */
  fromAt?: string;
  /** Exclusive upper bound, an ISO instant. */
  beforeAt?: string;
  /** Every word must appear (case-insensitively) in one of the source's searchable text columns (a reference counts as text). */
  words?: readonly string[];
  cursor?: TimelineCursor;
  limit: number;
}

/** One event in the common shape every source is read into. */
export interface EventRow {
  source: TimelineSource;
  id: number;
  at: string;
  service_id: number;
  service_name: string;
  /** The complaint kind (complaint, feedback, compliment); the source name otherwise. */
  kind: string;
  /** A short label from the record: the incident's location, the complaint's subject. */
  label: string;
  narrative: string;
  status: string;
  harm_physical: string | null;
  harm_psychological: string | null;
}

/** Escape LIKE wildcards so a search for "50%" or "a_b" matches those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Case-insensitive substring match, the one dialect difference of search:
 * `column ILIKE '%word%' ESCAPE '\'` on PostgreSQL, `column LIKE '%word%' ESCAPE '\'` on SQLite
 * (whose LIKE ignores case for ASCII letters).
 */
export function containsText(dialect: DialectName, column: string, word: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(word)}%`;
  return dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** Every word in at least one of the columns. */
function matchesWords(dialect: DialectName, columns: readonly string[], words: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(words.map((w) => sql`(${sql.join(columns.map((c) => containsText(dialect, c, w)), sql` or `)})`), sql` and `)})`;
}

/**
 * Rows strictly after the cursor in the order (at desc, source desc, id desc). Within one source the source is a
 * constant, so the condition reduces to a range on (at, id), which the (person or service, time) indexes serve.
 */
function afterCursor(source: TimelineSource, at: Expression<string>, idColumn: string, cursor: TimelineCursor): Expression<SqlBool> {
  if (source < cursor.source) return sql<SqlBool>`${at} <= ${cursor.at}`;
  if (source > cursor.source) return sql<SqlBool>`${at} < ${cursor.at}`;
  // Written with a plain upper bound on time first, so that both planners can use it as an index range.
  return sql<SqlBool>`(${at} <= ${cursor.at} and (${at} < ${cursor.at} or ${sql.ref(idColumn)} < ${cursor.id}))`;
}

/** Conditions common to every source, given its service, time and id columns and its searchable text. */
function commonConditions(
  dialect: DialectName, source: TimelineSource, f: EventFilter,
  columns: { service: string; at: string | Expression<string>; id: string; text: readonly string[] },
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  const at: Expression<string> = typeof columns.at === 'string' ? sql<string>`${sql.ref(columns.at)}` : columns.at;
  const ids = scopedIds(f.scope);
  if (ids) conditions.push(sql<SqlBool>`${sql.ref(columns.service)} in (${sql.join(ids)})`);
  if (f.serviceId !== undefined) conditions.push(sql<SqlBool>`${sql.ref(columns.service)} = ${f.serviceId}`);
  if (f.fromAt) conditions.push(sql<SqlBool>`${at} >= ${f.fromAt}`);
  if (f.beforeAt) conditions.push(sql<SqlBool>`${at} < ${f.beforeAt}`);
  if (f.words?.length) conditions.push(matchesWords(dialect, columns.text, f.words));
  if (f.cursor) conditions.push(afterCursor(source, at, columns.id, f.cursor));
  return conditions;
}

/**
 * Reviews and restrictions are dated by day; on a timeline a day starts at midnight UTC, so they sort and compare
 * with timestamped records as `YYYY-MM-DDT00:00:00.000Z`. Their per-person volumes are small, so the expression
 * costs nothing that an index would save.
 */
const dayStart = (column: string) => sql<string>`(${sql.ref(column)} || 'T00:00:00.000Z')`;

type SourceQuery = (db: Executor, dialect: DialectName, f: EventFilter) => Promise<EventRow[]>;

// One query per source, each newest first and limited to the page size plus one, so a page never loads a
// person's whole history; the pages are merged in `listEvents`. Speak-up reports have no query here, by design.
const sourceQueries: Record<TimelineSource, SourceQuery> = {
  incident: async (db, dialect, f) => {
    // The page's ids first, then their columns: a busy person has hundreds of incidents, and sorting just (time, id)
    // rather than whole rows with their narratives takes a page from about 1.3 ms to 0.4 ms of SQLite's time.
    let page = db.selectFrom('incidents').select('incidents.id');
    if (f.personId !== undefined) {
      page = page.innerJoin('incident_people', 'incident_people.incident_id', 'incidents.id').where('incident_people.person_id', '=', f.personId);
    }
    const conditions = commonConditions(dialect, 'incident', f, {
      service: 'incidents.service_id', at: 'incidents.occurred_at', id: 'incidents.id',
      text: ['incidents.ref', 'incidents.narrative', 'incidents.antecedent', 'incidents.behaviour', 'incidents.consequence', 'incidents.location'],
    });
    page = page.where((eb) => eb.and(conditions)).orderBy('incidents.occurred_at', 'desc').orderBy('incidents.id', 'desc').limit(f.limit + 1);
    const rows = await db.selectFrom('incidents').innerJoin('services', 'services.id', 'incidents.service_id')
      .where('incidents.id', 'in', page)
      .select([
        'incidents.id', 'incidents.occurred_at as at', 'incidents.service_id', 'services.name as service_name', 'incidents.location as label',
        'incidents.narrative', 'incidents.status', 'incidents.harm_physical', 'incidents.harm_psychological',
      ])
      .orderBy('incidents.occurred_at', 'desc').orderBy('incidents.id', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, source: 'incident' as const, kind: 'incident' }));
  },

  safeguarding: async (db, dialect, f) => {
    let query = db.selectFrom('safeguarding_concerns').innerJoin('services', 'services.id', 'safeguarding_concerns.service_id');
    if (f.personId !== undefined) query = query.where('safeguarding_concerns.person_id', '=', f.personId);
    const conditions = commonConditions(dialect, 'safeguarding', f, {
      service: 'safeguarding_concerns.service_id', at: 'safeguarding_concerns.raised_at', id: 'safeguarding_concerns.id',
      text: ['safeguarding_concerns.narrative'],
    });
    const rows = await query
      .where((eb) => eb.and(conditions))
      .select([
        'safeguarding_concerns.id', 'safeguarding_concerns.raised_at as at', 'safeguarding_concerns.service_id', 'services.name as service_name',
        'safeguarding_concerns.source_of_risk as label', 'safeguarding_concerns.narrative', 'safeguarding_concerns.status',
      ])
      .orderBy('safeguarding_concerns.raised_at', 'desc').orderBy('safeguarding_concerns.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    return rows.map((r) => ({ ...r, source: 'safeguarding' as const, kind: 'safeguarding', harm_physical: null, harm_psychological: null }));
  },

  complaint: async (db, dialect, f) => {
    let query = db.selectFrom('complaints').innerJoin('services', 'services.id', 'complaints.service_id');
    if (f.personId !== undefined) query = query.where('complaints.person_id', '=', f.personId);
    const conditions = commonConditions(dialect, 'complaint', f, {
      service: 'complaints.service_id', at: 'complaints.received_at', id: 'complaints.id',
      text: ['complaints.ref', 'complaints.subject', 'complaints.narrative'],
    });
    const rows = await query
      .where((eb) => eb.and(conditions))
      .select([
        'complaints.id', 'complaints.received_at as at', 'complaints.service_id', 'services.name as service_name', 'complaints.kind',
        'complaints.subject as label', 'complaints.narrative', 'complaints.outcome', 'complaints.acknowledged_at', 'complaints.responded_at',
      ])
      .orderBy('complaints.received_at', 'desc').orderBy('complaints.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    return rows.map(({ outcome, acknowledged_at, responded_at, ...r }) => ({
      ...r, source: 'complaint' as const, harm_physical: null, harm_psychological: null,
      // Complaints keep dates rather than a status; the timeline shows where each has got to.
      status: responded_at ? (outcome ?? 'responded') : acknowledged_at ? 'acknowledged' : 'received',
    }));
  },

  review: async (db, dialect, f) => {
    let query = db.selectFrom('practice_reviews').innerJoin('services', 'services.id', 'practice_reviews.service_id');
    if (f.personId !== undefined) query = query.where('practice_reviews.person_id', '=', f.personId);
    const conditions = commonConditions(dialect, 'review', f, {
      service: 'practice_reviews.service_id', at: dayStart('practice_reviews.held_on'), id: 'practice_reviews.id',
      text: ['practice_reviews.what_could_be_different'],
    });
    const rows = await query
      .where((eb) => eb.and(conditions))
      .select([
        'practice_reviews.id', dayStart('practice_reviews.held_on').as('at'), 'practice_reviews.service_id', 'services.name as service_name',
        'practice_reviews.kind', 'practice_reviews.what_could_be_different as narrative',
      ])
      .orderBy('practice_reviews.held_on', 'desc').orderBy('practice_reviews.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    return rows.map((r) => ({ ...r, source: 'review' as const, label: r.kind, status: 'held', harm_physical: null, harm_psychological: null }));
  },

  restriction: async (db, dialect, f) => {
    let query = db.selectFrom('restrictions').innerJoin('services', 'services.id', 'restrictions.service_id');
    // A person's timeline shows restrictions on them; blanket restrictions (no person) appear in the service log.
    if (f.personId !== undefined) query = query.where('restrictions.person_id', '=', f.personId);
    const conditions = commonConditions(dialect, 'restriction', f, {
      service: 'restrictions.service_id', at: dayStart('restrictions.started_on'), id: 'restrictions.id',
      text: ['restrictions.description', 'restrictions.alternatives_considered'],
    });
    const rows = await query
      .where((eb) => eb.and(conditions))
      .select([
        'restrictions.id', dayStart('restrictions.started_on').as('at'), 'restrictions.service_id', 'services.name as service_name',
        'restrictions.category as label', 'restrictions.description as narrative', 'restrictions.status',
      ])
      .orderBy('restrictions.started_on', 'desc').orderBy('restrictions.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    return rows.map((r) => ({ ...r, source: 'restriction' as const, kind: 'restriction', harm_physical: null, harm_psychological: null }));
  },
};

/**
 * A page of events from the given sources, newest first, and whether more follow. Each source is read with the
 * same limit (plus one) and the results merged, so the work is bounded by the page size, not by the history.
 */
export async function listEvents(db: Executor, dialect: DialectName, sources: readonly TimelineSource[], f: EventFilter) {
  const perSource: EventRow[][] = [];
  // Sequential on purpose: inside a transaction there is one connection, and SQLite is synchronous anyway.
  for (const source of sources) perSource.push(await sourceQueries[source](db, dialect, f));
  const merged = perSource.flat().sort(compareNewestFirst);
  return { rows: merged.slice(0, f.limit), hasMore: merged.length > f.limit };
}
