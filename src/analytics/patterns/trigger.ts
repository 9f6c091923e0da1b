// Triggers: setting events and locations that come up in a person's incidents far more than in other people's.
// Baseline: the share among other people's incidents at the person's service, leaning on the whole organisation
// where the service has few. One-sided binomial test per person and code, Benjamini–Hochberg across every pair
// tested, with a minimum count and effect; the summary says whether the share changed between the two halves.
import type { DetectedPattern, Detector, Evidence, IncidentFact, PatternInput } from './types.js';
import { benjaminiHochberg, binomialUpperTail, fisherExact, formatP, formatRatio, formatShare, humanise, nameOf, strengthOf } from './stats.js';

export const TRIGGER_MIN_COUNT = 8;
export const TRIGGER_MIN_RATIO = 2;
/** The feature must be on at least this share of the person's incidents. */
export const TRIGGER_MIN_SHARE = 0.2;
export const TRIGGER_FDR = 0.01;
const PRIOR_WEIGHT = 100;
/** Fewest incidents of other people at the service to judge whether a place stands out. */
const LOCATION_MIN_OTHERS = 30;

type FeatureKind = 'setting_event' | 'location';
const featureOf = (kind: FeatureKind, value: string) => `${kind}\u0000${value}`;
const parse = (feature: string) => {
  const [kind, value] = feature.split('\u0000') as [FeatureKind, string];
  return { kind, value };
};

function featuresOf(incident: IncidentFact): string[] {
  const out = new Set<string>();
  for (const e of incident.settingEvents) out.add(featureOf('setting_event', e));
  if (incident.location && incident.location.trim()) out.add(featureOf('location', incident.location.trim()));
  return [...out];
}

interface PersonCounts { total: number; features: Map<string, number>; firstHalf: Map<string, number>; firstTotal: number; services: Map<number, number> }

