import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { ComplaintTable } from '../../db/types.js';
import { bulkInsert } from './bulk.repository.js';
import { scopedIds } from './organisation.repository.js';

export async function insertComplaint(db: Executor, row: Insertable<ComplaintTable>, themes: string[]): Promise<number> {
  const { id } = await db.insertInto('complaints').values(row).returning('id').executeTakeFirstOrThrow();
  await bulkInsert(db, 'complaint_themes', themes.map((theme) => ({ complaint_id: id, theme })));
  return id;
}

export async function replaceThemes(db: Executor, complaintId: number, themes: string[]) {
  await db.deleteFrom('complaint_themes').where('complaint_id', '=', complaintId).execute();
  await bulkInsert(db, 'complaint_themes', themes.map((theme) => ({ complaint_id: complaintId, theme })));
}

const columns = [
  'complaints.id', 'complaints.ref', 'complaints.kind', 'complaints.service_id', 'services.name as service_name', 'complaints.person_id',
  'people.display_name as person_name', 'complaints.received_at', 'complaints.raised_by', 'complaints.channel', 'complaints.subject',
  'complaints.narrative', 'complaints.outcome', 'complaints.acknowledged_at', 'complaints.responded_at', 'complaints.response_summary',
] as const;

export interface ComplaintFilter {
  scope: 'all' | readonly number[];
  serviceId?: number;
  personId?: number;
  kind?: string;
  isOpen?: boolean;
  from?: string;
  to?: string;
  ids?: number[];
  limit: number;
  offset: number;
}

/** Complaints with their themes, newest first; two queries whatever the page size. */
export async function listComplaints(db: Executor, f: ComplaintFilter) {
  let query = db.selectFrom('complaints')
    .innerJoin('services', 'services.id', 'complaints.service_id')
    .leftJoin('people', 'people.id', 'complaints.person_id');
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('complaints.service_id', 'in', ids);
  if (f.ids) query = query.where('complaints.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.serviceId) query = query.where('complaints.service_id', '=', f.serviceId);
  if (f.personId) query = query.where('complaints.person_id', '=', f.personId);
  if (f.kind) query = query.where('complaints.kind', '=', f.kind);
  if (f.isOpen !== undefined) query = query.where('complaints.responded_at', f.isOpen ? 'is' : 'is not', null);
  if (f.from) query = query.where('complaints.received_at', '>=', f.from);
  if (f.to) query = query.where('complaints.received_at', '<', f.to);
  const [rows, count] = await Promise.all([
    query.select(columns).orderBy('complaints.received_at', 'desc').orderBy('complaints.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const themes = rows.length
    ? await db.selectFrom('complaint_themes').select(['complaint_id', 'theme']).where('complaint_id', 'in', rows.map((r) => r.id)).orderBy('theme').execute()
    : [];
  return { rows: rows.map((r) => ({ ...r, themes: themes.filter((t) => t.complaint_id === r.id).map((t) => t.theme) })), total: count.n };
}
export type ComplaintRow = Awaited<ReturnType<typeof listComplaints>>['rows'][number];

/** Answered complaints, for rebuilding the rollups. */
export async function respondedComplaints(db: Executor) {
  return db.selectFrom('complaints').select(['service_id', 'person_id', 'kind', 'received_at', 'responded_at'])
    .where('kind', '=', 'complaint').where('responded_at', 'is not', null).execute();
}
