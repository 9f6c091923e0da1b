import { describe, expect, it } from 'vitest';
import {
  addMonths, evaluateEffect, monthLabel, type EffectInput, type EffectVerdict, type MonthlyCount,
} from '../../src/analytics/effectiveness/index.js';
import { effectEvaluationSchema } from '../../src/domain/effectiveness.js';

const ACTION = '2025-06';
/** Monthly counts with exposure 1, starting 12 months before the action month; the 13th value is the action month. */
function around(before: number[], actionMonthCount: number, after: number[], exposure = 1): MonthlyCount[] {
  const start = addMonths(ACTION, -before.length);
  return [...before, actionMonthCount, ...after].map((count, i) => ({ period: addMonths(start, i), count, exposure }));
}
const judge = (series: MonthlyCount[], extra: Partial<EffectInput> = {}) =>
  evaluateEffect({ series, actionMonth: ACTION, reviewMonth: addMonths(ACTION, 12), improvement: 'decrease', ...extra });

// Seeded generator (mulberry32) and Poisson draws (Knuth), so the simulated nulls are the same every run.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const STEADY_BEFORE = [6, 7, 5, 6, 8, 6, 5, 7, 6, 6, 5, 7];
const CLEAR_DROP = [2, 2, 3, 1, 2, 2, 3, 2, 1, 2, 2, 3];
const NO_CHANGE = [6, 5, 7, 6, 6, 8, 5, 6, 7, 6, 5, 6];
const CLEAR_RISE = [10, 11, 9, 12, 10, 11, 13, 10, 12, 11, 10, 12];

