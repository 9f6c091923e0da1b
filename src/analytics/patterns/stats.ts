// Small statistics for the pattern detectors: exact tail probabilities (binomial, Poisson, hypergeometric),
// multiple-comparison adjustment, ratios with 95 % confidence intervals on the log scale, and the plain-English
// helpers the detectors share. Pure functions, no I/O.
import { formatMonthOf } from '../../domain/dates.js';

const Z95 = 1.959963984540054;
const EPS = 1e-15;
const FPMIN = 1e-300;

// ---------------------------------------------------------------------------------------------------------
// Special functions

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of the gamma function (Lanczos, g = 7), accurate to about 15 significant figures for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log(n choose k). */
export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

// Continued fraction for the regularised incomplete beta (modified Lentz).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Regularised lower incomplete gamma P(a, x). */
export function lowerIncompleteGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  return 1 - upperIncompleteGamma(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x). */
export function upperIncompleteGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - lowerIncompleteGamma(a, x);
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

// ---------------------------------------------------------------------------------------------------------
// Tail probabilities

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return clampP(incompleteBeta(p, k, n - k + 1));
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  if (k < 0) return 0;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  return clampP(incompleteBeta(1 - p, n - k, k + 1));
}

/** P(X ≥ k) for X ~ Poisson(mu). */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  return clampP(lowerIncompleteGamma(k, mu));
}

/** P(X ≤ k) for X ~ Poisson(mu). */
export function poissonLowerTail(k: number, mu: number): number {
  if (k < 0) return 0;
  if (mu <= 0) return 1;
  return clampP(upperIncompleteGamma(k + 1, mu));
}

/**
 * One-sided Fisher exact test for the 2×2 table [[a, b], [c, d]]: the chance of `a` or more (alternative
 * 'greater', row 1 has the higher share in column 1) or `a` or fewer ('less') with the margins fixed.
 */
export function fisherExact(a: number, b: number, c: number, d: number, alternative: 'greater' | 'less' = 'greater'): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, row1 + col1 - n);
  const hi = Math.min(row1, col1);
  const base = logChoose(n, row1);
  const logP = (x: number) => logChoose(col1, x) + logChoose(n - col1, row1 - x) - base;
  const [from, to] = alternative === 'greater' ? [a, hi] : [lo, a];
  // Sum from the observed cell outwards: terms shrink, so stop once they no longer matter.
  let sum = 0;
  const first = logP(a);
  const step = alternative === 'greater' ? 1 : -1;
  for (let x = a; x >= from && x <= to; x += step) {
    const term = Math.exp(logP(x) - first);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return clampP(Math.exp(first) * sum);
}

/**
 * Conditional test of two Poisson rates: given x1 + x2 events, x1 ~ Binomial(x1 + x2, t1 / (t1 + t2)) when the
 * rates are equal. 'greater' tests rate 1 > rate 2.
 */
export function poissonRateTest(x1: number, t1: number, x2: number, t2: number, alternative: 'greater' | 'less'): number {
  const n = x1 + x2;
  const p = t1 / (t1 + t2);
  return alternative === 'greater' ? binomialUpperTail(x1, n, p) : binomialLowerTail(x1, n, p);
}

function clampP(p: number): number {
  if (!Number.isFinite(p)) return 1;
  return Math.min(1, Math.max(0, p));
}

