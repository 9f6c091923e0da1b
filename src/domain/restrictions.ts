import { z } from 'zod';
import { id, isoDate, nonEmptyText } from './common.js';
import { londonDate } from './working-days.js';

/** Kinds of standing restriction (DOMAIN.md §1.3): no national code list exists, so these are Lantern's. */
export const restrictionCategories = [
  'environmental', 'physical', 'mechanical', 'chemical', 'seclusion', 'segregation', 'observation',
  'access_to_items', 'money', 'internet', 'visitors', 'other',
] as const;
export type RestrictionCategory = (typeof restrictionCategories)[number];

export const restrictionCategoryLabels: Record<RestrictionCategory, string> = {
  environmental: 'Environmental (locked doors, kitchens or cupboards)',
  physical: 'Physical restraint',
  mechanical: 'Mechanical restraint',
  chemical: 'Chemical restraint, including PRN medication for behaviour',
  seclusion: 'Seclusion',
  segregation: 'Segregation, including long-term segregation',
  observation: 'Observation',
  access_to_items: 'Access to items',
  money: 'Money',
  internet: 'Internet and phone',
  visitors: 'Visitors',
  other: 'Other',
};

/** What makes a restriction lawful: consent, or a decision or authorisation made for the person. */
export const restrictionLegalBases = ['consent', 'best_interests_decision', 'dols_authorisation', 'mental_health_act'] as const;
export type RestrictionLegalBasis = (typeof restrictionLegalBases)[number];

export const restrictionLegalBasisLabels: Record<RestrictionLegalBasis, string> = {
  consent: 'The person’s consent',
  best_interests_decision: 'Best-interests decision (Mental Capacity Act 2005)',
  dols_authorisation: 'Deprivation of Liberty Safeguards authorisation',
  mental_health_act: 'Mental Health Act 1983',
};

export const restrictionStatuses = ['active', 'reducing', 'ended'] as const;
export type RestrictionStatus = (typeof restrictionStatuses)[number];

export const restrictionStatusLabels: Record<RestrictionStatus, string> = {
  active: 'Active',
  reducing: 'Being reduced',
  ended: 'Ended',
};

/** A challenge names a restriction in the register, or an unwritten restrictive norm that is not in it. */
export const challengeKinds = ['restriction', 'unwritten_norm'] as const;
export const challengeStatuses = ['open', 'closed'] as const;
export const challengeOutcomes = [
  'restriction_changed', 'restriction_ended', 'restriction_added_to_register', 'kept_with_reason', 'not_a_restriction',
] as const;
export type ChallengeOutcome = (typeof challengeOutcomes)[number];

export const challengeOutcomeLabels: Record<ChallengeOutcome, string> = {
  restriction_changed: 'The restriction was changed',
  restriction_ended: 'The restriction was ended',
  restriction_added_to_register: 'Added to the restrictions register',
  kept_with_reason: 'Kept, with the reason given',
  not_a_restriction: 'Not a restriction',
};

/** Today's date on a clock in England, the day against which review dates fall due. */
export function ukToday(now: Date = new Date()): string {
  return londonDate(now);
}

/** A review is overdue when its due date is before today (England) and the restriction has not ended. */
export function isReviewOverdue(r: { reviewDueOn: string; status: RestrictionStatus }, today: string): boolean {
  return r.status !== 'ended' && r.reviewDueOn < today;
}