describe('verdicts on small crafted series', () => {
  it('calls a clear, sustained drop effective and explains it in plain words', () => {
    const r = judge(around(STEADY_BEFORE, 4, CLEAR_DROP), { measureName: 'restrictive interventions', actionName: 'the new support plan' });
    expect(r.verdict).toBe('effective');
    expect(r.before).toEqual({ rate: 74 / 12, count: 74, exposure: 12, from: '2024-06', to: '2025-05', months: 12 });
    expect(r.after).toEqual({ rate: 25 / 12, count: 25, exposure: 12, from: '2025-07', to: '2026-06', months: 12 });
    expect(r.rateRatio).toBeCloseTo(25 / 74, 10);
    expect(r.ci95![1]).toBeLessThan(1);
    expect(r.evidence.isSpecialCauseImprovement).toBe(true);
    expect(r.evidence.longestRunOnImprovementSide).toBe(12);
    expect(r.explanation).toBe(
      'After the new support plan in Jun 2025, restrictive interventions fell from 6.2 to 2.1 a month (12 months either side, '
      + 'Jun 2024 to May 2025 against Jul 2025 to Jun 2026; rate ratio 0.34, 95 % CI 0.21 to 0.53), and the chart shows a sustained '
      + 'shift below the old mean (12 months in a row): the action looks effective.',
    );
    expect(() => effectEvaluationSchema.parse(r)).not.toThrow();
  });

  it('calls no change not yet evident, never effective', () => {
    const r = judge(around(STEADY_BEFORE, 6, NO_CHANGE));
    expect(r.verdict).toBe('not_yet_evident');
    expect(r.ci95![0]).toBeLessThan(1);
    expect(r.ci95![1]).toBeGreaterThan(1);
    expect(r.explanation).toContain('could be chance');
  });

  it('calls a clear rise worsened', () => {
    const r = judge(around(STEADY_BEFORE, 9, CLEAR_RISE));
    expect(r.verdict).toBe('worsened');
    expect(r.ci95![0]).toBeGreaterThan(1);
    expect(r.explanation).toContain('rose from 6.2 to 10.9 a month');
    expect(r.explanation).toContain('got worse');
  });

  it('says insufficient data with fewer than 3 complete months after the action, and when to look again', () => {
    const r = judge(around(STEADY_BEFORE, 4, [1, 1]));
    expect(r.verdict).toBe('insufficient_data');
    expect(r.explanation).toContain('2 complete months after it');
    expect(r.explanation).toContain('Review again once Sep 2025 is complete');
    expect(r.evidence.windowMonths).toBe(0);
  });

  it('says insufficient data with fewer than 3 months before the action (someone supported only since April)', () => {
    const r = judge(around([6, 7], 4, CLEAR_DROP));
    expect(r.verdict).toBe('insufficient_data');
    expect(r.explanation).toContain('only 2 months of data before it');
  });

  it('says insufficient data with fewer than 10 events in both windows, however big the fall', () => {
    const r = judge(around([1, 2, 1, 2, 1, 1], 0, [0, 0, 1, 0, 0, 0]));
    expect(r.before.count + r.after.count).toBe(9);
    expect(r.verdict).toBe('insufficient_data');
    expect(r.explanation).toContain('only 9 events were recorded in the 6 months either side');
    const ten = judge(around([1, 2, 1, 2, 2, 1], 0, [0, 0, 1, 0, 0, 0]));
    expect(ten.verdict).not.toBe('insufficient_data');
  });

  it('uses matched windows: as many months before as after, the nearest to the action', () => {
    const r = judge(around(STEADY_BEFORE, 4, [2, 1, 2, 2, 1]));
    expect(r.before.months).toBe(5);
    expect(r.after.months).toBe(5);
    expect(r.before).toMatchObject({ from: '2025-01', to: '2025-05', count: 7 + 6 + 6 + 5 + 7 });
    expect(r.after).toMatchObject({ from: '2025-07', to: '2025-11', count: 8 });
  });

  it('stops at the review month and ignores months after it', () => {
    const series = around(STEADY_BEFORE, 4, [...CLEAR_DROP.slice(0, 6), 40, 40, 40]);
    const r = judge(series, { reviewMonth: '2025-12' });
    expect(r.after).toMatchObject({ from: '2025-07', to: '2025-12', months: 6, count: 12 });
    expect(r.verdict).toBe('effective');
  });

  it('leaves the action month out of both windows, whatever happened in it', () => {
    const quiet = judge(around(STEADY_BEFORE, 0, CLEAR_DROP));
    const stormy = judge(around(STEADY_BEFORE, 60, CLEAR_DROP));
    expect(stormy.before).toEqual(quiet.before);
    expect(stormy.after).toEqual(quiet.after);
    expect(stormy.rateRatio).toBe(quiet.rateRatio);
    expect(stormy.verdict).toBe(quiet.verdict);
    // It is still drawn on the chart, as the first point of the new partition.
    expect(stormy.periods).toHaveLength(25);
    expect(stormy.periods[12]).toBe(ACTION);
    expect(stormy.spc.points[12]!.value).toBe(60);
  });

  it('breaks a window at a month with no exposure (the person was not supported)', () => {
    const series = around(STEADY_BEFORE, 4, CLEAR_DROP).map((m) => (m.period === '2025-01' ? { ...m, exposure: 0 } : m));
    const r = judge(series);
    expect(r.before).toMatchObject({ from: '2025-02', to: '2025-05', months: 4 });
    expect(r.after.months).toBe(4);
  });

  it('needs the chart to show a sustained change as well as the interval: a fall with only 4 months after is not yet evident', () => {
    // Rate ratio interval below 1, but 4 points after cannot make a shift of 6 and none is below the old lower limit.
    const r = judge(around([8, 4, 9, 3, 8, 4], 5, [3, 4, 2, 3]));
    expect(r.ci95![1]).toBeLessThan(1);
    expect(r.evidence.pointsBeyondOldLimit).toBe(0);
    expect(r.verdict).toBe('not_yet_evident');
    expect(r.explanation).toContain('the chart does not yet show a sustained change');
    expect(r.explanation).toContain('review again when 6 months are in');
  });

  it('accepts a short window when a month falls beyond the old lower limit', () => {
    const r = judge(around([6, 6, 6, 6, 6], 5, [0, 1, 1, 0, 1]));
    expect(r.evidence.oldLowerLimit).toBe(6);
    expect(r.evidence.pointsBeyondOldLimit).toBe(5);
    expect(r.verdict).toBe('effective');
    expect(r.explanation).toContain('5 months beyond the old lower limit');
  });

  it('charts the rates with a recalculation at the action month', () => {
    const r = judge(around(STEADY_BEFORE, 4, CLEAR_DROP));
    expect(r.spc.limitsShown).toBe(true);
    expect(r.spc.points).toHaveLength(25);
    expect(r.spc.points[0]!.mean).toBeCloseTo(74 / 12, 10);
    expect(r.spc.points[12]!.mean).toBeCloseTo((4 + 25) / 13, 10);
    expect(r.periods[0]).toBe('2024-06');
    expect(r.periods[24]).toBe('2026-06');
  });
});

