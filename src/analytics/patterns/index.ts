// Every detector, run over one set of facts; findings come back strongest first.
import { incidentDetectors } from './incident-detectors.js';
import { themeDetectors } from './theme-detectors.js';
import type { DetectedPattern, Detector, PatternInput } from './types.js';

export const detectors: readonly Detector[] = [...incidentDetectors, ...themeDetectors];

/** Run detectors (all of them by default); duplicates by key keep the first, and the result is strongest first. */
export function detectAll(input: PatternInput, using: readonly Detector[] = detectors): DetectedPattern[] {
  return rank(using.flatMap((detect) => detect(input)));
}

export function rank(found: readonly DetectedPattern[]): DetectedPattern[] {
  const byKey = new Map(found.map((p) => [p.key, p]));
  return [...byKey.values()].sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
}

export { incidentDetectors, themeDetectors };
export type { DetectedPattern, PatternInput } from './types.js';
