import { nowIso, type Executor } from '../../db/connection.js';
import {
  restrictionHistoryFields, ukToday, type ChallengeOutcomeInput, type RestrictionInput, type RestrictionStatus, type RestrictionUpdate,
} from '../../domain/restrictions.js';
import { AppError, invalid, notFound, type FieldError } from '../errors.js';
import { authorize, can, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/restrictions.repository.js';
import { existingIds, getPerson } from '../repositories/organisation.repository.js';
import { presentChallenge, presentRestriction, presentRestrictionDetail, type ChallengeViewer } from '../presenters/restrictions.presenter.js';

const fail = (errors: FieldError[]) => new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
const actorUserId = (ctx: Context) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
const viewerOf = (ctx: Context): ChallengeViewer => ({ userId: actorUserId(ctx), canSeeRestriction: can(ctx.actor, 'read', 'restriction') });

async function assertServiceInScope(ctx: Context, serviceId: number) {
  if (!isInScope(ctx.actor, serviceId) || !(await existingIds(ctx.database.db, 'services', [serviceId])).has(serviceId)) {
    throw invalid('serviceId', 'No such service, or it is outside your services.');
  }
}

async function loadOne(ctx: Context, db: Executor, id: number) {
  const { rows } = await repo.listRestrictions(db, { scope: serviceScope(ctx.actor), ids: [id], limit: 1, offset: 0 });
  const row = rows[0];
  if (!row) throw notFound('restriction');
  return row;
}

/** Date rules shared by a new restriction and a change: nothing falls before the start, and a reduction has a plan. */
function checkDates(r: { startedOn: string; reviewDueOn: string; reductionTargetOn: string | null; reductionPlan: string | null; status: RestrictionStatus }): FieldError[] {
  const errors: FieldError[] = [];
  if (r.reviewDueOn < r.startedOn) errors.push({ path: 'reviewDueOn', message: 'The review cannot be due before the restriction started.' });
  if (r.reductionTargetOn && r.reductionTargetOn < r.startedOn) errors.push({ path: 'reductionTargetOn', message: 'The reduction target cannot be before the restriction started.' });
  if (r.status === 'reducing' && !r.reductionPlan) errors.push({ path: 'reductionPlan', message: 'Describe the plan to reduce this restriction.' });
  return errors;
}

/** Add a standing restriction to the register: on one person, or blanket on everyone at a service. */
export async function recordRestriction(ctx: Context, input: RestrictionInput) {
  authorize(ctx.actor, 'create', 'restriction');
  await assertServiceInScope(ctx, input.serviceId);
  const reductionPlan = input.reductionPlan || null;
  const errors = checkDates({ ...input, reductionPlan, reductionTargetOn: input.reductionTargetOn ?? null });
  if (input.personId !== undefined) {
    const person = await getPerson(ctx.database.db, input.personId);
    if (!person || person.service_id !== input.serviceId) errors.unshift({ path: 'personId', message: 'This person is not supported by this service.' });
  }
  if (errors.length) throw fail(errors);
  const now = nowIso();
  return inTransaction(ctx, async (trx) => {
    const id = await repo.insertRestriction(trx, {
      service_id: input.serviceId, person_id: input.personId ?? null, category: input.category, description: input.description,
      legal_basis: input.legalBasis, alternatives_considered: input.alternativesConsidered, started_on: input.startedOn,
      review_due_on: input.reviewDueOn, reduction_plan: reductionPlan, reduction_target_on: input.reductionTargetOn ?? null,
      status: input.status, ended_on: null, created_by_user_id: actorUserId(ctx), created_at: now, updated_at: now,
    });
    await repo.appendHistory(trx, [{
      restriction_id: id, at: now, actor_user_id: actorUserId(ctx), actor_name: ctx.actor.name, field: 'created', from_value: null,
      to_value: input.status, reason: 'Added to the register',
    }]);
    await audit(trx, ctx, { action: 'create', kind: 'restriction', id, summary: `${input.category}${input.personId ? '' : ' (blanket)'}` });
    return presentRestriction(await loadOne(ctx, trx, id), ukToday());
  });
}

export async function listRestrictions(ctx: Context, f: Omit<repo.RestrictionFilter, 'scope' | 'ids' | 'overdue'> & { isOverdue?: boolean }) {
  authorize(ctx.actor, 'read', 'restriction');
  const today = ukToday();
  return inTransaction(ctx, async (trx) => {
    const { isOverdue, ...rest } = f;
    const { rows, total } = await repo.listRestrictions(trx, {
      ...rest, scope: serviceScope(ctx.actor), ...(isOverdue !== undefined ? { overdue: { isOverdue, today } } : {}),
    });
    await audit(trx, ctx, { action: 'list', kind: 'restriction', summary: `${rows.length} of ${total} restrictions` });
    return { items: rows.map((r) => presentRestriction(r, today)), total };
  });
}

/** Challenges of a restriction the reader may see: all of them for reviewers, otherwise only the reader's own. */
async function challengesOf(ctx: Context, db: Executor, restrictionId: number) {
  const isReviewer = can(ctx.actor, 'read', 'restriction_challenge');
  const userId = actorUserId(ctx);
  if (!isReviewer && userId === null) return [];
  const { rows } = await repo.listChallenges(db, {
    scope: serviceScope(ctx.actor), restrictionId, ...(isReviewer ? {} : { raisedByUserId: userId! }), limit: 500, offset: 0,
  });
  return rows;
}

/** One restriction with its history and challenges; reading it is audited. */
export async function getRestriction(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'restriction');
  return inTransaction(ctx, async (trx) => {
    const row = await loadOne(ctx, trx, id);
    const [history, challenges] = await Promise.all([repo.historyOf(trx, id), challengesOf(ctx, trx, id)]);
    await audit(trx, ctx, { action: 'read', kind: 'restriction', id });
    return presentRestrictionDetail(row, ukToday(), history, challenges, viewerOf(ctx));
  });
}