describe('the rate ratio and its interval', () => {
  it('matches the worked example: 20 events before, 5 after, equal exposure → 0.25 (95 % CI 0.094 to 0.666)', () => {
    const r = judge(around([4, 4, 4, 4, 4], 4, [1, 1, 1, 1, 1]));
    // SE = √(1/20 + 1/5) = 0.5 exactly; no dispersion adjustment because the counts are steadier than Poisson.
    expect(r.evidence.dispersion).toBe(0);
    expect(r.rateRatio).toBeCloseTo(0.25, 12);
    expect(r.ci95![0]).toBeCloseTo(0.25 * Math.exp(-1.959964 * 0.5), 5);
    expect(r.ci95![1]).toBeCloseTo(0.25 * Math.exp(1.959964 * 0.5), 5);
    expect(r.ci95![0]).toBeCloseTo(0.0938, 4);
    expect(r.ci95![1]).toBeCloseTo(0.6661, 4);
  });

  it('compares rates, not counts, when exposure differs (fewer days supported after the action)', () => {
    const series = around([4, 4, 4, 4, 4], 2, [2, 2, 2, 2, 2], 30).map((m) => (m.period > ACTION ? { ...m, exposure: 15 } : m));
    const r = judge(series, { per: 30 });
    expect(r.before.rate).toBeCloseTo(4, 12);
    expect(r.after.rate).toBeCloseTo(4, 12);
    expect(r.rateRatio).toBeCloseTo(1, 12);
    expect(r.verdict).toBe('not_yet_evident');
  });

  it('handles zero events after the action with a continuity correction of 0.5, reporting the observed counts', () => {
    const r = judge(around([4, 4, 4, 4, 4], 1, [0, 0, 0, 0, 0]));
    expect(r.after).toMatchObject({ count: 0, rate: 0 });
    expect(r.evidence.isContinuityCorrected).toBe(true);
    expect(r.rateRatio).toBeCloseTo(0.5 / 20.5, 12);
    const se = Math.sqrt(1 / 20.5 + 1 / 0.5);
    expect(r.ci95![0]).toBeCloseTo((0.5 / 20.5) * Math.exp(-1.959964 * se), 6);
    expect(r.ci95![1]).toBeCloseTo((0.5 / 20.5) * Math.exp(1.959964 * se), 6);
    expect(Number.isFinite(r.ci95![0])).toBe(true);
    expect(r.verdict).toBe('effective');
  });

  it('handles zero events before the action (a measure that should rise from nothing)', () => {
    const r = judge(around([0, 0, 0, 0, 0, 0], 1, [2, 3, 2, 2, 3, 2]), { improvement: 'increase' });
    expect(r.evidence.isContinuityCorrected).toBe(true);
    expect(r.rateRatio).toBeCloseTo(14.5 / 0.5, 10);
    expect(r.ci95![0]).toBeGreaterThan(1);
    expect(r.verdict).toBe('effective');
  });

  it('gives no ratio at all when there were no events on either side', () => {
    const r = judge(around([0, 0, 0, 0, 0, 0], 0, [0, 0, 0, 0, 0, 0]));
    expect(r.rateRatio).toBeNull();
    expect(r.ci95).toBeNull();
    expect(r.verdict).toBe('insufficient_data');
    expect(() => effectEvaluationSchema.parse(r)).not.toThrow();
  });

  it('widens the interval when months vary more than Poisson allows, so a noisy fall is not called effective', () => {
    const r = judge(around([0, 20, 0, 20, 0, 20], 10, [0, 12, 0, 12, 0, 12]));
    const plainSe = Math.sqrt(1 / 60 + 1 / 36);
    const plain = [0.6 * Math.exp(-1.959964 * plainSe), 0.6 * Math.exp(1.959964 * plainSe)];
    expect(plain[1]).toBeLessThan(1); // the bare Poisson interval would have excluded 1
    expect(r.evidence.dispersion).toBeCloseTo((6 * 10 + 6 * 6) / 10, 10);
    expect(r.ci95![0]).toBeLessThan(plain[0]!);
    expect(r.ci95![1]).toBeGreaterThan(1);
    expect(r.verdict).toBe('not_yet_evident');
  });
});

