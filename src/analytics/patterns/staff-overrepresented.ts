// Staff over-represented in prone restraint: a staff member's share of the prone restraints (type 01) at a service
// against their share of its other physical restraints (types 07–13), which need as many hands. Someone who is
// simply on shift a lot takes part in both alike and is not flagged. One-sided Fisher exact test per staff
// member and service, Benjamini–Hochberg across every pair tested, with a minimum count and effect.
import type { DetectedPattern, Detector, Evidence, IncidentFact, PatternInput } from './types.js';
import { benjaminiHochberg, fisherExact, formatP, formatRatio, formatShare, riskRatio, strengthOf } from './stats.js';

export const PRONE_CODE = '01';
export const STAFF_MIN_COUNT = 5;
export const STAFF_MIN_RATIO = 2;
export const STAFF_FDR = 0.01;

const isOtherPhysical = (code: string) => code >= '07' && code <= '13' && code.length === 2;

interface ServiceTally { prone: number; other: number; staff: Map<number, { prone: number; other: number }> }

export const detectStaffOverrepresented: Detector = (input: PatternInput): DetectedPattern[] => {
  const services = new Map<number, ServiceTally>();
  for (const incident of input.incidents) {
    for (const intervention of incident.interventions) {
      const isProne = intervention.typeCode === PRONE_CODE;
      if (!isProne && !isOtherPhysical(intervention.typeCode)) continue;
      let s = services.get(incident.serviceId);
      if (!s) services.set(incident.serviceId, (s = { prone: 0, other: 0, staff: new Map() }));
      if (isProne) s.prone += 1; else s.other += 1;
      for (const staffId of new Set(intervention.staffIds)) {
        let t = s.staff.get(staffId);
        if (!t) s.staff.set(staffId, (t = { prone: 0, other: 0 }));
        if (isProne) t.prone += 1; else t.other += 1;
      }
    }
  }

  interface Candidate { staffId: number; serviceId: number; a: number; prone: number; c: number; other: number; p: number }
  const candidates: Candidate[] = [];
  let tested = 0;
  for (const [serviceId, s] of services) {
    if (s.prone < STAFF_MIN_COUNT || s.other < STAFF_MIN_COUNT) continue;
    for (const [staffId, t] of s.staff) {
      tested += 1;
      if (t.prone < STAFF_MIN_COUNT) continue;
      if (t.prone / s.prone < STAFF_MIN_RATIO * ((t.other + 0.5) / (s.other + 1))) continue;
      candidates.push({ staffId, serviceId, a: t.prone, prone: s.prone, c: t.other, other: s.other, p: fisherExact(t.prone, s.prone - t.prone, t.other, s.other - t.other, 'greater') });
    }
  }
  const q = benjaminiHochberg(candidates.map((c) => c.p), tested);
  const found = candidates.map((c, i) => ({ c, q: q[i]! })).filter(({ q: adjusted }) => adjusted < STAFF_FDR);
  if (!found.length) return [];

  // Evidence: the incidents with a prone restraint the staff member took part in, most recent first.
  const wanted = new Map<string, IncidentFact[]>();
  for (const { c } of found) wanted.set(`${c.serviceId}:${c.staffId}`, []);
  for (const incident of input.incidents) {
    const staffInProne = new Set<number>();
    for (const i of incident.interventions) if (i.typeCode === PRONE_CODE) for (const s of i.staffIds) staffInProne.add(s);
    for (const s of staffInProne) wanted.get(`${incident.serviceId}:${s}`)?.push(incident);
  }
  const staff = new Map(input.staff.map((s) => [s.id, s]));
  const serviceNames = new Map(input.services.map((s) => [s.id, s.ref ?? s.name]));
  return found.map(({ c, q: adjusted }): DetectedPattern => {
    const member = staff.get(c.staffId);
    const who = member ? (member.ref && member.name ? `${member.name} (${member.ref})` : (member.ref ?? member.name)) : `Staff member ${c.staffId}`;
    const where = serviceNames.get(c.serviceId) ?? `service ${c.serviceId}`;
    const ratio = riskRatio(c.a, c.prone, c.c, c.other);
    const incidents = (wanted.get(`${c.serviceId}:${c.staffId}`) ?? [])
      .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id - a.id));
    const evidence: Evidence[] = incidents.slice(0, 50).map((i) => (i.ref ? { kind: 'incident', id: i.id, ref: i.ref } : { kind: 'incident', id: i.id }));
    return {
      key: `staff_overrepresented:staff:${c.staffId}:service:${c.serviceId}:prone`,
      kind: 'staff_overrepresented',
      scope: { type: 'staff', id: c.staffId },
      serviceIds: [c.serviceId],
      title: `${who}: takes part in most prone restraints at ${where}`,
      summary: `${who} took part in ${c.a} of the ${c.prone} prone restraints at ${where} (${formatShare(c.a / c.prone)}), against ${c.c} of its ${c.other} other physical restraints `
        + `(${formatShare(c.c / c.other)}), which need as many staff: ${formatRatio(ratio.value)} times the share (95% CI ${formatRatio(ratio.ci95[0])} to ${formatRatio(ratio.ci95[1])}; ${formatP(adjusted)}). `
        + 'Worth understanding why: it may reflect skills, shifts or practice.',
      statistic: { name: 'share_ratio', value: round(ratio.value), pValue: adjusted, ci95: [round(ratio.ci95[0]), round(ratio.ci95[1])] as const },
      strength: strengthOf(ratio.value, adjusted),
      evidence,
    };
  }).sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
