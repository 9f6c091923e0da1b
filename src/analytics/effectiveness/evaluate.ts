// Did the action work? An honest, conservative verdict from a monthly series of event counts with exposure.
// Pure: no I/O. The rules below are the specification; the unit tests check each of them.
//
// WINDOWS
// - A month is *available* when it appears in the series with exposure > 0 (exposure: occupied days, days a
//   person was supported, or 1 a month when the measure has no denominator).
// - The action month itself is left out of both windows: the action happened part-way through it, so it mixes the
//   old and the new process. It is still drawn on the chart (as the first point of the new partition).
// - The before window is the run of available months ending the month before the action month; the after window the
//   run of available months starting the month after it and ending at the review month (the last complete month
//   to use). Both runs stop at the first unavailable month. The windows are then matched: each keeps the n months
//   nearest the action, n = min(before run, after run, 12).
//
// STATISTIC
// - Counts are treated as Poisson. a = events in the before window over exposure Ea, b = events after over Eb.
//   Rate ratio RR = (b / Eb) ÷ (a / Ea); 95 % CI = exp(ln RR ± 1.96 × SE), SE = √(1/a + 1/b).
// - Zeros: when a or b is 0, 0.5 is added to both counts (a Haldane-style continuity correction) for the rate
//   ratio and its interval, so both stay finite; the reported counts and rates are the observed ones.
// - Over-dispersion: real monthly counts often vary more than Poisson allows, which would make the interval too
//   narrow. The dispersion φ = Pearson χ² ÷ (months − 2), with each month's expected count from its own window's
//   rate, is estimated; when φ > 1 the SE is multiplied by √φ (quasi-Poisson). φ ≤ 1 leaves the SE unchanged,
//   so this can only widen the interval: it never makes a verdict less cautious.
//
// CHART EVIDENCE
// - The old process's lines (mean, and limits mean ± 2.66 × mRbar) come from the before window; the after window's
//   points are read against them. Special cause in the improvement direction is either a point strictly beyond the
//   old limit on the improvement side, or a run of 6 or more consecutive after points strictly on the improvement
//   side of the old mean (the Making Data Count shift rule). Only after points count: a run that started before the
//   action does not. With fewer than 6 months after the action only the single-point rule can show it.
// - The `spc` result returned is the ordinary Making Data Count chart (xmrChart) of the monthly rates, with a
//   recalculation at the action month, for display. (Its post-action partition is judged against its own mean, so
//   it cannot by itself show a change at the action; the old-lines reading above is what the verdict uses.)
//
// VERDICT (in this order)
// 1. insufficient_data: fewer than 3 matched months in either window, or fewer than 10 events in both windows.
// 2. worsened: the whole 95 % CI lies on the concern side of 1 (above 1 for a measure that improves by decrease).
// 3. effective: the whole 95 % CI lies on the improvement side of 1 AND the chart evidence shows special cause in
//    the improvement direction after the action.
// 4. not_yet_evident: anything else (the interval includes 1, or the chart does not yet show a sustained change).
// Conservative by design: `effective` needs two independent pieces of evidence, `worsened` only one, because missing a
// deterioration costs more than waiting longer to call an action a success.

import { SPC_PROFILES, xmrChart, xmrLimits, type SpcResult } from '../spc/index.js';
import { formatMonthOf } from '../../domain/dates.js';

export const EFFECT_MINIMUM_MONTHS = 3;
export const EFFECT_MAXIMUM_MONTHS = 12;
export const EFFECT_MINIMUM_EVENTS = 10;
/** Added to both counts when either is zero, so the log rate ratio and its interval stay finite. */
export const CONTINUITY_CORRECTION = 0.5;
const Z_95 = 1.959963984540054;
const SHIFT_LENGTH = SPC_PROFILES.mdc.shiftLength;

export type EffectVerdict = 'effective' | 'not_yet_evident' | 'worsened' | 'insufficient_data';

export interface MonthlyCount {
  /** YYYY-MM */
  period: string;
  count: number;
  /** Occupied days, days supported, or 1 a month when there is no denominator. 0 or absent: the month is not available. */
  exposure: number;
}

export interface EffectInput {
  series: readonly MonthlyCount[];
  /** The month the action took effect (YYYY-MM); left out of both windows. */
  actionMonth: string;
  /** The last complete month that may be used (YYYY-MM). */
  reviewMonth: string;
  improvement: 'increase' | 'decrease';
  /** Rate = count ÷ exposure × per (e.g. 1,000 for per 1,000 occupied bed days; 365.25 ÷ 12 for a month of days supported). Default 1. */
  per?: number;
  /** How a rate reads after its number: "a month", "per 1,000 occupied bed days". Default "a month". */
  rateUnit?: string;
  /** The measure in words, lower case: "restrictive interventions". Default "the measure". */
  measureName?: string;
  /** The action in words: "the new support plan". Default "the action". */
  actionName?: string;
}

