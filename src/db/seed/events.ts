// The demo organisation's events: incidents with ABC detail and restrictive interventions, safeguarding concerns
// through to outcome, complaints, feedback and compliments, speak-up reports, the register and practice reviews. Base rates follow what providers
// see (most people have few incidents, a few have many; restraint mostly seated, standing or escort; harm mostly
// none or low), and on top of them known patterns and decoys are planted and described in a ground-truth file.
// Deterministic for a seed; written service by service in batched transactions so national scale fits in memory.
import { createHash, randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database, Executor } from '../connection.js';
import type {
  ComplaintTable, IncidentTable, RecordLinkTable, RestrictionHistoryTable, RestrictionTable, RestrictiveInterventionTable, SafeguardingConcernTable, SafeguardingDecisionTable, SpeakUpConcernTable,
  SpeakUpMessageTable,
} from '../types.js';
import type { ServiceType } from '../../domain/codes.js';
import { groupBy } from '../../domain/collections.js';
import type { ContributoryFactor } from '../../domain/contributory-factors.js';
import type { InterventionTypeCode, InterventionReasonCode, PhysicalHarm, PsychologicalHarm } from '../../domain/incidents.js';
import {
  abuseCategoryLabels, concernStatus, enquiryOutcomeLabels, laDecisionLabels, riskOutcomeLabels, type AbuseCategory, type EnquiryOutcome,
  type LaDecision, type LocationOfRisk, type MspAsked, type RiskOutcome, type SourceOfRisk,
} from '../../domain/safeguarding.js';
import { addWorkingDays, formatLondonDay } from '../../domain/working-days.js';
import { bulkInsert } from '../../server/repositories/bulk.repository.js';
import type { GroundTruth, PlantedDecoy, PlantedPattern } from './ground-truth.js';
import * as text from './narratives.js';
import { seedPracticeReviews } from './practice-reviews.js';
import { Random } from './random.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MONTH_DAYS = 30.44;
/** Incidents held in memory before a batch is written. */
const BATCH_INCIDENTS = 4_000;

export interface WorldService {
  id: number; ref: string; name: string; type: ServiceType; capacity: number;
  localAuthorityId: number | null; localAuthorityName: string | null;
}
export interface WorldPerson {
  id: number; ref: string; firstName: string; serviceIndex: number; startMs: number; endMs: number | null; legalStatus: string;
}
export interface WorldStaff { id: number; ref: string; name: string; serviceIndex: number; employment: 'permanent' | 'bank' | 'agency' }
export interface WorldUser { id: number; role: string; name: string }

/** The organisation the events happen in, as the structure seed created it. Times are UTC milliseconds; days are UTC midnights. */
export interface EventWorld {
  seed: number;
  scale: string;
  startMs: number;
  endMs: number;
  services: WorldService[];
  people: WorldPerson[];
  staff: WorldStaff[];
  users: WorldUser[];
}

export interface EventCounts {
  incidents: number;
  restrictiveInterventions: number;
  safeguardingConcerns: number;
  complaints: number;
  speakUpReports: number;
  restrictions: number;
  practiceReviews: number;
}

// ---------------------------------------------------------------------------------------------------------
// Time: notes are written in England's wall-clock time. BST runs from 01:00 UTC on the last Sunday of March to
// 01:00 UTC on the last Sunday of October; computed directly because Intl is too slow for a million incidents.

const bstCache = new Map<number, [number, number]>();
function bstRange(year: number): [number, number] {
  let range = bstCache.get(year);
  if (!range) {
    const lastSunday = (month: number) => {
      const last = Date.UTC(year, month + 1, 0);
      return last - new Date(last).getUTCDay() * DAY;
    };
    range = [lastSunday(2) + HOUR, lastSunday(9) + HOUR];
    bstCache.set(year, range);
  }
  return range;
}
function londonOffsetMs(utcMs: number): number {
  const [from, to] = bstRange(new Date(utcMs).getUTCFullYear());
  return utcMs >= from && utcMs < to ? HOUR : 0;
}
/** The instant of a wall-clock time in England on a calendar day (given as its UTC midnight). */
export function londonToUtc(dayMs: number, hour: number, minute: number): number {
  const naive = dayMs + hour * HOUR + minute * MINUTE;
  return naive - londonOffsetMs(naive - HOUR);
}
/** Day of week (0 = Sunday) and hour of an instant on England's clocks. */
export function londonDayHour(utcMs: number): { dow: number; hour: number } {
  const local = new Date(utcMs + londonOffsetMs(utcMs));
  return { dow: local.getUTCDay(), hour: local.getUTCHours() };
}
const iso = (ms: number) => new Date(ms).toISOString();
/** Deterministic shares: `every(share)` is true for that share of calls, spread evenly (used where a pattern is planted). */
function evenShare(): (share: number) => boolean {
  let calls = 0;
  return (share) => {
    calls += 1;
    return Math.floor(calls * share) > Math.floor((calls - 1) * share);
  };
}
const capitalise = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Incidents by hour of day (England): quiet at night, peaks at the morning routine, lunch and teatime.
const hourWeights = [1, 0.6, 0.5, 0.4, 0.4, 0.6, 1.5, 3, 5, 5, 4, 4, 4.5, 4, 4, 5, 6, 6.5, 6.5, 6, 5, 4, 3, 1.8];
const hourEntries = hourWeights.map((w, h) => [h, w] as const);
/** The planted hotspot: Saturday and Sunday evenings, 18:00 to 22:59 in England. */
const HOTSPOT_DAYS = [6, 0];
const HOTSPOT_HOURS = [18, 19, 20, 21, 22];

// ---------------------------------------------------------------------------------------------------------
// Codes and their base rates

const settingEventWeights = [
  ['poor_sleep', 20], ['pain', 10], ['illness', 8], ['routine_change', 16], ['noise', 14], ['hunger', 6],
  ['medication_change', 6], ['staff_change', 12], ['heat', 4], ['family_contact', 4],
] as const;
const factorWeights: readonly (readonly [ContributoryFactor, number])[] = [
  ['patient_factors', 40], ['staff_workload', 8], ['management_of_staff_and_staffing_levels', 8], ['communication_systems', 10],
  ['physical_environment', 10], ['team_factors', 7], ['training_and_education', 5], ['task_characteristics', 5],
  ['policy_and_procedures', 4], ['individual_factors', 3],
];

const typeWeights: Record<ServiceType, readonly (readonly [InterventionTypeCode, number])[]> = {
  hospital_unit: [['11', 22], ['07', 20], ['08', 18], ['01', 12], ['09', 3], ['10', 3], ['12', 2], ['13', 2], ['16', 10], ['14', 3], ['05', 5], ['06', 0.3], ['04', 0.3]],
  residential_care_home: [['11', 30], ['07', 28], ['08', 22], ['13', 4], ['10', 2], ['01', 1], ['16', 13]],
  supported_living: [['11', 30], ['07', 28], ['08', 22], ['13', 4], ['10', 2], ['01', 0.5], ['16', 13]],
  day_service: [['11', 35], ['07', 30], ['08', 30], ['16', 5]],
};
const riChanceByType: Record<ServiceType, number> = { hospital_unit: 0.4, residential_care_home: 0.2, supported_living: 0.15, day_service: 0.08 };
const rateFactorByType: Record<ServiceType, number> = { hospital_unit: 1.8, residential_care_home: 1, supported_living: 0.9, day_service: 0.35 };
const isChemical = (code: InterventionTypeCode) => code >= '14' && code <= '17';

/** Minutes an episode lasted; a quarter of prone restraints go past the 10 minutes Assuring Transformation counts. */
function durationFor(code: InterventionTypeCode, random: Random, proneLongShare: (share: number) => boolean): number {
  switch (code) {
    case '01': return proneLongShare(0.25) ? random.int(11, 25) : random.int(1, 10);
    case '07': case '11': return Math.min(30, Math.max(1, Math.round(Math.exp(1.3 + 0.6 * random.normal()))));
    case '08': return random.int(2, 10);
    case '09': case '10': case '12': case '13': return random.int(2, 12);
    case '14': case '15': case '16': case '17': return random.int(2, 5);
    case '05': return random.int(30, 480);
    case '06': return random.int(2, 14) * 1440;
    case '04': return random.int(10, 60);
  }
}

function reasonFor(code: InterventionTypeCode, serviceType: ServiceType, random: Random): InterventionReasonCode {
  if (code === '08' && serviceType === 'hospital_unit' && random.chance(0.1)) return '19';
  if (isChemical(code)) return random.weighted<InterventionReasonCode>([['10', 40], ['16', 25], ['17', 20], ['11', 15]]);
  return random.weighted<InterventionReasonCode>([
    ['10', 45], ['11', 20], ['17', 15], ['14', 6], ['12', 4], ['16', 4], ['13', 2], ['98', 1], ['99', 1],
  ]);
}

/** Which restrictions a person's plan anticipates: routine holds mostly, prone and seclusion rarely. */
function plannedChance(code: InterventionTypeCode): number {
  if (code === '01') return 0.25;
  if (code === '16') return 0.9;
  if (code === '05' || code === '06' || code === '14') return 0.5;
  return 0.75;
}

// ---------------------------------------------------------------------------------------------------------
// The plan: who and where each pattern and decoy is planted

type PersonRole = 'ordinary' | 'hotspot' | 'action' | 'null' | 'escalation' | 'trigger' | 'decoy_high';

interface PersonPlan {
  role: PersonRole;
  /** Incidents per month at a given day (UTC midnight). */
  rateAt: (dayMs: number) => number;
  maxRate: number;
  /** Chance an incident involves restrictive intervention, at a given day. */
  riChanceAt: (dayMs: number) => number;
  /**
   * Counts close to the expected number each month rather than Poisson: used where a pattern is planted (and for
   * its decoys), so that even the 60-person demo shows it plainly. Everyone else varies as real people do.
   */
  isSteady: boolean;
}

interface Plan {
  roles: Map<number, PersonRole>;
  actionDate: number;
  nullDate: number;
  escalationStart: number;
  blanketService: number | null;
  blanketDate: number;
  blanketDecoyService: number | null;
  blanketDecoyDate: number;
  highAgencyService: number | null;
  overStaff: { staffIndex: number; serviceIndex: number } | null;
  busyStaff: number | null;
  minibusServices: Set<number>;
  minibusFrom: number;
  fireAlarmService: number | null;
  shortStaffedServices: Set<number>;
  shortStaffedFrom: number;
}

// The planted effects are strong enough for the 60-person demo to show them whatever day it is made: the detectors
// look at whole months, so the day of the month moves what they see (a fall from 6 to 2 interventions a month, and an
// escalation to 7 incidents a month, were found on only some days; test/integration/patterns-calendar.test.ts).
const ACTION_BEFORE = { incidents: 10, ri: 0.8 };
const ACTION_AFTER = { incidents: 4, ri: 0.4 };
const NULL_RATE = { incidents: 8, ri: 0.75 };
const HOTSPOT_RATE = 2.5;
const HOTSPOT_SHARE = 0.62;
const HOTSPOT_AGENCY = 0.85;
const ESCALATION_BEFORE = 0.6;
const ESCALATION_END = 9;
const ESCALATION_DAYS = 180;
const TRIGGER_RATE = 1.5;
const TRIGGER_SHARE = 0.6;
const DECOY_HIGH_RATE = 3;
const BLANKET_RATIO = 2.5;
/** Lowest incidents per month for people at the blanket service and its decoy, so a 60-person demo shows both. */
const BLANKET_FLOOR = 0.4;
const BLANKET_KEYWORD_SHARE = 0.5;
const OVER_STAFF_PRONE = 0.8;
const BUSY_STAFF_SHARE = 0.4;