const columnOf = {
  category: 'category', description: 'description', legalBasis: 'legal_basis', alternativesConsidered: 'alternatives_considered',
  reviewDueOn: 'review_due_on', reductionPlan: 'reduction_plan', reductionTargetOn: 'reduction_target_on', status: 'status', endedOn: 'ended_on',
} as const satisfies Record<(typeof restrictionHistoryFields)[number], string>;

/**
 * Change a restriction, saying why. Each changed field is appended to its history (from, to, who, when, why);
 * ending it needs the date it ended, and an ended restriction stays ended: a new one is recorded instead.
 */
export async function updateRestriction(ctx: Context, id: number, update: RestrictionUpdate) {
  authorize(ctx.actor, 'update', 'restriction');
  return inTransaction(ctx, async (trx) => {
    const row = await loadOne(ctx, trx, id);
    if (row.status === 'ended') throw invalid('status', 'This restriction has ended; record a new restriction instead of changing it.');
    const current: Record<keyof typeof columnOf, string | null> = {
      category: row.category, description: row.description, legalBasis: row.legal_basis, alternativesConsidered: row.alternatives_considered,
      reviewDueOn: row.review_due_on, reductionPlan: row.reduction_plan, reductionTargetOn: row.reduction_target_on, status: row.status, endedOn: row.ended_on,
    };
    const next = { ...current };
    for (const field of restrictionHistoryFields) {
      const value = update[field];
      if (value !== undefined) next[field] = value === '' ? null : value;
    }
    const status = next.status as RestrictionStatus;
    const today = ukToday();
    const errors = checkDates({ startedOn: row.started_on, reviewDueOn: next.reviewDueOn!, reductionTargetOn: next.reductionTargetOn, reductionPlan: next.reductionPlan, status });
    if (status === 'ended' && !next.endedOn) errors.push({ path: 'endedOn', message: 'Say when the restriction ended.' });
    if (status !== 'ended' && next.endedOn) errors.push({ path: 'endedOn', message: 'Only an ended restriction has an end date.' });
    if (next.endedOn && next.endedOn < row.started_on) errors.push({ path: 'endedOn', message: 'The end is before the start.' });
    if (next.endedOn && next.endedOn > today) errors.push({ path: 'endedOn', message: 'This is in the future.' });
    if (errors.length) throw fail(errors);
    const changed = restrictionHistoryFields.filter((field) => next[field] !== current[field]);
    if (!changed.length) throw invalid('(body)', 'Nothing here differs from the register.');
    const now = nowIso();
    await repo.updateRestriction(trx, id, { ...Object.fromEntries(changed.map((field) => [columnOf[field], next[field]])), updated_at: now });
    await repo.appendHistory(trx, changed.map((field) => ({
      restriction_id: id, at: now, actor_user_id: actorUserId(ctx), actor_name: ctx.actor.name, field,
      from_value: current[field], to_value: next[field], reason: update.reason,
    })));
    await audit(trx, ctx, { action: 'update', kind: 'restriction', id, summary: `changed ${changed.join(', ')}` });
    const [history, challenges] = await Promise.all([repo.historyOf(trx, id), challengesOf(ctx, trx, id)]);
    return presentRestrictionDetail(await loadOne(ctx, trx, id), today, history, challenges, viewerOf(ctx));
  });
}

async function loadChallenge(ctx: Context, db: Executor, id: number, scope: 'all' | readonly number[] | null = serviceScope(ctx.actor)) {
  const { rows } = await repo.listChallenges(db, { scope, ids: [id], limit: 1, offset: 0 });
  const row = rows[0];
  if (!row) throw notFound('challenge');
  return row;
}

