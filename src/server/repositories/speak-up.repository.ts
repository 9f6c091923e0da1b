import type { Executor } from '../../db/connection.js';
import type { SpeakUpMessageTable } from '../../db/types.js';

// Kysely only. Speak-up rows carry calendar dates, never times; see src/db/migrations/0004_speak_up.ts.

export interface NewConcern {
  id: number;
  mode: string;
  serviceId: number | null;
  whatHappened: string;
  raisedElsewhere: number | null;
  wouldLikeToHappen: string | null;
  reporterUserId: number | null;
  receiptKeyHash: string | null;
  receivedOn: string;
}

export async function insertConcern(db: Executor, c: NewConcern): Promise<void> {
  await db.insertInto('speak_up_concerns').values({
    id: c.id, mode: c.mode, status: 'received', service_id: c.serviceId, what_happened: c.whatHappened,
    raised_elsewhere: c.raisedElsewhere, would_like_to_happen: c.wouldLikeToHappen, outcome: null,
    reporter_user_id: c.reporterUserId, receipt_key_hash: c.receiptKeyHash, received_on: c.receivedOn,
  }).execute();
}

const concernColumns = [
  'speak_up_concerns.id', 'speak_up_concerns.mode', 'speak_up_concerns.status', 'speak_up_concerns.service_id',
  'services.name as service_name', 'speak_up_concerns.received_on', 'speak_up_concerns.outcome',
  'speak_up_concerns.message_count',
] as const;

/** One report with its service name and, for named and confidential reports, the reporter's account. */
export async function findConcern(db: Executor, id: number) {
  return db.selectFrom('speak_up_concerns')
    .leftJoin('services', 'services.id', 'speak_up_concerns.service_id')
    .leftJoin('users', 'users.id', 'speak_up_concerns.reporter_user_id')
    .select([
      ...concernColumns, 'speak_up_concerns.what_happened', 'speak_up_concerns.raised_elsewhere',
      'speak_up_concerns.would_like_to_happen', 'speak_up_concerns.reporter_user_id',
      'users.name as reporter_name', 'users.email as reporter_email',
    ])
    .where('speak_up_concerns.id', '=', id)
    .executeTakeFirst();
}
export type ConcernRow = NonNullable<Awaited<ReturnType<typeof findConcern>>>;

/** The report an anonymous receipt key belongs to: only what its holder may learn. */
export async function findConcernByKeyHash(db: Executor, keyHash: string) {
  return db.selectFrom('speak_up_concerns').select(['id', 'status', 'received_on', 'what_happened'])
    .where('receipt_key_hash', '=', keyHash)
    .where('mode', '=', 'anonymous')
    .executeTakeFirst();
}

export async function serviceExists(db: Executor, serviceId: number): Promise<boolean> {
  const row = await db.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst();
  return row !== undefined;
}

export interface ConcernFilter { status?: string; theme?: string; category?: string; mode?: string; limit: number; offset: number }