function themeSizes(scale: string) {
  if (scale === 'national') return { minibusServices: 20, minibusPer: 5, shortStaffedServices: 20, shortStaffedIncidents: 6, fireAlarm: 8 };
  if (scale === 'provider') return { minibusServices: 10, minibusPer: 5, shortStaffedServices: 8, shortStaffedIncidents: 6, fireAlarm: 8 };
  return { minibusServices: 4, minibusPer: 5, shortStaffedServices: 3, shortStaffedIncidents: 8, fireAlarm: 5 };
}

function makePlan(world: EventWorld): Plan {
  const span = world.endMs - world.startMs;
  const dayAt = (fraction: number) => world.startMs + Math.round((span * fraction) / DAY) * DAY;
  const agencyCount = new Map<number, number>();
  const permanentByService = new Map<number, number[]>();
  world.staff.forEach((s, k) => {
    if (s.employment === 'agency') agencyCount.set(s.serviceIndex, (agencyCount.get(s.serviceIndex) ?? 0) + 1);
    if (s.employment === 'permanent') permanentByService.set(s.serviceIndex, [...(permanentByService.get(s.serviceIndex) ?? []), k]);
  });
  const residents = new Map<number, number>();
  for (const p of world.people) residents.set(p.serviceIndex, (residents.get(p.serviceIndex) ?? 0) + 1);

  const roles = new Map<number, PersonRole>();
  const usedServices = new Set<number>();
  const isEligible = (p: WorldPerson) => p.startMs <= world.startMs && p.endMs === null && !roles.has(p.id);
  const choose = (role: PersonRole, types: ServiceType[], extra: (p: WorldPerson) => boolean = () => true): WorldPerson | null => {
    for (const type of types) {
      for (const preferFresh of [true, false]) {
        const found = world.people.find((p) => isEligible(p) && world.services[p.serviceIndex]!.type === type && extra(p)
          && (!preferFresh || !usedServices.has(p.serviceIndex)));
        if (found) {
          roles.set(found.id, role);
          usedServices.add(found.serviceIndex);
          return found;
        }
      }
    }
    return null;
  };
  const action = choose('action', ['hospital_unit', 'residential_care_home', 'supported_living']);
  choose('null', ['residential_care_home', 'hospital_unit', 'supported_living']);
  choose('hotspot', ['supported_living', 'residential_care_home', 'hospital_unit'], (p) => (agencyCount.get(p.serviceIndex) ?? 0) > 0);
  const escalation = choose('escalation', ['supported_living', 'residential_care_home']);
  choose('trigger', ['residential_care_home', 'supported_living', 'hospital_unit']);
  choose('decoy_high', ['supported_living', 'residential_care_home', 'hospital_unit']);

  const plannedServices = new Set([...roles.keys()].map((id) => world.people.find((p) => p.id === id)!.serviceIndex));
  const candidates = world.services.map((s, i) => ({ s, i })).filter(({ s }) => s.type !== 'day_service');
  // A before-and-after comparison at a service is confounded by people arriving or leaving (a new admission with
  // many incidents raises the service's rate), so the blanket restriction and its decoy go where few do.
  const settled = new Map<number, number>();
  for (const p of world.people) {
    if (p.startMs <= world.startMs && p.endMs === null && !roles.has(p.id)) settled.set(p.serviceIndex, (settled.get(p.serviceIndex) ?? 0) + 1);
  }
  const blanket = candidates.filter(({ i }) => i !== action?.serviceIndex)
    .sort((a, b) => Number(plannedServices.has(a.i)) - Number(plannedServices.has(b.i)) || (settled.get(b.i) ?? 0) - (settled.get(a.i) ?? 0) || a.i - b.i)[0];
  const blanketService = blanket?.i ?? null;

  const overService = action && world.services[action.serviceIndex]!.type === 'hospital_unit' ? action.serviceIndex
    : world.services.findIndex((s) => s.type === 'hospital_unit');
  const permanents = permanentByService.get(overService) ?? [];
  const overStaff = permanents.length >= 3 ? { staffIndex: permanents[0]!, serviceIndex: overService } : null;

  const sizes = themeSizes(world.scale);
  const order = world.services.map((_, i) => i).filter((i) => i !== blanketService);
  // Spread themed services through the list (every kth), so they sit in different regions.
  const spread = (count: number, offset: number, among: readonly number[] = order) => {
    const step = Math.max(1, Math.floor(among.length / count));
    const picked = new Set<number>();
    for (let k = offset; picked.size < Math.min(count, among.length) && k < offset + among.length * 2; k += step) picked.add(among[k % among.length]!);
    return picked;
  };
  const minibusServices = spread(sizes.minibusServices, 0);
  // Short staffing shows on night shifts and in people's homes, and needs a service with a history of records to rise
  // against: not a day service, where the planted records would be nearly all there is.
  const shortStaffedServices = spread(sizes.shortStaffedServices, 1, order.filter((i) => world.services[i]!.type !== 'day_service'));
  // The high-agency decoy sits where no other pattern does, if there is such a service.
  const hotspotService = world.people.find((p) => roles.get(p.id) === 'hotspot')?.serviceIndex;
  const agencyCandidates = world.services.map((_, i) => i).filter((i) => i !== blanketService && i !== hotspotService && (agencyCount.get(i) ?? 0) >= 2);
  const highAgency = agencyCandidates.find((i) => !minibusServices.has(i) && !shortStaffedServices.has(i) && !plannedServices.has(i)) ?? agencyCandidates[0] ?? -1;
  const fireAlarmService = order.find((i) => !minibusServices.has(i) && !shortStaffedServices.has(i)) ?? null;
  const busy = new Set([...plannedServices, ...minibusServices, ...shortStaffedServices, fireAlarmService, highAgency, overService]);
  const isHospital = (i: number) => world.services[i]!.type === 'hospital_unit';
  const blanketDecoy = candidates.map(({ i }) => i).filter((i) => i !== blanketService)
    .sort((a, b) => Number(isHospital(a)) - Number(isHospital(b)) || Number(busy.has(a)) - Number(busy.has(b)) || (settled.get(b) ?? 0) - (settled.get(a) ?? 0) || a - b)[0] ?? null;

  return {
    roles,
    actionDate: dayAt(0.55),
    nullDate: dayAt(0.5),
    escalationStart: escalation ? world.endMs - ESCALATION_DAYS * DAY : world.endMs,
    blanketService,
    blanketDate: dayAt(0.4),
    blanketDecoyService: blanketDecoy,
    blanketDecoyDate: dayAt(0.45),
    highAgencyService: highAgency >= 0 ? highAgency : null,
    overStaff,
    busyStaff: permanents.length >= 3 ? permanents[1]! : null,
    minibusServices,
    minibusFrom: world.endMs - 300 * DAY,
    fireAlarmService,
    shortStaffedServices,
    shortStaffedFrom: world.endMs - 270 * DAY,
  };
}