async function raiseChallenge(ctx: Context, c: { kind: 'restriction' | 'unwritten_norm'; serviceId: number; restrictionId: number | null; text: string }) {
  return inTransaction(ctx, async (trx) => {
    const id = await repo.insertChallenge(trx, {
      kind: c.kind, service_id: c.serviceId, restriction_id: c.restrictionId, text: c.text, raised_by_user_id: actorUserId(ctx),
      raised_by_name: ctx.actor.name, raised_at: nowIso(), status: 'open', outcome: null, response: null, responded_by_user_id: null,
      responded_by_name: null, responded_at: null,
    });
    await audit(trx, ctx, { action: 'create', kind: 'restriction_challenge', id, summary: c.kind });
    return presentChallenge(await loadChallenge(ctx, trx, id, null), viewerOf(ctx));
  });
}

/** Any staff member may challenge a restriction in their services; it joins the service's review queue. */
export async function challengeRestriction(ctx: Context, restrictionId: number, text: string) {
  authorize(ctx.actor, 'create', 'restriction_challenge');
  const [owner] = await repo.restrictionOwners(ctx.database.db, [restrictionId]);
  if (!owner || !isInScope(ctx.actor, owner.service_id)) throw notFound('restriction');
  return raiseChallenge(ctx, { kind: 'restriction', serviceId: owner.service_id, restrictionId, text });
}

/** Report a restrictive norm that is not in the register ("the kitchen is always locked after 8"). */
export async function reportUnwrittenNorm(ctx: Context, input: { serviceId: number; text: string }) {
  authorize(ctx.actor, 'create', 'restriction_challenge');
  await assertServiceInScope(ctx, input.serviceId);
  return raiseChallenge(ctx, { kind: 'unwritten_norm', serviceId: input.serviceId, restrictionId: null, text: input.text });
}

export interface ChallengeQuery { mine?: boolean; status?: 'open' | 'closed'; serviceId?: number; limit: number; offset: number }

/**
 * The review queue for managers and leads in their services; with `mine`, the caller's own challenges and their
 * outcomes, which anyone who may raise a challenge can see.
 */
export async function listChallenges(ctx: Context, q: ChallengeQuery) {
  const { mine, ...filter } = q;
  if (mine) {
    authorize(ctx.actor, 'create', 'restriction_challenge');
  } else {
    authorize(ctx.actor, 'read', 'restriction_challenge');
  }
  const userId = actorUserId(ctx);
  return inTransaction(ctx, async (trx) => {
    const { rows, total } = mine
      ? await repo.listChallenges(trx, { ...filter, scope: null, raisedByUserId: userId ?? -1 })
      : await repo.listChallenges(trx, { ...filter, scope: serviceScope(ctx.actor) });
    await audit(trx, ctx, { action: 'list', kind: 'restriction_challenge', summary: `${rows.length} of ${total} challenges${mine ? ' (own)' : ''}` });
    return { items: rows.map((r) => presentChallenge(r, viewerOf(ctx))), total };
  });
}

/** A manager or lead answers a challenge; the raiser sees the outcome and the response. */
export async function recordChallengeOutcome(ctx: Context, id: number, input: ChallengeOutcomeInput) {
  authorize(ctx.actor, 'update', 'restriction_challenge');
  return inTransaction(ctx, async (trx) => {
    const challenge = await loadChallenge(ctx, trx, id);
    if (challenge.status === 'closed') throw invalid('outcome', 'This challenge already has an outcome.');
    const errors: FieldError[] = [];
    if (input.outcome === 'restriction_added_to_register' && challenge.kind !== 'unwritten_norm') {
      errors.push({ path: 'outcome', message: 'This restriction is already in the register.' });
    }
    if (input.restrictionId !== undefined) {
      if (challenge.kind !== 'unwritten_norm') errors.push({ path: 'restrictionId', message: 'This challenge already names its restriction.' });
      const [owner] = await repo.restrictionOwners(trx, [input.restrictionId]);
      if (!owner || owner.service_id !== challenge.service_id) errors.push({ path: 'restrictionId', message: 'No such restriction at this service.' });
    }
    if (errors.length) throw fail(errors);
    await repo.updateChallenge(trx, id, {
      status: 'closed', outcome: input.outcome, response: input.response, responded_by_user_id: actorUserId(ctx),
      responded_by_name: ctx.actor.name, responded_at: nowIso(),
      ...(input.restrictionId !== undefined ? { restriction_id: input.restrictionId } : {}),
    });
    await audit(trx, ctx, { action: 'update', kind: 'restriction_challenge', id, summary: input.outcome });
    return presentChallenge(await loadChallenge(ctx, trx, id), viewerOf(ctx));
  });
}