export async function listConcerns(db: Executor, f: ConcernFilter) {
  let query = db.selectFrom('speak_up_concerns').leftJoin('services', 'services.id', 'speak_up_concerns.service_id');
  if (f.status) query = query.where('speak_up_concerns.status', '=', f.status);
  if (f.mode) query = query.where('speak_up_concerns.mode', '=', f.mode);
  if (f.theme) {
    const theme = f.theme;
    query = query.where('speak_up_concerns.id', 'in', (eb) => eb.selectFrom('speak_up_themes').select('concern_id').where('theme', '=', theme));
  }
  if (f.category) {
    const category = f.category;
    query = query.where('speak_up_concerns.id', 'in', (eb) => eb.selectFrom('speak_up_categories').select('concern_id').where('category', '=', category));
  }
  const [rows, count] = await Promise.all([
    query.select(concernColumns)
      .orderBy('speak_up_concerns.received_on', 'desc').orderBy('speak_up_concerns.id')
      .limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
export type ConcernListRow = Awaited<ReturnType<typeof listConcerns>>['rows'][number];

/** Named and confidential reports raised by one user (anonymous reports have no user, so never appear). */
export async function listOwnConcerns(db: Executor, userId: number) {
  return db.selectFrom('speak_up_concerns')
    .leftJoin('services', 'services.id', 'speak_up_concerns.service_id')
    .select([...concernColumns, 'speak_up_concerns.what_happened'])
    .where('speak_up_concerns.reporter_user_id', '=', userId)
    .where('speak_up_concerns.mode', 'in', ['named', 'confidential'])
    .orderBy('speak_up_concerns.received_on', 'desc').orderBy('speak_up_concerns.id')
    .execute();
}

export interface Tags { themes: string[]; categories: string[] }

export async function tagsOf(db: Executor, ids: readonly number[]): Promise<Map<number, Tags>> {
  const map = new Map<number, Tags>(ids.map((id) => [id, { themes: [], categories: [] }]));
  if (!ids.length) return map;
  const [themes, categories] = await Promise.all([
    db.selectFrom('speak_up_themes').select(['concern_id', 'theme']).where('concern_id', 'in', [...ids]).orderBy('theme').execute(),
    db.selectFrom('speak_up_categories').select(['concern_id', 'category']).where('concern_id', 'in', [...ids]).orderBy('category').execute(),
  ]);
  for (const t of themes) map.get(t.concern_id)?.themes.push(t.theme);
  for (const c of categories) map.get(c.concern_id)?.categories.push(c.category);
  return map;
}

export async function replaceThemes(db: Executor, concernId: number, themes: readonly string[]) {
  await db.deleteFrom('speak_up_themes').where('concern_id', '=', concernId).execute();
  if (themes.length) await db.insertInto('speak_up_themes').values(themes.map((theme) => ({ concern_id: concernId, theme }))).execute();
}

export async function replaceCategories(db: Executor, concernId: number, categories: readonly string[]) {
  await db.deleteFrom('speak_up_categories').where('concern_id', '=', concernId).execute();
  if (categories.length) {
    await db.insertInto('speak_up_categories').values(categories.map((category) => ({ concern_id: concernId, category }))).execute();
  }
}

export async function updateConcern(db: Executor, id: number, set: { status?: string; outcome?: string | null }) {
  if (set.status === undefined && set.outcome === undefined) return;
  await db.updateTable('speak_up_concerns').set(set).where('id', '=', id).execute();
}

/** Threads of several reports, in order, with the replying guardian's name. */
export async function threadsOf(db: Executor, ids: readonly number[]) {
  const map = new Map<number, { author: 'reporter' | 'guardian'; author_name: string | null; body: string; written_on: string }[]>(
    ids.map((id) => [id, []]),
  );
  if (!ids.length) return map;
  const rows = await db.selectFrom('speak_up_messages')
    .leftJoin('users', 'users.id', 'speak_up_messages.author_user_id')
    .select(['speak_up_messages.concern_id', 'speak_up_messages.author', 'users.name as author_name', 'speak_up_messages.body', 'speak_up_messages.written_on'])
    .where('speak_up_messages.concern_id', 'in', [...ids])
    .orderBy('speak_up_messages.concern_id').orderBy('speak_up_messages.position')
    .execute();
  for (const r of rows) map.get(r.concern_id)?.push({ author: r.author, author_name: r.author_name, body: r.body, written_on: r.written_on });
  return map;
}

/** One report's messages, oldest first: who wrote each (reporter or guardian), the words and the day only, no names. */
export async function messagesOf(db: Executor, concernId: number) {
  return db.selectFrom('speak_up_messages').select(['author', 'body', 'written_on'])
    .where('concern_id', '=', concernId)
    .orderBy('position').execute();
}

/**
 * Add a message at the end of a thread. Taking the position by updating the report's counter locks the report's row
 * until commit, so two writers to one thread cannot take the same position.
 */
export async function appendMessage(db: Executor, m: Omit<SpeakUpMessageTable, 'position'>): Promise<number> {
  const { message_count: position } = await db.updateTable('speak_up_concerns')
    .set((eb) => ({ message_count: eb('message_count', '+', 1) }))
    .where('id', '=', m.concern_id)
    .returning('message_count')
    .executeTakeFirstOrThrow();
  await db.insertInto('speak_up_messages').values({ ...m, position }).execute();
  return position;
}

/** Forget wrong-key attempts older than the throttling window, so no trace of a mistyped key outlives its use. */
export async function pruneFailures(db: Executor, keyPrefix: string, before: string) {
  await db.deleteFrom('sign_in_failures').where('key', 'like', `${keyPrefix}%`).where('at', '<=', before).execute();
}
