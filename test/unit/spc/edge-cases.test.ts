// Edge cases of the XmR engine: recalculations and baselines, invalid input, ties with the mean and between
// neighbours, negative lower limits, icons on the mean, profile differences, colours and throughput.
import { describe, expect, it } from 'vitest';
import {
  SPC_BLUE,
  SPC_GREY,
  SPC_ORANGE,
  SPC_PROFILES,
  SPC_PURPLE,
  assuranceIconColour,
  classificationColour,
  variationIconColour,
  xmrChart,
  xmrLimits,
  type SpcInput,
} from '../../../src/analytics/spc/index.js';

// "Recalculations" series from the Making Data Count checklist: 15 points at one level, 15 at a higher one.
const TWO_LEVELS = [16, 24, 22, 19, 19, 18, 24, 25, 18, 17, 16, 25, 15, 23, 19, 35, 32, 35, 31, 27, 33, 28, 38, 35, 30, 28, 29, 27, 24, 23];

describe('recalculations and baselines', () => {
  it('applies only the baseline when a recalculation is also given', () => {
    const both = xmrChart({ values: TWO_LEVELS, improvement: 'increase', baseline: 15, recalculateAt: [15] });
    const baselineOnly = xmrChart({ values: TWO_LEVELS, improvement: 'increase', baseline: 15 });
    const recalculationOnly = xmrChart({ values: TWO_LEVELS, improvement: 'increase', recalculateAt: [15] });
    expect(both).toEqual(baselineOnly);
    expect(both).not.toEqual(recalculationOnly);
    // The baseline's lines (points 1–15) carry over the whole series.
    expect(new Set(both.points.map((p) => p.mean))).toEqual(new Set([20]));
    expect(both.points[29]!.upl).toBeCloseTo(31.59, 2);
  });

  it('treats a baseline longer than the series as the whole series', () => {
    expect(xmrChart({ values: TWO_LEVELS, improvement: 'increase', baseline: 99 })).toEqual(
      xmrChart({ values: TWO_LEVELS, improvement: 'increase' }),
    );
  });

  it('accepts recalculations in any order and repeated', () => {
    expect(xmrChart({ values: TWO_LEVELS, improvement: 'increase', recalculateAt: [20, 10, 20] })).toEqual(
      xmrChart({ values: TWO_LEVELS, improvement: 'increase', recalculateAt: [10, 20] }),
    );
  });

  it('gives a one-point final partition its mean but no limits, and then no assurance icon', () => {
    const result = xmrChart({ values: TWO_LEVELS, improvement: 'increase', target: 30, recalculateAt: [29] });
    expect(result.limitsShown).toBe(true);
    expect(result.points[28]!.upl).not.toBeNull();
    const last = result.points[29]!;
    expect(last.mean).toBe(23);
    expect([last.upl, last.lpl, last.upperTwoSigma, last.lowerTwoSigma]).toEqual([null, null, null, null]);
    expect(result.assuranceIcon).toBeNull();
  });

  it('gives an empty series no points and no icons', () => {
    expect(xmrChart({ values: [], improvement: 'increase', target: 3 })).toEqual({
      points: [],
      limitsShown: false,
      variationIcon: null,
      assuranceIcon: null,
    });
  });
});

