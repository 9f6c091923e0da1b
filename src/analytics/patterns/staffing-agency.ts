// Agency staffing: incidents that happen with agency staff on shift far more than the service's other incidents
// would predict. There are no rosters, so the other incidents at the same service stand in for how often agency
// staff are on shift: the odds of agency cover in a person's incidents over the odds in everyone else's at the
// service estimate the rate ratio (incidents with agency staff on shift against without), with a Woolf 95 % CI.
// A service where agency staff cover everyone's shifts alike has no one who stands out, so it is not flagged.
// At service level the comparison is within the service: a time of the week (weekday or weekend × band of the
// day) whose incidents have agency staff far more often than the service's other incidents.
import type { DetectedPattern, Detector, Evidence, IncidentFact, PatternInput } from './types.js';
import { benjaminiHochberg, fisherExact, formatP, formatRatio, formatShare, nameOf, oddsRatio, strengthOf } from './stats.js';
import { bandOf } from './time-hotspot.js';

export const AGENCY_MIN_COUNT = 8;
export const AGENCY_MIN_RATIO = 2;
export const AGENCY_FDR = 0.01;
/** Fewest other incidents at the service to use them as the measure of agency cover. */
const MIN_COMPARISON = 20;

const PARTS = ['weekday', 'weekend'] as const;
const BAND_WORDS = ['nights', 'mornings', 'afternoons', 'evenings'];
/** Weekday or weekend × the four bands of the day: 8 parts of the week. */
export const weekPartOf = (i: Pick<IncidentFact, 'dayOfWeek' | 'hour'>): number => (i.dayOfWeek === 0 || i.dayOfWeek === 6 ? 4 : 0) + bandOf(i.hour);
const weekPartWords = (part: number) => `${part >= 4 ? 'Saturday and Sunday' : 'weekday'} ${BAND_WORDS[part % 4]}`;
const weekPartKey = (part: number) => `${PARTS[part >= 4 ? 1 : 0]}-${['night', 'morning', 'afternoon', 'evening'][part % 4]}`;

interface Tally { n: number; agency: number; parts: Int32Array; partsAgency: Int32Array }
const tally = (): Tally => ({ n: 0, agency: 0, parts: new Int32Array(8), partsAgency: new Int32Array(8) });
function add(t: Tally, incident: IncidentFact, part: number): void {
  t.n += 1;
  t.parts[part]! += 1;
  if (incident.hasAgencyStaff) {
    t.agency += 1;
    t.partsAgency[part]! += 1;
  }
}

/** The part of the week where a tally's agency share stands out most from the rest of it (or null). */
function bestPart(t: Tally): { part: number; inN: number; inA: number; outN: number; outA: number; p: number } | null {
  let best: ReturnType<typeof bestPart> = null;
  for (let part = 0; part < 8; part++) {
    const inN = t.parts[part]!;
    const inA = t.partsAgency[part]!;
    const outN = t.n - inN;
    const outA = t.agency - inA;
    if (inA < AGENCY_MIN_COUNT || outN < 1) continue;
    if (inA / inN < AGENCY_MIN_RATIO * ((outA + 0.5) / (outN + 1))) continue;
    const p = fisherExact(inA, inN - inA, outA, outN - outA, 'greater');
    if (!best || p < best.p) best = { part, inN, inA, outN, outA, p };
  }
  return best;
}

