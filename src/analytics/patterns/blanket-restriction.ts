// blanket_restriction: a service-wide restriction (on the register with no person) followed by incidents that
// mention it. Two comparisons, before and after the restriction started, at its service:
// 1. how often incidents mention what it restricts (its keyphrases, say "locked kitchen"), which must rise;
// 2. the incident rate of the people living there throughout (so arrivals and departures cannot fake a change).
// A restriction that nobody's incidents mention is not flagged, however the rate moves.
import { extractPhrases } from '../themes/keyphrases.js';
import { binomialUpperTail, formatDay, formatP } from '../themes/rise.js';
import type { DetectedPattern, Detector, Evidence, IncidentFact, PatternInput, RestrictionFact, SourceRecord } from './types.js';

const DAY_MS = 86_400_000;
const BEFORE_DAYS = 730;
const MIN_AFTER_DAYS = 28;
const MIN_MENTIONS = 3;
const ALPHA = 0.05;
const TERM_ALPHA = 0.01;

/** Words in a restriction's description that say when or for whom, not what is restricted. */
const notTheSubject = new Set(['house', 'home', 'everyone', 'everybody', 'resident', 'people', 'service', 'night', 'midnight', 'request', 'rule', 'staff', 'whole house']);

const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** The phrases of a restriction's description that name what it restricts. */
export function restrictionTerms(description: string): string[] {
  return extractPhrases(description.toLowerCase()).filter((p) => !notTheSubject.has(p));
}

interface IncidentAt { fact: IncidentFact; day: number; phrases: ReadonlySet<string> }

export const detectBlanketRestrictions: Detector = (input) => {
  const blanket = input.restrictions.filter((r) => r.personId === null);
  if (!blanket.length || !input.incidents.length) return [];
  const asOf = dayNumber(input.asOf);
  const blanketServices = new Set(blanket.map((r) => r.serviceId));
  const incidentRecords = new Map<number, SourceRecord>();
  for (const r of input.records) if (r.source === 'incident' && r.serviceId !== null && blanketServices.has(r.serviceId)) incidentRecords.set(r.id, r);
  const byService = new Map<number, IncidentAt[]>();
  let firstDay = Infinity;
  for (const fact of input.incidents) {
    if (!blanketServices.has(fact.serviceId)) {
      firstDay = Math.min(firstDay, dayNumber(fact.occurredAt.slice(0, 10)));
      continue;
    }
    const record = incidentRecords.get(fact.id);
    const day = dayNumber(record?.date ?? fact.occurredAt.slice(0, 10));
    firstDay = Math.min(firstDay, day);
    const list = byService.get(fact.serviceId) ?? [];
    list.push({ fact, day, phrases: new Set(record?.phrases ?? []) });
    byService.set(fact.serviceId, list);
  }
  const tested = blanket.filter((r) => Math.min(asOf, r.endedOn ? dayNumber(r.endedOn) : asOf) - dayNumber(r.startedOn) >= MIN_AFTER_DAYS);
  const out: DetectedPattern[] = [];
  for (const restriction of tested) {
    const finding = assess(input, restriction, byService.get(restriction.serviceId) ?? [], firstDay, asOf, tested.length);
    if (finding) out.push(finding);
  }
  return out;
};

