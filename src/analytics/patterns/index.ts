// Every detector, run over one set of facts; findings come back strongest first.
import { incidentDetectors } from './incident-detectors.js';
import { themeDetectors } from './theme-detectors.js';
import type { DetectedPattern, Detector, PatternInput } from './types.js';

export const detectors: readonly Detector[] = [...incidentDetectors, ...themeDetectors];

export function detectAll(input: PatternInput): DetectedPattern[] {
  const found = detectors.flatMap((detect) => detect(input));
  const byKey = new Map(found.map((p) => [p.key, p]));
  return [...byKey.values()].sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
}

export type { DetectedPattern, PatternInput } from './types.js';