export const detectStaffingAgency: Detector = (input: PatternInput): DetectedPattern[] => {
  const services = new Map<number, Tally>();
  // Person × service, since the comparison is with the same service.
  const people = new Map<string, { personId: number; serviceId: number; t: Tally }>();
  for (const incident of input.incidents) {
    const part = weekPartOf(incident);
    let s = services.get(incident.serviceId);
    if (!s) services.set(incident.serviceId, (s = tally()));
    add(s, incident, part);
    for (const personId of new Set(incident.personIds)) {
      const key = `${personId}:${incident.serviceId}`;
      let p = people.get(key);
      if (!p) people.set(key, (p = { personId, serviceId: incident.serviceId, t: tally() }));
      add(p.t, incident, part);
    }
  }

  // People against the rest of their service.
  interface PersonCandidate { personId: number; serviceId: number; a: number; n1: number; c: number; n2: number; p: number }
  const personCandidates: PersonCandidate[] = [];
  let personTests = 0;
  for (const { personId, serviceId, t } of people.values()) {
    const s = services.get(serviceId)!;
    const n2 = s.n - t.n;
    const c = s.agency - t.agency;
    if (t.n < AGENCY_MIN_COUNT || n2 < MIN_COMPARISON) continue;
    personTests += 1;
    if (t.agency < AGENCY_MIN_COUNT) continue;
    const ratio = oddsRatio(t.agency, t.n - t.agency, c, n2 - c);
    if (ratio.value < AGENCY_MIN_RATIO || ratio.ci95[0] <= 1) continue;
    personCandidates.push({ personId, serviceId, a: t.agency, n1: t.n, c, n2, p: fisherExact(t.agency, t.n - t.agency, c, n2 - c, 'greater') });
  }
  const personQ = benjaminiHochberg(personCandidates.map((x) => x.p), personTests);
  const personFound = personCandidates.map((x, i) => ({ x, q: personQ[i]! })).filter(({ q }) => q < AGENCY_FDR);

  // Services: one part of the week against the rest of the same service (8 tests per service).
  interface ServiceCandidate { serviceId: number; best: NonNullable<ReturnType<typeof bestPart>>; p: number }
  const serviceCandidates: ServiceCandidate[] = [];
  let serviceTests = 0;
  for (const [serviceId, t] of services) {
    if (t.n < MIN_COMPARISON) continue;
    serviceTests += 8;
    const best = bestPart(t);
    if (best) serviceCandidates.push({ serviceId, best, p: best.p });
  }
  const serviceQ = benjaminiHochberg(serviceCandidates.map((x) => x.p), serviceTests);
  const serviceFound = serviceCandidates.map((x, i) => ({ x, q: serviceQ[i]! })).filter(({ x, q }) => {
    if (q >= AGENCY_FDR) return false;
    // Not a separate finding when one person already found here accounts for it.
    const flaggedHere = personFound.filter(({ x: p }) => p.serviceId === x.serviceId);
    if (!flaggedHere.length) return true;
    const t = services.get(x.serviceId)!;
    const rest = tally();
    rest.n = t.n;
    rest.agency = t.agency;
    rest.parts.set(t.parts);
    rest.partsAgency.set(t.partsAgency);
    for (const { x: p } of flaggedHere) {
      const pt = people.get(`${p.personId}:${p.serviceId}`)!.t;
      rest.n -= pt.n;
      rest.agency -= pt.agency;
      for (let k = 0; k < 8; k++) {
        rest.parts[k]! -= pt.parts[k]!;
        rest.partsAgency[k]! -= pt.partsAgency[k]!;
      }
    }
    const again = bestPart(rest);
    return again !== null && again.part === x.best.part && again.p < 0.001;
  });
  if (!personFound.length && !serviceFound.length) return [];

  // Evidence: incidents with agency staff, most recent first; for a person, those in their telling part of the week first.
  const recentFirst = input.incidents.filter((i) => i.hasAgencyStaff)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id - a.id));
  const toEvidence = (i: IncidentFact): Evidence => (i.ref ? { kind: 'incident', id: i.id, ref: i.ref } : { kind: 'incident', id: i.id });
  const personRefs = new Map(input.people.map((p) => [p.id, p.ref]));
  const serviceRefs = new Map(input.services.map((s) => [s.id, s.ref ?? s.name]));
  const out: DetectedPattern[] = [];

  for (const { x, q } of personFound) {
    const who = nameOf(personRefs.get(x.personId), `Person ${x.personId}`);
    const where = nameOf(serviceRefs.get(x.serviceId), `service ${x.serviceId}`);
    const ratio = oddsRatio(x.a, x.n1 - x.a, x.c, x.n2 - x.c);
    const t = people.get(`${x.personId}:${x.serviceId}`)!.t;
    const part = bestPart(t);
    const isPartTelling = part !== null && part.p < 0.001;
    let where2 = '';
    if (isPartTelling) {
      where2 = ` Most of it is on ${weekPartWords(part.part)}: agency staff were on shift for ${part.inA} of their ${part.inN} incidents then (${formatShare(part.inA / part.inN)}), `
        + `against ${formatShare(part.outA / Math.max(1, part.outN))} of their other incidents.`;
    }
    const mine = recentFirst.filter((i) => i.serviceId === x.serviceId && i.personIds.includes(x.personId));
    const ordered = isPartTelling ? [...mine.filter((i) => weekPartOf(i) === part.part), ...mine.filter((i) => weekPartOf(i) !== part.part)] : mine;
    out.push({
      key: `staffing_agency:person:${x.personId}:service:${x.serviceId}`,
      kind: 'staffing_agency',
      scope: { type: 'person', id: x.personId },
      serviceIds: [x.serviceId],
      title: `${who}: incidents far more likely when agency staff are on shift`,
      summary: `Agency staff were on shift for ${x.a} of ${who}'s ${x.n1} incidents at ${where} (${formatShare(x.a / x.n1)}), against ${formatShare(x.c / x.n2)} of the other ${x.n2} incidents there. `
        + `Taking the other incidents as a guide to how often agency staff work there, ${who}'s incidents are ${formatRatio(ratio.value)} times as likely when agency staff are on shift `
        + `(95% CI ${formatRatio(ratio.ci95[0])} to ${formatRatio(ratio.ci95[1])}; ${formatP(q)}).${where2}`,
      statistic: { name: 'rate_ratio', value: round(ratio.value), pValue: q, ci95: [round(ratio.ci95[0]), round(ratio.ci95[1])] as const },
      strength: strengthOf(ratio.value, q),
      evidence: ordered.slice(0, 50).map(toEvidence),
    });
  }

  for (const { x, q } of serviceFound) {
    const where = nameOf(serviceRefs.get(x.serviceId), `Service ${x.serviceId}`);
    const { part, inA, inN, outA, outN } = x.best;
    const ratio = oddsRatio(inA, inN - inA, outA, outN - outA);
    out.push({
      key: `staffing_agency:service:${x.serviceId}:${weekPartKey(part)}`,
      kind: 'staffing_agency',
      scope: { type: 'service', id: x.serviceId },
      serviceIds: [x.serviceId],
      title: `${where}: agency staff on shift for most ${weekPartWords(part)} incidents`,
      summary: `Agency staff were on shift for ${inA} of the ${inN} incidents at ${where} on ${weekPartWords(part)} (${formatShare(inA / inN)}), against ${formatShare(outA / Math.max(1, outN))} `
        + `of its other incidents: ${formatRatio(ratio.value)} times the odds (95% CI ${formatRatio(ratio.ci95[0])} to ${formatRatio(ratio.ci95[1])}; ${formatP(q)}). `
        + 'Worth checking how those shifts are staffed.',
      statistic: { name: 'odds_ratio', value: round(ratio.value), pValue: q, ci95: [round(ratio.ci95[0]), round(ratio.ci95[1])] as const },
      strength: strengthOf(ratio.value, q),
      evidence: recentFirst.filter((i) => i.serviceId === x.serviceId && weekPartOf(i) === part).slice(0, 50).map(toEvidence),
    });
  }
  return out.sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
