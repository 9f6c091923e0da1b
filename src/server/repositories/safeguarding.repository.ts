import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DialectName, Executor } from '../../db/connection.js';
import type {
  SafeguardingConcernTable, SafeguardingDecisionTable, SafeguardingTimescaleTable,
} from '../../db/types.js';
import { scopedIds } from './organisation.repository.js';

type Scope = 'all' | readonly number[];

export type ConcernRow = Selectable<SafeguardingConcernTable> & { service_name: string; person_name: string; la_name: string | null };
export type DecisionRow = Selectable<SafeguardingDecisionTable>;
export type TimescaleRow = Selectable<SafeguardingTimescaleTable>;

function concernQuery(db: Executor) {
  return db
    .selectFrom('safeguarding_concerns')
    .innerJoin('services', 'services.id', 'safeguarding_concerns.service_id')
    .innerJoin('people', 'people.id', 'safeguarding_concerns.person_id')
    .leftJoin('commissioners', 'commissioners.id', 'safeguarding_concerns.local_authority_id');
}

const extraColumns = ['services.name as service_name', 'people.display_name as person_name', 'commissioners.name as la_name'] as const;

/** One concern with its service, person and local authority names; `lock` holds the row until commit (PostgreSQL). */
export async function getConcern(db: Executor, id: number, lock?: DialectName): Promise<ConcernRow | undefined> {
  let query = concernQuery(db).selectAll('safeguarding_concerns').select(extraColumns).where('safeguarding_concerns.id', '=', id);
  // SQLite has no row locks (a write transaction already excludes other writers); PostgreSQL needs FOR UPDATE.
  if (lock === 'postgres') query = query.forUpdate('safeguarding_concerns');
  return query.executeTakeFirst();
}

export interface ConcernFilter {
  scope: Scope;
  serviceId?: number;
  personId?: number;
  status?: string;
  /** Only concerns with a timescale still running: not closed, or CQC still to be notified. */
  withOpenClock?: boolean;
}

function filtered(db: Executor, f: ConcernFilter) {
  let query = concernQuery(db);
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('safeguarding_concerns.service_id', 'in', ids);
  if (f.serviceId) query = query.where('safeguarding_concerns.service_id', '=', f.serviceId);
  if (f.personId) query = query.where('safeguarding_concerns.person_id', '=', f.personId);
  if (f.status) query = query.where('safeguarding_concerns.status', '=', f.status);
  if (f.withOpenClock) {
    query = query.where((eb) => eb.or([
      eb('safeguarding_concerns.closed_at', 'is', null),
      eb.and([eb('safeguarding_concerns.cqc_notification_required', '=', 1), eb('safeguarding_concerns.cqc_notified_at', 'is', null)]),
    ]));
  }
  return query;
}