describe('invalid input is rejected with a RangeError', () => {
  const base: SpcInput = { values: TWO_LEVELS, improvement: 'increase' };

  it('rejects a recalculation at index 0: the first partition already starts there', () => {
    expect(() => xmrChart({ ...base, recalculateAt: [0] })).toThrow(RangeError);
    expect(() => xmrChart({ ...base, recalculateAt: [0] })).toThrow(/recalculation index 0 is out of range.*from 1 to 29/);
  });

  it('rejects recalculations outside the series or not whole numbers', () => {
    for (const index of [30, 31, -1, 1.5, Number.NaN, Infinity]) {
      expect(() => xmrChart({ ...base, recalculateAt: [5, index] }), String(index)).toThrow(RangeError);
    }
    expect(() => xmrChart({ values: [7], improvement: 'increase', recalculateAt: [1] })).toThrow(/fewer than 2 points/);
  });

  it('checks recalculations even when a baseline overrides them', () => {
    expect(() => xmrChart({ ...base, baseline: 15, recalculateAt: [0] })).toThrow(RangeError);
  });

  it('rejects a baseline with no moving range, or not a whole number', () => {
    for (const baseline of [0, 1, -3, 2.5, Number.NaN]) {
      expect(() => xmrChart({ ...base, baseline }), String(baseline)).toThrow(/baseline must be a whole number of points, at least 2/);
    }
  });

  it('rejects values and targets that are not finite numbers', () => {
    expect(() => xmrChart({ ...base, values: [1, 2, Number.NaN] })).toThrow(/index 2 is not a finite number/);
    expect(() => xmrChart({ ...base, values: [1, Infinity] })).toThrow(RangeError);
    expect(() => xmrChart({ ...base, target: Number.NaN })).toThrow(/target is not a finite number/);
  });

  it('rejects unknown directions and profiles', () => {
    expect(() => xmrChart({ ...base, improvement: 'up' as never })).toThrow(/Unknown improvement direction "up"/);
    expect(() => xmrChart({ ...base, profile: 'excel' as never })).toThrow(/Unknown SPC profile "excel"/);
    expect(() => xmrChart({ ...base, profile: 'toString' as never })).toThrow(RangeError);
  });
});

describe('ties', () => {
  // Mean exactly 10: five points above, one on the mean, five above, five below.
  const AROUND_TEN = [12, 14, 12, 14, 12, 10, 12, 14, 12, 14, 12, 6, 4, 6, 2, 4];

  it('a point exactly on the mean breaks a shift', () => {
    const result = xmrChart({ values: AROUND_TEN, improvement: 'increase' });
    expect(result.points[5]!.mean).toBe(10);
    expect(result.points[5]!.rules).toEqual([]);
    expect(result.points.some((p) => p.rules.includes('shift'))).toBe(false);

    const unbroken = AROUND_TEN.map((v, i) => (i === 5 ? 12 : v));
    const shifted = xmrChart({ values: unbroken, improvement: 'increase' });
    expect(shifted.points.slice(0, 11).every((p) => p.rules.includes('shift') && p.classification === 'improvement')).toBe(true);
  });

  it('an equal value breaks a trend', () => {
    const paused = [10, 11, 12, 13, 14, 14, 15, 16, 17, 18, 12, 13, 12];
    expect(xmrChart({ values: paused, improvement: 'increase' }).points.some((p) => p.rules.includes('trend'))).toBe(false);

    const rising = paused.map((v, i) => (i === 5 ? 14.5 : v));
    const trend = xmrChart({ values: rising, improvement: 'increase' }).points.map((p) => p.rules.includes('trend'));
    expect(trend).toEqual([...Array<boolean>(10).fill(true), false, false, false]);
  });

  it('a point exactly on a limit or a 2σ line is not beyond it', () => {
    // A 14-point baseline (mean 10, mRbar 3) fixes the lines, so points added after it can sit exactly on them.
    const baseline = [8.5, 11.5, 8.5, 11.5, 8.5, 11.5, 8.5, 11.5, 8.5, 11.5, 8.5, 11.5, 8.5, 11.5];
    const lines = xmrChart({ values: baseline, improvement: 'increase', baseline: 14 }).points[0]!;
    expect(lines.mean).toBe(10);
    const upl = 10 + 2.66 * 3;
    const upperTwoSigma = 10 + (2 / 3) * 2.66 * 3;
    const after = (...extra: number[]) =>
      xmrChart({ values: [...baseline, ...extra], improvement: 'increase', baseline: 14 }).points.slice(14).map((p) => p.rules);

    expect(xmrChart({ values: [...baseline, 11], improvement: 'increase', baseline: 14 }).points[14]).toMatchObject({
      upl,
      upperTwoSigma,
    });
    expect(after(upl, 11, 12)).toEqual([[], [], []]);
    expect(after(upl + 1e-9, 11, 12)).toEqual([['single_point'], [], []]);
    expect(after(upperTwoSigma, upperTwoSigma, 11)).toEqual([[], [], []]);
    expect(after(upperTwoSigma + 1e-9, upperTwoSigma + 1e-9, 11)).toEqual([['two_sigma'], ['two_sigma'], []]);
    // On the limit is not beyond it, so that point still counts towards two-of-three.
    expect(after(upl, upperTwoSigma + 0.5, 11)).toEqual([['two_sigma'], ['two_sigma'], []]);
  });
});

