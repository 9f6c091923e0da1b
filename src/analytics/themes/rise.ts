// Which themes are unusual: concentrated in a recent window and rising against their own baseline at two or more
// services (or in two or more sources), not merely frequent everywhere all the time. Shared by the cross-service
// and cross-source detectors, computed once per pattern input. Pure, no I/O.
import type { DetectedPattern, Evidence, PatternInput, Source, SourceRecord } from '../patterns/types.js';
import { sources } from '../patterns/types.js';
import { assignThemes, lexiconThemeOf, type ThemeInfo } from './themes.js';
import { formatDay } from '../../domain/dates.js';
import { joinWords } from '../../domain/words.js';

/** Recent windows tried: the last k months (including the month of `asOf`). */
const WINDOW_MONTHS = [3, 4, 6, 8, 10, 12] as const;
/** The baseline: this many months before the window. */
const BASELINE_MONTHS = 24;
const ALPHA = 0.05;
/** Leaving out the service where a theme rose most, the rest must still rise at this level (unadjusted). */
const REST_ALPHA = 0.01;
/** A service counts as rising on a weaker test (the pooled test carries the evidence): one-sided p below this, … */
const SERVICE_ALPHA = 0.2;
/** … at least this many records in the window, and at least this ratio of shares (with ½ added to each count). */
const SERVICE_MIN_RECENT = 2;
const SERVICE_MIN_RATIO = 2;
const MIN_RATIO = 1.5;

// ---------------------------------------------------------------------------------------------------------
// Tail probabilities

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k += 1) logFactorials.push(logFactorials[k - 1]! + Math.log(k));
  return logFactorials[n]!;
}

/** Standard normal upper tail, P(Z ≥ z) (Abramowitz and Stegun 7.1.26 on erfc). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** P(X ≥ k) for X ~ Binomial(n, p), exact up to n = 2000 and by the normal approximation beyond. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (n > 2000) {
    const mean = n * p;
    return normalUpperTail((k - 0.5 - mean) / Math.sqrt(mean * (1 - p)));
  }
  const lp = Math.log(p);
  const lq = Math.log(1 - p);
  let sum = 0;
  for (let i = k; i <= n; i += 1) {
    const term = Math.exp(logFactorial(n) - logFactorial(i) - logFactorial(n - i) + i * lp + (n - i) * lq);
    sum += term;
    if (term < sum * 1e-12 && i > n * p) break;
  }
  return Math.min(1, sum);
}

/**
 * P(Σ Xᵢ ≥ k) for independent Xᵢ ~ Binomial(nᵢ, pᵢ): exact (by convolution) when Σ nᵢ ≤ 150, otherwise the
 * normal approximation with a continuity correction.
 */
export function poissonBinomialUpperTail(k: number, parts: readonly { n: number; p: number }[]): number {
  const total = parts.reduce((s, x) => s + x.n, 0);
  if (k <= 0) return 1;
  if (k > total) return 0;
  if (total > 150) {
    const mean = parts.reduce((s, x) => s + x.n * x.p, 0);
    const variance = parts.reduce((s, x) => s + x.n * x.p * (1 - x.p), 0);
    if (variance <= 0) return mean >= k ? 1 : 0;
    return normalUpperTail((k - 0.5 - mean) / Math.sqrt(variance));
  }
  const dist = new Float64Array(total + 1);
  dist[0] = 1;
  let size = 0;
  for (const { n, p } of parts) {
    for (let trial = 0; trial < n; trial += 1) {
      size += 1;
      for (let j = size; j >= 1; j -= 1) dist[j] = dist[j]! * (1 - p) + dist[j - 1]! * p;
      dist[0] = dist[0] * (1 - p);
    }
  }
  let tail = 0;
  for (let j = k; j <= total; j += 1) tail += dist[j]!;
  return Math.min(1, tail);
}

// ---------------------------------------------------------------------------------------------------------
// Months

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

export { formatDay };

// ---------------------------------------------------------------------------------------------------------
// The analysis

export interface ServiceRise { serviceId: number; recent: number; baseline: number; pValue: number; isRising: boolean }

export interface SourceRise { source: Source; recent: number; baseline: number; isRising: boolean }

