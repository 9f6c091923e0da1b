import { z } from 'zod';
import { isoMonth } from './common.js';
import type { Improvement } from '../analytics/spc/index.js';

/** Monthly counts kept in the rollup table; every measure is built from these. */
export const metrics = [
  'incidents',
  'incidents_moderate_or_worse',
  'harm_points',
  'interventions',
  'prone_restraints',
  'prone_over_10_min',
  'restraint_minutes',
  'chemical_restraints',
  'people_restrained',
  'occupied_days',
  'safeguarding_concerns',
  'safeguarding_referred_in_time',
  'safeguarding_closed',
  'msp_asked',
  'msp_expressed',
  'msp_achieved',
  'complaints_responded',
  'complaints_responded_in_time',
  'speak_up_reports',
] as const;
export type Metric = (typeof metrics)[number];

/** Measures of a stock on the last day of each month, read from the restrictions register rather than from monthly rollups. */
export const stockMeasures = ['restrictions_active', 'restriction_reviews_overdue'] as const;
export type StockMeasure = (typeof stockMeasures)[number];

/** Measures of the middle of a month's episodes, read from the monthly lengths of holds rather than from counts. */
export const medianMeasures = ['hold_minutes'] as const;
export type MedianMeasure = (typeof medianMeasures)[number];

interface MeasureBase {
  key: string;
  name: string;
  definition: string;
  unit: string;
  improvement: Improvement;
}

export type MeasureDefinition = MeasureBase & (
  | {
    numerator: Metric;
    /**
     * A metric to divide by, with a multiplier (e.g. per 1,000 occupied bed days); absent for plain counts. With
     * `isPerAverageDay`, the metric's average a day in the month instead (occupied days ÷ days in the month: the
     * people supported on an average day).
     */
    denominator?: { metric: Metric; per: number; isPerAverageDay?: boolean };
    stock?: undefined;
    median?: undefined;
  }
  | { stock: StockMeasure; numerator?: undefined; denominator?: undefined; median?: undefined }
  /** The median of the month's episodes (their count beside it); no value in a month without any. */
  | { median: MedianMeasure; numerator?: undefined; denominator?: undefined; stock?: undefined }
);

