import { z } from 'zod';
import { contributoryFactors } from '../../../domain/contributory-factors.js';
import { practiceReviewKinds, type PracticeReviewInput } from '../../../domain/practice-reviews.js';
import { todayIso } from '../../components/formatDate.js';
import { asNumber } from '../../components/forms.js';
import { participantCodes } from './labels.js';

/** A radio left unanswered reads as null or ''; both are "no answer yet". */
const yesNo = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['yes', 'no'], { error: 'Choose yes or no' }));

const assessmentValues = z.object({
  restrictionId: z.number(),
  isNecessary: yesNo,
  isProportionate: yesNo,
  isLeastRestrictive: yesNo,
  note: z.string().trim().max(2000, 'At most 2000 characters'),
});

/** A cross-field check may run when these answers themselves are well formed. */
const isFreeOf = (...names: string[]) => (payload: z.core.ParsePayload) => !payload.issues.some((i) => names.includes(String(i.path?.[0])));

/**
 * What the record-a-review form holds: who took part as ticked codes, each restriction's judgements as yes or no,
 * recommendations one to a line. `toReviewBody` turns it into the API's `practiceReviewInput`.
 */
export const reviewForm = z.object({
  kind: z.enum(practiceReviewKinds, { error: 'Choose the kind of review' }),
  serviceId: z.preprocess(asNumber, z.number({ error: 'Choose the service' }).int().positive()),
  personId: z.preprocess(asNumber, z.number({ error: 'Choose the person' }).int().positive()),
  incidentId: z.preprocess(asNumber, z.number().int().positive().optional()),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date'),
  tookPart: z.array(z.enum(participantCodes)).min(1, 'Tick who took part'),
  staffIds: z.array(z.number()).max(30, 'Choose at most 30 staff'),
  assessments: z.array(assessmentValues).max(50),
  whatCouldBeDifferent: z.string().trim().max(8000, 'At most 8000 characters'),
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19),
  recommendations: z.array(z.object({ text: z.string().trim().max(2000, 'At most 2000 characters') })).max(30, 'At most 30 recommendations'),
})
  // Each check runs whatever else is unanswered, so that one submit shows every problem; it reads only its own answers.
  .refine((v) => v.kind !== 'post_incident' || v.incidentId !== undefined, {
    path: ['incidentId'], message: 'Choose the incident this review follows', when: isFreeOf('kind', 'incidentId'),
  })
  .refine((v) => v.heldOn <= todayIso(), { path: ['heldOn'], message: 'This is in the future', when: isFreeOf('heldOn') });
export type ReviewFormValues = z.output<typeof reviewForm>;

/** An unanswered judgement of one restriction. */
export const emptyAssessment = (restrictionId: number) => ({ restrictionId, isNecessary: '', isProportionate: '', isLeastRestrictive: '', note: '' });

/** The answers as the body the API expects: staff named only when staff took part, blank recommendations left out. */
export function toReviewBody(v: ReviewFormValues): PracticeReviewInput {
  const took = (code: (typeof participantCodes)[number]) => v.tookPart.includes(code);
  return {
    kind: v.kind,
    ...(v.kind === 'post_incident' && v.incidentId !== undefined ? { incidentId: v.incidentId } : {}),
    personId: v.personId,
    serviceId: v.serviceId,
    heldOn: v.heldOn,
    participants: {
      person: took('person'), family: took('family'), advocate: took('advocate'), staff: took('staff'),
      staffIds: took('staff') ? v.staffIds : [],
    },
    assessments: v.assessments.map((a) => ({
      restrictionId: a.restrictionId, isNecessary: a.isNecessary === 'yes', isProportionate: a.isProportionate === 'yes',
      isLeastRestrictive: a.isLeastRestrictive === 'yes', note: a.note,
    })),
    whatCouldBeDifferent: v.whatCouldBeDifferent,
    contributoryFactors: v.contributoryFactors,
    recommendations: v.recommendations.map((r) => r.text).filter((text) => text !== ''),
  };
}

/** Where a server error about `errors[].path` belongs on the form: who took part, and the staff named, are asked apart. */
export function formPathOf(serverPath: string): string {
  if (serverPath.startsWith('participants.staffIds')) return 'staffIds';
  if (serverPath.startsWith('participants')) return 'tookPart';
  return serverPath;
}

/** The form's fields in screen order (for the error summary), given how many restrictions and recommendation lines there are. */
export function fieldOrder(restrictions: number, recommendations: number): string[] {
  const judged: string[] = [];
  for (let i = 0; i < restrictions; i++) {
    judged.push(...['isNecessary', 'isProportionate', 'isLeastRestrictive', 'note'].map((f) => `assessments.${i}.${f}`));
  }
  const lines = Array.from({ length: recommendations }, (_, i) => `recommendations.${i}.text`);
  return [
    'kind', 'serviceId', 'personId', 'incidentId', 'heldOn', 'tookPart', 'staffIds', 'assessments', ...judged,
    'whatCouldBeDifferent', 'contributoryFactors', 'recommendations', ...lines,
  ];
}