describe('properties', () => {
  const random = rng(20261126);
  const crafted: MonthlyCount[][] = [
    around(STEADY_BEFORE, 4, CLEAR_DROP), around(STEADY_BEFORE, 6, NO_CHANGE), around(STEADY_BEFORE, 9, CLEAR_RISE),
    around(STEADY_BEFORE, 4, [1, 1]), around([4, 4, 4, 4, 4], 1, [0, 0, 0, 0, 0]), around([8, 4, 9, 3, 8, 4], 5, [3, 4, 2, 3]),
    around([2, 1, 3, 2, 2, 1, 2, 3], 2, [4, 5, 6, 5, 4, 6, 5, 5]), around([0, 0, 0, 0, 0, 0], 1, [2, 3, 2, 2, 3, 2]),
  ];
  const simulated = Array.from({ length: 60 }, (_, k) => {
    const rateBefore = 1 + random() * 8;
    const rateAfter = rateBefore * [0.3, 0.6, 1, 1.5, 2.5][k % 5]!;
    const months = 3 + Math.floor(random() * 10);
    return around(Array.from({ length: months }, () => poisson(random, rateBefore)), poisson(random, rateBefore),
      Array.from({ length: months }, () => poisson(random, rateAfter)));
  });
  const all = [...crafted, ...simulated];
  const verdicts = (improvement: 'increase' | 'decrease') => all.map((s) => judge(s, { improvement }));

  it('covers every verdict in the property set', () => {
    const seen = new Set([...verdicts('decrease'), ...verdicts('increase')].map((r) => r.verdict));
    expect([...seen].sort()).toEqual<EffectVerdict[]>(['effective', 'insufficient_data', 'not_yet_evident', 'worsened']);
  }, 30_000);

  it('does not depend on the unit of exposure (days, months, thousands of bed days)', () => {
    for (const series of all) {
      const base = judge(series);
      for (const factor of [0.5, 4, 30, 1024]) {
        const scaled = judge(series.map((m) => ({ ...m, exposure: m.exposure * factor })), { per: factor });
        expect(scaled.verdict).toBe(base.verdict);
        expect(scaled.before.rate!).toBeCloseTo(base.before.rate!, 9);
        if (base.rateRatio !== null) expect(scaled.rateRatio!).toBeCloseTo(base.rateRatio, 9);
      }
    }
  }, 30_000);

  it('scaling counts and exposure together keeps the rates and the ratio, and never weakens a firm verdict', () => {
    // The same rates over k times the exposure are k times the evidence: the interval can only narrow.
    for (const series of all) {
      const base = judge(series);
      for (const k of [2, 5]) {
        const scaled = judge(series.map((m) => ({ ...m, count: m.count * k, exposure: m.exposure * k })));
        expect(scaled.before.rate).toBe(base.before.rate);
        if (base.rateRatio === null || base.evidence.isContinuityCorrected) continue;
        expect(scaled.rateRatio!).toBeCloseTo(base.rateRatio, 12);
        expect(scaled.ci95![0]).toBeGreaterThanOrEqual(base.ci95![0] - 1e-12);
        expect(scaled.ci95![1]).toBeLessThanOrEqual(base.ci95![1] + 1e-12);
        if (base.verdict === 'effective' || base.verdict === 'worsened') expect(scaled.verdict).toBe(base.verdict);
      }
    }
  }, 30_000);

  it('swapping the improvement direction turns effective into worsened, and worsened into effective when the chart agrees', () => {
    const down = verdicts('decrease');
    const up = verdicts('increase');
    let swapped = 0;
    all.forEach((_, i) => {
      const [d, u] = [down[i]!, up[i]!];
      expect(u.rateRatio).toBe(d.rateRatio);
      if (d.verdict === 'insufficient_data') expect(u.verdict).toBe('insufficient_data');
      if (d.verdict === 'effective') expect(u.verdict).toBe('worsened');
      if (u.verdict === 'effective') expect(d.verdict).toBe('worsened');
      if (d.verdict === 'worsened') expect(u.verdict).toBe(u.evidence.isSpecialCauseImprovement ? 'effective' : 'not_yet_evident');
      if (u.verdict === 'worsened') expect(d.verdict).toBe(d.evidence.isSpecialCauseImprovement ? 'effective' : 'not_yet_evident');
      if (d.verdict === 'effective' || u.verdict === 'effective') swapped++;
    });
    expect(swapped).toBeGreaterThan(5);
  }, 30_000);

  it('never calls a steady null effective (the demo plants steady counts), however the months fall', () => {
    const jitter = rng(99);
    for (let k = 0; k < 500; k++) {
      const rate = 3 + Math.floor(jitter() * 8);
      const months = 3 + Math.floor(jitter() * 10);
      const draw = () => Array.from({ length: months }, () => rate + Math.floor(jitter() * 3) - 1);
      const r = judge(around(draw(), rate, draw()));
      expect(r.verdict).not.toBe('effective');
      expect(r.verdict).not.toBe('worsened');
    }
  }, 30_000);

  it('rarely calls a random Poisson null effective: under the 2.5 % a one-sided 95 % interval alone would allow', () => {
    // Measured: 33 of 2,000 (1.65 %) with this seed, about 1.4 % over 12,000 with others. A 95 % interval cannot promise
    // never on noisy data: the chart condition and the dispersion adjustment bring it below the interval's own 2.5 %.
    const nulls = rng(5);
    let effective = 0;
    let judged = 0;
    for (let k = 0; k < 2000; k++) {
      const rate = 2 + nulls() * 8;
      const months = 6 + Math.floor(nulls() * 7);
      const draw = () => Array.from({ length: months }, () => poisson(nulls, rate));
      const r = judge(around(draw(), poisson(nulls, rate), draw()));
      if (r.verdict !== 'insufficient_data') judged++;
      if (r.verdict === 'effective') effective++;
    }
    expect(judged).toBeGreaterThan(1900);
    expect(effective / judged).toBeLessThan(0.02);
  }, 60_000);

  it('finds a real fall of a half most of the time with 6 to 12 months either side', () => {
    const real = rng(11);
    let effective = 0;
    for (let k = 0; k < 500; k++) {
      const rate = 2 + real() * 8;
      const months = 6 + Math.floor(real() * 7);
      const r = judge(around(Array.from({ length: months }, () => poisson(real, rate)), poisson(real, rate),
        Array.from({ length: months }, () => poisson(real, rate / 2))));
      expect(r.verdict).not.toBe('worsened');
      if (r.verdict === 'effective') effective++;
    }
    expect(effective / 500).toBeGreaterThan(0.6);
  }, 30_000);
});

describe('input checks', () => {
  it('refuses a measure with no better direction and malformed months', () => {
    expect(() => judge(around(STEADY_BEFORE, 4, CLEAR_DROP), { improvement: 'neither' as 'increase' })).toThrow(/increase or decrease/);
    expect(() => judge(around(STEADY_BEFORE, 4, CLEAR_DROP), { actionMonth: '2025-6' })).toThrow(/actionMonth/);
    expect(() => judge([{ period: '2025-01', count: -1, exposure: 1 }])).toThrow(/count/);
    expect(() => judge([{ period: '2025-01', count: 1, exposure: 1 }, { period: '2025-01', count: 1, exposure: 1 }])).toThrow(/twice/);
  });

  it('writes months the en-GB way', () => {
    expect(monthLabel('2025-09')).toBe('Sep 2025');
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
  });
});
