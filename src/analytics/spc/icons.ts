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

/**
 * Variation icon from the last point (DOMAIN.md 4.3): common cause, or its classification with "high"/"low" for
 * above/below its partition's mean; exactly on the mean it takes the direction of the run that flagged it (`isRunHigh`).
 */
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

/**
 * Assurance icon from the target against the latest limits (DOMAIN.md 4.3): inside them or exactly on one is
 * hit and miss; outside them pass when the whole process is on the good side of the target, fail when on the bad
 * side; null for direction `neither` or when no limits exist.
 */
export function assuranceIconFor(target: number, lpl: number, upl: number, improvement: Improvement): AssuranceIcon | null {
  if (improvement === 'neither' || Number.isNaN(lpl) || Number.isNaN(upl)) return null;
  if (target > upl) return improvement === 'increase' ? 'fail' : 'pass';
  if (target < lpl) return improvement === 'increase' ? 'pass' : 'fail';
  return 'hit_and_miss';
}