export interface ThemeRise {
  theme: ThemeInfo;
  /** First day of the recent window (YYYY-MM-01) and of its baseline. */
  from: string;
  baselineFrom: string;
  windowMonths: number;
  recent: number;
  baseline: number;
  /** (recent share of records) ÷ (baseline share of records), pooled over the services it appears at (see shareRatio). */
  ratio: number;
  /** One-sided p-value of the rise (sum over services of its records in the window, given each service's share of records). */
  pValue: number;
  /** The same, leaving out the service where it rose most (unadjusted). */
  pWithoutStrongest: number;
  /** Bonferroni-adjusted for the number of themes (in its family) and windows tried. */
  pAdjusted: number;
  services: ServiceRise[];
  risingServiceIds: number[];
  bySource: SourceRise[];
  risingSources: Source[];
  /** The records in the window, at rising services (or not tied to a service), most recent first. */
  recentRecords: SourceRecord[];
}

export interface ThemeFinding { kind: 'cross_service_theme' | 'cross_source_theme'; rise: ThemeRise; alsoRecordedAs: ThemeInfo[] }

interface Analysis { findings: ThemeFinding[]; rises: ThemeRise[] }

const cache = new WeakMap<PatternInput, Analysis>();

/** The theme findings of a pattern input, worked out once and shared by the detectors. */
export function themeFindings(input: PatternInput): Analysis {
  let analysis = cache.get(input);
  if (!analysis) {
    analysis = analyse(input);
    cache.set(input, analysis);
  }
  return analysis;
}

const NO_SERVICE = -1;

