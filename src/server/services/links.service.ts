import { nowIso } from '../../db/connection.js';
import type { Executor } from '../../db/connection.js';
import type { Link, LinkInput, LinkRelation } from '../../domain/links.js';
import { timelineSources, type RecordRef, type TimelineLink, type TimelineSource } from '../../domain/timeline.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { authorize, can, isInScope } from '../policies/access.js';
import type { AnyActor } from '../policies/actor.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/links.repository.js';
import { sourceResource, visibleLinks } from './timeline.service.js';

/** Linking two records needs a role that reads both kinds and changes at least one of them. */
function assertMayLink(actor: AnyActor, a: RecordRef, b: RecordRef) {
  const [ra, rb] = [sourceResource[a.source], sourceResource[b.source]];
  const mayRead = can(actor, 'read', ra) && can(actor, 'read', rb);
  const mayChange = can(actor, 'update', ra) || can(actor, 'update', rb);
  if (!mayRead || !mayChange) throw forbidden('Your role does not allow linking these records.');
}

/** The first of the records that does not exist or lies outside the caller's services, if any. */
async function firstOutOfReach(actor: AnyActor, db: Executor, refs: readonly RecordRef[]): Promise<RecordRef | undefined> {
  const services = await repo.recordServices(db, refs);
  return refs.find((ref) => {
    const serviceId = services.get(repo.refKey(ref));
    return serviceId === undefined || !isInScope(actor, serviceId);
  });
}

function present(row: repo.LinkRow): Link {
  return {
    id: row.id,
    from: { source: row.from_source as TimelineSource, id: row.from_id },
    to: { source: row.to_source as TimelineSource, id: row.to_id },
    relation: row.relation as LinkRelation,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
  };
}

/** What a 404 names: "No such safeguarding concern", "No such incident". */
const recordNoun = (source: TimelineSource) => (source === 'safeguarding' ? 'safeguarding concern' : source);

const describeLink = (l: { from: RecordRef; to: RecordRef; relation: string }) => `${l.from.source}:${l.from.id} ${l.relation} ${l.to.source}:${l.to.id}`;

/** Link two records (an incident raised a concern; a complaint relates to an incident), audited with the change. */
export async function createLink(ctx: Context, input: LinkInput): Promise<Link> {
  assertMayLink(ctx.actor, input.from, input.to);
  return inTransaction(ctx, async (trx) => {
    // A record out of reach answers 404 exactly as a missing one does.
    const missing = await firstOutOfReach(ctx.actor, trx, [input.from, input.to]);
    if (missing) throw notFound(recordNoun(missing.source));
    if (await repo.linkBetween(trx, input.from, input.to)) throw conflict('These records are already linked.', 'to');
    const id = await writeLink(trx, ctx, input);
    const row = await repo.getLink(trx, id);
    return present(row!);
  });
}

/** Write a link and its audit entry in the caller's transaction; the caller has made sure both records are in reach. */
export async function writeLink(trx: Executor, ctx: Context, input: LinkInput): Promise<number> {
  const id = await repo.insertLink(trx, {
    from_source: input.from.source, from_id: input.from.id, to_source: input.to.source, to_id: input.to.id, relation: input.relation,
    created_at: nowIso(), created_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_by_name: ctx.actor.name,
  });
  await audit(trx, ctx, { action: 'create', kind: 'link', id, summary: describeLink(input) });
  return id;
}

/** The service of a record in the caller's reach, or undefined when it is missing or out of reach. */
export async function serviceInReach(ctx: Context, db: Executor, ref: RecordRef): Promise<number | undefined> {
  return (await firstOutOfReach(ctx.actor, db, [ref])) ? undefined : (await repo.recordServices(db, [ref])).get(repo.refKey(ref));
}

/** Remove a link; the same rights as making it, and both ends must still be within reach. */
export async function deleteLink(ctx: Context, id: number): Promise<void> {
  if (!timelineSources.some((s) => can(ctx.actor, 'update', sourceResource[s]))) throw forbidden();
  await inTransaction(ctx, async (trx) => {
    const row = await repo.getLink(trx, id);
    if (!row) throw notFound('link');
    const link = present(row);
    const canReadBoth = can(ctx.actor, 'read', sourceResource[link.from.source]) && can(ctx.actor, 'read', sourceResource[link.to.source]);
    if (!canReadBoth) throw notFound('link');
    assertMayLink(ctx.actor, link.from, link.to);
    if (await firstOutOfReach(ctx.actor, trx, [link.from, link.to])) throw notFound('link');
    await repo.deleteLink(trx, id);
    await audit(trx, ctx, { action: 'delete', kind: 'link', id, summary: describeLink(link) });
  });
}

/** The links of one record that the caller may follow, as its timeline item carries them; a record out of reach answers 404. */
export async function recordLinks(ctx: Context, ref: RecordRef): Promise<TimelineLink[]> {
  authorize(ctx.actor, 'read', sourceResource[ref.source]);
  const db = ctx.database.db;
  if (await firstOutOfReach(ctx.actor, db, [ref])) throw notFound(recordNoun(ref.source));
  return (await visibleLinks(ctx.actor, db, [ref])).get(repo.refKey(ref)) ?? [];
}
