import { nowIso, toFlag, type Executor } from '../../db/connection.js';
import type { PracticeReviewInput } from '../../domain/practice-reviews.js';
import { ukToday } from '../../domain/restrictions.js';
import { londonDate } from '../../domain/working-days.js';
import { AppError, invalid, notFound, type FieldError } from '../errors.js';
import { authorize, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/practice-reviews.repository.js';
import { restrictionOwners } from '../repositories/restrictions.repository.js';
import { membership } from '../repositories/incidents.repository.js';
import { existingIds, getPerson } from '../repositories/organisation.repository.js';
import { presentReviews } from '../presenters/restrictions.presenter.js';

/**
 * Check a review against the rules a schema alone cannot: the person, staff and incident belong to the service,
 * a debrief follows its incident, and each assessed restriction is the person's own or blanket at their service.
 */
async function checkReview(ctx: Context, input: PracticeReviewInput) {
  const db = ctx.database.db;
  if (!isInScope(ctx.actor, input.serviceId) || !(await existingIds(db, 'services', [input.serviceId])).has(input.serviceId)) {
    throw invalid('serviceId', 'No such service, or it is outside your services.');
  }
  const errors: FieldError[] = [];
  const person = await getPerson(db, input.personId);
  if (!person || person.service_id !== input.serviceId) errors.push({ path: 'personId', message: 'This person is not supported by this service.' });
  if (input.heldOn > ukToday()) errors.push({ path: 'heldOn', message: 'This is in the future.' });

  if (input.kind === 'post_incident') {
    const incident = input.incidentId === undefined ? undefined : await repo.incidentForReview(db, input.incidentId);
    if (input.incidentId === undefined) errors.push({ path: 'incidentId', message: 'Name the incident this review follows.' });
    else if (!incident || !isInScope(ctx.actor, incident.service_id) || incident.service_id !== input.serviceId) {
      errors.push({ path: 'incidentId', message: 'No such incident at this service, or it is outside your services.' });
    } else {
      if (!incident.personIds.includes(input.personId)) errors.push({ path: 'incidentId', message: 'This person was not involved in this incident.' });
      if (input.heldOn < londonDate(incident.occurred_at)) errors.push({ path: 'heldOn', message: 'The review is before the incident.' });
    }
  } else if (input.incidentId !== undefined) {
    errors.push({ path: 'incidentId', message: 'A periodic review is not linked to an incident; record a post-incident review instead.' });
  }

  const { staff } = await membership(db, [], [...new Set(input.participants.staffIds)]);
  const staffHere = new Set(staff.filter((s) => s.service_id === input.serviceId).map((s) => s.staff_id));
  input.participants.staffIds.forEach((staffId, i) => {
    if (!staffHere.has(staffId)) errors.push({ path: `participants.staffIds.${i}`, message: 'This staff member does not work at this service.' });
  });
  if (input.participants.staffIds.length && !input.participants.staff) {
    errors.push({ path: 'participants.staff', message: 'Staff are named as taking part.' });
  }

  const owners = new Map((await restrictionOwners(db, input.assessments.map((a) => a.restrictionId))).map((r) => [r.id, r]));
  const seen = new Set<number>();
  input.assessments.forEach((a, i) => {
    const owner = owners.get(a.restrictionId);
    const isApplicable = owner && owner.service_id === input.serviceId && (owner.person_id === null || owner.person_id === input.personId);
    if (!isApplicable) errors.push({ path: `assessments.${i}.restrictionId`, message: 'This restriction is neither this person’s nor blanket at this service.' });
    if (seen.has(a.restrictionId)) errors.push({ path: `assessments.${i}.restrictionId`, message: 'This restriction is assessed twice.' });
    seen.add(a.restrictionId);
  });
  if (errors.length) throw new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
}

async function loadOne(ctx: Context, db: Executor, id: number) {
  const [review] = presentReviews(await repo.listReviews(db, { scope: serviceScope(ctx.actor), ids: [id], limit: 1, offset: 0 }));
  if (!review) throw notFound('review');
  return review;
}

/** Record a post-incident or periodic review of a person's restrictive practices, audited. */
export async function recordReview(ctx: Context, input: PracticeReviewInput) {
  authorize(ctx.actor, 'create', 'practice_review');
  await checkReview(ctx, input);
  const p = input.participants;
  return inTransaction(ctx, async (trx) => {
    const id = await repo.insertReview(trx, {
      review: {
        kind: input.kind, service_id: input.serviceId, person_id: input.personId, incident_id: input.incidentId ?? null, held_on: input.heldOn,
        person_took_part: toFlag(p.person), family_took_part: toFlag(p.family), advocate_took_part: toFlag(p.advocate), staff_took_part: toFlag(p.staff),
        what_could_be_different: input.whatCouldBeDifferent, created_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_at: nowIso(),
      },
      staffIds: [...new Set(p.staffIds)],
      assessments: input.assessments.map((a) => ({
        restriction_id: a.restrictionId, is_necessary: toFlag(a.isNecessary), is_proportionate: toFlag(a.isProportionate),
        is_least_restrictive: toFlag(a.isLeastRestrictive), note: a.note,
      })),
      factors: [...new Set(input.contributoryFactors)],
      recommendations: input.recommendations,
    });
    await audit(trx, ctx, { action: 'create', kind: 'practice_review', id, summary: `${input.kind}, ${input.assessments.length} restriction(s) assessed` });
    return loadOne(ctx, trx, id);
  });
}

/** One review; it is about a person, so reading it is audited. */
export async function getReview(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'practice_review');
  return inTransaction(ctx, async (trx) => {
    const review = await loadOne(ctx, trx, id);
    await audit(trx, ctx, { action: 'read', kind: 'practice_review', id });
    return review;
  });
}

export async function listReviews(ctx: Context, f: Omit<repo.ReviewFilter, 'scope' | 'ids'>) {
  authorize(ctx.actor, 'read', 'practice_review');
  return inTransaction(ctx, async (trx) => {
    const page = await repo.listReviews(trx, { ...f, scope: serviceScope(ctx.actor) });
    await audit(trx, ctx, { action: 'list', kind: 'practice_review', summary: `${page.rows.length} of ${page.total} reviews` });
    return { items: presentReviews(page), total: page.total };
  });
}