describe('negative lower limits', () => {
  // A net-change measure: the computed LPL is -4.145 and the lower 2σ line -2.53.
  const NET_CHANGE = [0, 1, 0, 3, 0, 0, 2, 0, 1, 0, 4, 0, 0, 1, -1.5];

  it('reports the computed LPL, not one clamped at 0, and the rules use it', () => {
    const result = xmrChart({ values: NET_CHANGE, improvement: 'decrease', target: -1 });
    const last = result.points[14]!;
    expect(last.lpl).toBeCloseTo(-4.145, 10);
    expect(last.lowerTwoSigma).toBeCloseTo(-2.53, 10);
    // -1.5 would be below a limit displayed at 0; it is above the computed one, so it is common cause.
    expect(last.classification).toBe('common');
    expect(last.rules).toEqual([]);
    // So is the assurance: a target of -1 lies inside the computed limits.
    expect(result.assuranceIcon).toBe('hit_and_miss');
  });
});

describe('variation icon', () => {
  // Mean exactly 10; the last six points rise 5, 6, …, 10, so the last point is on the mean, flagged by a rising trend.
  const RISING_TO_MEAN = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 11, 5, 6, 7, 8, 9, 10];

  it('takes the direction of the run that flagged a last point lying exactly on the mean', () => {
    const icon = (improvement: SpcInput['improvement']) => xmrChart({ values: RISING_TO_MEAN, improvement }).variationIcon;
    expect(xmrChart({ values: RISING_TO_MEAN, improvement: 'increase' }).points[19]).toMatchObject({ mean: 10, rules: ['trend'] });
    expect(icon('increase')).toBe('improvement_high');
    expect(icon('decrease')).toBe('concern_high');
    expect(icon('neither')).toBe('neutral_high');

    const falling = RISING_TO_MEAN.map((v) => 20 - v);
    expect(xmrChart({ values: falling, improvement: 'increase' }).variationIcon).toBe('concern_low');
    expect(xmrChart({ values: falling, improvement: 'decrease' }).variationIcon).toBe('improvement_low');
  });
});

describe('profiles', () => {
  // Points 1–7 fall (a trend) while above the mean (a shift): the two rules point opposite ways.
  const FALLING_ABOVE_MEAN = [20, 19, 18, 17, 16, 15, 14, 6, 12, 5, 13, 6, 12, 5, 13, 6, 12, 5, 13, 6];

  it('lists every rule and resolves a conflict: improvement under mdc, trend first under nhsrplotthedots', () => {
    const mdc = xmrChart({ values: FALLING_ABOVE_MEAN, improvement: 'increase', profile: 'mdc' });
    const nhsr = xmrChart({ values: FALLING_ABOVE_MEAN, improvement: 'increase', profile: 'nhsrplotthedots' });
    for (const result of [mdc, nhsr]) {
      expect(result.points.slice(0, 7).map((p) => p.rules)).toEqual(Array(7).fill(['shift', 'trend']));
    }
    expect(mdc.points.slice(0, 7).map((p) => p.classification)).toEqual(Array(7).fill('improvement'));
    expect(nhsr.points.slice(0, 7).map((p) => p.classification)).toEqual(Array(7).fill('concern'));
  });

  it('uses runs of 6 under mdc and 7 under nhsrplotthedots', () => {
    const sixAbove = [30, 31, 30, 31, 30, 31, 20, 21, 20, 21, 20, 21, 20, 25, 24];
    const shifted = (profile: 'mdc' | 'nhsrplotthedots') =>
      xmrChart({ values: sixAbove, improvement: 'increase', profile }).points.slice(0, 6).every((p) => p.rules.includes('shift'));
    expect(shifted('mdc')).toBe(true);
    expect(shifted('nhsrplotthedots')).toBe(false);
  });

  it('lets runs cross a recalculation under mdc but not under nhsrplotthedots', () => {
    // Eight points above their own partitions' means straddle the recalculation at index 15.
    const values = [...TWO_LEVELS.slice(0, 11), 30, 31, 30, 29, 40, 41, 42, 43, 26, 27, 36, 28, 38, 35, 30, 28, 29, 27, 24];
    const mdc = xmrChart({ values, improvement: 'increase', recalculateAt: [15] });
    expect(mdc.points.slice(11, 15).map((p) => p.value > p.mean)).toEqual([true, true, true, true]);
    expect(mdc.points.slice(15, 19).map((p) => p.value > p.mean)).toEqual([true, true, true, true]);
    expect(mdc.points.slice(11, 19).every((p) => p.rules.includes('shift'))).toBe(true);

    // Under nhsrplotthedots each partition is charted on its own: the result is the two halves side by side.
    const nhsr = xmrChart({ values, improvement: 'increase', recalculateAt: [15], profile: 'nhsrplotthedots' });
    const halves = [values.slice(0, 15), values.slice(15)].flatMap(
      (half) => xmrChart({ values: half, improvement: 'increase', profile: 'nhsrplotthedots' }).points,
    );
    expect(nhsr.points).toEqual(halves);
    expect(nhsr.points.slice(11, 19).some((p) => p.rules.includes('shift'))).toBe(false);
  });
});

