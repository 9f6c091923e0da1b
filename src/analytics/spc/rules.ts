import type { Improvement, PointClassification, SpcRule } from './types.js';

// Each point's signals are kept as a bit set: one bit per rule and direction, so a series of any length
// needs one byte per point and classification is a table lookup.
export const SIGNAL = Object.freeze({
  SINGLE_POINT_HIGH: 1,
  SINGLE_POINT_LOW: 2,
  SHIFT_HIGH: 4,
  SHIFT_LOW: 8,
  TREND_UP: 16,
  TREND_DOWN: 32,
  TWO_SIGMA_HIGH: 64,
  TWO_SIGMA_LOW: 128,
});

/** Signals pointing upwards (above the mean, or a rising trend). */
export const HIGH_SIGNALS = SIGNAL.SINGLE_POINT_HIGH | SIGNAL.SHIFT_HIGH | SIGNAL.TREND_UP | SIGNAL.TWO_SIGMA_HIGH;
/** Signals pointing downwards (below the mean, or a falling trend). */
export const LOW_SIGNALS = SIGNAL.SINGLE_POINT_LOW | SIGNAL.SHIFT_LOW | SIGNAL.TREND_DOWN | SIGNAL.TWO_SIGMA_LOW;

export const RULE_SIGNALS: Readonly<Record<SpcRule, number>> = Object.freeze({
  single_point: SIGNAL.SINGLE_POINT_HIGH | SIGNAL.SINGLE_POINT_LOW,
  shift: SIGNAL.SHIFT_HIGH | SIGNAL.SHIFT_LOW,
  trend: SIGNAL.TREND_UP | SIGNAL.TREND_DOWN,
  two_sigma: SIGNAL.TWO_SIGMA_HIGH | SIGNAL.TWO_SIGMA_LOW,
});

const RULE_ORDER: readonly SpcRule[] = ['single_point', 'shift', 'trend', 'two_sigma'];

/** A run of points sharing one centre line and set of limits (NaN limits: none could be computed). */
export interface PartitionLines {
  start: number;
  end: number;
  mean: number;
  upl: number;
  lpl: number;
  upperTwoSigma: number;
  lowerTwoSigma: number;
}

/** The profile settings the rules need. */
export interface RuleSettings {
  readonly shiftLength: number;
  readonly trendLength: number;
  readonly runsCrossPartitions: boolean;
}

// Single point: strictly beyond a limit. Shift: `shiftLength` points strictly on one side of their own mean. Trend:
// `trendLength` points each strictly above (or below) the one before. Two-sigma: 2 or 3 of 3 consecutive points
// beyond the same 2σ line but not beyond the limit, all 3 strictly on one side of the mean; only those points flagged.
// `partitions` must be contiguous and in order, covering the whole series.
/** Special-cause signal bits per point for the DOMAIN.md 4.2 rules (single point, shift, trend, two-sigma) over the partitions' lines. */
export function detectSignals(values: ArrayLike<number>, partitions: readonly PartitionLines[], settings: RuleSettings): Uint8Array {
  const n = values.length;
  const signals = new Uint8Array(n);
  // side: +1 above own mean, -1 below, 0 on it. zone: +1 in the upper 2σ–3σ band (UPL included), -1 lower, 0 elsewhere.
  const side = new Int8Array(n);
  const zone = new Int8Array(n);

  for (const p of partitions) {
    const { mean, upl, lpl, upperTwoSigma, lowerTwoSigma } = p;
    for (let i = p.start; i < p.end; i++) {
      const v = values[i]!;
      side[i] = v > mean ? 1 : v < mean ? -1 : 0;
      if (v > upl) signals[i] = SIGNAL.SINGLE_POINT_HIGH;
      else if (v < lpl) signals[i] = SIGNAL.SINGLE_POINT_LOW;
      else if (v > upperTwoSigma) zone[i] = 1;
      else if (v < lowerTwoSigma) zone[i] = -1;
    }
  }

  const cross = settings.runsCrossPartitions;
  flagShifts(side, partitions, settings.shiftLength, cross, signals);
  flagTrends(values, partitions, settings.trendLength, cross, signals);
  flagTwoSigma(side, zone, partitions, cross, signals);
  return signals;
}

