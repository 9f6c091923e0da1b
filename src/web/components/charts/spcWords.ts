import type { AssuranceIcon, Classification, SpcPoint, VariationIcon } from './types.js';

/** Making Data Count colours (DOMAIN.md §4.3). */
export const mdcColours = {
  common: '#a6a6a6',
  improvement: '#00b0f0',
  concern: '#e46c0a',
  neutral: '#490092',
} as const satisfies Record<Classification, string>;

export const classificationLabels: Record<Classification, string> = {
  common: 'Common cause',
  improvement: 'Special cause improvement',
  concern: 'Special cause concern',
  neutral: 'Special cause (neither improvement nor concern)',
};

export const ruleLabels: Record<SpcPoint['rules'][number], string> = {
  single_point: 'outside the limits',
  shift: 'shift',
  trend: 'trend',
  two_sigma: 'two of three near a limit',
};

export const variationLabels: Record<VariationIcon, string> = {
  common_cause: 'Common cause variation',
  improvement_high: 'Special cause improvement, high',
  improvement_low: 'Special cause improvement, low',
  concern_high: 'Special cause concern, high',
  concern_low: 'Special cause concern, low',
  neutral_high: 'Special cause variation, high (neither improvement nor concern)',
  neutral_low: 'Special cause variation, low (neither improvement nor concern)',
};

export const assuranceLabels: Record<AssuranceIcon, string> = {
  pass: 'Consistently passes the target',
  fail: 'Consistently fails the target',
  hit_and_miss: 'Hit and miss: the target lies within the process limits',
};

/** "Special cause concern (shift, trend)" for one point. */
export function describePoint(point: Pick<SpcPoint, 'classification' | 'rules'>): string {
  const label = classificationLabels[point.classification];
  return point.classification === 'common' || point.rules.length === 0 ? label : `${label} (${point.rules.map((r) => ruleLabels[r]).join(', ')})`;
}
