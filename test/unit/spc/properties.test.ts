// Property tests over seeded random series: the chart must not depend on the measure's units or origin, the
// improvement direction only relabels signals, and short series never show limits or signals.
import { describe, expect, it } from 'vitest';
import { xmrChart, type Improvement, type SpcInput, type SpcProfile, type SpcResult } from '../../../src/analytics/spc/index.js';

/** mulberry32: a small deterministic PRNG, so every run checks the same series. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function integerBetween(rand: () => number, low: number, high: number): number {
  return low + Math.floor(rand() * (high - low + 1));
}

// Monthly counts with the things the rules look for: level shifts, ramps, single spikes and repeated values.
function randomCounts(rand: () => number, n: number): number[] {
  const level = integerBetween(rand, 3, 40);
  const spread = integerBetween(rand, 1, 12);
  const values: number[] = [];
  let step = 0;
  let ramp = 0;
  for (let i = 0; i < n; i++) {
    if (rand() < 0.05) step = integerBetween(rand, -spread, 2 * spread);
    if (rand() < 0.04) ramp = pick(rand, [-1, 1]) * integerBetween(rand, 6, 9);
    const trend = ramp !== 0 ? Math.sign(ramp) * (Math.abs(ramp) * 2) : 0;
    if (ramp !== 0) ramp -= Math.sign(ramp);
    const spike = rand() < 0.03 ? pick(rand, [-1, 1]) * 4 * spread : 0;
    values.push(Math.max(0, level + step + trend + spike + integerBetween(rand, -spread, spread)));
  }
  return values;
}

function randomInput(rand: () => number, n: number): SpcInput {
  const input: SpcInput = {
    values: randomCounts(rand, n),
    improvement: pick(rand, ['increase', 'decrease', 'neither'] as const),
    profile: pick(rand, ['mdc', 'nhsrplotthedots'] as const),
  };
  if (rand() < 0.6) input.target = integerBetween(rand, 0, 60);
  const shape = rand();
  if (shape < 0.3 && n > 1) {
    input.recalculateAt = [integerBetween(rand, 1, n - 1), integerBetween(rand, 1, n - 1)];
  } else if (shape < 0.5) {
    input.baseline = integerBetween(rand, 2, n + 3);
  }
  return input;
}

const SERIES = 300;

function eachSeries(seed: number, minLength: number, maxLength: number, check: (input: SpcInput, rand: () => number) => void): void {
  const rand = prng(seed);
  for (let k = 0; k < SERIES; k++) check(randomInput(rand, integerBetween(rand, minLength, maxLength)), rand);
}

// Returns a description of every line that is not where `map` puts the original's, so one assertion covers a series.
function misplacedLines(result: SpcResult, original: SpcResult, map: (x: number) => number): string[] {
  const misplaced: string[] = [];
  result.points.forEach((p, i) => {
    const o = original.points[i]!;
    for (const key of ['mean', 'upl', 'lpl', 'upperTwoSigma', 'lowerTwoSigma'] as const) {
      const actual = p[key];
      const before = o[key];
      const isPlaced =
        actual === null || before === null
          ? actual === before
          : Math.abs(actual - map(before)) <= 1e-9 * Math.max(1, Math.abs(map(before)));
      if (!isPlaced) misplaced.push(`point ${i} ${key}: ${String(actual)} from ${String(before)}`);
    }
  });
  return misplaced;
}

function expectTransformed(result: SpcResult, original: SpcResult, map: (x: number) => number): void {
  expect(result.points.map((p) => p.classification)).toEqual(original.points.map((p) => p.classification));
  expect(result.points.map((p) => p.rules)).toEqual(original.points.map((p) => p.rules));
  expect(result.limitsShown).toBe(original.limitsShown);
  expect(result.variationIcon).toBe(original.variationIcon);
  expect(result.assuranceIcon).toBe(original.assuranceIcon);
  expect(misplacedLines(result, original, map)).toEqual([]);
}

describe('SPC properties (seeded random series)', () => {
  it('adding a constant moves the mean and limits by it and changes no classification, rule or icon', () => {
    eachSeries(1, 13, 150, (input, rand) => {
      const c = pick(rand, [-1000, -7, -1, 1, 3, 25, 1000]);
      const moved = xmrChart({
        ...input,
        values: input.values.map((v) => v + c),
        target: input.target === undefined ? undefined : input.target + c,
      });
      expectTransformed(moved, xmrChart(input), (x) => x + c);
    });
  });

  it('multiplying by a positive constant scales the mean and limits and keeps every classification, rule and icon', () => {
    eachSeries(2, 13, 150, (input, rand) => {
      const k = pick(rand, [0.001, 0.25, 0.5, 2, 3, 10, 1000]);
      const scaled = xmrChart({
        ...input,
        values: input.values.map((v) => v * k),
        target: input.target === undefined ? undefined : input.target * k,
      });
      expectTransformed(scaled, xmrChart(input), (x) => x * k);
    });
  });

  it('reversing the improvement direction swaps improvement and concern; neither makes every signal neutral', () => {
    const swapped: Record<string, string> = { improvement: 'concern', concern: 'improvement', common: 'common' };
    let conflicts = 0;
    eachSeries(3, 13, 150, (input) => {
      const byDirection = Object.fromEntries(
        (['increase', 'decrease', 'neither'] as const).map((improvement) => [improvement, xmrChart({ ...input, improvement })]),
      ) as Record<Improvement, SpcResult>;
      const up = byDirection.increase;
      const down = byDirection.decrease;
      const neither = byDirection.neither;
      // Rules do not depend on the direction; only their reading does.
      expect(down.points.map((q) => q.rules)).toEqual(up.points.map((p) => p.rules));
      expect(neither.points.map((q) => q.rules)).toEqual(up.points.map((p) => p.rules));
      expect(neither.points.map((q) => q.classification)).toEqual(
        up.points.map((p) => (p.classification === 'common' ? 'common' : 'neutral')),
      );
      // The exception to the swap: a point flagged both ways (only a trend can cross the mean) is improvement in
      // both readings under mdc; under nhsrplotthedots only a turning point inside two trends can be.
      const unswapped = up.points.flatMap((p, i) => {
        const q = down.points[i]!;
        return q.classification === swapped[p.classification] ? [] : [{ up: p.classification, down: q.classification, rules: p.rules }];
      });
      for (const point of unswapped) {
        expect(point.up).toBe('improvement');
        expect(point.down).toBe('improvement');
        expect(point.rules).toContain('trend');
      }
      conflicts += unswapped.length;
      const lastSwapped = up.variationIcon?.replace(/^(improvement|concern)/, (m) => swapped[m]!);
      if (down.variationIcon !== lastSwapped) {
        expect(up.points[up.points.length - 1]!.classification).toBe('improvement');
        expect(down.points[down.points.length - 1]!.classification).toBe('improvement');
      }
      const assuranceSwapped: Record<string, string> = { pass: 'fail', fail: 'pass', hit_and_miss: 'hit_and_miss' };
      expect(down.assuranceIcon).toBe(up.assuranceIcon === null ? null : assuranceSwapped[up.assuranceIcon]);
      expect(neither.assuranceIcon).toBeNull();
    });
    // The generator does produce conflicts, so the exception above is exercised rather than vacuous.
    expect(conflicts).toBeGreaterThan(0);
  });

  it('fewer than 13 points show the mean only: no limits, every point common, no rules, no icons', () => {
    eachSeries(4, 0, 12, (input) => {
      const result = xmrChart({ ...input, target: input.target ?? 10 });
      expect(result.limitsShown).toBe(false);
      expect(result.variationIcon).toBeNull();
      expect(result.assuranceIcon).toBeNull();
      const n = input.values.length;
      const starts =
        input.baseline !== undefined ? [0] : [...new Set([0, ...(input.recalculateAt ?? [])])].sort((a, b) => a - b);
      result.points.forEach((p, i) => {
        expect(p.value).toBe(input.values[i]);
        expect([p.upl, p.lpl, p.upperTwoSigma, p.lowerTwoSigma]).toEqual([null, null, null, null]);
        expect(p.classification).toBe('common');
        expect(p.rules).toEqual([]);
        const start = starts.filter((s) => s <= i).pop()!;
        const end = input.baseline !== undefined ? Math.min(input.baseline, n) : (starts.find((s) => s > i) ?? n);
        const own = input.values.slice(start, end);
        expect(p.mean).toBeCloseTo(own.reduce((a, b) => a + b, 0) / own.length, 10);
      });
      expect(result.points).toHaveLength(n);
    });
  });
});

// Which profiles saw which shapes is not asserted, but a silent generator bug would weaken every property.
describe('property generator', () => {
  it('produces both profiles, recalculations, baselines, targets and every rule', () => {
    const rand = prng(1);
    const seen = new Set<string>();
    for (let k = 0; k < SERIES; k++) {
      const input = randomInput(rand, integerBetween(rand, 13, 150));
      seen.add(input.profile as SpcProfile);
      if (input.recalculateAt) seen.add('recalculation');
      if (input.baseline !== undefined) seen.add('baseline');
      if (input.target !== undefined) seen.add('target');
      for (const point of xmrChart(input).points) for (const rule of point.rules) seen.add(rule);
    }
    expect([...seen].sort()).toEqual([
      'baseline',
      'mdc',
      'nhsrplotthedots',
      'recalculation',
      'shift',
      'single_point',
      'target',
      'trend',
      'two_sigma',
    ]);
  });
});
