// Escalation and improvement: monthly series per person and per service of incidents, restrictive interventions
// and incidents with moderate or worse harm, on an XmR chart (fewer is better). A finding needs a special cause
// in the recent months (the last six complete months) that is sustained, and a Poisson rate test that survives
// correction across every series tested at a strict level, because thousands of series are looked at:
//  - a shift or trend reaching into the recent months: the rate since the run began against the rate before it;
//  - a single point beyond the limits in the recent months: the last six months against the months before.
// The rate in the recent months themselves must also be well beyond the earlier rate, so the change is current.
import { isModerateOrWorse } from '../rates/contributions.js';
import { joinWords } from '../../domain/words.js';
import { xmrChart } from '../spc/index.js';
import type { SpcResult, SpcRule } from '../spc/index.js';
import type { DetectedPattern, Detector, Evidence, IncidentFact, PatternInput } from './types.js';
import { benjaminiHochberg, formatMonth, formatP, formatRatio, formatShare, nameOf, poissonRateTest, rateRatio, strengthOf } from './stats.js';

/** Recent months: the special cause must fall in these. */
export const RECENT_MONTHS = 6;
/** Adjusted p-value a change must reach. */
export const CHANGE_FDR = 0.001;
/** Smallest rise (or fall, as 1 / this) counted. */
export const CHANGE_MIN_RATIO = 1.5;
/** Fewest months on a chart (the SPC engine shows limits from 13 points). */
const MIN_MONTHS = 13;
/** Fewest months before a change to compare with. */
const MIN_BEFORE_MONTHS = 6;
const MIN_EVENTS = 10;
/** The smaller change the people settled at a service must show for a service finding to stand. */
const SETTLED_MIN_RATIO = 1.25;
const DAYS_PER_MONTH = 30.4375;

export const measures = ['incidents', 'restrictive_interventions', 'harm_incidents'] as const;
export type Measure = (typeof measures)[number];
const MEASURE_WORDS: Record<Measure, { plural: string; one: string }> = {
  incidents: { plural: 'incidents', one: 'incident' },
  restrictive_interventions: { plural: 'restrictive interventions', one: 'restrictive intervention' },
  harm_incidents: { plural: 'incidents with moderate or worse harm', one: 'incident with moderate or worse harm' },
};
const M = measures.length;

interface Months { keys: string[]; index: Map<string, number>; days: number[]; startMs: number[]; complete: number }

/**
 * Calendar months from the first whole month of data to the month of `asOf`; `complete` counts the whole months
 * (the month of `asOf` is whole only when `asOf` is its last day). A part month counts as a rate over its days.
 */
