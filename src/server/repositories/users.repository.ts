import type { Executor } from '../../db/connection.js';
import type { NewUserRow } from '../../db/types.js';

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: NewUserRow) {
  const { id } = await db.insertInto('users').values({ ...row, email: row.email.toLowerCase() }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setUserServices(db: Executor, userId: number, serviceIds: readonly number[]) {
  await db.deleteFrom('user_services').where('user_id', '=', userId).execute();
  if (serviceIds.length) {
    await db.insertInto('user_services')
      .values([...new Set(serviceIds)].map((service_id) => ({ user_id: userId, service_id })))
      .execute();
  }
}

/** The service ids a user may see: their listed services, or for a commissioner the services their body commissions. */
export async function scopedServiceIds(db: Executor, user: { id: number; role: string; commissioner_id: number | null }) {
  if (user.role === 'commissioner') {
    if (user.commissioner_id == null) return [];
    const rows = await db.selectFrom('service_commissioners').select('service_id')
      .where('commissioner_id', '=', user.commissioner_id).execute();
    return rows.map((r) => r.service_id);
  }
  const rows = await db.selectFrom('user_services').select('service_id').where('user_id', '=', user.id).execute();
  return rows.map((r) => r.service_id);
}

export async function listUsers(db: Executor, f: { q?: string; role?: string; limit: number; offset: number }) {
  let query = db.selectFrom('users');
  if (f.q) query = query.where((eb) => eb.or([eb('name', 'like', `%${f.q}%`), eb('email', 'like', `%${f.q}%`)]));
  if (f.role) query = query.where('role', '=', f.role);
  const [rows, count] = await Promise.all([
    query.select(['id', 'email', 'name', 'role', 'all_services', 'disabled', 'commissioner_id', 'last_sign_in_at'])
      .orderBy('name').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const services = await servicesOfUsers(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, services: services.get(r.id) ?? [] })), total: count.n };
}

export async function servicesOfUsers(db: Executor, userIds: number[]) {
  const map = new Map<number, { id: number; name: string }[]>();
  if (!userIds.length) return map;
  const rows = await db.selectFrom('user_services')
    .innerJoin('services', 'services.id', 'user_services.service_id')
    .select(['user_services.user_id', 'services.id', 'services.name'])
    .where('user_services.user_id', 'in', userIds)
    .orderBy('services.name')
    .execute();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push({ id: r.id, name: r.name });
    map.set(r.user_id, list);
  }
  return map;
}

export async function countUsers(db: Executor) {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

// Sessions and tokens: only hashes of the secrets are stored.

export async function insertSession(db: Executor, row: { id: string; user_id: number; csrf_token: string; created_at: string; expires_at: string }) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Executor, id: string, now: string) {
  return db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf_token', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.name',
      'users.role', 'users.all_services', 'users.commissioner_id', 'users.disabled'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function findApiToken(db: Executor, hash: string, now: string) {
  return db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'users.id as user_id', 'users.email', 'users.name', 'users.role', 'users.all_services',
      'users.commissioner_id', 'users.disabled'])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', now)
    .executeTakeFirst();
}

export async function countRecentFailures(db: Executor, key: string, since: string) {
  const row = await db.selectFrom('sign_in_failures').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key).where('at', '>', since).executeTakeFirstOrThrow();
  return row.n;
}

export async function recordFailures(db: Executor, keys: string[], at: string) {
  await db.insertInto('sign_in_failures').values(keys.map((key) => ({ key, at }))).execute();
}

export async function clearFailures(db: Executor, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
