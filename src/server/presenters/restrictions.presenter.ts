import { fromFlag } from '../../db/connection.js';
import type { ContributoryFactor } from '../../domain/contributory-factors.js';
import type { PracticeReview, PracticeReviewKind } from '../../domain/practice-reviews.js';
import { isRestrictionJustified } from '../../domain/practice-reviews.js';
import {
  challengeOutcomeLabels, daysReviewOverdue, isReviewOverdue, restrictionCategoryLabels, restrictionLegalBasisLabels,
  type ChallengeOutcome, type Restriction, type RestrictionCategory, type RestrictionChallenge, type RestrictionDetail,
  type RestrictionLegalBasis, type RestrictionStatus,
} from '../../domain/restrictions.js';
import type { ReviewPage } from '../repositories/practice-reviews.repository.js';
import type { ChallengeRow, RestrictionRow } from '../repositories/restrictions.repository.js';

/** A restriction in the register, with whether its review is overdue on `today` (England). */
export function presentRestriction(r: RestrictionRow, today: string): Restriction {
  const status = r.status as RestrictionStatus;
  const category = r.category as RestrictionCategory;
  const legalBasis = r.legal_basis as RestrictionLegalBasis;
  const due = { reviewDueOn: r.review_due_on, status };
  return {
    id: r.id, serviceId: r.service_id, serviceName: r.service_name,
    person: r.person_id && r.person_name ? { id: r.person_id, displayName: r.person_name } : null,
    isBlanket: r.person_id === null,
    category, categoryLabel: restrictionCategoryLabels[category], description: r.description,
    legalBasis, legalBasisLabel: restrictionLegalBasisLabels[legalBasis], alternativesConsidered: r.alternatives_considered,
    startedOn: r.started_on, reviewDueOn: r.review_due_on, isReviewOverdue: isReviewOverdue(due, today), daysReviewOverdue: daysReviewOverdue(due, today),
    reductionPlan: r.reduction_plan, reductionTargetOn: r.reduction_target_on, status, endedOn: r.ended_on,
    recordedBy: r.recorded_by ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export interface ChallengeViewer {
  userId: number | null;
  /** Only roles that may read the register see the restriction a challenge names. */
  canSeeRestriction: boolean;
}

/** A challenge as its raiser or a reviewer sees it: the outcome and response are always shown to the raiser. */
export function presentChallenge(c: ChallengeRow, viewer: ChallengeViewer): RestrictionChallenge {
  const outcome = c.outcome as ChallengeOutcome | null;
  return {
    id: c.id, kind: c.kind as RestrictionChallenge['kind'], serviceId: c.service_id, serviceName: c.service_name,
    restriction: viewer.canSeeRestriction && c.restriction_id && c.restriction_category && c.restriction_description !== null
      ? { id: c.restriction_id, category: c.restriction_category as RestrictionCategory, description: c.restriction_description }
      : null,
    text: c.text, raisedBy: c.raised_by_name, raisedAt: c.raised_at,
    isMine: viewer.userId !== null && c.raised_by_user_id === viewer.userId,
    status: c.status as RestrictionChallenge['status'], outcome, outcomeLabel: outcome ? challengeOutcomeLabels[outcome] : null,
    response: c.response, respondedBy: c.responded_by_name, respondedAt: c.responded_at,
  };
}

type HistoryRow = { at: string; actor_name: string; field: string; from_value: string | null; to_value: string | null; reason: string };

export function presentRestrictionDetail(
  r: RestrictionRow, today: string, history: HistoryRow[], challenges: ChallengeRow[], viewer: ChallengeViewer,
): RestrictionDetail {
  return {
    ...presentRestriction(r, today),
    history: history.map((h) => ({ at: h.at, by: h.actor_name, field: h.field, from: h.from_value, to: h.to_value, reason: h.reason })),
    challenges: challenges.map((c) => presentChallenge(c, viewer)),
  };
}

/** Every review on a page, each with its participants, assessments, factors and recommendations. */
export function presentReviews(page: ReviewPage): PracticeReview[] {
  return page.rows.map((r) => ({
    id: r.id, kind: r.kind as PracticeReviewKind, serviceId: r.service_id, serviceName: r.service_name,
    person: { id: r.person_id, displayName: r.person_name },
    incident: r.incident_id && r.incident_occurred_at ? { id: r.incident_id, ref: r.incident_ref ?? null, occurredAt: r.incident_occurred_at } : null,
    heldOn: r.held_on,
    participants: {
      person: fromFlag(r.person_took_part), family: fromFlag(r.family_took_part), advocate: fromFlag(r.advocate_took_part), staff: fromFlag(r.staff_took_part),
      staffMembers: page.staff.filter((s) => s.review_id === r.id).map((s) => ({ id: s.id, name: s.name })),
    },
    assessments: page.assessments.filter((a) => a.review_id === r.id).map((a) => {
      const judged = { isNecessary: fromFlag(a.is_necessary), isProportionate: fromFlag(a.is_proportionate), isLeastRestrictive: fromFlag(a.is_least_restrictive) };
      return {
        restrictionId: a.restriction_id, category: a.category as RestrictionCategory, description: a.description, isBlanket: a.person_id === null,
        ...judged, isJustified: isRestrictionJustified(judged), note: a.note,
      };
    }),
    whatCouldBeDifferent: r.what_could_be_different,
    contributoryFactors: page.factors.filter((f) => f.review_id === r.id).map((f) => f.factor as ContributoryFactor),
    recommendations: page.recommendations.filter((x) => x.review_id === r.id).map((x) => x.text),
    recordedBy: r.recorded_by ?? null, createdAt: r.created_at,
  }));
}