/** The measures catalogue (DOMAIN.md §4.5): restrictive practice and harm improve by going down. */
export const measureCatalogue: readonly MeasureDefinition[] = [
  {
    key: 'restrictive_interventions', name: 'Restrictive interventions', unit: 'interventions', improvement: 'decrease', numerator: 'interventions',
    definition: 'Restrictive interventions in the month, counted as the national statistics do: distinct pairs of incident and intervention type.',
  },
  {
    key: 'restrictive_interventions_per_1000_obd', name: 'Restrictive interventions per 1,000 occupied bed days', unit: 'per 1,000 occupied bed days',
    improvement: 'decrease', numerator: 'interventions', denominator: { metric: 'occupied_days', per: 1000 },
    definition: 'Distinct incident-and-type pairs in the month ÷ occupied bed days in the month × 1,000 (the national mental health statistics rate).',
  },
  {
    key: 'people_restrained', name: 'People restrained', unit: 'people', improvement: 'decrease', numerator: 'people_restrained',
    definition: 'Distinct people with at least one restrictive intervention in the month.',
  },
  {
    key: 'people_restrained_share', name: 'People supported who were restrained', unit: '% of people supported', improvement: 'decrease',
    numerator: 'people_restrained', denominator: { metric: 'occupied_days', per: 100, isPerAverageDay: true },
    definition: 'Distinct people with at least one restrictive intervention in the month, as a percentage of the people supported on an average day '
      + 'that month (occupied days ÷ days in the month). For one person: 100 % in a month they were restrained.',
  },
  {
    key: 'prone_restraints', name: 'Prone restraints', unit: 'episodes', improvement: 'decrease', numerator: 'prone_restraints',
    definition: 'Episodes of physical restraint in the prone (face-down) position (national code 01) in the month.',
  },
  {
    key: 'prone_over_10_min_share', name: 'Prone restraints lasting over 10 minutes', unit: '% of prone restraints', improvement: 'decrease',
    numerator: 'prone_over_10_min', denominator: { metric: 'prone_restraints', per: 100 },
    definition: 'Prone restraint episodes lasting more than 10 minutes as a percentage of all prone episodes in the month (the Assuring Transformation split).',
  },
  {
    key: 'restraint_minutes', name: 'Minutes of restrictive intervention', unit: 'minutes', improvement: 'decrease', numerator: 'restraint_minutes',
    definition: 'Total minutes of restraint, seclusion and segregation episodes that started in the month (chemical restraint is counted as episodes, not minutes).',
  },
  {
    key: 'restraint_minutes_median', name: 'Median length of a restrictive intervention', unit: 'minutes', improvement: 'decrease', median: 'hold_minutes',
    definition: 'The middle length, in minutes as recorded, of the restraint, seclusion and segregation episodes that started in the month: half were '
      + 'shorter and half longer (with an even number, halfway between the two middle ones). Shown with the number of episodes, as a few long holds '
      + 'can hide behind a falling total. No value in a month without an episode.',
  },
  {
    key: 'chemical_restraints', name: 'Chemical restraints', unit: 'episodes', improvement: 'decrease', numerator: 'chemical_restraints',
    definition: 'Episodes of chemical restraint (national codes 14 to 17, including oral PRN given to control behaviour) in the month.',
  },
  {
    key: 'incidents', name: 'Incidents', unit: 'incidents', improvement: 'decrease', numerator: 'incidents',
    definition: 'Incidents that happened in the month.',
  },
  {
    key: 'incidents_moderate_or_worse_harm', name: 'Incidents with moderate or worse harm', unit: 'incidents', improvement: 'decrease',
    numerator: 'incidents_moderate_or_worse',
    definition: 'Incidents in the month where physical harm was moderate, severe or fatal, or psychological harm was moderate or severe.',
  },
  {
    key: 'severity_index', name: 'Severity index', unit: 'points per incident', improvement: 'decrease', numerator: 'harm_points',
    denominator: { metric: 'incidents', per: 1 },
    definition: 'Average harm per incident: each incident scores its worse harm on a 0–4 scale (none 0, low 1, moderate 2, severe 3, fatal 4; psychological harm scores the same up to severe).',
  },
  {
    key: 'safeguarding_concerns', name: 'Safeguarding concerns raised', unit: 'concerns', improvement: 'neither', numerator: 'safeguarding_concerns',
    definition: 'Safeguarding concerns raised in the month. Neither up nor down is good in itself: a rise can mean staff are more confident to raise concerns.',
  },
  {
    key: 'safeguarding_referred_in_time_share', name: 'Concerns referred to the local authority in time', unit: '% of concerns raised', improvement: 'increase',
    numerator: 'safeguarding_referred_in_time', denominator: { metric: 'safeguarding_concerns', per: 100 },
    definition: 'Of the concerns raised in the month, the percentage referred to the local authority within its timescale (by default the same or next working day).',
  },
  {
    key: 'msp_outcomes_asked_share', name: 'People asked what outcomes they wanted', unit: '% of concerns closed', improvement: 'increase',
    numerator: 'msp_asked', denominator: { metric: 'safeguarding_closed', per: 100 },
    definition: 'Of the concerns closed in the month, the percentage where the person (or their representative) was asked about their desired outcomes (Making Safeguarding Personal).',
  },
  {
    key: 'msp_outcomes_achieved_share', name: 'Desired outcomes achieved', unit: '% of those who expressed outcomes', improvement: 'increase',
    numerator: 'msp_achieved', denominator: { metric: 'msp_expressed', per: 100 },
    definition: 'Of the concerns closed in the month where the person expressed desired outcomes, the percentage where they were fully or partly achieved.',
  },
  {
    key: 'complaints_responded_in_time_share', name: 'Complaints answered in time', unit: '% of complaints answered', improvement: 'increase',
    numerator: 'complaints_responded_in_time', denominator: { metric: 'complaints_responded', per: 100 },
    definition: 'Of the complaints answered in the month, the percentage answered within the provider’s timescale (by default 20 working days).',
  },
  {
    key: 'speak_up_reports', name: 'Speak-up reports', unit: 'reports', improvement: 'neither', numerator: 'speak_up_reports',
    definition: 'Concerns raised through Freedom to Speak Up in the month, in every mode. A healthy speaking-up culture raises concerns; fewer is not better.',
  },
  {
    key: 'restrictions_active', name: 'Restrictions in place', unit: 'restrictions', improvement: 'decrease', stock: 'restrictions_active',
    definition: 'Restrictions in the register, on one person or blanket on everyone at a service, in place on the last day of the month: '
      + 'started on or before that day and not ended by it (a restriction that ends on the last day no longer counts). '
      + 'For a person: their own restrictions and the blanket restrictions at the service that supports them.',
  },
  {
    key: 'restriction_reviews_overdue', name: 'Restrictions overdue for review', unit: 'restrictions', improvement: 'decrease', stock: 'restriction_reviews_overdue',
    definition: 'Of the restrictions in place on the last day of the month, those whose review date was before that day. '
      + 'The register keeps the review date, not each review: a review counts as done when the review date is moved on, and the review date '
      + 'in force on the last day of the month is read back from the register’s history of changes (the date before the first change after that day, '
      + 'or today’s date if it has not changed since).',
  },
];

export const measureKeys = measureCatalogue.map((m) => m.key) as [string, ...string[]];

export const measureSchema = z.object({
  key: z.string(),
  name: z.string(),
  definition: z.string(),
  unit: z.string(),
  improvement: z.enum(['increase', 'decrease', 'neither']),
});

export const annotationKinds = ['recalculation', 'action'] as const;
export type AnnotationKind = (typeof annotationKinds)[number];

/** Mark a change on a measure's chart: a recalculation starts new limits from that month; an action is a marker only. */
export const annotationInput = z.strictObject({
  period: isoMonth,
  kind: z.enum(annotationKinds),
  label: z.string().trim().min(1, 'Say what changed').max(120, 'At most 120 characters'),
});
export type AnnotationInput = z.infer<typeof annotationInput>;

export const targetInput = z.strictObject({
  /** null removes the target. */
  target: z.number({ message: 'Give the target as a number, or null for none' }).min(0, 'A target cannot be negative').max(1e9, 'Too large').nullable(),
});

export const annotationSchema = z.object({
  id: z.number(),
  period: z.string(),
  kind: z.enum(annotationKinds),
  label: z.string(),
  link: z.object({ kind: z.string(), id: z.number() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** What the reader may change on this measure's chart for this scope. */
export const measurePermissionsSchema = z.object({ canSetTarget: z.boolean(), canAnnotate: z.boolean() });

export const catalogueItemSchema = measureSchema.extend({
  /** Stored targets for the scopes the reader can see. */
  targets: z.array(z.object({ scope: z.string(), target: z.number() })),
});

export const seriesPointSchema = z.object({
  period: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
});
