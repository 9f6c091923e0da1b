import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { RestrictionChallengeTable, RestrictionHistoryTable, RestrictionTable } from '../../db/types.js';
import { bulkInsert } from './bulk.repository.js';
import { scopedIds } from './organisation.repository.js';

type Scope = 'all' | readonly number[];

export async function insertRestriction(db: Executor, row: Insertable<RestrictionTable>): Promise<number> {
  const { id } = await db.insertInto('restrictions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateRestriction(db: Executor, id: number, set: Updateable<RestrictionTable>) {
  await db.updateTable('restrictions').set(set).where('id', '=', id).execute();
}

/** Append to a restriction's history; rows are never changed afterwards. */
export async function appendHistory(db: Executor, rows: Insertable<RestrictionHistoryTable>[]) {
  await bulkInsert(db, 'restriction_history', rows);
}

export async function historyOf(db: Executor, restrictionId: number) {
  return db.selectFrom('restriction_history').select(['at', 'actor_name', 'field', 'from_value', 'to_value', 'reason'])
    .where('restriction_id', '=', restrictionId).orderBy('id').execute();
}

const restrictionColumns = [
  'restrictions.id', 'restrictions.service_id', 'services.name as service_name', 'restrictions.person_id', 'people.display_name as person_name',
  'restrictions.category', 'restrictions.description', 'restrictions.legal_basis', 'restrictions.alternatives_considered',
  'restrictions.started_on', 'restrictions.review_due_on', 'restrictions.reduction_plan', 'restrictions.reduction_target_on',
  'restrictions.status', 'restrictions.ended_on', 'users.name as recorded_by', 'restrictions.created_at', 'restrictions.updated_at',
] as const;

export interface RestrictionFilter {
  scope: Scope;
  ids?: number[];
  serviceId?: number;
  personId?: number;
  status?: string;
  category?: string;
  isBlanket?: boolean;
  /** Overdue means due before `today` and not ended (see isReviewOverdue in the domain). */
  overdue?: { isOverdue: boolean; today: string };
  limit: number;
  offset: number;
}

/** Restrictions in the register, those in place first, soonest review first; two queries whatever the page size. */
export async function listRestrictions(db: Executor, f: RestrictionFilter) {
  let query = db.selectFrom('restrictions')
    .innerJoin('services', 'services.id', 'restrictions.service_id')
    .leftJoin('people', 'people.id', 'restrictions.person_id')
    .leftJoin('users', 'users.id', 'restrictions.created_by_user_id');
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('restrictions.service_id', 'in', ids);
  if (f.ids) query = query.where('restrictions.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.serviceId) query = query.where('restrictions.service_id', '=', f.serviceId);
  if (f.personId) query = query.where('restrictions.person_id', '=', f.personId);
  if (f.status) query = query.where('restrictions.status', '=', f.status);
  if (f.category) query = query.where('restrictions.category', '=', f.category);
  if (f.isBlanket !== undefined) query = query.where('restrictions.person_id', f.isBlanket ? 'is' : 'is not', null);
  if (f.overdue) {
    const { isOverdue, today } = f.overdue;
    query = query.where((eb) => isOverdue
      ? eb.and([eb('restrictions.review_due_on', '<', today), eb('restrictions.status', '!=', 'ended')])
      : eb.or([eb('restrictions.review_due_on', '>=', today), eb('restrictions.status', '=', 'ended')]));
  }
  const [rows, count] = await Promise.all([
    query.select(restrictionColumns)
      // An ended restriction's review date is long past, and it has nothing to review: after those still in place.
      .orderBy(sql`case when restrictions.status = 'ended' then 1 else 0 end`).orderBy('restrictions.review_due_on').orderBy('restrictions.id')
      .limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type RestrictionRow = Awaited<ReturnType<typeof listRestrictions>>['rows'][number];

/** Where restrictions belong: their service and person (none for a blanket restriction). */
export async function restrictionOwners(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('restrictions').select(['id', 'service_id', 'person_id', 'status']).where('id', 'in', [...new Set(ids)]).execute();
}

export async function insertChallenge(db: Executor, row: Insertable<RestrictionChallengeTable>): Promise<number> {
  const { id } = await db.insertInto('restriction_challenges').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateChallenge(db: Executor, id: number, set: Updateable<RestrictionChallengeTable>) {
  await db.updateTable('restriction_challenges').set(set).where('id', '=', id).execute();
}

const challengeColumns = [
  'restriction_challenges.id', 'restriction_challenges.kind', 'restriction_challenges.service_id', 'services.name as service_name',
  'restriction_challenges.restriction_id', 'restrictions.category as restriction_category', 'restrictions.description as restriction_description',
  'restriction_challenges.text', 'restriction_challenges.raised_by_user_id', 'restriction_challenges.raised_by_name', 'restriction_challenges.raised_at',
  'restriction_challenges.status', 'restriction_challenges.outcome', 'restriction_challenges.response', 'restriction_challenges.responded_by_name',
  'restriction_challenges.responded_at',
] as const;

export interface ChallengeFilter {
  /** null when the caller is reading only their own challenges, wherever they were raised. */
  scope: Scope | null;
  ids?: number[];
  raisedByUserId?: number;
  restrictionId?: number;
  serviceId?: number;
  status?: string;
  limit: number;
  offset: number;
}

/** Challenges, oldest open first as a queue is worked; two queries whatever the page size. */
export async function listChallenges(db: Executor, f: ChallengeFilter) {
  let query = db.selectFrom('restriction_challenges')
    .innerJoin('services', 'services.id', 'restriction_challenges.service_id')
    .leftJoin('restrictions', 'restrictions.id', 'restriction_challenges.restriction_id');
  const ids = f.scope ? scopedIds(f.scope) : null;
  if (ids) query = query.where('restriction_challenges.service_id', 'in', ids);
  if (f.ids) query = query.where('restriction_challenges.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.raisedByUserId !== undefined) query = query.where('restriction_challenges.raised_by_user_id', '=', f.raisedByUserId);
  if (f.restrictionId) query = query.where('restriction_challenges.restriction_id', '=', f.restrictionId);
  if (f.serviceId) query = query.where('restriction_challenges.service_id', '=', f.serviceId);
  if (f.status) query = query.where('restriction_challenges.status', '=', f.status);
  const [rows, count] = await Promise.all([
    query.select(challengeColumns).orderBy('restriction_challenges.raised_at').orderBy('restriction_challenges.id').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type ChallengeRow = Awaited<ReturnType<typeof listChallenges>>['rows'][number];
