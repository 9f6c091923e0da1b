// What incidents add to the monthly rollups, summed in memory: pure, so that it can run wherever incidents are read
// (an import checks its rows on a thread of its own) and be written to the database afterwards (measures.service).
import type { Metric } from '../../domain/measures.js';
import { londonDate } from '../../domain/working-days.js';
import { holdLengths, incidentContributions, type IncidentFacts } from './contributions.js';

/** The month (in England) an instant falls in. */
export const periodOf = (instant: string) => londonDate(instant).slice(0, 7);

export interface IncidentForRollup {
  serviceId: number;
  regionId: number;
  occurredAt: string;
  harmPhysical: string;
  harmPsychological: string;
  personIds: readonly number[];
  /** durationMinutes as recorded (whole minutes); durationMs exact, from the start and end. */
  interventions: readonly { personId: number | null; typeCode: string; startedAt: string; durationMinutes: number; durationMs: number }[];
}

// England's clocks change on the hour (01:00 UTC) by a whole hour, so every instant in one UTC hour falls in the
// same London month: remember each hour's month rather than asking Intl (about 30 µs a call) for every record.
const monthOfHour = new Map<number, string>();
// Records repeat the same instants (an incident's episodes, a shift's incidents): remember each instant's month too,
// by its text, which saves parsing it again.
const monthOfInstant = new Map<string, string>();
/** periodOf, remembered per UTC hour: what replaying many incidents' instants needs. */
export function cachedPeriodOf(instant: string): string {
  let period = monthOfInstant.get(instant);
  if (period !== undefined) return period;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return periodOf(instant);
  const hour = Math.floor(ms / 3_600_000);
  period = monthOfHour.get(hour);
  if (period === undefined) {
    if (monthOfHour.size >= 200_000) monthOfHour.clear();
    period = periodOf(new Date(hour * 3_600_000).toISOString());
    monthOfHour.set(hour, period);
  }
  if (monthOfInstant.size >= 200_000) monthOfInstant.clear();
  monthOfInstant.set(instant, period);
  return period;
}

/** An incident's facts in London months, as the monthly counts and lengths of holds take them. */
function factsOf(i: IncidentForRollup): IncidentFacts {
  return {
    occurredPeriod: cachedPeriodOf(i.occurredAt), harmPhysical: i.harmPhysical, harmPsychological: i.harmPsychological, personIds: i.personIds,
    interventions: i.interventions.map((e) => ({
      personId: e.personId, typeCode: e.typeCode, startedPeriod: cachedPeriodOf(e.startedAt), durationMinutes: e.durationMinutes, durationMs: e.durationMs,
    })),
  };
}

/** What one incident contributes, in London months, before it is spread over scopes. */
export const contributionsOf = (i: IncidentForRollup) => incidentContributions(factsOf(i));

/** The lengths of one incident's holds, in London months, before they are spread over scopes. */
export const holdLengthsOf = (i: IncidentForRollup) => holdLengths(factsOf(i));

/** A (service, person, month) of restraint as one key. */
export const restrainedMonthKey = (serviceId: number, personId: number, period: string) => `${serviceId}|${personId}|${period}`;

export interface ContributionSum { serviceId: number; regionId: number; personId: number | undefined; metric: Metric; period: string; value: number }

/** A map by service or person id, then metric, then month: keyed by values a batch already holds, no text built per entry. */
type ByIdMetricPeriod<T> = Map<number, Map<string, Map<string, T>>>;
function entryOf<T>(map: ByIdMetricPeriod<T>, id: number, metric: string, period: string): { inner: Map<string, T>; found: T | undefined } {
  let byMetric = map.get(id);
  if (!byMetric) map.set(id, byMetric = new Map<string, Map<string, T>>());
  let inner = byMetric.get(metric);
  if (!inner) byMetric.set(metric, inner = new Map<string, T>());
  return { inner, found: inner.get(period) };
}

/** A (service, person, month) in which the person was restrained, with the service's region. */
export interface RestrainedMonthOf { service_id: number; person_id: number; period: string; regionId: number }

/** How many episodes of a length (whole minutes) started in a month at a service, or for a person (personId). */
export interface LengthSum { serviceId: number; regionId: number; personId: number | undefined; period: string; minutes: number; episodes: number }

/** What IncidentSums has added up, as plain data (it can be sent from one thread to another). */
export interface IncidentSumsData {
  /** Sums in the order their (service or person, metric, month) first appears. */
  sums: ContributionSum[];
  /** Episodes by length, in the order their (service or person, month, length) first appears. */
  lengths: LengthSum[];
  /** Each (service, person, month) of restraint once, in the order first seen. */
  restrained: RestrainedMonthOf[];
}

/**
 * Incidents' contributions to the rollups, including who was restrained in which month, added up in memory to be
 * written at once. The same as adding each incident's deltas, but contributions are summed per service (and per
 * person) before they are spread over scopes: many incidents repeat the same service, metric and month.
 */
export class IncidentSums {
  private readonly sums: ContributionSum[] = [];
  private readonly serviceSums: ByIdMetricPeriod<ContributionSum> = new Map();
  private readonly personSums: ByIdMetricPeriod<ContributionSum> = new Map();
  private readonly restrained: RestrainedMonthOf[] = [];
  private readonly lengths: LengthSum[] = [];
  /** By service id (or minus the person's id), month and length: numbers and a month, no text built per episode. */
  private readonly lengthAt = new Map<number, Map<string, Map<number, LengthSum>>>();
  /** The (service, person, month) of each restraint already in `restrained`, as restrainedMonthKey gives. */
  private readonly restrainedMonths = new Set<string>();

  add(incidents: readonly IncidentForRollup[]): void {
    for (const i of incidents) {
      const facts = factsOf(i);
      for (const c of incidentContributions(facts)) {
        const { inner, found } = c.personId === undefined
          ? entryOf(this.serviceSums, i.serviceId, c.metric, c.period)
          : entryOf(this.personSums, c.personId, c.metric, c.period);
        if (found) found.value += c.value;
        else {
          const sum = { serviceId: i.serviceId, regionId: i.regionId, personId: c.personId, metric: c.metric, period: c.period, value: c.value };
          inner.set(c.period, sum);
          this.sums.push(sum);
        }
      }
      for (const l of holdLengths(facts)) {
        const owner = l.personId === undefined ? i.serviceId : -l.personId;
        let byPeriod = this.lengthAt.get(owner);
        if (!byPeriod) this.lengthAt.set(owner, byPeriod = new Map<string, Map<number, LengthSum>>());
        let byMinutes = byPeriod.get(l.period);
        if (!byMinutes) byPeriod.set(l.period, byMinutes = new Map<number, LengthSum>());
        const found = byMinutes.get(l.minutes);
        if (found) found.episodes += 1;
        else {
          const sum = { serviceId: i.serviceId, regionId: i.regionId, personId: l.personId, period: l.period, minutes: l.minutes, episodes: 1 };
          byMinutes.set(l.minutes, sum);
          this.lengths.push(sum);
        }
      }
      for (const { personId, startedAt } of i.interventions) {
        if (personId === null) continue;
        const period = cachedPeriodOf(startedAt);
        const key = restrainedMonthKey(i.serviceId, personId, period);
        if (this.restrainedMonths.has(key)) continue;
        this.restrainedMonths.add(key);
        this.restrained.push({ service_id: i.serviceId, person_id: personId, period, regionId: i.regionId });
      }
    }
  }

  data(): IncidentSumsData {
    return { sums: this.sums, lengths: this.lengths, restrained: this.restrained };
  }
}
