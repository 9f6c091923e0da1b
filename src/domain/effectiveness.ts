import { z } from 'zod';
import type { MeasureDefinition, Metric } from './measures.js';
import { spcResponse } from './spc.js';

/** The verdict on whether an action moved its measure (src/analytics/effectiveness documents the rules). */
export const effectVerdicts = ['effective', 'not_yet_evident', 'worsened', 'insufficient_data'] as const;
export type EffectVerdictCode = (typeof effectVerdicts)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** One side of the before/after comparison: events, exposure and rate over a window of whole months (YYYY-MM). */
export const effectWindowSchema = z.object({
  rate: z.number().nullable(),
  count: z.number(),
  exposure: z.number(),
  from: month.nullable(),
  to: month.nullable(),
  months: z.number().int(),
});

/** What the verdict rests on: the old process's lines, what the after months show against them, and the statistic's adjustments. */
export const effectEvidenceSchema = z.object({
  windowMonths: z.number().int(),
  oldMean: z.number().nullable(),
  oldLowerLimit: z.number().nullable(),
  oldUpperLimit: z.number().nullable(),
  pointsBeyondOldLimit: z.number().int(),
  longestRunOnImprovementSide: z.number().int(),
  isSpecialCauseImprovement: z.boolean(),
  dispersion: z.number().nullable(),
  isContinuityCorrected: z.boolean(),
});

/**
 * `POST /api/v1/actions/{id}/evaluate` response: the contract's verdict, explanation, before, after, rateRatio, ci95
 * and spc (an XmR chart with a recalculation at the action month), plus the month of each chart point, the action
 * month, and the evidence behind the verdict. rateRatio and ci95 are null when there were no events to compare.
 */
export const effectEvaluationSchema = z.object({
  verdict: z.enum(effectVerdicts),
  explanation: z.string(),
  before: effectWindowSchema,
  after: effectWindowSchema,
  rateRatio: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  spc: spcResponse,
  periods: z.array(month),
  actionMonth: month,
  evidence: effectEvidenceSchema,
});
export type EffectEvaluationResponse = z.infer<typeof effectEvaluationSchema>;

/** Numerators that are not counts of events (sums of minutes, harm scores): a Poisson rate ratio does not apply. */
const NOT_EVENT_COUNTS: readonly Metric[] = ['restraint_minutes', 'harm_points'];

/** Why a measure cannot carry a verdict, or null when it can. */
export function unjudgeableReason(measure: MeasureDefinition): string | null {
  if (measure.improvement === 'neither') {
    return `${measure.name} has no better direction (neither up nor down is good in itself), so an action cannot be judged on it.`;
  }
  if (measure.median !== undefined) {
    return `${measure.name} is the middle of each month's episodes, not a count of events, so the before-and-after rate comparison does not apply; choose a count or rate measure.`;
  }
  if (measure.numerator === undefined) {
    return `${measure.name} counts what is in place at the end of each month, not events, so the before-and-after rate comparison does not apply; choose a count or rate measure.`;
  }
  if (NOT_EVENT_COUNTS.includes(measure.numerator)) {
    return `${measure.name} is not a count of events, so the before-and-after rate comparison does not apply; choose a count or rate measure.`;
  }
  if (measure.denominator && (measure.denominator.metric !== 'occupied_days' || measure.denominator.isPerAverageDay)) {
    return `${measure.name} is a percentage, not a rate of events; Lantern judges actions on count and rate measures only.`;
  }
  return null;
}
