import type { Metric } from '../../domain/measures.js';

/** What an incident adds to the monthly counts, before it is spread over organisation, region, service and person. */
export interface IncidentFacts {
  occurredPeriod: string;
  harmPhysical: string;
  harmPsychological: string;
  personIds: readonly number[];
  /** durationMinutes as recorded (whole minutes); durationMs exact, from the start and end. */
  interventions: readonly { personId: number | null; typeCode: string; startedPeriod: string; durationMinutes: number; durationMs: number }[];
}

export interface Contribution { period: string; metric: Metric; value: number; personId?: number }

const physicalPoints: Record<string, number> = { none: 0, low: 1, moderate: 2, severe: 3, fatal: 4 };
const psychologicalPoints: Record<string, number> = { none: 0, low: 1, moderate: 2, severe: 3 };
const CHEMICAL = new Set(['14', '15', '16', '17']);
export const PRONE = '01';
/** Assuring Transformation splits prone restraint at 10 minutes: a hold counts as over when it lasted longer, to the second. */
export const PRONE_SPLIT_MS = 10 * 60_000;

/** Harm score of an incident: the worse of physical (0–4) and psychological (0–3) harm. */
export function harmPoints(physical: string, psychological: string): number {
  return Math.max(physicalPoints[physical] ?? 0, psychologicalPoints[psychological] ?? 0);
}

/** Whether harm counts as moderate or worse on either scale. */
export function isModerateOrWorse(physical: string, psychological: string): boolean {
  return (physicalPoints[physical] ?? 0) >= 2 || (psychologicalPoints[psychological] ?? 0) >= 2;
}

/**
 * The monthly counts one incident contributes. Interventions count as distinct (incident, type) pairs in the month
 * the first episode of that type started, as the national statistics count them; episode measures count episodes.
 * Contributions with a personId apply to that person's own series as well.
 */
export function incidentContributions(facts: IncidentFacts): Contribution[] {
  const out: Contribution[] = [];
  const add = (period: string, metric: Metric, value: number, personId?: number) => {
    if (value !== 0) out.push({ period, metric, value, ...(personId !== undefined ? { personId } : {}) });
  };
  const points = harmPoints(facts.harmPhysical, facts.harmPsychological);
  const isSerious = isModerateOrWorse(facts.harmPhysical, facts.harmPsychological);
  for (const personId of [undefined, ...facts.personIds]) {
    add(facts.occurredPeriod, 'incidents', 1, personId);
    add(facts.occurredPeriod, 'incidents_moderate_or_worse', isSerious ? 1 : 0, personId);
    add(facts.occurredPeriod, 'harm_points', points, personId);
  }
  const firstOfType = new Map<string, { period: string; personIds: Set<number | null> }>();
  for (const episode of facts.interventions) {
    const seen = firstOfType.get(episode.typeCode);
    if (!seen) firstOfType.set(episode.typeCode, { period: episode.startedPeriod, personIds: new Set([episode.personId]) });
    else {
      if (episode.startedPeriod < seen.period) seen.period = episode.startedPeriod;
      seen.personIds.add(episode.personId);
    }
    for (const personId of episode.personId === null ? [undefined] : [undefined, episode.personId]) {
      // Minutes of restraint, seclusion and segregation: a chemical restraint's episode is a dose, not a hold.
      if (!CHEMICAL.has(episode.typeCode)) add(episode.startedPeriod, 'restraint_minutes', episode.durationMinutes, personId);
      if (episode.typeCode === PRONE) {
        add(episode.startedPeriod, 'prone_restraints', 1, personId);
        add(episode.startedPeriod, 'prone_over_10_min', episode.durationMs > PRONE_SPLIT_MS ? 1 : 0, personId);
      }
      if (CHEMICAL.has(episode.typeCode)) add(episode.startedPeriod, 'chemical_restraints', 1, personId);
    }
  }
  for (const { period, personIds } of firstOfType.values()) {
    add(period, 'interventions', 1);
    for (const personId of personIds) if (personId !== null) add(period, 'interventions', 1, personId);
  }
  return out;
}

/** An episode's length in whole minutes as recorded, in the month it started, for the month's median length of hold. */
export interface HoldLength { period: string; minutes: number; personId?: number }

/**
 * The lengths of an incident's holds, seclusion and segregation (every episode but chemical restraint), each for the
 * organisation's, region's and service's months and, when the episode is about one person, that person's too.
 */
export function holdLengths(facts: IncidentFacts): HoldLength[] {
  const out: HoldLength[] = [];
  for (const episode of facts.interventions) {
    if (CHEMICAL.has(episode.typeCode)) continue;
    out.push({ period: episode.startedPeriod, minutes: episode.durationMinutes });
    if (episode.personId !== null) out.push({ period: episode.startedPeriod, minutes: episode.durationMinutes, personId: episode.personId });
  }
  return out;
}

/** What a safeguarding concern contributes, from its state; the change between two states is the difference. */
export interface ConcernFacts {
  raisedAt: string;
  isReferredInTime: boolean;
  closedAt: string | null;
  mspAsked: string | null;
  mspAchieved: string | null;
}

/**
 * Concerns count in the month raised (and as referred in time there); Making Safeguarding Personal counts in the
 * month the concern closed: asked (with or without outcomes expressed), expressed, and fully or partly achieved.
 */
export function concernContributions(f: ConcernFacts, periodOf: (instant: string) => string): Contribution[] {
  const raised = periodOf(f.raisedAt);
  const out: Contribution[] = [{ period: raised, metric: 'safeguarding_concerns', value: 1 }];
  if (f.isReferredInTime) out.push({ period: raised, metric: 'safeguarding_referred_in_time', value: 1 });
  if (f.closedAt) {
    const closed = periodOf(f.closedAt);
    out.push({ period: closed, metric: 'safeguarding_closed', value: 1 });
    const isAsked = f.mspAsked === 'yes_outcomes_expressed' || f.mspAsked === 'yes_none_expressed';
    if (isAsked) out.push({ period: closed, metric: 'msp_asked', value: 1 });
    if (f.mspAsked === 'yes_outcomes_expressed') {
      out.push({ period: closed, metric: 'msp_expressed', value: 1 });
      if (f.mspAchieved === 'fully' || f.mspAchieved === 'partially') out.push({ period: closed, metric: 'msp_achieved', value: 1 });
    }
  }
  return out;
}

/** A complaint counts when answered: in the month of the response, and as in time when within its timescale. */
export function complaintContributions(f: { kind: string; respondedAt: string | null; isRespondedInTime: boolean }, periodOf: (instant: string) => string): Contribution[] {
  if (f.kind !== 'complaint' || !f.respondedAt) return [];
  const period = periodOf(f.respondedAt);
  return [
    { period, metric: 'complaints_responded', value: 1 },
    ...(f.isRespondedInTime ? [{ period, metric: 'complaints_responded_in_time' as const, value: 1 }] : []),
  ];
}

/** The difference between two states' contributions: what to add when a record changes. */
export function contributionChange(before: readonly Contribution[], after: readonly Contribution[]): Contribution[] {
  return [...before.map((c) => ({ ...c, value: -c.value })), ...after];
}
