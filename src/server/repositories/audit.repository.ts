import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Executor } from '../../db/connection.js';
import type { AuditRow } from '../../db/types.js';

export interface AuditEntryInput {
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  action: string;
  entityKind: string;
  entityId: string | null;
  ip: string | null;
  summary: string | null;
}

type HashedFields = Pick<AuditRow, 'seq' | 'at' | 'actor_user_id' | 'actor_name' | 'action' | 'entity_kind' | 'entity_id' | 'ip' | 'summary' | 'prev_hash'>;

const encoder = new TextEncoder();

/** SHA-256 over the entry's content and the previous entry's hash: the link of the tamper-evident chain. */
export function auditHash(row: HashedFields): string {
  const content = JSON.stringify([
    row.seq, row.at, row.actor_user_id, row.actor_name, row.action, row.entity_kind, row.entity_id, row.ip, row.summary, row.prev_hash,
  ]);
  return encodeHexLowerCase(sha256(encoder.encode(content)));
}

/** Append one entry; must run inside the transaction of the change it records. */
export async function appendAudit(trx: Executor, entry: AuditEntryInput): Promise<void> {
  // Taking the head row (UPDATE … RETURNING) locks it until commit, so the chain stays linear.
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: HashedFields = {
    seq: head.seq,
    at: entry.at,
    actor_user_id: entry.actorUserId,
    actor_name: entry.actorName,
    action: entry.action,
    entity_kind: entry.entityKind,
    entity_id: entry.entityId,
    ip: entry.ip,
    summary: entry.summary,
    prev_hash: head.hash,
  };
  const hash = auditHash(row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

export interface ChainBreak { seq: number; reason: string }

/** Walk the whole chain in order, in batches, and report every break. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<{ entries: number; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  let previousHash = '0'.repeat(64);
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      entries += 1;
      if (row.seq !== expectedSeq) breaks.push({ seq: expectedSeq, reason: `entry ${expectedSeq} is missing` });
      if (row.prev_hash !== previousHash) breaks.push({ seq: row.seq, reason: 'does not link to the entry before it' });
      if (auditHash(row) !== row.hash) breaks.push({ seq: row.seq, reason: 'content does not match its hash' });
      previousHash = row.hash;
      expectedSeq = row.seq + 1;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== previousHash)) {
    breaks.push({ seq: head.seq, reason: 'the chain head does not match the last entry (entries removed from the end?)' });
  }
  return { entries, breaks };
}

export interface AuditSearch {
  entityKind?: string;
  entityId?: string;
  actorUserId?: number;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function searchAudit(db: Executor, q: AuditSearch) {
  let query = db.selectFrom('audit_log');
  if (q.entityKind) query = query.where('entity_kind', '=', q.entityKind);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actorUserId) query = query.where('actor_user_id', '=', q.actorUserId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