function personPlan(person: WorldPerson, service: WorldService, plan: Plan, random: Random): PersonPlan {
  const role = plan.roles.get(person.id) ?? 'ordinary';
  const typeRi = riChanceByType[service.type];
  const constant = (rate: number, ri: number, isSteady = true): PersonPlan => ({ role, rateAt: () => rate, maxRate: rate, riChanceAt: () => ri, isSteady });
  switch (role) {
    case 'action':
      return {
        role, maxRate: ACTION_BEFORE.incidents, isSteady: true,
        rateAt: (d) => (d < plan.actionDate ? ACTION_BEFORE.incidents : ACTION_AFTER.incidents),
        riChanceAt: (d) => (d < plan.actionDate ? ACTION_BEFORE.ri : ACTION_AFTER.ri),
      };
    case 'null': return constant(NULL_RATE.incidents, NULL_RATE.ri);
    case 'hotspot': return constant(HOTSPOT_RATE, typeRi);
    case 'trigger': return constant(TRIGGER_RATE, typeRi);
    case 'decoy_high': return constant(DECOY_HIGH_RATE, typeRi);
    case 'escalation': {
      const span = ESCALATION_DAYS * DAY;
      return {
        role, maxRate: ESCALATION_END, isSteady: true,
        rateAt: (d) => (d < plan.escalationStart ? ESCALATION_BEFORE
          : ESCALATION_BEFORE + ((ESCALATION_END - ESCALATION_BEFORE) * Math.min(1, (d - plan.escalationStart) / span))),
        riChanceAt: (d) => (d < plan.escalationStart ? typeRi : Math.min(0.6, typeRi * 2)),
      };
    }
    case 'ordinary': {
      // Heavy-tailed: most people have a handful of incidents a year, a few have several a week.
      const band = random.weighted<[number, number]>([[[0, 0.12], 55], [[0.12, 0.5], 30], [[0.5, 2], 12], [[2, 6], 3]]);
      const base = (band[0] + random.next() * (band[1] - band[0])) * rateFactorByType[service.type];
      const ri = Math.min(0.85, typeRi * (base > 1 ? 1.6 : 1));
      if (plan.blanketService === person.serviceIndex) {
        const floor = Math.max(base, BLANKET_FLOOR);
        return { role, maxRate: floor * BLANKET_RATIO, rateAt: (d) => (d < plan.blanketDate ? floor : floor * BLANKET_RATIO), riChanceAt: () => ri, isSteady: true };
      }
      // The decoy service's people get the same floor as the blanket service's, so the two compare fairly.
      if (plan.blanketDecoyService === person.serviceIndex) return constant(Math.max(base, BLANKET_FLOOR), ri);
      return constant(base, ri, false);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Pending rows and the batched writer

interface PendingIntervention { row: Omit<Insertable<RestrictiveInterventionTable>, 'incident_id'>; staffIds: number[] }
interface PendingIncident {
  row: Insertable<IncidentTable> & { ref: string };
  personId: number;
  staffIds: number[];
  codes: { kind: 'setting_event' | 'factor'; code: string }[];
  interventions: PendingIntervention[];
}
interface PendingConcern {
  row: Insertable<SafeguardingConcernTable> & { ref: string };
  /** The incident that led to the concern, linked as "raised". */
  incidentRef: string | null;
  categories: AbuseCategory[];
  factors: ContributoryFactor[];
  decisions: Omit<Insertable<SafeguardingDecisionTable>, 'concern_id'>[];
}
interface PendingComplaint { row: Insertable<ComplaintTable> & { ref: string }; themes: string[] }

class BatchWriter {
  incidents: PendingIncident[] = [];
  concerns: PendingConcern[] = [];
  complaints: PendingComplaint[] = [];
  readonly counts: EventCounts = { incidents: 0, restrictiveInterventions: 0, safeguardingConcerns: 0, complaints: 0, speakUpReports: 0, restrictions: 0, practiceReviews: 0 };
  private last = { incident: 0, intervention: 0, concern: 0, complaint: 0 };

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    const db = this.database.db;
    const max = async (table: 'incidents' | 'restrictive_interventions' | 'safeguarding_concerns' | 'complaints') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    this.last = { incident: await max('incidents'), intervention: await max('restrictive_interventions'), concern: await max('safeguarding_concerns'), complaint: await max('complaints') };
  }

  /** Write everything pending in one transaction. New ids are read back by ref or natural key, never row by row. */
  async flush(): Promise<void> {
    if (!this.incidents.length && !this.concerns.length && !this.complaints.length) return;
    const incidents = this.incidents;
    const concerns = this.concerns;
    const complaints = this.complaints;
    this.incidents = [];
    this.concerns = [];
    this.complaints = [];
    await this.database.db.transaction().execute(async (trx) => {
      const incidentIds = await this.writeIncidents(trx, incidents);
      await this.writeConcerns(trx, concerns, incidentIds);
      await this.writeComplaints(trx, complaints);
    });
  }

  private async writeIncidents(trx: Executor, batch: PendingIncident[]): Promise<Map<string | null, number>> {
    if (!batch.length) return new Map();
    await bulkInsert(trx, 'incidents', batch.map((b) => b.row));
    const inserted = await trx.selectFrom('incidents').select(['id', 'ref']).where('id', '>', this.last.incident).execute();
    const idByRef = new Map(inserted.map((r) => [r.ref, r.id]));
    for (const r of inserted) this.last.incident = Math.max(this.last.incident, r.id);
    const people: { incident_id: number; person_id: number }[] = [];
    const staff: { incident_id: number; staff_id: number }[] = [];
    const codes: { incident_id: number; kind: 'setting_event' | 'factor'; code: string }[] = [];
    const interventions: Insertable<RestrictiveInterventionTable>[] = [];
    const interventionStaff = new Map<string, number[]>();
    for (const b of batch) {
      const id = idByRef.get(b.row.ref);
      if (id === undefined) throw new Error(`Incident ${b.row.ref} was not written`);
      people.push({ incident_id: id, person_id: b.personId });
      for (const s of b.staffIds) staff.push({ incident_id: id, staff_id: s });
      for (const c of b.codes) codes.push({ incident_id: id, ...c });
      for (const i of b.interventions) {
        interventions.push({ ...i.row, incident_id: id });
        interventionStaff.set(`${id}|${i.row.started_at}`, i.staffIds);
      }
    }
    await bulkInsert(trx, 'incident_people', people);
    await bulkInsert(trx, 'incident_staff', staff);
    await bulkInsert(trx, 'incident_codes', codes);
    await bulkInsert(trx, 'restrictive_interventions', interventions);
    if (interventions.length) {
      const written = await trx.selectFrom('restrictive_interventions').select(['id', 'incident_id', 'started_at'])
        .where('id', '>', this.last.intervention).execute();
      const links: { intervention_id: number; staff_id: number }[] = [];
      for (const r of written) {
        this.last.intervention = Math.max(this.last.intervention, r.id);
        for (const s of interventionStaff.get(`${r.incident_id}|${r.started_at}`) ?? []) links.push({ intervention_id: r.id, staff_id: s });
      }
      await bulkInsert(trx, 'intervention_staff', links);
    }
    this.counts.incidents += batch.length;
    this.counts.restrictiveInterventions += interventions.length;
    return idByRef;
  }

  private async writeConcerns(trx: Executor, batch: PendingConcern[], incidentIds: Map<string | null, number>) {
    if (!batch.length) return;
    await bulkInsert(trx, 'safeguarding_concerns', batch.map((b) => b.row));
    const written = await trx.selectFrom('safeguarding_concerns').select(['id', 'ref']).where('id', '>', this.last.concern).execute();
    const idByRef = new Map(written.map((r) => [r.ref, r.id]));
    for (const r of written) this.last.concern = Math.max(this.last.concern, r.id);
    const categories: { concern_id: number; category: string }[] = [];
    const factors: { concern_id: number; factor: string }[] = [];
    const decisions: Insertable<SafeguardingDecisionTable>[] = [];
    const links: Insertable<RecordLinkTable>[] = [];
    for (const b of batch) {
      const id = idByRef.get(b.row.ref);
      if (id === undefined) throw new Error(`Safeguarding concern ${b.row.ref} was not written`);
      for (const category of b.categories) categories.push({ concern_id: id, category });
      for (const factor of b.factors) factors.push({ concern_id: id, factor });
      for (const d of b.decisions) decisions.push({ ...d, concern_id: id });
      const incidentId = b.incidentRef ? incidentIds.get(b.incidentRef) : undefined;
      if (incidentId !== undefined) {
        links.push({
          from_source: 'incident', from_id: incidentId, to_source: 'safeguarding', to_id: id, relation: 'raised',
          created_at: b.row.raised_at, created_by_user_id: null, created_by_name: b.row.raised_by_name,
        });
      }
    }
    await bulkInsert(trx, 'safeguarding_concern_categories', categories);
    await bulkInsert(trx, 'safeguarding_concern_factors', factors);
    await bulkInsert(trx, 'safeguarding_decisions', decisions);
    await bulkInsert(trx, 'record_links', links);
    this.counts.safeguardingConcerns += batch.length;
  }

  private async writeComplaints(trx: Executor, batch: PendingComplaint[]) {
    if (!batch.length) return;
    await bulkInsert(trx, 'complaints', batch.map((b) => b.row));
    const written = await trx.selectFrom('complaints').select(['id', 'ref']).where('id', '>', this.last.complaint).execute();
    const idByRef = new Map(written.map((r) => [r.ref, r.id]));
    for (const r of written) this.last.complaint = Math.max(this.last.complaint, r.id);
    const themes: { complaint_id: number; theme: string }[] = [];
    for (const b of batch) {
      const id = idByRef.get(b.row.ref)!;
      for (const theme of b.themes) themes.push({ complaint_id: id, theme });
    }
    await bulkInsert(trx, 'complaint_themes', themes);
    this.counts.complaints += batch.length;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The generator

interface IncidentOptions {
  antecedent?: string;
  extraSentence?: string;
  location?: string;
  settingEvents?: string[];
  factors?: ContributoryFactor[];
  agencyChance: number;
  riChance: number;
  isSingleEpisode?: boolean;
  isHarmRaised?: boolean;
}

/** Generate and write every event source for the world, and return the counts and the ground truth. */
export async function seedEvents(
  database: Database,
  world: EventWorld,
  onProgress: (stage: string, done: number, total: number) => void = () => undefined,
): Promise<{ counts: EventCounts; groundTruth: GroundTruth }> {
  const random = new Random((Math.imul(world.seed, 7919) + 104_729) >>> 0);
  const plan = makePlan(world);
  const writer = new BatchWriter(database);
  await writer.start();
  const cutoff = world.endMs + DAY;
  const sizes = themeSizes(world.scale);
  const safeguardingLead = world.users.find((u) => u.role === 'safeguarding_lead') ?? world.users[0]!;

  const staffByService = new Map<number, { core: number[]; agency: number[] }>();
  world.staff.forEach((s, k) => {
    const entry = staffByService.get(s.serviceIndex) ?? { core: [], agency: [] };
    (s.employment === 'agency' ? entry.agency : entry.core).push(k);
    staffByService.set(s.serviceIndex, entry);
  });
  const peopleByService = groupBy(world.people, (p) => p.serviceIndex);

  let incidentNumber = 0;
  let complaintNumber = 0;
  let concernNumber = 0;
  // Observations that go into the ground truth, counted as rows are generated.
  const observed = {
    hotspotCell: 0, hotspotTotal: 0, hotspotCellAgency: 0,
    actionBefore: 0, actionAfter: 0, nullBefore: 0, nullAfter: 0,
    overProne: 0, overProneWithStaff: 0, overOther: 0, overOtherWithStaff: 0,
    busyProneWithStaff: 0, busyOtherWithStaff: 0,
    blanketBefore: 0, blanketAfter: 0, blanketDaysBefore: 0, blanketDaysAfter: 0, triggerTotal: 0, triggerFamily: 0,
    escalationFirstYear: 0, escalationLastQuarter: 0,
    minibus: new Map<string, number>(), shortStaffed: { incidents: 0, complaints: 0, speakUp: 0, safeguarding: 0 },
    fireAlarm: 0,
  };
  const personRole = (p: WorldPerson) => plan.roles.get(p.id) ?? 'ordinary';

  const pickHour = () => random.weighted(hourEntries);
  const overProneShare = evenShare();
  const busyProneShare = evenShare();
  const busyOtherShare = evenShare();
  const triggerShare = evenShare();
  const proneLongShare = evenShare();
  const hotspotShare = evenShare();
  const hotspotAgencyShare = evenShare();
  const firstName = (p: WorldPerson) => p.firstName;
  const activeFrom = (p: WorldPerson) => Math.max(world.startMs, p.startMs - (p.startMs % DAY));
  const activeTo = (p: WorldPerson) => Math.min(world.endMs, p.endMs === null ? world.endMs : p.endMs - DAY);

  function makeIncident(serviceIndex: number, person: WorldPerson, atMs: number, o: IncidentOptions): PendingIncident {
    const service = world.services[serviceIndex]!;
    const pool = staffByService.get(serviceIndex) ?? { core: [], agency: [] };
    const core = pool.core.length ? pool.core : pool.agency;
    const name = firstName(person);
    const values = { name };
    const staffIdx = new Set<number>();
    const staffCount = random.weighted([[1, 30], [2, 50], [3, 20]] as const);
    while (staffIdx.size < Math.min(staffCount, core.length)) staffIdx.add(random.pick(core));
    if (pool.agency.length && random.chance(o.agencyChance)) {
      staffIdx.add(random.pick(pool.agency));
      if (staffIdx.size > 3) staffIdx.delete([...staffIdx][0]!);
    }
    if (plan.busyStaff !== null && world.staff[plan.busyStaff]!.serviceIndex === serviceIndex && random.chance(BUSY_STAFF_SHARE)) staffIdx.add(plan.busyStaff);

    const { hour } = londonDayHour(atMs);
    const minute = new Date(atMs).getUTCMinutes();
    const antecedent = text.fill(o.antecedent ?? random.pick(text.antecedents), values);
    const behaviour = text.fill(random.pick(text.behaviours), values);

    // Restrictive interventions: one to three episodes in sequence.
    const interventions: PendingIntervention[] = [];
    let harmPhysical: PhysicalHarm = random.weighted<PhysicalHarm>([['none', 72], ['low', 22], ['moderate', 5], ['severe', 0.8]]);
    const harmPsychological: PsychologicalHarm = random.weighted<PsychologicalHarm>([['none', 60], ['low', 30], ['moderate', 9], ['severe', 1]]);
    if (o.isHarmRaised && harmPhysical === 'none') harmPhysical = random.chance(0.5) ? 'low' : 'moderate';
    if (random.chance(o.riChance)) {
      const episodes = o.isSingleEpisode ? 1 : random.weighted([[1, 72], [2, 23], [3, 5]] as const);
      let at = atMs + random.int(1, 8) * MINUTE;
      let previous: InterventionTypeCode | null = null;
      for (let e = 0; e < episodes; e += 1) {
        let code = random.weighted(typeWeights[service.type]);
        if (previous && code === previous) code = service.type === 'hospital_unit' && random.chance(0.4) ? '05' : '16';
        if (code === '05' && service.type !== 'hospital_unit') code = '16';
        previous = code;
        const minutes = durationFor(code, random, proneLongShare);
        const chemical = isChemical(code);
        const riStaff = new Set<number>();
        const needed = chemical ? 1 : code === '05' || code === '06' ? random.int(1, 2) : random.int(2, 3);
        const inIncident = [...staffIdx];
        for (const s of random.chance(0.5) ? inIncident : inIncident.reverse()) if (riStaff.size < needed) riStaff.add(s);
        while (riStaff.size < Math.min(needed, core.length)) riStaff.add(random.pick(core));
        if (plan.overStaff && plan.overStaff.serviceIndex === serviceIndex) {
          // Compared with the other physical restraints there, which need as many hands.
          const isProne = code === '01';
          const isOtherPhysical = !isProne && code >= '07' && code <= '13';
          if (isProne && overProneShare(OVER_STAFF_PRONE)) riStaff.add(plan.overStaff.staffIndex);
          // The busy colleague takes part in the same share of prone and other physical restraints.
          if (plan.busyStaff !== null && (isProne || isOtherPhysical)) {
            riStaff.delete(plan.busyStaff);
            if ((isProne ? busyProneShare : busyOtherShare)(BUSY_STAFF_SHARE)) riStaff.add(plan.busyStaff);
          }
          const has = riStaff.has(plan.overStaff.staffIndex);
          const hasBusy = plan.busyStaff !== null && riStaff.has(plan.busyStaff);
          if (isProne) {
            observed.overProne += 1;
            if (has) observed.overProneWithStaff += 1;
            if (hasBusy) observed.busyProneWithStaff += 1;
          } else if (isOtherPhysical) {
            observed.overOther += 1;
            if (has) observed.overOtherWithStaff += 1;
            if (hasBusy) observed.busyOtherWithStaff += 1;
          }
        }
        for (const s of riStaff) staffIdx.add(s);
        const injuryPerson = random.chance(code === '01' ? 0.1 : 0.04);
        if (injuryPerson && harmPhysical === 'none') harmPhysical = 'low';
        const debriefPerson = random.chance(0.72);
        const debriefStaff = random.chance(0.85);
        interventions.push({
          row: {
            service_id: service.id, person_id: person.id, type_code: code, reason_code: reasonFor(code, service.type, random),
            started_at: iso(at), ended_at: iso(at + minutes * MINUTE), duration_minutes: minutes,
            is_planned: random.chance(plannedChance(code)) ? 1 : 0,
            deescalation_tried: random.pick(text.deescalation),
            injury_person: injuryPerson ? 1 : 0, injury_staff: random.chance(0.06) ? 1 : 0, injury_others: random.chance(0.01) ? 1 : 0,
            debrief_person: debriefPerson ? 1 : 0, debrief_person_reason: debriefPerson ? null : random.pick(text.debriefPersonReasons),
            debrief_staff: debriefStaff ? 1 : 0, debrief_staff_reason: debriefStaff ? null : random.pick(text.debriefStaffReasons),
          },
          staffIds: [...riStaff].map((k) => world.staff[k]!.id),
        });
        at += (minutes + random.int(1, 4)) * MINUTE;
      }
    }

    const settingEvents = new Set<string>(o.settingEvents ?? []);
    const settingCount = random.weighted([[0, 45], [1, 40], [2, 15]] as const);
    for (let k = 0; k < settingCount; k += 1) settingEvents.add(random.weighted(settingEventWeights));
    const factors = new Set<ContributoryFactor>(o.factors ?? []);
    const factorCount = random.weighted([[0, 35], [1, 45], [2, 20]] as const);
    for (let k = 0; k < factorCount; k += 1) factors.add(random.weighted(factorWeights));

    const consequence = text.fill(interventions.length ? random.pick([
      'Two staff used holds as per the support plan until {name} was safe. Released as soon as calm.',
      'Holds used to keep {name} and others safe. {name} settled afterwards and had a drink with staff.',
      'PRN offered as per protocol and accepted. Settled within the hour.',
    ]) : random.pick(text.consequences), values);
    const hasAgency = [...staffIdx].some((k) => world.staff[k]!.employment === 'agency');
    const narrative = [
      `${capitalise(text.spokenTime(hour, minute, random))}. ${antecedent}`,
      o.extraSentence ? text.fill(o.extraSentence, values) : null,
      behaviour,
      consequence,
      text.fill(random.pick(text.followUps), values),
    ].filter(Boolean).join(' ');
    const reportedMs = Math.max(atMs + MINUTE, Math.min(atMs + random.int(30, 20 * 60) * MINUTE, cutoff));
    const isRecent = atMs > world.endMs - 21 * DAY;
    incidentNumber += 1;
    return {
      row: {
        ref: `INC-${String(incidentNumber).padStart(6, '0')}`, service_id: service.id, occurred_at: iso(atMs), reported_at: iso(reportedMs),
        reported_by_user_id: null, location: o.location ?? text.placeOf(antecedent, service.type) ?? random.pick(text.locations[service.type]),
        antecedent, behaviour, consequence, harm_physical: harmPhysical, harm_psychological: harmPsychological, narrative,
        has_agency_staff: hasAgency ? 1 : 0,
        status: isRecent ? random.weighted([['submitted', 70], ['reviewed', 30]] as const) : random.weighted([['reviewed', 95], ['submitted', 4], ['correction_requested', 1]] as const),
        created_at: iso(reportedMs), updated_at: iso(reportedMs),
      },
      personId: person.id,
      staffIds: [...staffIdx].map((k) => world.staff[k]!.id),
      codes: [...[...settingEvents].map((code) => ({ kind: 'setting_event' as const, code })), ...[...factors].map((code) => ({ kind: 'factor' as const, code }))],
      interventions,
    };
  }

  /** A day in [from, to] that is a Saturday or Sunday, or null if there is none. */
  function weekendDay(from: number, to: number): number | null {
    const days: number[] = [];
    for (let d = from; d <= to; d += DAY) if (HOTSPOT_DAYS.includes(new Date(d).getUTCDay())) days.push(d);
    return days.length ? random.pick(days) : null;
  }

  function concernFor(serviceIndex: number, person: WorldPerson, raisedMs: number, o: {
    category?: AbuseCategory; narrative?: string; source?: SourceOfRisk; factors?: ContributoryFactor[]; incidentRef?: string;
    /** A section 42 enquiry still open long after it was due. */
    isEnquiryOverdue?: boolean;
  }): PendingConcern | null {
    const service = world.services[serviceIndex]!;
    if (raisedMs >= cutoff) return null;
    const name = firstName(person);
    const category = o.category ?? random.weighted<AbuseCategory>([
      ['physical', 30], ['neglect_and_acts_of_omission', 25], ['psychological', 14], ['financial_or_material', 12], ['organisational', 8],
      ['sexual', 4], ['self_neglect', 4], ['discriminatory', 3],
    ]);
    const categories = new Set<AbuseCategory>([category]);
    if (random.chance(0.15)) categories.add(random.pick(['psychological', 'neglect_and_acts_of_omission', 'physical'] as const));
    const stories = text.safeguardingNarratives[category] ?? text.safeguardingNarratives.physical!;
    const narrative = [o.incidentRef ? `Raised after incident ${o.incidentRef}.` : null, text.fill(o.narrative ?? random.pick(stories), { name })].filter(Boolean).join(' ');
    const location: LocationOfRisk = random.chance(0.1) ? 'community' : ({
      supported_living: 'own_home', residential_care_home: 'care_home_residential', hospital_unit: 'hospital_mental_health', day_service: 'community_service',
    } as const)[service.type];
    const source = o.source ?? random.weighted<SourceOfRisk>([['service_provider', 45], ['known_to_individual', 45], ['unknown_to_individual', 10]]);
    const raisedByIndex = (staffByService.get(serviceIndex)?.core ?? []).find((k) => world.staff[k]!.employment === 'permanent');
    const raisedBy = raisedByIndex === undefined ? 'Shift leader' : world.staff[raisedByIndex]!.name;
    const decisions: PendingConcern['decisions'] = [];
    const lead: { actor_user_id: number | null; actor_name: string } = { actor_user_id: safeguardingLead.id, actor_name: safeguardingLead.name };
    const log = (atMs: number, kind: string, value: string | null, summary: string, reason: string | null, actor = lead) =>
      decisions.push({ at: iso(atMs), ...actor, kind, value, summary, reason });
    log(raisedMs, 'raised', null, `Concern raised: ${[...categories].map((c) => abuseCategoryLabels[c]).join(', ')}`, null, { actor_user_id: null, actor_name: raisedBy });

    const isCqcRequired = random.chance(0.8);
    const police = categories.has('sexual') || (categories.has('physical') && random.chance(0.15)) || (categories.has('financial_or_material') && random.chance(0.3));
    let cqcNotifiedMs: number | null = isCqcRequired ? raisedMs + (random.chance(0.93) ? random.int(1, 20) : random.int(25, 72)) * HOUR : null;
    if (cqcNotifiedMs !== null && cqcNotifiedMs >= cutoff) cqcNotifiedMs = null;
    if (cqcNotifiedMs !== null) log(cqcNotifiedMs, 'cqc_notified', iso(cqcNotifiedMs), `CQC notified on ${formatLondonDay(iso(cqcNotifiedMs))}`, 'Notifiable allegation of abuse (regulation 18).');

    const isForgotten = raisedMs > world.endMs - 10 * DAY && random.chance(0.2);
    let referredMs: number | null = isForgotten ? null : raisedMs + (random.chance(0.92) ? random.int(1, 26) : random.int(50, 100)) * HOUR;
    if (referredMs !== null && referredMs >= cutoff) referredMs = null;
    const laReference = referredMs !== null ? `SG-${random.int(100_000, 999_999)}` : null;
    if (referredMs !== null) {
      log(referredMs, 'referred', iso(referredMs), `Referred to ${service.localAuthorityName ?? 'the local authority'} on ${formatLondonDay(iso(referredMs))} (reference ${laReference})`,
        'Meets the threshold for referral: adult with care and support needs, risk of abuse, unable to protect themselves.');
    }
    let decision: LaDecision | null = null;
    let decisionMs: number | null = referredMs !== null ? referredMs + random.int(4, 96) * HOUR : null;
    if (decisionMs !== null && decisionMs >= cutoff) decisionMs = null;
    if (decisionMs !== null) {
      decision = o.isEnquiryOverdue ? 'section_42_enquiry' : random.weighted<LaDecision>([['section_42_enquiry', 35], ['other_enquiry', 15], ['no_further_action', 50]]);
      log(decisionMs, 'la_decision', decision, `Local authority decision: ${laDecisionLabels[decision]}`,
        decision === 'no_further_action' ? 'Local authority satisfied that the provider’s actions manage the risk.' : 'Local authority will make enquiries.');
    }
    const isEnquiry = decision === 'section_42_enquiry' || decision === 'other_enquiry';
    const isCaused = decision === 'section_42_enquiry' && random.chance(0.6);
    const requestedOn = isCaused && decisionMs !== null ? isoDay(decisionMs) : null;
    const dueOn = requestedOn ? addWorkingDays(requestedOn, 20) : null;
    if (isCaused && decisionMs !== null) {
      log(decisionMs + 10 * MINUTE, 'caused_enquiry', 'yes', `The local authority asked the provider to make a caused enquiry, due ${formatLondonDay(`${dueOn}T12:00:00Z`)}`, 'Provider best placed to find out what happened.');
    }
    let outcome: EnquiryOutcome | null = null;
    let risk: RiskOutcome | null = null;
    let outcomeMs: number | null = null;
    if (isEnquiry && decisionMs !== null) {
      // Most enquiries finish in about four weeks; some run long and are overdue now.
      outcomeMs = o.isEnquiryOverdue ? cutoff
        : decisionMs + (random.chance(0.88) ? random.int(8, 38) : random.int(60, 150)) * DAY + random.int(9, 17) * HOUR;
      if (outcomeMs >= cutoff) outcomeMs = null;
      if (outcomeMs !== null) {
        outcome = random.weighted<EnquiryOutcome>([
          ['risk_identified_action_taken', 45], ['risk_inconclusive_action_taken', 15], ['no_risk_no_action_taken', 15],
          ['risk_identified_no_action_taken', 5], ['no_risk_action_taken', 8], ['risk_inconclusive_no_action_taken', 7], ['ceased_at_request', 5],
        ]);
        log(outcomeMs, 'outcome', outcome, `Outcome: ${enquiryOutcomeLabels[outcome]}`, 'Enquiry report received and reviewed.');
        if (outcome === 'risk_identified_action_taken') {
          risk = random.weighted<RiskOutcome>([['risk_reduced', 60], ['risk_removed', 30], ['risk_remained', 10]]);
          log(outcomeMs + MINUTE, 'risk_outcome', risk, `Risk outcome: ${riskOutcomeLabels[risk]}`, 'Plan in place and reviewed.');
        }
      }
    }
    const mspAsked: MspAsked | null = decisionMs !== null
      ? random.weighted<MspAsked>([['yes_outcomes_expressed', 65], ['yes_none_expressed', 15], ['no', 10], ['dont_know', 5], ['not_recorded', 5]]) : null;
    const isFinished = decision === 'no_further_action' || outcome !== null;
    let closedMs: number | null = isFinished ? (outcomeMs ?? decisionMs!) + random.int(1, 14) * DAY : null;
    if (closedMs !== null && closedMs >= cutoff) closedMs = null;
    const mspAchieved = mspAsked === 'yes_outcomes_expressed' && (outcome !== null || closedMs !== null)
      ? random.weighted([['fully', 55], ['partially', 35], ['not_achieved', 10]] as const) : null;
    if (closedMs !== null) log(closedMs, 'closed', iso(closedMs), `Closed on ${formatLondonDay(iso(closedMs))}`, `Outcome shared with ${name} and their family; actions complete.`);
    const lackedCapacity = random.weighted([['yes', 45], ['no', 40], ['dont_know', 10], ['not_recorded', 5]] as const);
    const updated = Math.max(raisedMs, cqcNotifiedMs ?? 0, referredMs ?? 0, decisionMs ?? 0, outcomeMs ?? 0, closedMs ?? 0);
    const clock = { closedAt: closedMs ? iso(closedMs) : null, enquiryOutcome: outcome, laDecision: decision, referredToLaAt: referredMs ? iso(referredMs) : null };
    const factors = new Set<ContributoryFactor>(o.factors ?? []);
    if (random.chance(0.6)) factors.add(random.weighted(factorWeights));
    concernNumber += 1;
    return {
      incidentRef: o.incidentRef ?? null,
      row: {
        ref: `SGC-${String(concernNumber).padStart(6, '0')}`, service_id: service.id, person_id: person.id, raised_at: iso(raisedMs), raised_by_user_id: null, raised_by_name: raisedBy,
        status: concernStatus(clock), location_of_risk: location, source_of_risk: source,
        immediate_protection: text.fill(random.pick(text.immediateProtection[category] ?? text.immediateProtection.physical!), { name }), narrative,
        police_involved: police ? 1 : 0, police_reference: police ? `${random.pick(['WY', 'GM', 'MP', 'NT'])}/${random.int(10_000, 99_999)}/${new Date(raisedMs).getUTCFullYear() % 100}` : null,
        cqc_notification_required: isCqcRequired ? 1 : 0, cqc_notified_at: cqcNotifiedMs ? iso(cqcNotifiedMs) : null,
        local_authority_id: service.localAuthorityId, referred_to_la_at: clock.referredToLaAt, la_reference: laReference,
        la_decision: decision, la_decision_at: decisionMs ? iso(decisionMs) : null,
        caused_enquiry: isCaused ? 1 : 0, caused_enquiry_requested_on: requestedOn, caused_enquiry_due_on: dueOn,
        caused_enquiry_completed_on: isCaused && outcomeMs ? isoDay(outcomeMs - DAY) : null,
        safeguarding_plan: isEnquiry ? text.fill(random.pick(text.safeguardingPlans), { name }) : null,
        enquiry_outcome: outcome, enquiry_outcome_at: outcomeMs ? iso(outcomeMs) : null, risk_outcome: risk,
        msp_asked: mspAsked, msp_desired_outcomes: mspAsked === 'yes_outcomes_expressed' ? text.fill(random.pick(text.mspDesiredOutcomes), { name }) : null,
        msp_achieved: mspAchieved, lacked_capacity: lackedCapacity, advocate_involved: lackedCapacity === 'yes' ? (random.chance(0.6) ? 1 : 0) : null,
        closed_at: clock.closedAt, created_at: iso(raisedMs), updated_at: iso(updated),
      },
      categories: [...categories],
      factors: [...factors],
      decisions,
    };
  }

  function complaintFor(serviceIndex: number, receivedMs: number, kind: 'complaint' | 'feedback' | 'compliment', person: WorldPerson | null, template?: text.ComplaintTemplate): PendingComplaint {
    const service = world.services[serviceIndex]!;
    const t = template ?? random.pick(kind === 'complaint' ? text.complaintTemplates : kind === 'feedback' ? text.feedbackTemplates : text.complimentTemplates);
    const name = person?.firstName ?? 'my relative';
    const raisedBy = kind === 'compliment'
      ? random.weighted([['family', 50], ['professional', 25], ['person', 15], ['advocate', 5], ['staff', 5]] as const)
      : random.weighted([['family', 45], ['person', 15], ['advocate', 10], ['professional', 15], ['staff', 5], ['anonymous', 10]] as const);
    const ackMs = receivedMs + random.int(4, kind === 'complaint' ? 100 : 200) * HOUR;
    const respondMs = ackMs + random.int(3, kind === 'complaint' ? 35 : 20) * DAY;
    const isAcknowledged = ackMs < cutoff;
    const isResponded = respondMs < cutoff && (kind !== 'complaint' || random.chance(0.97));
    complaintNumber += 1;
    return {
      row: {
        ref: `CMP-${String(complaintNumber).padStart(6, '0')}`, kind, service_id: service.id, person_id: person?.id ?? null,
        received_at: iso(receivedMs), raised_by: raisedBy, channel: random.weighted([['email', 35], ['phone', 30], ['in_person', 15], ['letter', 10], ['online', 10]] as const),
        subject: t.subject, narrative: text.fill(t.narrative, { name }),
        outcome: kind === 'complaint' && isResponded ? random.weighted([['upheld', 30], ['partly_upheld', 35], ['not_upheld', 35]] as const) : null,
        acknowledged_at: isAcknowledged ? iso(ackMs) : null, responded_at: isResponded ? iso(respondMs) : null,
        response_summary: isResponded ? random.pick(text.complaintResponses) : null,
        created_by_user_id: null, created_at: iso(receivedMs), updated_at: iso(isResponded ? respondMs : isAcknowledged ? ackMs : receivedMs),
      },
      themes: [t.theme],
    };
  }

  /** A random instant (daytime, England) on a random day in [from, to]. */
  const daytime = (from: number, to: number) => {
    const day = from + random.int(0, Math.max(0, Math.floor((to - from) / DAY))) * DAY;
    return londonToUtc(day, random.int(8, 19), random.int(0, 59));
  };

  const total = world.services.length;
  for (let serviceIndex = 0; serviceIndex < total; serviceIndex += 1) {
    const service = world.services[serviceIndex]!;
    const residents = peopleByService.get(serviceIndex) ?? [];
    const agencyChance = (staffByService.get(serviceIndex)?.agency.length ?? 0) === 0 ? 0
      : plan.highAgencyService === serviceIndex ? 0.5 : 0.12;
    const addConcern = (c: PendingConcern | null) => { if (c) writer.concerns.push(c); };
    const afterIncident = (person: WorldPerson, incident: PendingIncident) => {
      writer.incidents.push(incident);
      // Serious harm, long prone restraint or injury leads to a safeguarding concern some of the time.
      const atMs = Date.parse(incident.row.occurred_at);
      const isSerious = incident.row.harm_physical === 'moderate' || incident.row.harm_physical === 'severe';
      const isLongProne = incident.interventions.some((i) => i.row.type_code === '01' && i.row.duration_minutes > 10);
      const isInjured = incident.interventions.some((i) => i.row.injury_person === 1);
      if ((isSerious && random.chance(0.35)) || (isLongProne && random.chance(0.3)) || (isInjured && random.chance(0.3))) {
        addConcern(concernFor(serviceIndex, person, atMs + random.int(1, 6) * HOUR, {
          category: 'physical', source: isLongProne || isInjured ? 'service_provider' : undefined, incidentRef: incident.row.ref,
          narrative: isLongProne ? 'Prone restraint lasted over 10 minutes. {name} said afterwards that it hurt.' : random.pick(text.incidentSafeguardingNarratives),
        }));
      }
    };

    for (const person of residents) {
      random.restartFor(1, person.id);
      const pp = personPlan(person, service, plan, random);
      const from = activeFrom(person);
      const to = activeTo(person);
      const isThroughout = person.startMs <= world.startMs && person.endMs === null;
      if (pp.role === 'ordinary' && isThroughout && plan.blanketService === serviceIndex) {
        observed.blanketDaysBefore += Math.max(0, Math.min(to, plan.blanketDate - DAY) - from + DAY) / DAY;
        observed.blanketDaysAfter += Math.max(0, to - Math.max(from, plan.blanketDate) + DAY) / DAY;
      }
      // Steady counts carry the fraction of an incident from one window to the next, from a random start.
      let carry = random.next();
      for (let windowStart = from; windowStart <= to; windowStart += 28 * DAY) {
        const windowEnd = Math.min(to, windowStart + 27 * DAY);
        const days = Math.round((windowEnd - windowStart) / DAY) + 1;
        let n: number;
        if (pp.isSteady) {
          let expected = 0;
          for (let d = windowStart; d <= windowEnd; d += DAY) expected += pp.rateAt(d) / MONTH_DAYS;
          carry += expected;
          n = Math.floor(carry);
          carry -= n;
        } else {
          n = random.poisson((pp.maxRate * days) / MONTH_DAYS);
        }
        for (let k = 0; k < n; k += 1) {
          let day = windowStart + random.int(0, days - 1) * DAY;
          if (pp.isSteady) {
            // Place each of the expected incidents on a day chosen in proportion to the rate that day.
            for (let tries = 0; tries < 50 && random.next() * pp.maxRate >= pp.rateAt(day); tries += 1) day = windowStart + random.int(0, days - 1) * DAY;
          } else if (random.next() * pp.maxRate >= pp.rateAt(day)) {
            continue;
          }
          let hour = pickHour();
          const o: IncidentOptions = { agencyChance, riChance: pp.riChanceAt(day) };
          if (pp.role === 'hotspot' && hotspotShare(HOTSPOT_SHARE)) {
            const weekend = weekendDay(windowStart, windowEnd);
            if (weekend !== null) {
              day = weekend;
              hour = random.pick(HOTSPOT_HOURS);
              o.agencyChance = hotspotAgencyShare(HOTSPOT_AGENCY) ? 1 : 0;
            }
          }
          if (pp.role === 'action' || pp.role === 'null') o.isSingleEpisode = true;
          if (pp.role === 'trigger' && triggerShare(TRIGGER_SHARE)) {
            o.antecedent = random.pick(text.familyContactAntecedents);
            o.settingEvents = ['family_contact'];
          }
          if (pp.role === 'escalation' && day > world.endMs - 90 * DAY) o.isHarmRaised = random.chance(0.4);
          const isBlanketAfter = pp.role === 'ordinary' && plan.blanketService === serviceIndex && day >= plan.blanketDate;
          if (isBlanketAfter && random.chance(BLANKET_KEYWORD_SHARE)) {
            o.antecedent = random.pick(text.lockedKitchenAntecedents);
            o.location = 'Kitchen';
            o.factors = ['policy_and_procedures'];
            o.settingEvents = ['hunger'];
          }
          const atMs = londonToUtc(day, hour, random.int(0, 59));
          const incident = makeIncident(serviceIndex, person, atMs, o);
          afterIncident(person, incident);

          // Observations for the ground truth.
          const riCount = incident.interventions.length;
          if (pp.role === 'hotspot') {
            const cell = londonDayHour(atMs);
            const isCell = HOTSPOT_DAYS.includes(cell.dow) && HOTSPOT_HOURS.includes(cell.hour);
            observed.hotspotTotal += 1;
            if (isCell) observed.hotspotCell += 1;
            if (isCell && incident.row.has_agency_staff) observed.hotspotCellAgency += 1;
          }
          if (pp.role === 'action') { if (day < plan.actionDate) observed.actionBefore += riCount; else observed.actionAfter += riCount; }
          if (pp.role === 'null') { if (day < plan.nullDate) observed.nullBefore += riCount; else observed.nullAfter += riCount; }
          if (pp.role === 'trigger') { observed.triggerTotal += 1; if (o.settingEvents?.includes('family_contact')) observed.triggerFamily += 1; }
          if (pp.role === 'escalation') {
            if (day < world.startMs + 365 * DAY) observed.escalationFirstYear += 1;
            if (day > world.endMs - 91 * DAY) observed.escalationLastQuarter += 1;
          }
          if (pp.role === 'ordinary' && isThroughout && plan.blanketService === serviceIndex) {
            if (day < plan.blanketDate) observed.blanketBefore += 1; else observed.blanketAfter += 1;
          }
        }
      }
      // Background safeguarding concerns: about one per person every twelve years.
      const years = (to - from + DAY) / (365.25 * DAY);
      const concerns = random.poisson(0.08 * Math.max(0, years));
      for (let k = 0; k < concerns; k += 1) addConcern(concernFor(serviceIndex, person, daytime(from, to), {}));
    }

    // Planted incident themes, on residents present on the chosen day.
    random.restartFor(2, serviceIndex);
    const presentOn = (day: number) => residents.filter((p) => activeFrom(p) <= day && activeTo(p) >= day && personRole(p) === 'ordinary');
    const inject = (count: number, from: number, to: number, options: (p: WorldPerson) => Partial<IncidentOptions>, onAdded: () => void) => {
      for (let k = 0; k < count; k += 1) {
        const at = daytime(from, to);
        const dayMs = at - (at % DAY);
        const present = presentOn(dayMs);
        if (!present.length) continue;
        const person = random.pick(present);
        afterIncident(person, makeIncident(serviceIndex, person, at, { agencyChance, riChance: riChanceByType[service.type] * 0.5, ...options(person) }));
        onAdded();
      }
    };
    if (plan.minibusServices.has(serviceIndex)) {
      inject(sizes.minibusPer, plan.minibusFrom, world.endMs, () => ({ antecedent: random.pick(text.minibusAntecedents), factors: ['support_from_central_functions'], settingEvents: ['routine_change'] }),
        () => observed.minibus.set(service.ref, (observed.minibus.get(service.ref) ?? 0) + 1));
    }
    if (plan.fireAlarmService === serviceIndex) {
      inject(sizes.fireAlarm, world.endMs - 120 * DAY, world.endMs - 60 * DAY, () => ({ antecedent: random.pick(text.fireAlarmAntecedents), factors: ['equipment_and_supplies'], settingEvents: ['noise'] }),
        () => { observed.fireAlarm += 1; });
    }
    if (plan.shortStaffedServices.has(serviceIndex)) {
      inject(sizes.shortStaffedIncidents, plan.shortStaffedFrom, world.endMs, () => ({
        extraSentence: random.pick(text.shortStaffedSentences), factors: ['management_of_staff_and_staffing_levels', 'staff_workload'], settingEvents: ['staff_change'],
      }), () => { observed.shortStaffed.incidents += 1; });
      for (let k = 0; k < 2; k += 1) {
        const at = daytime(plan.shortStaffedFrom, world.endMs - 30 * DAY);
        writer.complaints.push(complaintFor(serviceIndex, at, 'complaint', residents.length ? random.pick(residents) : null, {
          theme: 'staffing levels', subject: 'Not enough staff',
          narrative: 'Every time we visit the house is short-staffed. {name} has not been out for weeks and their one-to-one is not happening.',
        }));
        observed.shortStaffed.complaints += 1;
      }
      const person = presentOn(world.endMs - 60 * DAY)[0];
      if (person) {
        const concern = concernFor(serviceIndex, person, daytime(plan.shortStaffedFrom, world.endMs - 60 * DAY), {
          category: 'neglect_and_acts_of_omission', source: 'service_provider', factors: ['management_of_staff_and_staffing_levels'],
          narrative: 'Short-staffed on the night shift: {name}’s checks and repositioning were missed and they were found on the floor in the morning.',
          isEnquiryOverdue: serviceIndex === Math.min(...plan.shortStaffedServices),
        });
        if (concern) { addConcern(concern); observed.shortStaffed.safeguarding += 1; }
      }
    }

    // Complaints, feedback and compliments through the period.
    random.restartFor(3, serviceIndex);
    const serviceYears = (world.endMs - world.startMs) / (365.25 * DAY);
    const kinds = [['complaint', 0.6 + 0.08 * service.capacity], ['feedback', 0.8], ['compliment', 1.2 + 0.05 * service.capacity]] as const;
    for (const [kind, perYear] of kinds) {
      const count = random.poisson(perYear * serviceYears);
      for (let k = 0; k < count; k += 1) {
        const at = daytime(world.startMs, world.endMs);
        const present = residents.filter((p) => activeFrom(p) <= at && activeTo(p) >= at - DAY);
        writer.complaints.push(complaintFor(serviceIndex, at, kind, present.length && random.chance(0.7) ? random.pick(present) : null));
      }
    }

    if (writer.incidents.length >= BATCH_INCIDENTS || serviceIndex === total - 1) {
      await writer.flush();
      onProgress('incidents', serviceIndex + 1, total);
    }
  }
  await writer.flush();
  onProgress('safeguarding', writer.counts.safeguardingConcerns, writer.counts.safeguardingConcerns);
  onProgress('complaints', writer.counts.complaints, writer.counts.complaints);

  // Speak-up reports: organisation-wide, dates only; anonymous ones carry no account and a random receipt-key hash.
  random.restartFor(4);
  const reporters = world.users.filter((u) => !['commissioner', 'speak_up_guardian'].includes(u.role));
  const guardian = world.users.find((u) => u.role === 'speak_up_guardian') ?? null;
  const speakUps: { row: Insertable<SpeakUpConcernTable>; messages: Insertable<SpeakUpMessageTable>[]; theme: string; category: string }[] = [];
  const usedIds = new Set<number>();
  const addSpeakUp = (receivedMs: number, template: text.SpeakUpTemplate, serviceIndex: number | null) => {
    let id = random.int(1, 2_147_483_646);
    while (usedIds.has(id)) id = random.int(1, 2_147_483_646);
    usedIds.add(id);
    // The first three cover every mode, so even a small demo shows each.
    const mode = speakUps.length < 3 ? (['named', 'confidential', 'anonymous'] as const)[speakUps.length]!
      : random.weighted([['named', 35], ['confidential', 35], ['anonymous', 30]] as const);
    const ageDays = (world.endMs - receivedMs) / DAY;
    const status = ageDays > 90 ? 'closed' : ageDays > 30 ? random.pick(['investigating', 'closed'] as const) : random.pick(['received', 'triaged', 'investigating'] as const);
    const messages: Insertable<SpeakUpMessageTable>[] = [];
    const replies = status === 'received' ? 0 : random.int(1, 3);
    for (let k = 0; k < replies; k += 1) {
      const on = Math.min(world.endMs, receivedMs + (k + 1) * random.int(2, 10) * DAY);
      messages.push({ concern_id: id, position: messages.length + 1, author: 'guardian', author_user_id: guardian?.id ?? null, body: random.pick(text.guardianReplies), written_on: isoDay(on) });
      if (random.chance(0.4)) messages.push({ concern_id: id, position: messages.length + 1, author: 'reporter', author_user_id: null, body: random.pick(text.reporterFollowUps), written_on: isoDay(Math.min(world.endMs, on + DAY)) });
    }
    speakUps.push({
      row: {
        id, mode, status, service_id: serviceIndex === null ? null : world.services[serviceIndex]!.id, what_happened: template.text,
        raised_elsewhere: random.chance(0.3) ? 1 : 0, would_like_to_happen: template.wish,
        outcome: status === 'closed' ? random.pick(text.speakUpOutcomes) : null,
        reporter_user_id: mode === 'anonymous' || !reporters.length ? null : random.pick(reporters).id,
        // Nobody holds these keys: the hash only marks the report as one that could be followed up.
        receipt_key_hash: mode === 'anonymous' ? createHash('sha256').update(randomBytes(16)).digest('hex') : null,
        received_on: isoDay(receivedMs), message_count: messages.length,
      },
      messages, theme: template.theme, category: template.category,
    });
  };
  const reportsPerYear = 4 + 0.25 * world.services.length;
  const reportCount = random.poisson(reportsPerYear * ((world.endMs - world.startMs) / (365.25 * DAY)));
  for (let k = 0; k < reportCount; k += 1) addSpeakUp(world.startMs + random.int(0, (world.endMs - world.startMs) / DAY) * DAY, random.pick(text.speakUpTemplates), random.chance(0.85) ? random.int(0, total - 1) : null);
  for (const serviceIndex of plan.shortStaffedServices) {
    addSpeakUp(plan.shortStaffedFrom + random.int(0, (world.endMs - 20 * DAY - plan.shortStaffedFrom) / DAY) * DAY, text.shortStaffedSpeakUp, serviceIndex);
    observed.shortStaffed.speakUp += 1;
  }
  await database.db.transaction().execute(async (trx) => {
    await bulkInsert(trx, 'speak_up_concerns', speakUps.map((s) => s.row));
    await bulkInsert(trx, 'speak_up_messages', speakUps.flatMap((s) => s.messages));
    await bulkInsert(trx, 'speak_up_themes', speakUps.map((s) => ({ concern_id: s.row.id, theme: s.theme })));
    await bulkInsert(trx, 'speak_up_categories', speakUps.map((s) => ({ concern_id: s.row.id, category: s.category })));
  });
  writer.counts.speakUpReports = speakUps.length;
  onProgress('speak-up', speakUps.length, speakUps.length);

  writer.counts.restrictions = await seedRestrictions(database, world, plan, random);
  onProgress('restrictions', writer.counts.restrictions, writer.counts.restrictions);
  writer.counts.practiceReviews = await seedPracticeReviews(database, world);
  onProgress('practice reviews', writer.counts.practiceReviews, writer.counts.practiceReviews);

  return { counts: writer.counts, groundTruth: groundTruthFor(world, plan, observed) };
}

// ---------------------------------------------------------------------------------------------------------
// The restrictions register: personal restrictions for many people, and blanket ones at two services (the planted
// locked kitchen, and a decoy that changes nothing).

const personalRestrictions: readonly { category: string; description: string; alternatives: string; types: readonly ServiceType[]; weight: number }[] = [
  { category: 'chemical', description: 'PRN medication (oral) for severe distress, as set out in the PRN protocol', alternatives: 'Sensory items, quiet space and a familiar member of staff tried first.', types: ['hospital_unit', 'residential_care_home', 'supported_living'], weight: 25 },
  { category: 'physical', description: 'Planned two-person seated hold, as in the behaviour support plan', alternatives: 'Secondary strategies in the plan: redirection, offering space, reducing demands.', types: ['hospital_unit', 'residential_care_home', 'supported_living', 'day_service'], weight: 22 },
  { category: 'access_to_items', description: 'Sharp knives kept locked away; available with staff support when cooking', alternatives: 'Supervised use only was tried; risk too high at night.', types: ['residential_care_home', 'supported_living'], weight: 14 },
  { category: 'money', description: 'Money held by staff; weekly allowance agreed with the person', alternatives: 'Daily allowance tried; person lost money twice.', types: ['residential_care_home', 'supported_living'], weight: 12 },
  { category: 'observation', description: 'Within-eyesight observations during waking hours', alternatives: 'Intermittent checks every 15 minutes tried; not enough after self-injury.', types: ['hospital_unit', 'residential_care_home'], weight: 14 },
  { category: 'internet', description: 'Tablet switched off after 11pm', alternatives: 'Talked about sleep routine; person agreed to try without for a week.', types: ['residential_care_home', 'supported_living'], weight: 6 },
  { category: 'visitors', description: 'Visits from one named relative supervised by staff', alternatives: 'Unsupervised visits in a public place considered; not safe at present.', types: ['residential_care_home', 'supported_living', 'hospital_unit'], weight: 4 },
  { category: 'environmental', description: 'Bedroom window restrictor fitted', alternatives: 'Alarm sensor on the window considered.', types: ['residential_care_home', 'supported_living'], weight: 3 },
];

function legalBasisFor(legalStatus: string, random: Random): string {
  if (legalStatus.startsWith('mha_')) return 'mental_health_act';
  if (legalStatus === 'dols_authorised') return 'dols_authorisation';
  if (legalStatus === 'informal') return random.chance(0.4) ? 'consent' : 'best_interests_decision';
  return 'best_interests_decision';
}

async function seedRestrictions(database: Database, world: EventWorld, plan: Plan, random: Random): Promise<number> {
  const rows: Insertable<RestrictionTable>[] = [];
  const history: { key: string; rows: Omit<Insertable<RestrictionHistoryTable>, 'restriction_id'>[] }[] = [];
  const keys = new Set<string>();
  const today = world.endMs + DAY;
  const manager = world.users.find((u) => u.role === 'service_manager') ?? world.users[0]!;
  const at = (dayMs: number) => iso(dayMs + 10 * HOUR);
  const add = (row: Omit<Insertable<RestrictionTable>, 'created_at' | 'updated_at' | 'created_by_user_id'>, reducingFrom: number | null) => {
    const key = `${row.service_id}|${row.person_id}|${row.category}|${row.started_on}`;
    if (keys.has(key)) return;
    keys.add(key);
    const startMs = Date.parse(`${row.started_on}T00:00:00Z`);
    const steps: Omit<Insertable<RestrictionHistoryTable>, 'restriction_id'>[] = [{
      at: at(startMs), actor_user_id: manager.id, actor_name: manager.name, field: 'created', from_value: null, to_value: reducingFrom !== null || row.status === 'ended' ? 'active' : row.status,
      reason: 'Added to the register',
    }];
    if (reducingFrom !== null) steps.push({ at: at(reducingFrom), actor_user_id: manager.id, actor_name: manager.name, field: 'status', from_value: 'active', to_value: 'reducing', reason: 'Reduction plan agreed at the review' });
    if (row.ended_on) steps.push({ at: at(Date.parse(`${row.ended_on}T00:00:00Z`)), actor_user_id: manager.id, actor_name: manager.name, field: 'status', from_value: 'active', to_value: 'ended', reason: 'No longer needed: reviewed with the person and their family' });
    const updated = steps.at(-1)!.at;
    rows.push({ ...row, created_by_user_id: manager.id, created_at: at(startMs), updated_at: updated });
    history.push({ key, rows: steps });
  };

  if (plan.blanketService !== null) {
    add({
      service_id: world.services[plan.blanketService]!.id, person_id: null, category: 'environmental',
      description: 'Kitchen locked from 8pm to 7am for everyone; drinks and snacks on request', legal_basis: 'best_interests_decision',
      alternatives_considered: 'None recorded.', started_on: isoDay(plan.blanketDate), review_due_on: isoDay(plan.blanketDate + 90 * DAY),
      reduction_plan: null, reduction_target_on: null, status: 'active', ended_on: null,
    }, null);
  }
  if (plan.blanketDecoyService !== null) {
    add({
      service_id: world.services[plan.blanketDecoyService]!.id, person_id: null, category: 'internet',
      description: 'Wi-Fi router switched off from midnight to 6am for the whole house', legal_basis: 'best_interests_decision',
      alternatives_considered: 'Individual agreements about screen time discussed at the house meeting.', started_on: isoDay(plan.blanketDecoyDate),
      review_due_on: isoDay(Math.max(plan.blanketDecoyDate + 90 * DAY, today + 30 * DAY)), reduction_plan: null, reduction_target_on: null, status: 'active', ended_on: null,
    }, null);
  }

  for (const person of world.people) {
    const service = world.services[person.serviceIndex]!;
    const chance = { hospital_unit: 0.8, residential_care_home: 0.5, supported_living: 0.4, day_service: 0.15 }[service.type];
    const role = plan.roles.get(person.id);
    const count = role === 'action' || random.chance(chance) ? random.int(1, 2) : 0;
    const fromMs = Math.max(person.startMs - (person.startMs % DAY), world.startMs - 730 * DAY);
    const toMs = Math.min(person.endMs ?? world.endMs, world.endMs - 30 * DAY);
    if (toMs <= fromMs) continue;
    const options = personalRestrictions.filter((r) => r.types.includes(service.type)).map((r) => [r, r.weight] as const);
    for (let k = 0; k < count; k += 1) {
      const kind = random.weighted(options);
      const startMs = fromMs + random.int(0, Math.floor((toMs - fromMs) / DAY)) * DAY;
      const status = person.endMs !== null ? 'ended' : random.weighted([['active', 65], ['reducing', 20], ['ended', 15]] as const);
      const endedMs = status === 'ended' ? Math.min(person.endMs ?? world.endMs, startMs + random.int(30, 540) * DAY, world.endMs) : null;
      const reducingFrom = status === 'reducing' ? Math.min(world.endMs, startMs + random.int(30, 300) * DAY) : null;
      // Reviews every three to six months; about one in eight is overdue.
      const reviewDue = status === 'ended' ? startMs + 180 * DAY
        : random.chance(0.12) ? today - random.int(1, 60) * DAY : today + random.int(0, 180) * DAY;
      add({
        service_id: service.id, person_id: person.id, category: kind.category, description: kind.description,
        legal_basis: legalBasisFor(person.legalStatus, random), alternatives_considered: kind.alternatives, started_on: isoDay(startMs),
        review_due_on: isoDay(Math.max(reviewDue, startMs)),
        reduction_plan: reducingFrom !== null ? 'Reduce step by step with the behaviour support practitioner; review monthly.' : null,
        reduction_target_on: reducingFrom !== null ? isoDay(reducingFrom + random.int(120, 360) * DAY) : null,
        status, ended_on: endedMs !== null ? isoDay(Math.max(endedMs, startMs)) : null,
      }, reducingFrom);
    }
    if (role === 'action') {
      add({
        service_id: service.id, person_id: person.id, category: 'physical', description: 'Planned restrictive escort and holds, as in the behaviour support plan',
        legal_basis: legalBasisFor(person.legalStatus, random), alternatives_considered: 'Proactive strategies in the new behaviour support plan.',
        started_on: isoDay(world.startMs - 200 * DAY), review_due_on: isoDay(today + 45 * DAY),
        reduction_plan: 'New positive behaviour support plan: fewer demands at transitions, more choice, holds only as a last resort.',
        reduction_target_on: isoDay(plan.actionDate + 180 * DAY), status: 'reducing', ended_on: null,
      }, plan.actionDate);
    }
  }

  await database.db.transaction().execute(async (trx) => {
    const before = Number((await trx.selectFrom('restrictions').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    await bulkInsert(trx, 'restrictions', rows);
    const written = await trx.selectFrom('restrictions').select(['id', 'service_id', 'person_id', 'category', 'started_on']).where('id', '>', before).execute();
    const idByKey = new Map(written.map((r) => [`${r.service_id}|${r.person_id}|${r.category}|${r.started_on}`, r.id]));
    await bulkInsert(trx, 'restriction_history', history.flatMap((h) => h.rows.map((r) => ({ ...r, restriction_id: idByKey.get(h.key)! }))));
  });
  return rows.length;
}

// ---------------------------------------------------------------------------------------------------------
// The ground truth

type Observed = {
  hotspotCell: number; hotspotTotal: number; hotspotCellAgency: number; actionBefore: number; actionAfter: number; nullBefore: number; nullAfter: number;
  overProne: number; overProneWithStaff: number; overOther: number; overOtherWithStaff: number; busyProneWithStaff: number; busyOtherWithStaff: number;
  blanketBefore: number; blanketAfter: number; blanketDaysBefore: number; blanketDaysAfter: number; triggerTotal: number; triggerFamily: number; escalationFirstYear: number; escalationLastQuarter: number;
  minibus: Map<string, number>; shortStaffed: { incidents: number; complaints: number; speakUp: number; safeguarding: number }; fireAlarm: number;
};

function groundTruthFor(world: EventWorld, plan: Plan, observed: Observed): GroundTruth {
  const day = (ms: number) => isoDay(ms);
  const months = (from: number, to: number) => Math.max(1e-9, (to - from + DAY) / (MONTH_DAYS * DAY));
  const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;
  const personWith = (role: PersonRole) => world.people.find((p) => plan.roles.get(p.id) === role);
  const personScope = (p: WorldPerson) => ({ type: 'person' as const, id: p.id, ref: p.ref });
  const serviceScope = (i: number) => ({ type: 'service' as const, id: world.services[i]!.id, ref: world.services[i]!.ref });
  const organisation = { type: 'organisation' as const, id: null, ref: 'ORG' };
  const patterns: PlantedPattern[] = [];
  const decoys: PlantedDecoy[] = [];

  const hotspot = personWith('hotspot');
  if (hotspot) {
    const service = world.services[hotspot.serviceIndex]!;
    patterns.push({
      kind: 'time_hotspot', scope: personScope(hotspot),
      description: `${hotspot.ref}'s incidents cluster on Saturday and Sunday evenings (18:00–22:59).`,
      parameters: {
        serviceRef: service.ref, cell: { daysOfWeek: HOTSPOT_DAYS, hours: HOTSPOT_HOURS }, incidentsPerMonth: HOTSPOT_RATE,
        plantedShare: HOTSPOT_SHARE, observedShare: round(observed.hotspotCell / Math.max(1, observed.hotspotTotal)),
        baselineShare: round((2 / 7) * (HOTSPOT_HOURS.reduce((s, h) => s + hourWeights[h]!, 0) / hourWeights.reduce((s, w) => s + w, 0))),
        incidents: observed.hotspotTotal,
      },
    });
    patterns.push({
      kind: 'staffing_agency', scope: personScope(hotspot),
      description: `When ${hotspot.ref}'s weekend-evening incidents happen, agency staff are on shift far more often than usual at ${service.ref}.`,
      parameters: {
        serviceRef: service.ref, plantedAgencyShareInCell: HOTSPOT_AGENCY, baselineAgencyShare: 0.12,
        observedAgencyShareInCell: round(observed.hotspotCellAgency / Math.max(1, observed.hotspotCell)),
      },
    });
  }
  if (plan.blanketService !== null) {
    const i = plan.blanketService;
    const before = (observed.blanketBefore * 1000) / Math.max(1, observed.blanketDaysBefore);
    const after = (observed.blanketAfter * 1000) / Math.max(1, observed.blanketDaysAfter);
    patterns.push({
      kind: 'blanket_restriction', scope: serviceScope(i),
      description: `From ${day(plan.blanketDate)} the kitchen at ${world.services[i]!.ref} is locked after 8pm for everyone; incidents rise and half of them follow the locked kitchen.`,
      parameters: {
        restriction: 'Kitchen locked from 8pm to 7am; drinks and snacks only on request', restrictionStartDate: day(plan.blanketDate),
        keyword: 'locked kitchen', settingEvent: 'hunger', factor: 'policy_and_procedures', plantedRateRatio: BLANKET_RATIO, plantedKeywordShare: BLANKET_KEYWORD_SHARE,
        measure: 'incidents per 1,000 occupied days of the people supported there throughout the period (and in no other planted pattern)',
        rateBefore: round(before, 2), rateAfter: round(after, 2), observedRatio: round(after / Math.max(1e-9, before), 2), excludesPlantedPeople: true,
        isInRestrictionsRegister: true, restrictionCategory: 'environmental',
      },
    });
  }
  if (plan.overStaff) {
    const s = world.staff[plan.overStaff.staffIndex]!;
    patterns.push({
      kind: 'staff_overrepresented', scope: { type: 'staff', id: s.id, ref: s.ref },
      description: `${s.ref} takes part in most prone restraints at ${world.services[plan.overStaff.serviceIndex]!.ref}, far more than in other interventions there.`,
      parameters: {
        serviceRef: world.services[plan.overStaff.serviceIndex]!.ref, typeCode: '01', plantedShareOfProne: OVER_STAFF_PRONE,
        observedShareOfProne: round(observed.overProneWithStaff / Math.max(1, observed.overProne)),
        comparedWith: 'other physical restraints (07–13) at the service',
        observedShareOfOtherPhysical: round(observed.overOtherWithStaff / Math.max(1, observed.overOther)),
        proneInterventions: observed.overProne,
      },
    });
  }
  const minibusRefs = [...plan.minibusServices].map((i) => world.services[i]!.ref);
  patterns.push({
    kind: 'cross_service_theme', scope: organisation,
    description: `Outings and day-centre runs cancelled because the minibus is unavailable: incidents at ${minibusRefs.length} services from ${day(plan.minibusFrom)}.`,
    parameters: {
      keyword: 'minibus', field: 'antecedent', factor: 'support_from_central_functions', from: day(plan.minibusFrom), to: day(world.endMs),
      serviceRefs: minibusRefs, incidentsByService: Object.fromEntries(observed.minibus),
    },
  });
  const shortRefs = [...plan.shortStaffedServices].map((i) => world.services[i]!.ref);
  patterns.push({
    kind: 'cross_source_theme', scope: organisation,
    description: `Short staffing shows up at the same services in incidents, complaints, speak-up reports and safeguarding concerns from ${day(plan.shortStaffedFrom)}.`,
    parameters: {
      keyword: 'short-staffed', theme: 'staffing levels', factor: 'management_of_staff_and_staffing_levels', speakUpCategory: 'staffing',
      from: day(plan.shortStaffedFrom), to: day(world.endMs), serviceRefs: shortRefs,
      sources: ['incidents', 'complaints', 'speak_up', 'safeguarding'], counts: { ...observed.shortStaffed },
    },
  });
  const escalation = personWith('escalation');
  if (escalation) {
    patterns.push({
      kind: 'escalation', scope: personScope(escalation),
      description: `${escalation.ref}'s incidents rise steadily from ${day(plan.escalationStart)}, with more harm in the last three months.`,
      parameters: {
        startDate: day(plan.escalationStart), incidentsPerMonthBefore: ESCALATION_BEFORE, incidentsPerMonthAtEnd: ESCALATION_END,
        observedFirstYearPerMonth: round(observed.escalationFirstYear / 12, 2), observedLastQuarterPerMonth: round(observed.escalationLastQuarter / 3, 2),
      },
    });
  }
  const action = personWith('action');
  if (action) {
    patterns.push({
      kind: 'action_effect', scope: personScope(action),
      description: `A new positive behaviour support plan for ${action.ref} from ${day(plan.actionDate)}: restrictive interventions per month fall by about four fifths.`,
      parameters: {
        action: 'New positive behaviour support plan and proactive strategies', actionDate: day(plan.actionDate), measure: 'restrictive_interventions_per_month',
        rateBefore: ACTION_BEFORE.incidents * ACTION_BEFORE.ri, rateAfter: ACTION_AFTER.incidents * ACTION_AFTER.ri,
        plantedRatio: round((ACTION_AFTER.incidents * ACTION_AFTER.ri) / (ACTION_BEFORE.incidents * ACTION_BEFORE.ri)),
        observedRateBefore: round(observed.actionBefore / months(world.startMs, plan.actionDate - DAY), 2),
        observedRateAfter: round(observed.actionAfter / months(plan.actionDate, world.endMs), 2),
      },
    });
  }
  const nullPerson = personWith('null');
  if (nullPerson) {
    patterns.push({
      kind: 'null_effect', scope: personScope(nullPerson),
      description: `A sensory diet was introduced for ${nullPerson.ref} on ${day(plan.nullDate)}; restrictive interventions did not change.`,
      parameters: {
        action: 'Sensory diet introduced', actionDate: day(plan.nullDate), measure: 'restrictive_interventions_per_month',
        rateBefore: NULL_RATE.incidents * NULL_RATE.ri, rateAfter: NULL_RATE.incidents * NULL_RATE.ri, plantedRatio: 1,
        observedRateBefore: round(observed.nullBefore / months(world.startMs, plan.nullDate - DAY), 2),
        observedRateAfter: round(observed.nullAfter / months(plan.nullDate, world.endMs), 2),
      },
    });
  }
  const trigger = personWith('trigger');
  if (trigger) {
    patterns.push({
      kind: 'trigger', scope: personScope(trigger),
      description: `Most of ${trigger.ref}'s incidents follow contact with family (setting event family_contact).`,
      parameters: {
        settingEvent: 'family_contact', plantedShare: TRIGGER_SHARE, baselineShare: 0.03,
        observedShare: round(observed.triggerFamily / Math.max(1, observed.triggerTotal)), incidents: observed.triggerTotal,
      },
    });
  }

  const decoyHigh = personWith('decoy_high');
  if (decoyHigh) {
    decoys.push({
      kind: 'high_rate_flat', scope: personScope(decoyHigh),
      description: `${decoyHigh.ref} has many incidents, but steadily: no time hotspot, no agency link, no change over time.`,
      parameters: { incidentsPerMonth: DECOY_HIGH_RATE },
    });
  }
  if (plan.busyStaff !== null && plan.overStaff) {
    const s = world.staff[plan.busyStaff]!;
    decoys.push({
      kind: 'busy_staff', scope: { type: 'staff', id: s.id, ref: s.ref },
      description: `${s.ref} is on shift for many incidents at ${world.services[plan.overStaff.serviceIndex]!.ref}, but takes part in prone restraint no more than in other interventions.`,
      parameters: {
        serviceRef: world.services[plan.overStaff.serviceIndex]!.ref, shareOfIncidents: BUSY_STAFF_SHARE,
        observedShareOfProne: round(observed.busyProneWithStaff / Math.max(1, observed.overProne)),
        observedShareOfOtherPhysical: round(observed.busyOtherWithStaff / Math.max(1, observed.overOther)),
      },
    });
  }
  if (plan.fireAlarmService !== null) {
    decoys.push({
      kind: 'local_keyword', scope: serviceScope(plan.fireAlarmService),
      description: 'A faulty fire alarm unsettles people at one service for two months: a local problem, not a theme across services.',
      parameters: { keyword: 'fire alarm', from: day(world.endMs - 120 * DAY), to: day(world.endMs - 60 * DAY), incidents: observed.fireAlarm },
    });
  }
  if (plan.blanketDecoyService !== null) {
    decoys.push({
      kind: 'blanket_no_effect', scope: serviceScope(plan.blanketDecoyService),
      description: 'A blanket restriction (Wi-Fi off overnight) starts here, and the incidents of the people living there do not change.',
      parameters: {
        restrictionStartDate: day(plan.blanketDecoyDate), restrictionCategory: 'internet', isInRestrictionsRegister: true,
        note: 'The service-level rate can still move as people arrive or leave; compare people supported there throughout.',
      },
    });
  }
  if (plan.highAgencyService !== null) {
    decoys.push({
      kind: 'high_agency_no_effect', scope: serviceScope(plan.highAgencyService),
      description: 'Agency staff cover half the incidents’ shifts here, yet people’s incident rates are ordinary.',
      parameters: { agencyShare: 0.5, baselineAgencyShare: 0.12 },
    });
  }
  return {
    version: 1, seed: world.seed, scale: world.scale, from: day(world.startMs), to: day(world.endMs), timeZone: 'Europe/London', patterns, decoys,
  };
}