function monthRange(input: PatternInput): Months | null {
  if (!input.incidents.length) return null;
  let firstDate = input.incidents[0]!.occurredAt.slice(0, 10);
  for (const i of input.incidents) {
    const d = i.occurredAt.slice(0, 10);
    if (d < firstDate) firstDate = d;
  }
  let [y, m] = firstDate.split('-').map(Number) as [number, number];
  // A month the data starts part-way through would look like a low month: start at the next whole one.
  if (Number(firstDate.slice(8, 10)) > 1) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  const [ey, em, ed] = input.asOf.split('-').map(Number) as [number, number, number];
  const lastDays = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  const keys: string[] = [];
  const days: number[] = [];
  const startMs: number[] = [];
  while (y < ey || (y === ey && m <= em)) {
    keys.push(`${y}-${String(m).padStart(2, '0')}`);
    const isLast = y === ey && m === em;
    days.push(isLast ? ed : new Date(Date.UTC(y, m, 0)).getUTCDate());
    startMs.push(Date.UTC(y, m - 1, 1));
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  if (!keys.length) return null;
  return { keys, index: new Map(keys.map((k, i) => [k, i])), days, startMs, complete: ed === lastDays ? keys.length : keys.length - 1 };
}

interface Series {
  type: 'person' | 'service';
  id: number;
  counts: Float64Array; // month × measure
  /** Sum of squared restrictive interventions per incident, for the clustering of interventions within incidents. */
  squares: number;
  exposure: Float64Array; // days (person) or occupied days (service), per month
  /** Incidents per 1,000 occupied days rather than per month. */
  isOccupancy: boolean;
}

interface Change {
  series: Series;
  measure: Measure;
  direction: 'escalation' | 'improvement';
  from: number; // first month index of the changed period
  before: { events: number; exposure: number };
  after: { events: number; exposure: number };
  recent: { events: number; exposure: number };
  rules: SpcRule[];
  p: number;
  /** How much more interventions vary than a Poisson count (1 for incidents). */
  dispersion: number;
}

export const detectEscalation: Detector = (input: PatternInput): DetectedPattern[] => {
  const months = monthRange(input);
  if (!months || months.complete < MIN_MONTHS) return [];
  const n = months.keys.length;

  // One pass: counts per person and per service, month and measure.
  const people = new Map<number, Series>();
  const services = new Map<number, Series>();
  const newSeries = (type: 'person' | 'service', id: number): Series => ({ type, id, counts: new Float64Array(n * M), squares: 0, exposure: new Float64Array(n), isOccupancy: false });
  for (const incident of input.incidents) {
    const t = months.index.get(incident.month);
    if (t === undefined) continue;
    const harm = isModerateOrWorse(incident.harmPhysical, incident.harmPsychological) ? 1 : 0;
    // Interventions count as distinct (incident, type) pairs, as the national statistics do.
    const pairs = new Set<string>();
    const byPerson = new Map<number, Set<string>>();
    for (const i of incident.interventions) {
      pairs.add(i.typeCode);
      const owners = i.personId !== null ? [i.personId] : incident.personIds;
      for (const p of owners) {
        let set = byPerson.get(p);
        if (!set) byPerson.set(p, (set = new Set()));
        set.add(i.typeCode);
      }
    }
    let s = services.get(incident.serviceId);
    if (!s) services.set(incident.serviceId, (s = newSeries('service', incident.serviceId)));
    s.counts[t * M]! += 1;
    s.counts[t * M + 1]! += pairs.size;
    s.squares += pairs.size * pairs.size;
    s.counts[t * M + 2]! += harm;
    for (const personId of new Set(incident.personIds)) {
      let p = people.get(personId);
      if (!p) people.set(personId, (p = newSeries('person', personId)));
      p.counts[t * M]! += 1;
      const mine = byPerson.get(personId)?.size ?? 0;
      p.counts[t * M + 1]! += mine;
      p.squares += mine * mine;
      p.counts[t * M + 2]! += harm;
    }
  }

  // Exposure: the days each person was supported in each month; occupied days for a service where known.
  const DAY = 86_400_000;
  const asOfMs = Date.parse(`${input.asOf}T00:00:00Z`);
  for (const person of input.people) {
    const series = people.get(person.id);
    if (!series) continue;
    const from = Date.parse(`${person.startDate}T00:00:00Z`);
    const to = Math.min(asOfMs, person.endDate ? Date.parse(`${person.endDate}T00:00:00Z`) : asOfMs);
    for (let t = 0; t < n; t++) {
      const start = months.startMs[t]!;
      const end = start + (months.days[t]! - 1) * DAY;
      const overlap = (Math.min(end, to) - Math.max(start, from)) / DAY + 1;
      series.exposure[t] = Math.max(0, overlap);
    }
  }
  // People with incidents but no record: treat them as supported throughout.
  for (const series of people.values()) if (series.exposure.every((e) => e === 0)) for (let t = 0; t < n; t++) series.exposure[t] = months.days[t]!;
  const occupancy = new Map<number, Map<string, number>>();
  for (const o of input.occupancy) {
    let m = occupancy.get(o.serviceId);
    if (!m) occupancy.set(o.serviceId, (m = new Map<string, number>()));
    m.set(o.month, (m.get(o.month) ?? 0) + o.occupiedDays);
  }
  for (const series of services.values()) {
    const occ = occupancy.get(series.id);
    series.isOccupancy = occ !== undefined && occ.size > 0;
    for (let t = 0; t < n; t++) {
      // Occupied days recorded for a part month are used as they are; without occupancy, the days so far.
      series.exposure[t] = series.isOccupancy ? (occ!.get(months.keys[t]!) ?? 0) : months.days[t]!;
    }
  }

  // Test every series that reaches the latest month.
  const changes: Change[] = [];
  let tested = 0;
  for (const series of [...people.values(), ...services.values()]) {
    // Months with too little exposure to give a rate (a person arriving late in a month) are left off the chart.
    const minExposure = series.type === 'person' ? 14 : series.isOccupancy ? 28 : 14;
    const used: number[] = [];
    for (let t = 0; t < n; t++) if (series.exposure[t]! >= minExposure) used.push(t);
    // Only series that reach the latest whole month: someone who has left has no recent months.
    if (used.length < MIN_MONTHS || !used.includes(months.complete - 1)) continue;
    for (let k = 0; k < M; k++) {
      tested += 2;
      const counts = used.map((t) => series.counts[t * M + k]!);
      const exposure = used.map((t) => series.exposure[t]!);
      const total = counts.reduce((a, b) => a + b, 0);
      if (total < MIN_EVENTS) continue;
      const scale = series.type === 'service' && series.isOccupancy ? 1000 : DAYS_PER_MONTH;
      const values = counts.map((c, i) => (c * scale) / exposure[i]!);
      const whole = xmrChart({ values, improvement: 'decrease' });
      if (!whole.limitsShown) continue;
      for (const direction of ['escalation', 'improvement'] as const) {
        // Interventions come in clusters (one incident, several), so they vary more than a Poisson count: the test
        // counts them in units of the average cluster (a quasi-Poisson correction).
        const dispersion = k === 1 ? Math.max(1, series.squares / Math.max(1, series.counts.reduce((a, v, i) => (i % M === 1 ? a + v : a), 0))) : 1;
        const change = findChange(values, counts, exposure, direction, dispersion, whole);
        if (change) changes.push({ series, measure: measures[k]!, direction, ...change, from: used[change.fromIndex]!, dispersion });
      }
    }
  }
  const q = benjaminiHochberg(changes.map((c) => c.p), tested);
  // A service's rate also moves when people arrive or leave (a new admission with many incidents raises it): a
  // service finding stands only if the people supported there since well before the change show it too.
  const settledAt = new Map<number, number[]>();
  for (const p of input.people) {
    if (p.endDate && p.endDate < input.asOf) continue;
    const ids = settledAt.get(p.serviceId);
    if (ids) ids.push(p.id);
    else settledAt.set(p.serviceId, [p.id]);
  }
  const isShownBySettledPeople = (c: Change): boolean => {
    const k = measures.indexOf(c.measure);
    const settledFrom = months.startMs[Math.max(0, c.from - MIN_BEFORE_MONTHS)]!;
    let before = 0;
    let beforeDays = 0;
    let after = 0;
    let afterDays = 0;
    for (const personId of settledAt.get(c.series.id) ?? []) {
      const person = people.get(personId);
      const fact = personById.get(personId);
      if (!person || !fact || Date.parse(`${fact.startDate}T00:00:00Z`) > settledFrom) continue;
      for (let t = 0; t < n; t++) {
        if (person.exposure[t]! < 14) continue;
        if (t < c.from) { before += person.counts[t * M + k]!; beforeDays += person.exposure[t]!; } else { after += person.counts[t * M + k]!; afterDays += person.exposure[t]!; }
      }
    }
    if (beforeDays <= 0 || afterDays <= 0) return false;
    const ratio = (after / afterDays) / (Math.max(before, 0.5) / beforeDays);
    const isUp = c.direction === 'escalation';
    if (isUp ? ratio < SETTLED_MIN_RATIO : ratio > 1 / SETTLED_MIN_RATIO) return false;
    return poissonRateTest(after, afterDays, before, beforeDays, isUp ? 'greater' : 'less') < 0.001;
  };
  const personById = new Map(input.people.map((p) => [p.id, p]));
  const found = changes.map((c, i) => ({ c, q: q[i]! }))
    .filter(({ c, q: adjusted }) => adjusted < CHANGE_FDR && (c.series.type === 'person' || isShownBySettledPeople(c)));
  if (!found.length) return [];

  // One finding per direction and scope, led by its strongest measure.
  const groups = new Map<string, { c: Change; q: number }[]>();
  for (const f of found) {
    const key = `${f.c.direction}:${f.c.series.type}:${f.c.series.id}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const personRefs = new Map(input.people.map((p) => [p.id, p.ref]));
  const serviceRefs = new Map(input.services.map((s) => [s.id, s.ref ?? s.name]));
  const servicesOfPerson = new Map<number, Set<number>>();
  const recentFrom = months.keys[Math.max(0, n - RECENT_MONTHS)]!;
  const recentIncidents = input.incidents.filter((i) => i.month >= recentFrom)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id - a.id));
  for (const i of input.incidents) {
    for (const p of i.personIds) {
      if (!people.has(p)) continue;
      let set = servicesOfPerson.get(p);
      if (!set) servicesOfPerson.set(p, (set = new Set()));
      set.add(i.serviceId);
    }
  }

  const recentByScope = new Map<string, IncidentFact[]>();
  for (const list of groups.values()) recentByScope.set(`${list[0]!.c.series.type}:${list[0]!.c.series.id}`, []);
  for (const i of recentIncidents) {
    recentByScope.get(`service:${i.serviceId}`)?.push(i);
    for (const p of new Set(i.personIds)) recentByScope.get(`person:${p}`)?.push(i);
  }
  const out: DetectedPattern[] = [];
  for (const [key, list] of groups) {
    list.sort((a, b) => a.q - b.q || measures.indexOf(a.c.measure) - measures.indexOf(b.c.measure));
    const { c, q: adjusted } = list[0]!;
    const s = c.series;
    const who = s.type === 'person' ? nameOf(personRefs.get(s.id), `Person ${s.id}`) : nameOf(serviceRefs.get(s.id), `Service ${s.id}`);
    const isRate = s.type === 'service' && s.isOccupancy;
    const unit = isRate ? 'per 1,000 occupied days' : 'a month';
    const scale = isRate ? 1000 : DAYS_PER_MONTH;
    const rateBefore = (c.before.events * scale) / c.before.exposure;
    const rateAfter = (c.after.events * scale) / c.after.exposure;
    const ratio = rateRatio(c.after.events / c.dispersion, c.after.exposure, c.before.events / c.dispersion, c.before.exposure);
    const words = MEASURE_WORDS[c.measure];
    const verb = c.direction === 'escalation' ? 'risen' : 'fallen';
    const since = formatMonth(months.keys[c.from]!);
    const howMuch = c.direction === 'escalation' ? `${formatRatio(ratio.value)} times as many` : `${formatShare(1 - ratio.value)} fewer`;
    const ruleWords = describeRules(c.rules, c.direction);
    const others = list.slice(1).map((x) => MEASURE_WORDS[x.c.measure].plural);
    const alsoLine = others.length ? ` ${capitalise(joinWords(others))} ${others.length === 1 ? 'has' : 'have'} ${verb} too.` : '';
    const serviceIds = s.type === 'service' ? [s.id] : [...(servicesOfPerson.get(s.id) ?? [])].sort((a, b) => a - b);
    const mine = recentByScope.get(`${s.type}:${s.id}`) ?? [];
    const telling = (i: IncidentFact) => (c.measure === 'restrictive_interventions' ? i.interventions.length > 0
      : c.measure === 'harm_incidents' ? isModerateOrWorse(i.harmPhysical, i.harmPsychological) : true);
    const evidence: Evidence[] = [...mine.filter(telling), ...mine.filter((i) => !telling(i))].slice(0, 50)
      .map((i) => (i.ref ? { kind: 'incident', id: i.id, ref: i.ref } : { kind: 'incident', id: i.id }));
    out.push({
      key,
      kind: c.direction,
      scope: { type: s.type, id: s.id },
      serviceIds,
      title: `${who}: ${words.plural} have ${verb} since ${since}`,
      summary: `${who}'s ${words.plural} have ${verb}: ${round1(rateAfter)} ${unit} since ${since}, against ${round1(rateBefore)} ${unit} before `
        + `(${howMuch}; 95% CI ${formatRatio(ratio.ci95[0])} to ${formatRatio(ratio.ci95[1])} as a rate ratio; ${formatP(adjusted)}). `
        + `In the last ${RECENT_MONTHS} months the rate was ${round1((c.recent.events * scale) / c.recent.exposure)} ${unit}. ${ruleWords}${alsoLine}`,
      statistic: { name: 'rate_ratio', value: round(ratio.value), pValue: adjusted, ci95: [round(ratio.ci95[0]), round(ratio.ci95[1])] as const },
      strength: strengthOf(ratio.value, adjusted),
      evidence,
    });
  }
  return out.sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
};