function analyse(input: PatternInput): Analysis {
  const asOfMonth = monthIndex(input.asOf.slice(0, 7));
  const records = input.records.filter((r) => monthIndex(r.month) <= asOfMonth);
  if (!records.length) return { findings: [], rises: [] };
  const { themes, recordThemes } = assignThemes(records);
  let firstMonth = asOfMonth;
  for (const r of records) firstMonth = Math.min(firstMonth, monthIndex(r.month));
  const span = asOfMonth - firstMonth + 1;

  // Records per service per month (all sources): the exposure that a theme's share is measured against.
  const exposure = new Map<number, Map<number, number>>();
  const sourceExposure = new Map<Source, Map<number, number>>();
  const themeCounts = new Map<string, Map<number, Map<number, number>>>();
  const themeSourceCounts = new Map<string, Map<Source, Map<number, number>>>();
  const themeRecords = new Map<string, number[]>();
  const bump = <K>(map: Map<K, Map<number, number>>, key: K, month: number) => {
    let inner = map.get(key);
    if (!inner) { inner = new Map(); map.set(key, inner); }
    inner.set(month, (inner.get(month) ?? 0) + 1);
  };
  records.forEach((r, index) => {
    const service = r.serviceId ?? NO_SERVICE;
    const month = monthIndex(r.month);
    bump(exposure, service, month);
    bump(sourceExposure, r.source, month);
    for (const key of recordThemes[index]!) {
      let byService = themeCounts.get(key);
      if (!byService) { byService = new Map(); themeCounts.set(key, byService); }
      bump(byService, service, month);
      let bySource = themeSourceCounts.get(key);
      if (!bySource) { bySource = new Map(); themeSourceCounts.set(key, bySource); }
      bump(bySource, r.source, month);
      const list = themeRecords.get(key) ?? [];
      list.push(index);
      themeRecords.set(key, list);
    }
  });
  const rawSum = (counts: Map<number, number>, from: number, to: number) => {
    let s = 0;
    for (const [m, n] of counts) if (m >= from && m <= to) s += n;
    return s;
  };
  // Month sums by prefix sums, built the first time a series is asked for.
  const prefixes = new Map<Map<number, number>, Float64Array>();
  const sumMonths = (counts: Map<number, number> | undefined, from: number, to: number) => {
    if (!counts) return 0;
    let prefix = prefixes.get(counts);
    if (!prefix) {
      prefix = new Float64Array(span + 1);
      for (const [m, n] of counts) if (m >= firstMonth && m <= asOfMonth) prefix[m - firstMonth + 1] = prefix[m - firstMonth + 1]! + n;
      for (let i = 1; i <= span; i += 1) prefix[i] = prefix[i]! + prefix[i - 1]!;
      prefixes.set(counts, prefix);
    }
    const a = Math.max(from, firstMonth) - firstMonth;
    const b = Math.min(to, asOfMonth) - firstMonth;
    return b < a ? 0 : prefix[b + 1]! - prefix[a]!;
  };

  // Themes worth testing: enough records in the last year to be a finding at all.
  const candidates = [...themeCounts.keys()].filter((key) => {
    let recent = 0;
    let services = 0;
    for (const [service, counts] of themeCounts.get(key)!) {
      const n = rawSum(counts, asOfMonth - 11, asOfMonth);
      recent += n;
      if (n > 0 && service !== NO_SERVICE) services += 1;
    }
    return recent >= 5 && services >= 2;
  });
  const windows = WINDOW_MONTHS.filter((k) => asOfMonth - k + 1 - 6 >= firstMonth);
  // Two families, each corrected for its own size: the named themes (lexicon, factor codes, recorded labels), which
  // are stated in advance, and the data-driven keyphrases, which are many.
  const familyOf = (key: string) => (themes.get(key)!.kind === 'phrase' ? 'phrase' : 'named');
  const familySize = new Map<string, number>();
  for (const key of candidates) familySize.set(familyOf(key), (familySize.get(familyOf(key)) ?? 0) + 1);
  const testsFor = (key: string) => Math.max(1, (familySize.get(familyOf(key)) ?? 1) * windows.length);

  const rises: ThemeRise[] = [];
  for (const key of candidates) {
    const byService = themeCounts.get(key)!;
    let best: { k: number; p: number; recent: number; baseline: number; parts: { service: number; r: number; b: number; p0: number; R: number; B: number }[] } | null = null;
    for (const k of windows) {
      const wFrom = asOfMonth - k + 1;
      const bFrom = Math.max(firstMonth, wFrom - BASELINE_MONTHS);
      const parts: { service: number; r: number; b: number; p0: number; R: number; B: number }[] = [];
      let recent = 0;
      let baseline = 0;
      for (const [service, counts] of byService) {
        const r = sumMonths(counts, wFrom, asOfMonth);
        const b = sumMonths(counts, bFrom, wFrom - 1);
        if (r + b === 0) continue;
        const exp = exposure.get(service);
        const R = sumMonths(exp, wFrom, asOfMonth);
        const B = sumMonths(exp, bFrom, wFrom - 1);
        parts.push({ service, r, b, p0: R / Math.max(1, R + B), R, B });
        recent += r;
        baseline += b;
      }
      const mean = parts.reduce((sum, x) => sum + (x.r + x.b) * x.p0, 0);
      const p = recent <= mean ? 1 : poissonBinomialUpperTail(recent, parts.map((x) => ({ n: x.r + x.b, p: x.p0 })));
      if (!best || p < best.p) best = { k, p, recent, baseline, parts };
    }
    if (!best) continue;
    // Leave out the service where it rose most: the rest must still show a clear rise, so that one service's local
    // problem (or a pattern planted at one service) cannot pass for a shared one.
    const partP = best.parts.map((x) => binomialUpperTail(x.r, x.r + x.b, x.p0));
    let strongestAt = -1;
    partP.forEach((p, i) => { if (strongestAt < 0 || p < partP[strongestAt]!) strongestAt = i; });
    const rest = best.parts.filter((_, i) => i !== strongestAt);
    const restRecent = rest.reduce((sum, x) => sum + x.r, 0);
    const restMean = rest.reduce((sum, x) => sum + (x.r + x.b) * x.p0, 0);
    const pWithoutStrongest = restRecent <= restMean ? 1 : poissonBinomialUpperTail(restRecent, rest.map((x) => ({ n: x.r + x.b, p: x.p0 })));
    const wFrom = asOfMonth - best.k + 1;
    const bFrom = Math.max(firstMonth, wFrom - BASELINE_MONTHS);
    const services: ServiceRise[] = best.parts.map((x, i) => ({ x, pValue: partP[i]! })).filter(({ x }) => x.service !== NO_SERVICE).map(({ x, pValue }) => {
      const ratio = shareRatio(x.r, x.R, x.b, x.B);
      return { serviceId: x.service, recent: x.r, baseline: x.b, pValue, isRising: x.r >= SERVICE_MIN_RECENT && pValue < SERVICE_ALPHA && ratio >= SERVICE_MIN_RATIO };
    }).sort((a, b) => a.pValue - b.pValue || b.recent - a.recent);
    const risingServiceIds = services.filter((s) => s.isRising).map((s) => s.serviceId);

    const bySource: SourceRise[] = sources.map((source) => {
      const counts = themeSourceCounts.get(key)?.get(source);
      const recent = sumMonths(counts, wFrom, asOfMonth);
      const baseline = sumMonths(counts, bFrom, wFrom - 1);
      const exp = sourceExposure.get(source);
      const R = sumMonths(exp, wFrom, asOfMonth);
      const B = sumMonths(exp, bFrom, wFrom - 1);
      const recentShare = recent / Math.max(1, R);
      const baselineShare = baseline / Math.max(1, B);
      return { source, recent, baseline, isRising: recent >= 2 && recentShare > MIN_RATIO * baselineShare };
    });

    const ratio = shareRatio(best.recent, best.parts.reduce((s, x) => s + x.R, 0), best.baseline, best.parts.reduce((s, x) => s + x.B, 0));
    const rising = new Set(risingServiceIds);
    const recentRecords = (themeRecords.get(key) ?? []).map((i) => records[i]!)
      .filter((r) => r.month >= monthOf(wFrom) && (r.serviceId === null || rising.has(r.serviceId)))
      .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
    rises.push({
      theme: themes.get(key)!, from: `${monthOf(wFrom)}-01`, baselineFrom: `${monthOf(bFrom)}-01`, windowMonths: best.k,
      recent: best.recent, baseline: best.baseline, ratio, pValue: best.p, pAdjusted: Math.min(1, best.p * testsFor(key)), pWithoutStrongest,
      services, risingServiceIds, bySource, risingSources: bySource.filter((s) => s.isRising).map((s) => s.source), recentRecords,
    });
  }

  // A theme is a finding when it rose overall (after correcting for every theme and window tried), by a real margin,
  // at two or more services. Rising in two or more sources makes it cross-source; otherwise it is cross-service.
  const qualifying = rises.filter((r) => r.pAdjusted < ALPHA && r.pWithoutStrongest < REST_ALPHA && r.ratio >= MIN_RATIO && r.risingServiceIds.length >= 2)
    .sort((a, b) => strengthOf(b) - strengthOf(a) || themeOrder(a.theme) - themeOrder(b.theme));
  const findings: ThemeFinding[] = [];
  for (const rise of qualifying) {
    // The same records under another name (a factor code, a data-driven phrase) add to the finding they overlap.
    const ids = new Set(rise.recentRecords.map((r) => `${r.source}:${r.id}`));
    const host = findings.find((f) => {
      const other = new Set(f.rise.recentRecords.map((r) => `${r.source}:${r.id}`));
      let shared = 0;
      for (const id of ids) if (other.has(id)) shared += 1;
      return shared >= 0.3 * Math.min(ids.size, other.size);
    });
    if (host) {
      // A named theme from the lexicon leads over a bare phrase for the same records ("Staffing levels", not "'One-to-one'").
      if (themeOrder(rise.theme) < themeOrder(host.rise.theme)) {
        host.alsoRecordedAs.push(host.rise.theme);
        host.rise = rise;
        host.kind = rise.risingSources.length >= 2 ? 'cross_source_theme' : 'cross_service_theme';
      } else host.alsoRecordedAs.push(rise.theme);
      continue;
    }
    findings.push({ kind: rise.risingSources.length >= 2 ? 'cross_source_theme' : 'cross_service_theme', rise, alsoRecordedAs: [] });
  }
  return { findings, rises };
}

