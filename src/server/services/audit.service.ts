import { authorize } from '../policies/access.js';
import type { Context } from '../context.js';
import { searchAudit, type AuditSearch } from '../repositories/audit.repository.js';

/** Admins search the trail; the search itself is not a person-level read. */
export async function searchAuditTrail(ctx: Context, q: AuditSearch) {
  authorize(ctx.actor, 'read', 'audit');
  const { rows, total } = await searchAudit(ctx.database.db, q);
  return {
    items: rows.map((r) => ({
      id: r.id, at: r.at, actorName: r.actor_name, action: r.action, entityKind: r.entity_kind,
      entityId: r.entity_id, ip: r.ip, summary: r.summary,
    })),
    total,
  };
}