/** A page of concerns, newest first, and how many match. */
export async function listConcerns(db: Executor, f: ConcernFilter & { limit: number; offset: number }) {
  const query = filtered(db, f);
  const [rows, count] = await Promise.all([
    query.selectAll('safeguarding_concerns').select(extraColumns)
      .orderBy('safeguarding_concerns.raised_at', 'desc').orderBy('safeguarding_concerns.id', 'desc')
      .limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ConcernRow[], total: Number(count.n) };
}

/** Every matching concern (for timescale checks, which need working-day arithmetic done outside SQL). */
export async function allConcerns(db: Executor, f: ConcernFilter): Promise<ConcernRow[]> {
  return filtered(db, f).selectAll('safeguarding_concerns').select(extraColumns)
    .orderBy('safeguarding_concerns.raised_at', 'desc').orderBy('safeguarding_concerns.id', 'desc').execute();
}

async function codesFor(db: Executor, table: 'safeguarding_concern_categories' | 'safeguarding_concern_factors', ids: readonly number[]) {
  const map = new Map<number, string[]>();
  if (!ids.length) return map;
  const rows = table === 'safeguarding_concern_categories'
    ? await db.selectFrom(table).select(['concern_id', 'category as code']).where('concern_id', 'in', [...new Set(ids)]).orderBy('category').execute()
    : await db.selectFrom(table).select(['concern_id', 'factor as code']).where('concern_id', 'in', [...new Set(ids)]).orderBy('factor').execute();
  for (const r of rows) map.set(r.concern_id, [...(map.get(r.concern_id) ?? []), r.code]);
  return map;
}

/** Abuse categories of each concern, in code order. */
export const categoriesFor = (db: Executor, ids: readonly number[]) => codesFor(db, 'safeguarding_concern_categories', ids);
/** Contributory factors (YCFF) of each concern, in code order. */
export const factorsFor = (db: Executor, ids: readonly number[]) => codesFor(db, 'safeguarding_concern_factors', ids);

export async function insertConcern(db: Executor, row: Insertable<SafeguardingConcernTable>): Promise<number> {
  const { id } = await db.insertInto('safeguarding_concerns').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateConcern(db: Executor, id: number, changes: Updateable<SafeguardingConcernTable>): Promise<void> {
  await db.updateTable('safeguarding_concerns').set(changes).where('id', '=', id).execute();
}

export async function setCategories(db: Executor, concernId: number, categories: readonly string[]): Promise<void> {
  await db.deleteFrom('safeguarding_concern_categories').where('concern_id', '=', concernId).execute();
  if (categories.length) {
    await db.insertInto('safeguarding_concern_categories').values(categories.map((category) => ({ concern_id: concernId, category }))).execute();
  }
}

export async function setFactors(db: Executor, concernId: number, factors: readonly string[]): Promise<void> {
  await db.deleteFrom('safeguarding_concern_factors').where('concern_id', '=', concernId).execute();
  if (factors.length) {
    await db.insertInto('safeguarding_concern_factors').values(factors.map((factor) => ({ concern_id: concernId, factor }))).execute();
  }
}

/** Append to a concern's decision log (the table refuses updates and deletes). */
export async function appendDecision(db: Executor, entry: Insertable<SafeguardingDecisionTable>): Promise<number> {
  const { id } = await db.insertInto('safeguarding_decisions').values(entry).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A concern's decision log, oldest first. */
export async function listDecisions(db: Executor, concernId: number): Promise<DecisionRow[]> {
  return db.selectFrom('safeguarding_decisions').selectAll().where('concern_id', '=', concernId).orderBy('id').execute();
}

export async function getDecision(db: Executor, id: number): Promise<DecisionRow | undefined> {
  return db.selectFrom('safeguarding_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The timescales each local authority has set, by local authority id. */
export async function timescaleSettings(db: Executor): Promise<Map<number, TimescaleRow>> {
  const rows = await db.selectFrom('safeguarding_timescales').selectAll().execute();
  return new Map(rows.map((r) => [r.local_authority_id, r]));
}

export async function upsertTimescales(db: Executor, row: Insertable<SafeguardingTimescaleTable>): Promise<void> {
  await db
    .insertInto('safeguarding_timescales')
    .values(row)
    .onConflict((oc) => oc.column('local_authority_id').doUpdateSet({
      referral_working_days: row.referral_working_days,
      cqc_notification_hours: row.cqc_notification_hours,
      enquiry_working_days: row.enquiry_working_days,
      updated_at: row.updated_at,
      updated_by: row.updated_by ?? null,
    }))
    .execute();
}

/** Local authorities (commissioners) with any timescales they have set. */
export async function localAuthoritiesWithTimescales(db: Executor) {
  return db
    .selectFrom('commissioners')
    .leftJoin('safeguarding_timescales', 'safeguarding_timescales.local_authority_id', 'commissioners.id')
    .select([
      'commissioners.id', 'commissioners.name', 'safeguarding_timescales.referral_working_days',
      'safeguarding_timescales.cqc_notification_hours', 'safeguarding_timescales.enquiry_working_days',
    ])
    .orderBy('commissioners.name')
    .execute();
}

export async function getCommissioner(db: Executor, id: number) {
  return db.selectFrom('commissioners').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The commissioners of a service, by name. */
export async function commissionersOfService(db: Executor, serviceId: number) {
  return db
    .selectFrom('service_commissioners')
    .innerJoin('commissioners', 'commissioners.id', 'service_commissioners.commissioner_id')
    .select(['commissioners.id', 'commissioners.name'])
    .where('service_commissioners.service_id', '=', serviceId)
    .orderBy('commissioners.name')
    .execute();
}

export async function getPersonService(db: Executor, personId: number) {
  return db.selectFrom('people').select(['id', 'service_id']).where('id', '=', personId).executeTakeFirst();
}

export async function serviceExists(db: Executor, serviceId: number): Promise<boolean> {
  return (await db.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst()) !== undefined;
}