// ---------------------------------------------------------------------------------------------------------
// Multiple comparisons

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(pValues: readonly number[], total = pValues.length): number[] {
  const m = Math.max(total, pValues.length);
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(pValues.length);
  let running = 1;
  for (let r = order.length - 1; r >= 0; r--) {
    const [p, i] = order[r]!;
    running = Math.min(running, (p * m) / (r + 1));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}

/** Holm step-down adjusted p-values, in the input order. */
export function holm(pValues: readonly number[], total = pValues.length): number[] {
  const m = Math.max(total, pValues.length);
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  for (let r = 0; r < order.length; r++) {
    const [p, i] = order[r]!;
    running = Math.max(running, Math.min(1, p * (m - r)));
    adjusted[i] = running;
  }
  return adjusted;
}

// ---------------------------------------------------------------------------------------------------------
// Ratios with 95 % confidence intervals (log scale; 0.5 added to every cell when one is zero)

export interface Ratio { value: number; ci95: readonly [number, number] }

function logScale(estimate: number, se: number): Ratio {
  return { value: estimate, ci95: [estimate * Math.exp(-Z95 * se), estimate * Math.exp(Z95 * se)] };
}

/** Ratio of two Poisson rates (x1 per t1 over x2 per t2). */
export function rateRatio(x1: number, t1: number, x2: number, t2: number): Ratio {
  const k = x1 === 0 || x2 === 0 ? 0.5 : 0;
  const a = x1 + k;
  const b = x2 + k;
  return logScale((a / t1) / (b / t2), Math.sqrt(1 / a + 1 / b));
}

/** Risk ratio: share a / n1 over share c / n2 (Katz interval). */
export function riskRatio(a: number, n1: number, c: number, n2: number): Ratio {
  const k = a === 0 || c === 0 || a === n1 || c === n2 ? 0.5 : 0;
  const a1 = a + k;
  const c1 = c + k;
  const m1 = n1 + 2 * k;
  const m2 = n2 + 2 * k;
  return logScale((a1 / m1) / (c1 / m2), Math.sqrt(1 / a1 - 1 / m1 + 1 / c1 - 1 / m2));
}

/** Odds ratio of [[a, b], [c, d]] (Woolf interval). */
export function oddsRatio(a: number, b: number, c: number, d: number): Ratio {
  const k = a === 0 || b === 0 || c === 0 || d === 0 ? 0.5 : 0;
  const [a1, b1, c1, d1] = [a + k, b + k, c + k, d + k];
  return logScale((a1 * d1) / (b1 * c1), Math.sqrt(1 / a1 + 1 / b1 + 1 / c1 + 1 / d1));
}

// ---------------------------------------------------------------------------------------------------------
// Ranking and plain English

/**
 * Strength in 0–1, comparable across kinds: half from the effect (a ratio of 8 or more, or 1/8 or less, counts
 * fully) and half from the evidence (an adjusted p of 1e-10 or smaller counts fully).
 */
export function strengthOf(ratio: number, pValue: number): number {
  const effect = Math.min(1, Math.abs(Math.log(Math.max(ratio, 1e-9))) / Math.log(8));
  const evidence = Math.min(1, -Math.log10(Math.max(pValue, 1e-300)) / 10);
  return Math.round(Math.max(0, Math.min(1, 0.5 * effect + 0.5 * evidence)) * 1000) / 1000;
}

/** "p < 0.001", "p = 0.004". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** A share as a whole percentage ("9%"); under 1% shows one decimal ("0.4%"). */
export function formatShare(share: number): string {
  const pct = share * 100;
  if (pct > 0 && pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** "Half", "Two thirds", "62%" in words where a simple fraction reads better. */
export function shareInWords(share: number): string {
  const words: [number, string][] = [[1 / 4, 'A quarter'], [1 / 3, 'A third'], [1 / 2, 'Half'], [2 / 3, 'Two thirds'], [3 / 4, 'Three quarters']];
  for (const [value, word] of words) if (Math.abs(share - value) < 0.02) return word;
  return formatShare(share);
}

export function formatRatio(ratio: number): string {
  return ratio >= 10 ? String(Math.round(ratio)) : ratio.toFixed(1);
}

/** "2026-06" → "Jun 2026". */
export const formatMonth = formatMonthOf;

/** A code such as family_contact as words: "family contact". */
export function humanise(code: string): string {
  return code.replace(/_/g, ' ');
}

/** The person, service or staff member as a manager would name them. */
export function nameOf(ref: string | null | undefined, fallback: string): string {
  return ref && ref.trim() ? ref : fallback;
}