/** (recent share of records) ÷ (baseline share), with ½ added to each theme count so a baseline of none stays finite. */
export const shareRatio = (recent: number, recentRecords: number, baseline: number, baselineRecords: number) =>
  ((recent + 0.5) / Math.max(1, recentRecords)) / ((baseline + 0.5) / Math.max(1, baselineRecords));

/** Named lexicon themes first, then factors, then data-driven phrases and labels. */
const themeOrder = (t: ThemeInfo) => ({ lexicon: 0, factor: 1, label: 2, phrase: 3 })[t.kind];

/**
 * 0–1, comparable with other kinds: half from the evidence (−log10 of the adjusted p-value, full at 1e-8), half
 * from the size of the rise (log2 of the ratio, full at 8 times), a little more for each service or source beyond two.
 */
export function strengthOf(rise: ThemeRise): number {
  const evidence = Math.min(1, -Math.log10(Math.max(rise.pAdjusted, 1e-300)) / 8);
  const size = Math.min(1, Math.log2(Math.max(1, rise.ratio)) / 3);
  const breadth = Math.min(0.1, 0.025 * (Math.max(rise.risingServiceIds.length, rise.risingSources.length) - 2));
  return Math.round(Math.min(1, 0.45 * evidence + 0.45 * size + breadth) * 1000) / 1000;
}