export const detectTriggers: Detector = (input: PatternInput): DetectedPattern[] => {
  if (!input.incidents.length) return [];
  // The period's midpoint, for "did the share change": from the first incident to the day the facts run to.
  let first = input.incidents[0]!.occurredAt;
  for (const i of input.incidents) if (i.occurredAt < first) first = i.occurredAt;
  const midpoint = new Date((Date.parse(first) + Date.parse(`${input.asOf}T23:59:59Z`)) / 2).toISOString();

  const org = new Map<string, number>();
  let orgTotal = 0;
  const services = new Map<number, { total: number; features: Map<string, number> }>();
  const people = new Map<number, PersonCounts>();
  for (const incident of input.incidents) {
    const features = featuresOf(incident);
    orgTotal += 1;
    for (const f of features) org.set(f, (org.get(f) ?? 0) + 1);
    let s = services.get(incident.serviceId);
    if (!s) services.set(incident.serviceId, (s = { total: 0, features: new Map() }));
    s.total += 1;
    for (const f of features) s.features.set(f, (s.features.get(f) ?? 0) + 1);
    const isFirstHalf = incident.occurredAt < midpoint;
    for (const personId of incident.personIds) {
      let p = people.get(personId);
      if (!p) people.set(personId, (p = { total: 0, features: new Map(), firstHalf: new Map(), firstTotal: 0, services: new Map() }));
      p.total += 1;
      p.services.set(incident.serviceId, (p.services.get(incident.serviceId) ?? 0) + 1);
      if (isFirstHalf) p.firstTotal += 1;
      for (const f of features) {
        p.features.set(f, (p.features.get(f) ?? 0) + 1);
        if (isFirstHalf) p.firstHalf.set(f, (p.firstHalf.get(f) ?? 0) + 1);
      }
    }
  }

  interface Candidate { personId: number; serviceId: number; feature: string; k: number; n: number; baseline: number; p: number }
  const candidates: Candidate[] = [];
  let tested = 0;
  for (const [personId, person] of people) {
    if (person.total < TRIGGER_MIN_COUNT) continue;
    const serviceId = [...person.services].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const service = services.get(serviceId)!;
    const othersTotal = Math.max(0, service.total - person.total);
    const orgOthers = orgTotal - person.total;
    for (const [feature, k] of person.features) {
      tested += 1;
      if (k < TRIGGER_MIN_COUNT || k / person.total < TRIGGER_MIN_SHARE) continue;
      const othersWith = Math.max(0, (service.features.get(feature) ?? 0) - k);
      if (feature.startsWith('location')) {
        // Places differ from one kind of service to another (a ward has a nurses' station, a home a kitchen), so a
        // location is compared only with the other people at the same service, and the test allows for how few they are.
        if (othersTotal < LOCATION_MIN_OTHERS) continue;
        const baseline = (othersWith + 0.5) / (othersTotal + 1);
        if (k < TRIGGER_MIN_RATIO * baseline * person.total) continue;
        candidates.push({ personId, serviceId, feature, k, n: person.total, baseline, p: fisherExact(k, person.total - k, othersWith, othersTotal - othersWith, 'greater') });
        continue;
      }
      const orgShare = orgOthers > 0 ? Math.max(0, (org.get(feature) ?? 0) - k) / orgOthers : 0;
      // Half an incident keeps a code nobody else has from having a baseline of zero.
      const baseline = (othersWith + PRIOR_WEIGHT * orgShare + 0.5) / (othersTotal + PRIOR_WEIGHT + 1);
      if (k < TRIGGER_MIN_RATIO * baseline * person.total) continue;
      candidates.push({ personId, serviceId, feature, k, n: person.total, baseline, p: binomialUpperTail(k, person.total, baseline) });
    }
  }
  const q = benjaminiHochberg(candidates.map((c) => c.p), tested);
  const found = candidates.map((c, i) => ({ c, q: q[i]! })).filter(({ q: adjusted }) => adjusted < TRIGGER_FDR);
  if (!found.length) return [];

  // Evidence: one more pass, most recent first.
  const wanted = new Map<string, IncidentFact[]>();
  const keyOf = (personId: number, feature: string) => `${personId}\u0001${feature}`;
  for (const { c } of found) wanted.set(keyOf(c.personId, c.feature), []);
  for (const incident of input.incidents) {
    for (const personId of incident.personIds) for (const f of featuresOf(incident)) wanted.get(keyOf(personId, f))?.push(incident);
  }

  const personRefs = new Map(input.people.map((p) => [p.id, p.ref]));
  const serviceRefs = new Map(input.services.map((s) => [s.id, s.ref ?? s.name]));
  return found.map(({ c, q: adjusted }): DetectedPattern => {
    const { kind, value } = parse(c.feature);
    const person = people.get(c.personId)!;
    const who = nameOf(personRefs.get(c.personId), `Person ${c.personId}`);
    const where = nameOf(serviceRefs.get(c.serviceId), 'their service');
    const share = c.k / c.n;
    const ratio = share / c.baseline;
    const what = kind === 'setting_event' ? `follow ${humanise(value)} (a setting event)` : `happen in the ${value.toLowerCase()}`;
    const titleWhat = kind === 'setting_event' ? `often follow ${humanise(value)}` : `often happen in the ${value.toLowerCase()}`;
    // Did the share change between the first and second halves of the period?
    const k1 = person.firstHalf.get(c.feature) ?? 0;
    const n1 = person.firstTotal;
    const k2 = c.k - k1;
    const n2 = c.n - n1;
    let change: string;
    if (n1 < 4 || n2 < 4) {
      change = n1 < n2 ? 'Most of their incidents are in the second half of the period, so a change over time cannot be judged.' : 'Most of their incidents are in the first half of the period, so a change over time cannot be judged.';
    } else {
      const rising = fisherExact(k2, n2 - k2, k1, n1 - k1, 'greater');
      const falling = fisherExact(k2, n2 - k2, k1, n1 - k1, 'less');
      const s1 = formatShare(k1 / n1);
      const s2 = formatShare(k2 / n2);
      change = rising < 0.01 ? `The share has risen, from ${s1} in the first half of the period to ${s2} in the second.`
        : falling < 0.01 ? `The share has fallen, from ${s1} in the first half of the period to ${s2} in the second.`
          : `The share is much the same in both halves of the period (${s1} and ${s2}).`;
    }
    const incidents = (wanted.get(keyOf(c.personId, c.feature)) ?? [])
      .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id - a.id));
    const evidence: Evidence[] = incidents.slice(0, 50).map((i) => (i.ref ? { kind: 'incident', id: i.id, ref: i.ref } : { kind: 'incident', id: i.id }));
    const se = Math.sqrt(Math.max(1e-9, 1 / c.k - 1 / c.n));
    return {
      key: `trigger:person:${c.personId}:${kind}:${slug(value)}`,
      kind: 'trigger',
      scope: { type: 'person', id: c.personId },
      serviceIds: [...person.services.keys()].sort((a, b) => a - b),
      title: `${who}: incidents ${titleWhat}`,
      summary: `${c.k} of ${who}'s ${c.n} incidents (${formatShare(share)}) ${what}, against ${formatShare(c.baseline)} for other people at ${where}`
        + `${kind === 'location' ? '' : ' and across the organisation'}: ${formatRatio(ratio)} times as often (${formatP(adjusted)}). ${change}`,
      statistic: { name: 'share_ratio', value: round(ratio), pValue: adjusted, ci95: [round(ratio * Math.exp(-1.96 * se)), round(ratio * Math.exp(1.96 * se))] as const },
      strength: strengthOf(ratio, adjusted),
      evidence,
    };
  }).sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
};

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