function flagRun(signals: Uint8Array, runStart: number, i: number, runLength: number, minimum: number, bit: number): void {
  if (runLength === minimum) {
    for (let j = runStart; j <= i; j++) signals[j]! |= bit;
  } else if (runLength > minimum) {
    signals[i]! |= bit;
  }
}

function flagShifts(side: Int8Array, partitions: readonly PartitionLines[], minimum: number, cross: boolean, signals: Uint8Array): void {
  let runSide = 0;
  let runStart = 0;
  for (const p of partitions) {
    if (!cross) runSide = 0;
    for (let i = p.start; i < p.end; i++) {
      const s = side[i]!;
      if (s !== runSide) {
        runSide = s;
        runStart = i;
      }
      if (s !== 0) flagRun(signals, runStart, i, i - runStart + 1, minimum, s > 0 ? SIGNAL.SHIFT_HIGH : SIGNAL.SHIFT_LOW);
    }
  }
}

function flagTrends(
  values: ArrayLike<number>,
  partitions: readonly PartitionLines[],
  minimum: number,
  cross: boolean,
  signals: Uint8Array,
): void {
  let upStart = 0;
  let downStart = 0;
  let isFirst = true;
  for (const p of partitions) {
    for (let i = p.start; i < p.end; i++) {
      if (isFirst || (!cross && i === p.start)) {
        upStart = i;
        downStart = i;
        isFirst = false;
        continue;
      }
      const v = values[i]!;
      const previous = values[i - 1]!;
      if (v > previous) {
        downStart = i;
        flagRun(signals, upStart, i, i - upStart + 1, minimum, SIGNAL.TREND_UP);
      } else if (v < previous) {
        upStart = i;
        flagRun(signals, downStart, i, i - downStart + 1, minimum, SIGNAL.TREND_DOWN);
      } else {
        upStart = i;
        downStart = i;
      }
    }
  }
}

function flagTwoSigma(side: Int8Array, zone: Int8Array, partitions: readonly PartitionLines[], cross: boolean, signals: Uint8Array): void {
  for (const p of partitions) {
    const first = cross ? 2 : p.start + 2;
    for (let i = Math.max(p.start, first); i < p.end; i++) {
      const s = side[i]!;
      if (s === 0 || side[i - 1] !== s || side[i - 2] !== s) continue;
      const inZone = (zone[i] === s ? 1 : 0) + (zone[i - 1] === s ? 1 : 0) + (zone[i - 2] === s ? 1 : 0);
      if (inZone < 2) continue;
      const bit = s > 0 ? SIGNAL.TWO_SIGMA_HIGH : SIGNAL.TWO_SIGMA_LOW;
      for (let j = i - 2; j <= i; j++) if (zone[j] === s) signals[j]! |= bit;
    }
  }
}

/** The rules present in a signal set, in the order single_point, shift, trend, two_sigma. */
export function rulesOf(signals: number): SpcRule[] {
  const rules: SpcRule[] = [];
  for (const rule of RULE_ORDER) if ((signals & RULE_SIGNALS[rule]) !== 0) rules.push(rule);
  return rules;
}

// A conflict (signals both ways) goes to improvement when `precedence` is null, else to the first listed rule present.
/** Classification of a signal set (DOMAIN.md 4.2): none → common; `neither` → neutral; else improvement or concern by direction. */
export function classifySignals(signals: number, improvement: Improvement, precedence: readonly SpcRule[] | null): PointClassification {
  if (signals === 0) return 'common';
  if (improvement === 'neither') return 'neutral';
  const good = improvement === 'increase' ? HIGH_SIGNALS : LOW_SIGNALS;
  let deciding = signals;
  if (precedence !== null) {
    for (const rule of precedence) {
      const ruleSignals = signals & RULE_SIGNALS[rule];
      if (ruleSignals !== 0) {
        deciding = ruleSignals;
        break;
      }
    }
  }
  return (deciding & good) !== 0 ? 'improvement' : 'concern';
}
