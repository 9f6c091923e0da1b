import { assuranceIconFor, variationIconFor } from './icons.js';
import { xmrLimits } from './limits.js';
import { profileSettings, type SpcProfileSettings } from './profiles.js';
import { HIGH_SIGNALS, classifySignals, detectSignals, rulesOf, type PartitionLines } from './rules.js';
import type { Improvement, PointClassification, SpcInput, SpcPoint, SpcResult, SpcRule } from './types.js';

const IMPROVEMENTS: readonly Improvement[] = ['increase', 'decrease', 'neither'];

// Every combination of the eight signal bits, looked up per point instead of recomputed.
const SIGNAL_SETS = 256;
// Frozen and shared between points: a chart of a million points would otherwise allocate a million arrays (mostly empty).
const RULE_LISTS: readonly SpcRule[][] = Array.from({ length: SIGNAL_SETS }, (_, s) => Object.freeze(rulesOf(s)) as SpcRule[]);
const classificationTables = new WeakMap<SpcProfileSettings, Map<Improvement, readonly PointClassification[]>>();

function classificationTable(settings: SpcProfileSettings, improvement: Improvement): readonly PointClassification[] {
  let byImprovement = classificationTables.get(settings);
  if (byImprovement === undefined) {
    byImprovement = new Map();
    classificationTables.set(settings, byImprovement);
  }
  let table = byImprovement.get(improvement);
  if (table === undefined) {
    table = Array.from({ length: SIGNAL_SETS }, (_, s) => classifySignals(s, improvement, settings.precedence));
    byImprovement.set(improvement, table);
  }
  return table;
}

/** XmR chart as DOMAIN.md 4.1–4.3 define it: partition lines, every rule and a classification per point, and the two icons. */
export function xmrChart(input: SpcInput): SpcResult {
  const { values, improvement } = input;
  const settings = profileSettings(input.profile ?? 'mdc');
  validateInput(input);

  const n = values.length;
  const partitions = partitionLines(values, input, settings);
  const limitsShown = n >= settings.minimumPoints;
  const signals = limitsShown ? detectSignals(values, partitions, settings) : new Uint8Array(n);

  const classifications = classificationTable(settings, improvement);

  // Pre-sized: growing a million-element array by push costs more than filling it.
  const points = new Array<SpcPoint>(n);
  for (const p of partitions) {
    const upl = limitsShown ? nullIfNaN(p.upl) : null;
    const lpl = limitsShown ? nullIfNaN(p.lpl) : null;
    const upperTwoSigma = limitsShown ? nullIfNaN(p.upperTwoSigma) : null;
    const lowerTwoSigma = limitsShown ? nullIfNaN(p.lowerTwoSigma) : null;
    const mean = p.mean;
    for (let i = p.start; i < p.end; i++) {
      const s = signals[i]!;
      points[i] = {
        value: values[i]!,
        mean,
        upl,
        lpl,
        upperTwoSigma,
        lowerTwoSigma,
        classification: classifications[s]!,
        rules: RULE_LISTS[s]!,
      };
    }
  }

  const last = points[n - 1];
  const latest = partitions[partitions.length - 1];
  if (!limitsShown || last === undefined || latest === undefined) {
    return { points, limitsShown, variationIcon: null, assuranceIcon: null };
  }
  const variationIcon = variationIconFor(last.classification, last.value, last.mean, (signals[n - 1]! & HIGH_SIGNALS) !== 0);
  const assuranceIcon = input.target === undefined ? null : assuranceIconFor(input.target, latest.lpl, latest.upl, improvement);
  return { points, limitsShown, variationIcon, assuranceIcon };
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

// A baseline gives one partition whose lines come from its first k points; otherwise each recalculation starts
// a partition with lines from its own points.
function partitionLines(values: number[], input: SpcInput, settings: SpcProfileSettings): PartitionLines[] {
  const n = values.length;
  if (n === 0) return [];
  if (input.baseline !== undefined) {
    const limits = xmrLimits(values, 0, Math.min(input.baseline, n), settings.screenMovingRanges);
    return [{ start: 0, end: n, ...limits }];
  }
  const starts = [0, ...new Set(input.recalculateAt ?? [])].sort((a, b) => a - b);
  const partitions: PartitionLines[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = starts[k + 1] ?? n;
    partitions.push({ start, end, ...xmrLimits(values, start, end, settings.screenMovingRanges) });
  }
  return partitions;
}

function validateInput(input: SpcInput): void {
  const { values, improvement, target, recalculateAt, baseline } = input;
  if (!Array.isArray(values)) throw new TypeError('SPC values must be an array of numbers');
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`SPC value at index ${i} is not a finite number: ${String(values[i])}`);
  }
  if (!IMPROVEMENTS.includes(improvement)) {
    throw new RangeError(`Unknown improvement direction "${String(improvement)}": expected increase, decrease or neither`);
  }
  if (target !== undefined && !Number.isFinite(target)) throw new RangeError(`SPC target is not a finite number: ${String(target)}`);
  if (baseline !== undefined && (!Number.isInteger(baseline) || baseline < 2)) {
    throw new RangeError(`SPC baseline must be a whole number of points, at least 2 (one moving range): got ${String(baseline)}`);
  }
  if (recalculateAt !== undefined) {
    if (!Array.isArray(recalculateAt)) throw new TypeError('SPC recalculateAt must be an array of point indices');
    const last = values.length - 1;
    for (const index of recalculateAt) {
      if (!Number.isInteger(index) || index < 1 || index > last) {
        const allowed = last >= 1 ? `a whole number from 1 to ${last}` : 'impossible with fewer than 2 points';
        throw new RangeError(
          `SPC recalculation index ${String(index)} is out of range: a recalculation starts a new partition after the first point, so it must be ${allowed}`,
        );
      }
    }
  }
}
