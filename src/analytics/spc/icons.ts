import type { AssuranceIcon, Improvement, PointClassification, VariationIcon } from './types.js';

// Colours as used by Making Data Count (DOMAIN.md 4.3).
export const SPC_GREY = '#a6a6a6';
export const SPC_BLUE = '#00b0f0';
export const SPC_ORANGE = '#e46c0a';
export const SPC_PURPLE = '#490092';

const CLASSIFICATION_COLOURS: Readonly<Record<PointClassification, string>> = Object.freeze({
  common: SPC_GREY,
  improvement: SPC_BLUE,
  concern: SPC_ORANGE,
  neutral: SPC_PURPLE,
});

/** Point colour: common cause grey, improvement blue, concern orange, neutral purple (Making Data Count). */
export function classificationColour(classification: PointClassification): string {
  return CLASSIFICATION_COLOURS[classification];
}

/** Variation icon colour: grey for common cause, otherwise the colour of the last point's classification. */
export function variationIconColour(icon: VariationIcon): string {
  if (icon === 'common_cause') return SPC_GREY;
  if (icon.startsWith('improvement')) return SPC_BLUE;
  if (icon.startsWith('concern')) return SPC_ORANGE;
  return SPC_PURPLE;
}

/** Assurance icon colour: pass blue, fail orange, hit and miss grey. */
export function assuranceIconColour(icon: AssuranceIcon): string {
  return icon === 'pass' ? SPC_BLUE : icon === 'fail' ? SPC_ORANGE : SPC_GREY;
}

/** Variation icon (DOMAIN.md 4.3): the last point's classification, high/low against its mean, or the flagging run's direction on it. */
export function variationIconFor(
  classification: PointClassification,
  value: number,
  mean: number,
  isRunHigh: boolean,
): VariationIcon {
  if (classification === 'common') return 'common_cause';
  const isHigh = value > mean ? true : value < mean ? false : isRunHigh;
  return `${classification}_${isHigh ? 'high' : 'low'}`;
}

// Null for direction `neither`, and when the latest partition has no limits (a single point).
/** Assurance icon (DOMAIN.md 4.3): target inside or on the limits → hit and miss; outside → pass or fail by direction. */
export function assuranceIconFor(target: number, lpl: number, upl: number, improvement: Improvement): AssuranceIcon | null {
  if (improvement === 'neither' || Number.isNaN(lpl) || Number.isNaN(upl)) return null;
  if (target > upl) return improvement === 'increase' ? 'fail' : 'pass';
  if (target < lpl) return improvement === 'increase' ? 'pass' : 'fail';
  return 'hit_and_miss';
}
