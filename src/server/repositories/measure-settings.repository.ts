import { sql } from 'kysely';
import type { ExpressionBuilder, Insertable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { DB, MeasureAnnotationTable } from '../../db/types.js';

// Targets and chart annotations per measure and scope, and the restrictions register read as month-end stocks.

export async function targetsOf(db: Executor, scope: string, measureKeys?: readonly string[]) {
  let q = db.selectFrom('measure_targets').select(['measure_key', 'target']).where('scope', '=', scope);
  if (measureKeys) q = q.where('measure_key', 'in', [...measureKeys]);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.measure_key, Number(r.target)]));
}

/** Every stored target. */
export async function allTargets(db: Executor) {
  return db.selectFrom('measure_targets').select(['measure_key', 'scope', 'target']).orderBy('measure_key').orderBy('scope').execute();
}

export async function setTarget(db: Executor, row: { measure_key: string; scope: string; target: number; set_by_user_id: number | null; set_by_name: string; set_at: string }) {
  await db.insertInto('measure_targets').values(row)
    .onConflict((oc) => oc.columns(['measure_key', 'scope']).doUpdateSet({
      target: row.target, set_by_user_id: row.set_by_user_id, set_by_name: row.set_by_name, set_at: row.set_at,
    }))
    .execute();
}

/** Remove a target; whether there was one. */
export async function clearTarget(db: Executor, measureKey: string, scope: string): Promise<boolean> {
  const result = await db.deleteFrom('measure_targets').where('measure_key', '=', measureKey).where('scope', '=', scope).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

const annotationColumns = ['id', 'measure_key', 'period', 'kind', 'label', 'link_kind', 'link_id', 'created_by_name', 'created_at'] as const;

/** Annotations of a scope between two months (inclusive), for one measure or all of them, in month order. */
export async function annotationsOf(db: Executor, scope: string, from: string, to: string, measureKey?: string) {
  let q = db.selectFrom('measure_annotations').select(annotationColumns)
    .where('scope', '=', scope).where('period', '>=', from).where('period', '<=', to);
  if (measureKey) q = q.where('measure_key', '=', measureKey);
  return q.orderBy('period').orderBy('id').execute();
}

export async function getAnnotation(db: Executor, id: number) {
  return db.selectFrom('measure_annotations').select([...annotationColumns, 'scope']).where('id', '=', id).executeTakeFirst();
}

export async function insertAnnotation(db: Executor, row: Insertable<MeasureAnnotationTable>): Promise<number> {
  const { id } = await db.insertInto('measure_annotations').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Remove the markers an action placed (a fresh evaluation replaces its marker). */
export async function deleteActionMarkers(db: Executor, actionId: number) {
  await db.deleteFrom('measure_annotations').where('link_kind', '=', 'action').where('link_id', '=', actionId).execute();
}

export async function deleteAnnotation(db: Executor, id: number) {
  await db.deleteFrom('measure_annotations').where('id', '=', id).execute();
}

/** Which restrictions a stock measure counts: every one, those at some services, or a person's own and their service's blanket ones. */
export type RestrictionScope =
  | { type: 'all' }
  | { type: 'services'; ids: readonly number[] }
  | { type: 'region'; id: number }
  | { type: 'person'; id: number; serviceId: number };

export interface MonthEnd {
  period: string;
  /** The last day of the month, YYYY-MM-DD. */
  lastDay: string;
  /** The instant the next day starts in England (ISO, UTC): history written at or after it came after the month ended. */
  after: string;
}

/**
 * Restrictions in place on each month's last day, and how many of them were past their review date then. Two indexed
 * reads of the register for the scope (the restrictions that overlap the months, and their review-date changes made
 * after the first month ended), then a walk over months in memory: the register is small beside the events (thousands of
 * rows), and a correlated lookup per month and restriction in SQL cost far more on SQLite.
 *
 * The review date in force on a day is the `from` value of the first review-date change made after that day ended in
 * England, or the current review date when it has not changed since.
 */
export async function restrictionStocks(db: Executor, months: readonly MonthEnd[], scope: RestrictionScope) {
  if (!months.length) return [];
  if (scope.type === 'services' && !scope.ids.length) return [];
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const inScope = (eb: ExpressionBuilder<DB, 'restrictions'>) => {
    switch (scope.type) {
      case 'all': return sql<boolean>`1 = 1`;
      case 'services': return eb('restrictions.service_id', 'in', [...scope.ids]);
      case 'region': return eb('restrictions.service_id', 'in', eb.selectFrom('services').select('services.id').where('services.region_id', '=', scope.id));
      case 'person': return eb.or([
        eb('restrictions.person_id', '=', scope.id),
        eb.and([eb('restrictions.person_id', 'is', null), eb('restrictions.service_id', '=', scope.serviceId)]),
      ]);
    }
  };
  const overlapping = (eb: ExpressionBuilder<DB, 'restrictions'>) => eb.and([
    inScope(eb),
    eb('restrictions.started_on', '<=', last.lastDay),
    eb.or([eb('restrictions.ended_on', 'is', null), eb('restrictions.ended_on', '>', first.lastDay)]),
  ]);
  const [restrictions, changes] = await Promise.all([
    db.selectFrom('restrictions').select(['id', 'started_on', 'ended_on', 'review_due_on']).where(overlapping).execute(),
    db.selectFrom('restriction_history').innerJoin('restrictions', 'restrictions.id', 'restriction_history.restriction_id')
      .select(['restriction_history.restriction_id', 'restriction_history.from_value'])
      .where('restriction_history.field', '=', 'reviewDueOn').where('restriction_history.at', '>=', first.after).where(overlapping)
      .orderBy('restriction_history.restriction_id').orderBy('restriction_history.at').orderBy('restriction_history.id')
      .select('restriction_history.at')
      .execute(),
  ]);
  const changesOf = new Map<number, { at: string; from: string | null }[]>();
  for (const c of changes) {
    const list = changesOf.get(c.restriction_id) ?? [];
    list.push({ at: c.at, from: c.from_value });
    changesOf.set(c.restriction_id, list);
  }
  const active = new Array<number>(months.length).fill(0);
  const overdue = new Array<number>(months.length).fill(0);
  for (const r of restrictions) {
    const list = changesOf.get(r.id) ?? [];
    let next = 0;
    for (let i = 0; i < months.length; i++) {
      const m = months[i]!;
      if (r.started_on > m.lastDay || (r.ended_on !== null && r.ended_on <= m.lastDay)) continue;
      while (next < list.length && list[next]!.at < m.after) next++;
      const due = next < list.length ? (list[next]!.from ?? r.review_due_on) : r.review_due_on;
      active[i]! += 1;
      if (due < m.lastDay) overdue[i]! += 1;
    }
  }
  return months.map((m, i) => ({ period: m.period, active: active[i]!, overdue: overdue[i]! }));
}