/** Whole days a review is overdue (0 when it is not). */
export function daysReviewOverdue(r: { reviewDueOn: string; status: RestrictionStatus }, today: string): number {
  if (!isReviewOverdue(r, today)) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.reviewDueOn}T00:00:00Z`)) / 86_400_000);
}

const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

export const restrictionInput = z.strictObject({
  serviceId: id,
  /** Absent for a blanket restriction that applies to everyone at the service. */
  personId: id.optional(),
  category: z.enum(restrictionCategories),
  description: nonEmptyText(2000),
  legalBasis: z.enum(restrictionLegalBases),
  alternativesConsidered: nonEmptyText(4000),
  startedOn: isoDate,
  reviewDueOn: isoDate,
  reductionPlan: optionalText(4000).optional(),
  reductionTargetOn: isoDate.optional(),
  status: z.enum(['active', 'reducing']).default('active'),
});
export type RestrictionInput = z.infer<typeof restrictionInput>;

/** A change to the register always says why; ending a restriction needs the date it ended. */
export const restrictionUpdate = z.strictObject({
  reason: nonEmptyText(2000),
  category: z.enum(restrictionCategories).optional(),
  description: nonEmptyText(2000).optional(),
  legalBasis: z.enum(restrictionLegalBases).optional(),
  alternativesConsidered: nonEmptyText(4000).optional(),
  reviewDueOn: isoDate.optional(),
  reductionPlan: optionalText(4000).nullable().optional(),
  reductionTargetOn: isoDate.nullable().optional(),
  status: z.enum(restrictionStatuses).optional(),
  endedOn: isoDate.optional(),
}).refine((u) => Object.keys(u).length > 1, 'Name at least one change besides the reason');
export type RestrictionUpdate = z.infer<typeof restrictionUpdate>;

/** Fields of a restriction whose changes are kept in its history. */
export const restrictionHistoryFields = [
  'category', 'description', 'legalBasis', 'alternativesConsidered', 'reviewDueOn', 'reductionPlan', 'reductionTargetOn', 'status', 'endedOn',
] as const;

export const restrictionChallengeInput = z.strictObject({ text: nonEmptyText(4000) });
export const unwrittenNormInput = z.strictObject({ serviceId: id, text: nonEmptyText(4000) });
export const challengeOutcomeInput = z.strictObject({
  outcome: z.enum(challengeOutcomes),
  response: nonEmptyText(4000),
  /** For an unwritten norm added to the register: the restriction it became. */
  restrictionId: id.optional(),
});
export type ChallengeOutcomeInput = z.infer<typeof challengeOutcomeInput>;

export const restrictionChallengeSchema = z.object({
  id: z.number(),
  kind: z.enum(challengeKinds),
  serviceId: z.number(),
  serviceName: z.string(),
  restriction: z.object({ id: z.number(), category: z.enum(restrictionCategories), description: z.string() }).nullable(),
  text: z.string(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  isMine: z.boolean(),
  status: z.enum(challengeStatuses),
  outcome: z.enum(challengeOutcomes).nullable(),
  outcomeLabel: z.string().nullable(),
  response: z.string().nullable(),
  respondedBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
});
export type RestrictionChallenge = z.infer<typeof restrictionChallengeSchema>;

export const restrictionSchema = z.object({
  id: z.number(),
  serviceId: z.number(),
  serviceName: z.string(),
  person: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  isBlanket: z.boolean(),
  category: z.enum(restrictionCategories),
  categoryLabel: z.string(),
  description: z.string(),
  legalBasis: z.enum(restrictionLegalBases),
  legalBasisLabel: z.string(),
  alternativesConsidered: z.string(),
  startedOn: z.string(),
  reviewDueOn: z.string(),
  isReviewOverdue: z.boolean(),
  daysReviewOverdue: z.number(),
  reductionPlan: z.string().nullable(),
  reductionTargetOn: z.string().nullable(),
  status: z.enum(restrictionStatuses),
  endedOn: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Restriction = z.infer<typeof restrictionSchema>;

export const restrictionHistorySchema = z.object({
  at: z.string(),
  by: z.string(),
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string(),
});

export const restrictionDetailSchema = restrictionSchema.extend({
  history: z.array(restrictionHistorySchema),
  challenges: z.array(restrictionChallengeSchema),
});
export type RestrictionDetail = z.infer<typeof restrictionDetailSchema>;