const sourceWords: Record<Source, [string, string]> = {
  incident: ['incident', 'incidents'],
  safeguarding_concern: ['safeguarding concern', 'safeguarding concerns'],
  complaint: ['complaint', 'complaints'],
  speak_up: ['speak-up report', 'speak-up reports'],
  practice_review: ['practice review', 'practice reviews'],
};
export const countOf = (n: number, source: Source) => `${n} ${sourceWords[source][n === 1 ? 0 : 1]}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A theme finding as a detected pattern. */
export function toPattern(finding: ThemeFinding): DetectedPattern {
  const { rise, kind } = finding;
  const name = rise.theme.kind === 'phrase' ? `'${rise.theme.name}'` : withTopPhrase(rise);
  const services = rise.risingServiceIds.length;
  const recentAtRising = rise.recentRecords.length;
  const recentSources = new Set(rise.recentRecords.map((r) => r.source));
  const recordWords = (n: number) => (recentSources.size === 1 ? countOf(n, [...recentSources][0]!) : plural(n, 'record', 'records'));
  const baselineAtRising = rise.services.filter((s) => s.isRising).reduce((s, x) => s + x.baseline, 0);
  const since = formatDay(rise.recentRecords.reduce((first, r) => (r.date < first ? r.date : first), rise.recentRecords[0]?.date ?? rise.from));
  const before = baselineAtRising === 0 ? 'none' : String(baselineAtRising);
  const also = finding.alsoRecordedAs.length
    ? ` Also recorded as ${finding.alsoRecordedAs.map((t) => (t.kind === 'phrase' ? `'${t.name}'` : t.name)).join(', ')}.` : '';
  const ratioText = `${rise.ratio.toFixed(1)} times its earlier share of the records there`;
  const evidence: Evidence[] = rise.recentRecords.slice(0, 50).map((r) => (r.ref ? { kind: r.source, id: r.id, ref: r.ref } : { kind: r.source, id: r.id }));
  const serviceIds = [...rise.risingServiceIds].sort((a, b) => a - b);
  if (kind === 'cross_source_theme') {
    const rising = rise.bySource.filter((s) => s.isRising);
    const parts = rising.map((s) => countOf(s.recent, s.source));
    return {
      key: `cross_source_theme:organisation:${rise.theme.key}`,
      kind, scope: { type: 'organisation', id: null }, serviceIds,
      title: `${rise.theme.kind === 'phrase' ? capitaliseQuoted(name) : name} across ${plural(rising.length, 'source', 'sources')} at ${plural(services, 'service', 'services')}`,
      summary: `${capitaliseQuoted(name)} comes up in ${joinWords(parts)} since ${since}, at ${plural(services, 'service', 'services')} where it rose: `
        + `${plural(recentAtRising, 'record', 'records')} against ${before} in the ${plural(monthsBetweenDays(rise.baselineFrom, rise.from), 'month', 'months')} before `
        + `(${ratioText}; ${formatP(rise.pAdjusted)} after allowing for every theme tested).${also}`,
      statistic: { name: 'share_ratio', value: Math.round(rise.ratio * 100) / 100, pValue: rise.pAdjusted },
      strength: Math.min(1, strengthOf(rise) + 0.05 * (rising.length - 2)),
      evidence,
    };
  }
  return {
    key: `cross_service_theme:organisation:${rise.theme.key}`,
    kind, scope: { type: 'organisation', id: null }, serviceIds,
    title: `${capitaliseQuoted(name)} rising at ${plural(services, 'service', 'services')}`,
    summary: `${capitaliseQuoted(name)} appears in ${recordWords(recentAtRising)} at ${plural(services, 'service', 'services')} since ${since}, `
      + `against ${before} in the ${plural(monthsBetweenDays(rise.baselineFrom, rise.from), 'month', 'months')} before `
      + `(${ratioText}; ${formatP(rise.pAdjusted)} after allowing for every theme tested). A problem shared by several services may be systemic.${also}`,
    statistic: { name: 'share_ratio', value: Math.round(rise.ratio * 100) / 100, pValue: rise.pAdjusted },
    strength: strengthOf(rise),
    evidence,
  };
}

/** A lexicon theme's name with the keyphrase most of its recent records use: "Transport ('minibus')". */
function withTopPhrase(rise: ThemeRise): string {
  if (rise.theme.kind !== 'lexicon') return rise.theme.name;
  const counts = new Map<string, number>();
  for (const r of rise.recentRecords) for (const p of r.phrases) if (lexiconThemeOf(p)?.key === rise.theme.key) counts.set(p, (counts.get(p) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return top ? `${rise.theme.name} ('${top[0]}')` : rise.theme.name;
}

const capitaliseQuoted = (s: string) => (s.startsWith("'") ? `'${s.charAt(1).toUpperCase()}${s.slice(2)}` : s);
/** "p < 0.0001" or "p = 0.0123". */
export const formatP = (p: number) => (p < 0.0001 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`);
const monthsBetweenDays = (from: string, to: string) => monthIndex(to.slice(0, 7)) - monthIndex(from.slice(0, 7));
