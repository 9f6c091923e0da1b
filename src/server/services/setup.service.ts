import type { Database } from '../../db/connection.js';
import { nowIso } from '../../db/connection.js';
import { appendAudit } from '../repositories/audit.repository.js';
import * as users from '../repositories/users.repository.js';
import { hashPassword, randomSecret } from './auth.service.js';
import { isUniqueViolation } from './structure.service.js';

/** Create an administrator from the command line (system context); also creates the organisation if there is none. */
export async function createFirstAdmin(database: Database, email: string, name: string, password?: string) {
  const isGenerated = !password;
  const secret = password ?? `${randomSecret().slice(0, 8)}-${randomSecret().slice(0, 8)}-${randomSecret().slice(0, 8)}`;
  if (secret.length < 12) throw new Error('The password must have at least 12 characters.');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error('That is not an email address.');
  const passwordHash = await hashPassword(secret);
  try {
    await database.db.transaction().execute(async (trx) => {
      const org = await trx.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
      if (!org) await trx.insertInto('organisation').values({ name: 'My organisation', is_demo: 0, created_at: nowIso() }).execute();
      const id = await users.insertUser(trx, {
        email, name, role: 'admin', password_hash: passwordHash, all_services: 1, commissioner_id: null, staff_id: null,
        disabled: 0, created_at: nowIso(), last_sign_in_at: null,
      });
      await appendAudit(trx, { at: nowIso(), actorUserId: null, actorName: 'command line', action: 'create', entityKind: 'user', entityId: String(id), ip: null, summary: 'administrator' });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Error(`An account with the email ${email} already exists.`);
    throw error;
  }
  return { password: secret, isGenerated };
}
