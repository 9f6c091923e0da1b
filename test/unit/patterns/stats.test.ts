import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg, binomialLowerTail, binomialUpperTail, fisherExact, formatMonth, formatP, formatShare, holm, logGamma, oddsRatio,
  poissonLowerTail, poissonRateTest, poissonUpperTail, rateRatio, riskRatio, shareInWords, strengthOf,
} from '../../../src/analytics/patterns/stats.js';

describe('special functions', () => {
  it('log gamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe('binomial tails', () => {
  it('gives exact small-case values', () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialLowerTail(2, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 5, 0.2)).toBeCloseTo(1 - 0.8 ** 5, 12);
  });

  it('sums to one across the split and handles large n', () => {
    expect(binomialUpperTail(31, 100, 0.25) + binomialLowerTail(30, 100, 0.25)).toBeCloseTo(1, 10);
    // R: pbinom(92, 150, 0.08, lower.tail = FALSE) ≈ 1.3e-60 (the demo's weekend-evening cluster)
    const p = binomialUpperTail(93, 150, 0.08);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-50);
  });
});

describe('Poisson tails and the rate test', () => {
  it('matches closed forms', () => {
    expect(poissonUpperTail(5, 2)).toBeCloseTo(1 - 7 * Math.exp(-2), 12);
    expect(poissonLowerTail(0, 3)).toBeCloseTo(Math.exp(-3), 12);
    expect(poissonLowerTail(2, 1)).toBeCloseTo(2.5 * Math.exp(-1), 12);
    expect(poissonUpperTail(20, 30) + poissonLowerTail(19, 30)).toBeCloseTo(1, 10);
  });

  it('compares two rates conditionally on the total', () => {
    // 10 events in 1 unit against 0 in 1 unit: all 10 on one side, chance 0.5^10.
    expect(poissonRateTest(10, 1, 0, 1, 'greater')).toBeCloseTo(0.5 ** 10, 12);
    expect(poissonRateTest(0, 1, 10, 1, 'less')).toBeCloseTo(0.5 ** 10, 12);
    expect(poissonRateTest(5, 1, 5, 1, 'greater')).toBeGreaterThan(0.5);
  });
});

describe('Fisher exact test', () => {
  it('gives the lady tasting tea p-value', () => {
    expect(fisherExact(3, 1, 1, 3, 'greater')).toBeCloseTo(17 / 70, 12);
    expect(fisherExact(4, 0, 0, 4, 'greater')).toBeCloseTo(1 / 70, 12);
    expect(fisherExact(1, 3, 3, 1, 'less')).toBeCloseTo(17 / 70, 12);
  });
});

describe('multiple comparisons', () => {
  it('Benjamini–Hochberg', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q[0]).toBeCloseTo(0.02, 12);
    expect(q[1]).toBeCloseTo(0.04, 12);
    expect(q[2]).toBeCloseTo(0.04, 12);
    expect(q[3]).toBeCloseTo(0.02, 12);
    // Counting untested hypotheses makes it stricter.
    expect(benjaminiHochberg([0.01], 100)[0]).toBeCloseTo(1, 12);
  });

  it('Holm', () => {
    const q = holm([0.01, 0.04, 0.03, 0.005]);
    expect(q[0]).toBeCloseTo(0.03, 12);
    expect(q[1]).toBeCloseTo(0.06, 12);
    expect(q[2]).toBeCloseTo(0.06, 12);
    expect(q[3]).toBeCloseTo(0.02, 12);
  });
});

describe('ratios with confidence intervals', () => {
  it('rate ratio on the log scale', () => {
    const r = rateRatio(20, 10, 10, 10);
    expect(r.value).toBeCloseTo(2, 12);
    const se = Math.sqrt(1 / 20 + 1 / 10);
    expect(r.ci95[0]).toBeCloseTo(2 * Math.exp(-1.959964 * se), 5);
    expect(r.ci95[1]).toBeCloseTo(2 * Math.exp(1.959964 * se), 5);
    expect(r.ci95[0]).toBeCloseTo(0.9362, 3);
    expect(r.ci95[1]).toBeCloseTo(4.2727, 3);
  });

  it('risk ratio (Katz) and odds ratio (Woolf)', () => {
    const rr = riskRatio(30, 100, 10, 100);
    expect(rr.value).toBeCloseTo(3, 12);
    const se = Math.sqrt(1 / 30 - 1 / 100 + 1 / 10 - 1 / 100);
    expect(rr.ci95[0]).toBeCloseTo(3 * Math.exp(-1.959964 * se), 5);
    const or = oddsRatio(30, 70, 10, 90);
    expect(or.value).toBeCloseTo((30 * 90) / (70 * 10), 12);
    expect(or.ci95[1]).toBeCloseTo(or.value * Math.exp(1.959964 * Math.sqrt(1 / 30 + 1 / 70 + 1 / 10 + 1 / 90)), 5);
    // A zero cell gets the half correction rather than an infinite ratio.
    expect(Number.isFinite(oddsRatio(5, 0, 1, 10).value)).toBe(true);
  });
});

describe('strength and wording', () => {
  it('ranks stronger evidence and bigger effects higher, within 0–1', () => {
    expect(strengthOf(8, 1e-12)).toBe(1);
    expect(strengthOf(2, 0.001)).toBeLessThan(strengthOf(5, 1e-8));
    expect(strengthOf(1 / 3, 1e-6)).toBeCloseTo(strengthOf(3, 1e-6), 6);
    expect(strengthOf(1, 1)).toBe(0);
  });

  it('writes shares, months and p-values in plain en-GB', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0042)).toBe('p = 0.004');
    expect(formatShare(0.087)).toBe('9%');
    expect(formatShare(0.004)).toBe('0.4%');
    expect(shareInWords(31 / 62)).toBe('Half');
    expect(shareInWords(0.62)).toBe('62%');
    expect(formatMonth('2026-06')).toBe('Jun 2026');
  });
});
