import { z } from 'zod';
import { contributoryFactors } from './contributory-factors.js';
import { id, isoDate, nonEmptyText } from './common.js';
import { restrictionCategories } from './restrictions.js';

/** A debrief after an incident, or a periodic review of a person's standing restrictions (DOMAIN.md §6). */
export const practiceReviewKinds = ['post_incident', 'periodic'] as const;
export type PracticeReviewKind = (typeof practiceReviewKinds)[number];

export const practiceReviewKindLabels: Record<PracticeReviewKind, string> = {
  post_incident: 'Post-incident review (debrief)',
  periodic: 'Periodic review of restrictions',
};

export const restrictionAssessmentInput = z.strictObject({
  restrictionId: id,
  isNecessary: z.boolean(),
  isProportionate: z.boolean(),
  isLeastRestrictive: z.boolean(),
  note: z.string().trim().max(2000).default(''),
});

export const practiceReviewInput = z.strictObject({
  kind: z.enum(practiceReviewKinds),
  incidentId: id.optional(),
  personId: id,
  serviceId: id,
  heldOn: isoDate,
  participants: z.strictObject({
    person: z.boolean(),
    family: z.boolean(),
    advocate: z.boolean(),
    staff: z.boolean(),
    staffIds: z.array(id).max(30).default([]),
  }),
  assessments: z.array(restrictionAssessmentInput).max(50).default([]),
  whatCouldBeDifferent: z.string().trim().max(8000).default(''),
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19).default([]),
  recommendations: z.array(nonEmptyText(2000)).max(30).default([]),
});
export type PracticeReviewInput = z.infer<typeof practiceReviewInput>;

/** A restriction is justified only when it is necessary, proportionate and the least restrictive option. */
export function isRestrictionJustified(a: { isNecessary: boolean; isProportionate: boolean; isLeastRestrictive: boolean }): boolean {
  return a.isNecessary && a.isProportionate && a.isLeastRestrictive;
}

export const practiceReviewSchema = z.object({
  id: z.number(),
  kind: z.enum(practiceReviewKinds),
  serviceId: z.number(),
  serviceName: z.string(),
  person: z.object({ id: z.number(), displayName: z.string() }),
  incident: z.object({ id: z.number(), ref: z.string().nullable(), occurredAt: z.string() }).nullable(),
  heldOn: z.string(),
  participants: z.object({
    person: z.boolean(),
    family: z.boolean(),
    advocate: z.boolean(),
    staff: z.boolean(),
    staffMembers: z.array(z.object({ id: z.number(), name: z.string() })),
  }),
  assessments: z.array(z.object({
    restrictionId: z.number(),
    category: z.enum(restrictionCategories),
    description: z.string(),
    isBlanket: z.boolean(),
    isNecessary: z.boolean(),
    isProportionate: z.boolean(),
    isLeastRestrictive: z.boolean(),
    isJustified: z.boolean(),
    note: z.string(),
  })),
  whatCouldBeDifferent: z.string(),
  contributoryFactors: z.array(z.enum(contributoryFactors)),
  recommendations: z.array(z.string()),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PracticeReview = z.infer<typeof practiceReviewSchema>;