export interface EffectWindow {
  /** Events per exposure × per, or null when the window is empty. */
  rate: number | null;
  count: number;
  exposure: number;
  /** First and last month (YYYY-MM), or null when the window is empty. */
  from: string | null;
  to: string | null;
  months: number;
}

export interface EffectEvidence {
  /** Matched months in each window. */
  windowMonths: number;
  /** Old process lines from the before window (null when it has fewer than 2 months). */
  oldMean: number | null;
  oldLowerLimit: number | null;
  oldUpperLimit: number | null;
  /** After-window months strictly beyond the old limit on the improvement side. */
  pointsBeyondOldLimit: number;
  /** Longest run of consecutive after-window months strictly on the improvement side of the old mean. */
  longestRunOnImprovementSide: number;
  /** Special cause in the improvement direction after the action, read against the old lines. */
  isSpecialCauseImprovement: boolean;
  /** Estimated dispersion φ (1 = Poisson); the CI is widened by √φ when φ > 1. Null when it cannot be estimated. */
  dispersion: number | null;
  isContinuityCorrected: boolean;
}

export interface EffectEvaluation {
  verdict: EffectVerdict;
  explanation: string;
  before: EffectWindow;
  after: EffectWindow;
  rateRatio: number | null;
  ci95: [number, number] | null;
  /** The chart of monthly rates with a recalculation at the action month; `periods` names each point's month. */
  spc: SpcResult;
  periods: string[];
  actionMonth: string;
  evidence: EffectEvidence;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** "2025-06" → "Jun 2025". */
export const monthLabel = formatMonthOf;

/** The month `k` months after `period` (k may be negative). */
export function addMonths(period: string, k: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const formatNumber = (x: number, digits: number) =>
  x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function validate(input: EffectInput): void {
  for (const [name, value] of [['actionMonth', input.actionMonth], ['reviewMonth', input.reviewMonth]] as const) {
    if (!PERIOD.test(value)) throw new RangeError(`${name} must be a month as YYYY-MM: got ${String(value)}`);
  }
  if (input.improvement !== 'increase' && input.improvement !== 'decrease') {
    throw new RangeError(`An action can only be judged on a measure that improves by increase or decrease: got ${String(input.improvement)}`);
  }
  const per = input.per ?? 1;
  if (!(Number.isFinite(per) && per > 0)) throw new RangeError(`per must be a positive number: got ${String(per)}`);
  const seen = new Set<string>();
  for (const m of input.series) {
    if (!PERIOD.test(m.period)) throw new RangeError(`Each period must be a month as YYYY-MM: got ${String(m.period)}`);
    if (seen.has(m.period)) throw new RangeError(`The series has ${m.period} twice`);
    seen.add(m.period);
    if (!(Number.isFinite(m.count) && m.count >= 0)) throw new RangeError(`The count for ${m.period} must be a number of events, 0 or more`);
    if (!(Number.isFinite(m.exposure) && m.exposure >= 0)) throw new RangeError(`The exposure for ${m.period} must be 0 or more`);
  }
}

function windowOf(months: readonly MonthlyCount[], per: number): EffectWindow {
  const count = months.reduce((s, m) => s + m.count, 0);
  const exposure = months.reduce((s, m) => s + m.exposure, 0);
  return {
    rate: months.length && exposure > 0 ? (count / exposure) * per : null,
    count,
    exposure,
    from: months[0]?.period ?? null,
    to: months[months.length - 1]?.period ?? null,
    months: months.length,
  };
}

/** Pearson χ² ÷ (months − 2) with expected counts from each window's own rate; null when it cannot be estimated. */
function dispersionOf(before: readonly MonthlyCount[], after: readonly MonthlyCount[]): number | null {
  const degrees = before.length + after.length - 2;
  if (degrees < 1) return null;
  let chi = 0;
  for (const window of [before, after]) {
    const count = window.reduce((s, m) => s + m.count, 0);
    const exposure = window.reduce((s, m) => s + m.exposure, 0);
    if (count === 0 || exposure === 0) continue;
    for (const m of window) {
      const expected = (count * m.exposure) / exposure;
      if (expected > 0) chi += (m.count - expected) ** 2 / expected;
    }
  }
  return chi / degrees;
}

/** Judge whether an action moved a measure, as the module comment above specifies. */
export function evaluateEffect(input: EffectInput): EffectEvaluation {
  validate(input);
  const per = input.per ?? 1;
  const unit = input.rateUnit ?? 'a month';
  const measure = input.measureName ?? 'the measure';
  const action = input.actionName ?? 'the action';
  const isDecrease = input.improvement === 'decrease';
  const byPeriod = new Map(input.series.map((m) => [m.period, m]));
  const isAvailable = (period: string) => (byPeriod.get(period)?.exposure ?? 0) > 0;

  // Runs of available months either side of the action month, nearest first.
  const beforeRun: MonthlyCount[] = [];
  for (let k = 1; k <= EFFECT_MAXIMUM_MONTHS && isAvailable(addMonths(input.actionMonth, -k)); k++) {
    beforeRun.unshift(byPeriod.get(addMonths(input.actionMonth, -k))!);
  }
  const afterRun: MonthlyCount[] = [];
  for (let k = 1; k <= EFFECT_MAXIMUM_MONTHS; k++) {
    const period = addMonths(input.actionMonth, k);
    if (period > input.reviewMonth || !isAvailable(period)) break;
    afterRun.push(byPeriod.get(period)!);
  }
  const n = Math.min(beforeRun.length, afterRun.length);
  const isLongEnough = n >= EFFECT_MINIMUM_MONTHS;
  // Matched windows when there are enough months; otherwise whatever there is, to show it.
  const beforeMonths = isLongEnough ? beforeRun.slice(beforeRun.length - n) : beforeRun;
  const afterMonths = isLongEnough ? afterRun.slice(0, n) : afterRun;
  const before = windowOf(beforeMonths, per);
  const after = windowOf(afterMonths, per);
  const rateOf = (m: MonthlyCount) => (m.count / m.exposure) * per;

  // The chart for display: before, the action month (when it has exposure), after; recalculated at the action month.
  const actionPoint = isAvailable(input.actionMonth) ? [byPeriod.get(input.actionMonth)!] : [];
  const charted = [...beforeMonths, ...actionPoint, ...afterMonths];
  const recalculateAt = beforeMonths.length >= 1 && afterMonths.length + actionPoint.length >= 1 ? [beforeMonths.length] : undefined;
  const spc = xmrChart({ values: charted.map(rateOf), improvement: input.improvement, ...(recalculateAt ? { recalculateAt } : {}) });
  const periods = charted.map((m) => m.period);

  // The old process's lines, and the after points read against them.
  const beforeRates = beforeMonths.map(rateOf);
  const afterRates = afterMonths.map(rateOf);
  const old = beforeRates.length >= 2 ? xmrLimits(beforeRates, 0, beforeRates.length) : null;
  const isBetter = (x: number, line: number) => (isDecrease ? x < line : x > line);
  let pointsBeyondOldLimit = 0;
  let longestRun = 0;
  if (old) {
    const limit = isDecrease ? old.lpl : old.upl;
    let run = 0;
    for (const x of afterRates) {
      if (isBetter(x, limit)) pointsBeyondOldLimit++;
      run = isBetter(x, old.mean) ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
  }
  const isSpecialCauseImprovement = isLongEnough && (pointsBeyondOldLimit > 0 || longestRun >= SHIFT_LENGTH);

  // Rate ratio and interval.
  const a = before.count;
  const b = after.count;
  const isContinuityCorrected = (a === 0 || b === 0) && a + b > 0;
  let rateRatio: number | null = null;
  let ci95: [number, number] | null = null;
  let dispersion: number | null = null;
  if (before.exposure > 0 && after.exposure > 0 && a + b > 0) {
    const ca = isContinuityCorrected ? a + CONTINUITY_CORRECTION : a;
    const cb = isContinuityCorrected ? b + CONTINUITY_CORRECTION : b;
    const logRatio = Math.log((cb / after.exposure) / (ca / before.exposure));
    dispersion = dispersionOf(beforeMonths, afterMonths);
    const se = Math.sqrt(1 / ca + 1 / cb) * Math.sqrt(Math.max(1, dispersion ?? 1));
    rateRatio = Math.exp(logRatio);
    ci95 = [Math.exp(logRatio - Z_95 * se), Math.exp(logRatio + Z_95 * se)];
  }

  const evidence: EffectEvidence = {
    windowMonths: isLongEnough ? n : 0,
    oldMean: old?.mean ?? null,
    oldLowerLimit: old?.lpl ?? null,
    oldUpperLimit: old?.upl ?? null,
    pointsBeyondOldLimit,
    longestRunOnImprovementSide: longestRun,
    isSpecialCauseImprovement,
    dispersion,
    isContinuityCorrected,
  };
  const base = { before, after, rateRatio, ci95, spc, periods, actionMonth: input.actionMonth, evidence };
  const when = `${action} in ${monthLabel(input.actionMonth)}`;

  // 1. Not enough data.
  if (!isLongEnough) {
    const earliest = addMonths(input.actionMonth, EFFECT_MINIMUM_MONTHS);
    const explanation = afterRun.length < EFFECT_MINIMUM_MONTHS
      ? `Not enough data to judge ${when} yet: there ${afterRun.length === 1 ? 'is' : 'are'} ${plural(afterRun.length, 'complete month', 'complete months')} after it, and at least ${EFFECT_MINIMUM_MONTHS} are needed (the month of the action itself is left out). Review again once ${monthLabel(earliest)} is complete.`
      : `Not enough data to judge ${when}: there ${beforeRun.length === 1 ? 'is' : 'are'} only ${plural(beforeRun.length, 'month', 'months')} of data before it, and at least ${EFFECT_MINIMUM_MONTHS} are needed to compare with.`;
    return { verdict: 'insufficient_data', explanation, ...base };
  }
  const span = `${monthLabel(before.from!)} to ${monthLabel(before.to!)} against ${monthLabel(after.from!)} to ${monthLabel(after.to!)}`;
  if (a + b < EFFECT_MINIMUM_EVENTS) {
    return {
      verdict: 'insufficient_data', ...base,
      explanation: `Too few events to judge ${when}: only ${(a + b).toLocaleString('en-GB')} ${input.measureName ?? 'events'} ${a + b === 1 ? 'was' : 'were'} recorded in the ${n} months either side (${span}), and at least ${EFFECT_MINIMUM_EVENTS} are needed before a change can be told apart from chance.`,
    };
  }

  const [lo, hi] = ci95!;
  const direction = after.rate! < before.rate! ? 'fell' : after.rate! > before.rate! ? 'rose' : 'stayed';
  const rates = direction === 'stayed'
    ? `stayed at ${formatNumber(before.rate!, 1)} ${unit}`
    : `${direction} from ${formatNumber(before.rate!, 1)} to ${formatNumber(after.rate!, 1)} ${unit}`;
  const statistic = `rate ratio ${formatNumber(rateRatio!, 2)}, 95 % CI ${formatNumber(lo, 2)} to ${formatNumber(hi, 2)}`;
  const opening = `After ${when}, ${measure} ${rates} (${n} months either side, ${span}; ${statistic})`;
  const isCiImprovement = isDecrease ? hi < 1 : lo > 1;
  const isCiConcern = isDecrease ? lo > 1 : hi < 1;
  const side = isDecrease ? 'below' : 'above';

  // 2. Worse.
  if (isCiConcern) {
    return { verdict: 'worsened', ...base, explanation: `${opening}: the measure has got worse since the action, by more than chance would explain.` };
  }
  // 3. Both pieces of evidence.
  if (isCiImprovement && isSpecialCauseImprovement) {
    const chart = longestRun >= SHIFT_LENGTH
      ? `the chart shows a sustained shift ${side} the old mean (${plural(longestRun, 'month', 'months')} in a row)`
      : `the chart shows ${plural(pointsBeyondOldLimit, 'month', 'months')} beyond the old ${isDecrease ? 'lower' : 'upper'} limit`;
    return { verdict: 'effective', ...base, explanation: `${opening}, and ${chart}: the action looks effective.` };
  }
  // 4. Not yet.
  if (isCiImprovement) {
    const wait = n < SHIFT_LENGTH
      ? ` With ${plural(n, 'month', 'months')} after the action only a month beyond the old limit could show it; review again when ${SHIFT_LENGTH} months are in.`
      : ' Review again when more months are in.';
    return {
      verdict: 'not_yet_evident', ...base,
      explanation: `${opening}, but the chart does not yet show a sustained change: no run of ${SHIFT_LENGTH} months ${side} the old mean and no month beyond the old ${isDecrease ? 'lower' : 'upper'} limit.${wait}`,
    };
  }
  return {
    verdict: 'not_yet_evident', ...base,
    explanation: `${opening}. A difference this size could be chance, so there is no clear evidence yet that the action worked.`,
  };
}