type Direction = 'escalation' | 'improvement';
const SUSTAINED: readonly SpcRule[] = ['shift', 'trend', 'single_point'];

/**
 * The change a series shows in its recent months, in one direction, or null. Candidate change points are where
 * the chart's runs (shifts and trends, either way) begin or end, and the start of the recent months. For each,
 * the months before it set the mean and limits (held fixed forward, as Making Data Count does for a baseline);
 * the recent months must show a special cause against them (a shift, a trend or a point beyond a limit), the rate
 * since the change and in the recent months must both be well beyond the rate before, and the rate test decides.
 * The candidate with the smallest p-value is returned.
 */
export function findChange(
  values: readonly number[], counts: readonly number[], exposure: readonly number[], direction: Direction, dispersion = 1,
  whole: SpcResult = xmrChart({ values: [...values], improvement: 'decrease' }),
) {
  const n = values.length;
  if (n < MIN_MONTHS) return null;
  const recentStart = Math.max(0, n - RECENT_MONTHS);
  if (!whole.limitsShown) return null;
  const candidates = new Set<number>([recentStart]);
  // A run's side: which way a shift (or a trend) through a point points, or none. Shifts and trends are followed
  // apart: a shift that starts part-way through a trend (a fall that then levels off low) starts where the change did.
  const sideOf = (t: number, rule: 'shift' | 'trend') => {
    const point = whole.points[t]!;
    return point.rules.includes(rule) ? point.classification : 'none';
  };
  for (let t = 1; t < n; t++) {
    if (sideOf(t, 'shift') !== sideOf(t - 1, 'shift') || sideOf(t, 'trend') !== sideOf(t - 1, 'trend')) candidates.add(t);
  }
  const wanted = direction === 'escalation' ? 'concern' : 'improvement';
  const prefix = [0];
  const prefixExposure = [0];
  for (let t = 0; t < n; t++) {
    prefix.push(prefix[t]! + counts[t]!);
    prefixExposure.push(prefixExposure[t]! + exposure[t]!);
  }
  const span = (a: number, b: number) => ({ events: prefix[b]! - prefix[a]!, exposure: prefixExposure[b]! - prefixExposure[a]! });
  // Rate tests first (cheap); then charts in order of evidence, stopping at the first that shows a special cause.
  const tested: { fromIndex: number; before: ReturnType<typeof span>; after: ReturnType<typeof span>; recent: ReturnType<typeof span>; p: number }[] = [];
  for (const cp of candidates) {
    if (cp < MIN_BEFORE_MONTHS || n - cp < 3) continue;
    const before = span(0, cp);
    const after = span(cp, n);
    const recent = span(recentStart, n);
    if (before.exposure <= 0 || after.exposure <= 0 || recent.exposure <= 0) continue;
    const rateBefore = before.events / before.exposure;
    const rateAfter = after.events / after.exposure;
    const rateRecent = recent.events / recent.exposure;
    if (direction === 'escalation') {
      if (after.events < MIN_EVENTS / 2 || rateAfter < CHANGE_MIN_RATIO * rateBefore || rateRecent < CHANGE_MIN_RATIO * rateBefore) continue;
    } else if (before.events < MIN_EVENTS || rateAfter * CHANGE_MIN_RATIO > rateBefore || rateRecent * CHANGE_MIN_RATIO > rateBefore) {
      continue;
    }
    const p = poissonRateTest(Math.round(after.events / dispersion), after.exposure, Math.round(before.events / dispersion), before.exposure, direction === 'escalation' ? 'greater' : 'less');
    tested.push({ fromIndex: cp, before, after, recent, p });
  }
  tested.sort((a, b) => a.p - b.p || a.fromIndex - b.fromIndex);
  for (const candidate of tested) {
    // Against the limits of the months before the change, the recent months must show a special cause.
    const chart = xmrChart({ values: [...values], improvement: 'decrease', baseline: Math.max(2, candidate.fromIndex) });
    const rules = new Set<SpcRule>();
    for (let t = Math.max(candidate.fromIndex, recentStart); t < n; t++) {
      const point = chart.points[t]!;
      if (point.classification !== wanted) continue;
      for (const r of point.rules) if (SUSTAINED.includes(r)) rules.add(r);
    }
    if (rules.size) return { ...candidate, rules: SUSTAINED.filter((r) => rules.has(r)) };
  }
  return null;
}

function describeRules(rules: readonly SpcRule[], direction: 'escalation' | 'improvement'): string {
  const side = direction === 'escalation' ? 'above' : 'below';
  const parts: string[] = [];
  if (rules.includes('shift')) parts.push(`a run of months ${side} the average`);
  if (rules.includes('trend')) parts.push(`a steady ${direction === 'escalation' ? 'rise' : 'fall'} month on month`);
  if (rules.includes('single_point')) parts.push(`${rules.length > 1 ? 'months' : 'a month'} beyond the control limits`);
  return parts.length ? `Against the average and limits of the months before, the chart shows ${joinWords(parts)}.` : '';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const round1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
