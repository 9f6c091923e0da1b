import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { RecordLinkTable } from '../../db/types.js';
import { timelineSources, type RecordRef, type TimelineSource } from '../../domain/timeline.js';

/** The table holding each linkable source's records; extend with the source list in domain/timeline.ts. */
const sourceTables = {
  incident: 'incidents',
  safeguarding: 'safeguarding_concerns',
  complaint: 'complaints',
  review: 'practice_reviews',
  restriction: 'restrictions',
} as const satisfies Record<TimelineSource, string>;

export const refKey = (ref: { source: string; id: number }) => `${ref.source}:${ref.id}`;

/** The service each existing record belongs to, keyed by `source:id`; missing records are absent. */
export async function recordServices(db: Executor, refs: readonly RecordRef[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const source of timelineSources) {
    const ids = [...new Set(refs.filter((r) => r.source === source).map((r) => r.id))];
    if (!ids.length) continue;
    const rows = await db.selectFrom(sourceTables[source]).select(['id', 'service_id']).where('id', 'in', ids).execute();
    for (const row of rows) found.set(refKey({ source, id: row.id }), row.service_id);
  }
  return found;
}

export async function insertLink(db: Executor, row: Insertable<RecordLinkTable>): Promise<number> {
  const { id } = await db.insertInto('record_links').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function getLink(db: Executor, id: number) {
  return db.selectFrom('record_links').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteLink(db: Executor, id: number) {
  await db.deleteFrom('record_links').where('id', '=', id).execute();
}

/** Whether two records are already linked, in either direction. */
export async function linkBetween(db: Executor, a: RecordRef, b: RecordRef) {
  return db.selectFrom('record_links').select('id')
    .where((eb) => eb.or([
      eb.and([eb('from_source', '=', a.source), eb('from_id', '=', a.id), eb('to_source', '=', b.source), eb('to_id', '=', b.id)]),
      eb.and([eb('from_source', '=', b.source), eb('from_id', '=', b.id), eb('to_source', '=', a.source), eb('to_id', '=', a.id)]),
    ]))
    .executeTakeFirst();
}

/** Every link touching any of the records, from either end; one query, served by the two end indexes. */
export async function linksTouching(db: Executor, refs: readonly RecordRef[]) {
  if (!refs.length) return [];
  const bySource = timelineSources
    .map((source) => ({ source, ids: [...new Set(refs.filter((r) => r.source === source).map((r) => r.id))] }))
    .filter((g) => g.ids.length);
  const end = (side: 'from' | 'to') =>
    sql<SqlBool>`(${sql.join(bySource.map((g) => sql`(${sql.ref(`${side}_source`)} = ${g.source} and ${sql.ref(`${side}_id`)} in (${sql.join(g.ids)}))`), sql` or `)})`;
  return db.selectFrom('record_links').selectAll()
    .where((eb) => eb.or([end('from'), end('to')]))
    .orderBy('id')
    .execute();
}
export type LinkRow = Awaited<ReturnType<typeof linksTouching>>[number];
