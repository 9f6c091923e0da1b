import type { Database, Executor } from '../db/connection.js';
import type { TransactionOptions } from '../db/group-commit.js';
import { nowIso } from '../db/connection.js';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import { appendAudit } from './repositories/audit.repository.js';
import type { AnyActor } from './policies/actor.js';

/** Everything a use-case needs to know about the request: the store, who is asking, from where. */
export interface Context {
  database: Database;
  actor: AnyActor;
  ip: string | null;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'read' | 'list' | 'sign_in' | 'sign_out' | 'export';

export interface AuditNote {
  action: AuditAction;
  kind: string;
  id?: number | string | null;
  summary?: string;
}

/** Write an audit entry for the actor, inside the given transaction. */
export function audit(trx: Executor, ctx: Context, note: AuditNote): Promise<void> {
  return appendAudit(trx, {
    at: nowIso(),
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    actorName: ctx.actor.name,
    action: note.action,
    entityKind: note.kind,
    entityId: note.id == null ? null : String(note.id),
    ip: ctx.ip,
    summary: note.summary ?? null,
  });
}

/** Run a change and its audit entries in one transaction. */
export function inTransaction<T>(ctx: Context, work: (trx: Transaction<DB>) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return ctx.database.transaction(work, options);
}