function assess(input: PatternInput, restriction: RestrictionFact, incidents: readonly IncidentAt[], firstDay: number, asOf: number, restrictionsTested: number): DetectedPattern | null {
  const start = dayNumber(restriction.startedOn);
  const afterTo = Math.min(asOf, restriction.endedOn ? dayNumber(restriction.endedOn) : asOf);
  const beforeFrom = Math.max(firstDay, start - BEFORE_DAYS);
  const daysBefore = start - beforeFrom;
  const daysAfter = afterTo - start + 1;
  if (daysBefore < MIN_AFTER_DAYS) return null;
  const before = incidents.filter((i) => i.day >= beforeFrom && i.day < start);
  const after = incidents.filter((i) => i.day >= start && i.day <= afterTo);
  if (!after.length) return null;

  // 1. Mentions: which of its terms incidents take up after it starts, far more than before.
  const terms = restrictionTerms(restriction.description);
  const telling: { term: string; before: number; after: number; pValue: number }[] = [];
  const share = after.length / (after.length + before.length);
  for (const term of terms) {
    const b = before.filter((i) => i.phrases.has(term)).length;
    const a = after.filter((i) => i.phrases.has(term)).length;
    const pValue = binomialUpperTail(a, a + b, share);
    const isRise = a >= MIN_MENTIONS && a / after.length >= 2 * (b / Math.max(1, before.length));
    if (isRise && pValue < TERM_ALPHA) telling.push({ term, before: b, after: a, pValue });
  }
  if (!telling.length) return null;
  telling.sort((x, y) => x.pValue - y.pValue || y.after - x.after);
  const tellingTerms = new Set(telling.map((t) => t.term));
  const mentions = (i: IncidentAt) => [...i.phrases].some((p) => tellingTerms.has(p));
  const mentionsAfter = after.filter(mentions);
  const mentionsBefore = before.filter(mentions);
  if (mentionsAfter.length < MIN_MENTIONS) return null;
  const mentionP = Math.min(1, binomialUpperTail(mentionsAfter.length, mentionsAfter.length + mentionsBefore.length, share) * terms.length * restrictionsTested);
  if (mentionP >= ALPHA) return null;

  // 2. The incident rate of the people living there throughout, before and after.
  const throughout = new Set(input.people.filter((p) => p.serviceId === restriction.serviceId && dayNumber(p.startDate) <= beforeFrom
    && (p.endDate === null || dayNumber(p.endDate) >= afterTo)).map((p) => p.id));
  const involves = (i: IncidentAt) => i.fact.personIds.some((id) => throughout.has(id));
  const rateBefore = throughout.size ? (before.filter(involves).length * 1000) / (throughout.size * daysBefore) : null;
  const rateAfter = throughout.size ? (after.filter(involves).length * 1000) / (throughout.size * daysAfter) : null;
  const kBefore = before.filter(involves).length;
  const kAfter = after.filter(involves).length;
  const rateP = throughout.size ? binomialUpperTail(kAfter, kAfter + kBefore, daysAfter / (daysAfter + daysBefore)) : 1;
  const ratio = rateBefore && rateAfter !== null ? rateAfter / rateBefore : null;
  const isRateUp = rateP < ALPHA && ratio !== null && ratio > 1;

  const mentionShare = mentionsAfter.length / after.length;
  const evidenceScore = Math.min(1, -Math.log10(Math.max(mentionP, 1e-300)) / 8);
  const rateScore = isRateUp && ratio !== null ? Math.min(1, Math.log2(ratio) / 1.5) : 0;
  const strength = Math.round(Math.min(1, 0.35 * evidenceScore + 0.3 * Math.min(1, mentionShare / 0.4) + 0.35 * rateScore) * 1000) / 1000;

  const service = input.services.find((s) => s.id === restriction.serviceId);
  const serviceName = service?.name ?? `service ${restriction.serviceId}`;
  const termText = telling.map((t) => `'${t.term}'`).slice(0, 3).join(' or ');
  const since = formatDay(restriction.startedOn);
  const rateText = rateBefore !== null && rateAfter !== null
    ? ` Incidents of the ${throughout.size === 1 ? 'person' : `${throughout.size} people`} living there throughout went from ${rateBefore.toFixed(1)} to ${rateAfter.toFixed(1)} per 1,000 occupied days`
      + (isRateUp ? ` (${ratio.toFixed(1)} times; ${formatP(rateP)}).` : ratio !== null && ratio > 1 ? ` (not a clear rise; ${formatP(rateP)}).` : '.')
    : '';
  const evidence: Evidence[] = [
    { kind: 'restriction', id: restriction.id },
    ...[...mentionsAfter].sort((a, b) => b.day - a.day || b.fact.id - a.fact.id).slice(0, 49)
      .map((i) => (i.fact.ref ? { kind: 'incident' as const, id: i.fact.id, ref: i.fact.ref } : { kind: 'incident' as const, id: i.fact.id })),
  ];
  return {
    key: `blanket_restriction:service:${restriction.serviceId}:restriction:${restriction.id}`,
    kind: 'blanket_restriction',
    scope: { type: 'service', id: restriction.serviceId },
    serviceIds: [restriction.serviceId],
    title: `Blanket restriction at ${serviceName} followed by incidents about it`,
    summary: `Since ${since} (“${restriction.description}”), ${mentionsAfter.length} of ${after.length} incidents at ${serviceName} mention ${termText}, `
      + `against ${mentionsBefore.length} of ${before.length} in the ${Math.round(daysBefore / 30.44)} months before (${formatP(mentionP)}).${rateText}`
      + ' A restriction on everyone should be justified for each person and reviewed.',
    statistic: { name: 'mention_share_after', value: Math.round(mentionShare * 1000) / 1000, pValue: mentionP },
    strength,
    evidence,
  };
}