describe('moving-range screening (nhsrplotthedots)', () => {
  it('screens a moving range exactly at 3.267 × mRbar, keeps those below it, and leaves mdc unscreened', () => {
    // Moving ranges: eight of 748, one of 749 and one of 3267, so mRbar = 1000 and 3.267 × mRbar = 3267 exactly.
    const values = [10000, 10748, 10000, 10748, 10000, 10748, 10000, 10748, 10000, 10749, 14016];
    expect(xmrLimits(values, 0, values.length, false).movingRangeMean).toBe(1000);
    expect(xmrLimits(values, 0, values.length, true).movingRangeMean).toBeCloseTo(6733 / 9, 10);
    const justBelow = [...values.slice(0, 10), 14015];
    expect(xmrLimits(justBelow, 0, justBelow.length, true).movingRangeMean).toBeCloseTo(9999 / 10, 10);
    expect(SPC_PROFILES.nhsrplotthedots.screenMovingRanges).toBe(true);
    expect(SPC_PROFILES.mdc.screenMovingRanges).toBe(false);
  });

  it('keeps mRbar at 0 for a flat partition instead of screening every moving range away', () => {
    const flat = Array<number>(15).fill(4);
    const result = xmrChart({ values: flat, improvement: 'increase', profile: 'nhsrplotthedots' });
    expect(result.points[0]).toMatchObject({ mean: 4, upl: 4, lpl: 4, classification: 'common', rules: [] });
  });
});

describe('colours (Making Data Count)', () => {
  it('maps classifications and icons to grey, blue, orange and purple', () => {
    expect([SPC_GREY, SPC_BLUE, SPC_ORANGE, SPC_PURPLE]).toEqual(['#a6a6a6', '#00b0f0', '#e46c0a', '#490092']);
    expect(['common', 'improvement', 'concern', 'neutral'].map((c) => classificationColour(c as never))).toEqual([
      SPC_GREY,
      SPC_BLUE,
      SPC_ORANGE,
      SPC_PURPLE,
    ]);
    expect(variationIconColour('common_cause')).toBe(SPC_GREY);
    expect(variationIconColour('improvement_low')).toBe(SPC_BLUE);
    expect(variationIconColour('concern_high')).toBe(SPC_ORANGE);
    expect(variationIconColour('neutral_high')).toBe(SPC_PURPLE);
    expect(['pass', 'fail', 'hit_and_miss'].map((i) => assuranceIconColour(i as never))).toEqual([SPC_BLUE, SPC_ORANGE, SPC_GREY]);
  });
});

describe('throughput', () => {
  it('charts 200,000 points in well under a second', () => {
    const n = 200_000;
    const values = Array.from({ length: n }, (_, i) => 20 + ((i * 7919) % 13) + (i % 4000 < 200 ? 9 : 0));
    xmrChart({ values: values.slice(0, 1000), improvement: 'decrease' });
    const started = performance.now();
    const result = xmrChart({ values, improvement: 'decrease', target: 25, recalculateAt: [100_000] });
    const elapsed = performance.now() - started;
    expect(result.points).toHaveLength(n);
    expect(result.points.some((p) => p.classification !== 'common')).toBe(true);
    expect(elapsed).toBeLessThan(1000);
  });
});
