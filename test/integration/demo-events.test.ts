import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../src/db/seed/demo.js';
import { patternKinds, readGroundTruth, type GroundTruth, type PlantedDecoy, type PlantedPattern } from '../../src/db/seed/ground-truth.js';
import { contributoryFactors } from '../../src/domain/contributory-factors.js';
import {
  defaultSettingEvents, incidentStatuses, interventionReasonCodes, interventionTypeCodes, physicalHarmLevels, psychologicalHarmLevels,
} from '../../src/domain/incidents.js';
import {
  abuseCategories, concernStateProblems, concernStatus, concernTimescales, defaultTimescales, laDecisions, locationsOfRisk, sourcesOfRisk,
  type ConcernState,
} from '../../src/domain/safeguarding.js';
import { complaintKinds, complaintOutcomes, complaintRaisers } from '../../src/domain/complaints.js';
import { speakUpCategories, speakUpModes, speakUpStatuses } from '../../src/domain/speak-up.js';
import { restrictionCategories, restrictionLegalBases, restrictionStatuses } from '../../src/domain/restrictions.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

const today = new Date('2026-11-26T09:00:00Z');
// The checks hold for any seed, not only the default: LANTERN_TEST_SEED=7 npm run test:sqlite tries another.
const seed = Number(process.env.LANTERN_TEST_SEED ?? 2026);
const DAY = 86_400_000;
const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Day of week (0 = Sunday) and hour on England's clocks, computed independently of the generator. */
function londonCell(instant: string): { dow: number; hour: number } {
  const parts = london.formatToParts(new Date(instant));
  return { dow: weekdays.indexOf(parts.find((p) => p.type === 'weekday')!.value), hour: Number(parts.find((p) => p.type === 'hour')!.value) };
}
const within = (values: (string | null)[], allowed: readonly string[]) => expect(values.filter((v) => !allowed.includes(v!))).toEqual([]);
const monthsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from) + DAY) / (30.44 * DAY);

describe.each(testDialects())('demo events on %s', (dialect) => {
  let database: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemoOrganisation>>;
  let truth: GroundTruth;
  const pattern = (kind: PlantedPattern['kind']) => truth.patterns.find((p) => p.kind === kind)!;
  const decoy = (kind: PlantedDecoy['kind']) => truth.decoys.find((d) => d.kind === kind);
  const param = <T>(p: { parameters: Record<string, unknown> }, key: string) => p.parameters[key] as T;

  // Every incident with its person, service and staff: small at demo scale, so the checks can be plain TypeScript.
  let incidents: {
    id: number; ref: string; occurred_at: string; antecedent: string; narrative: string; has_agency_staff: number;
    person_ref: string; service_ref: string;
  }[];
  let people: { ref: string; service_ref: string; start_date: string; end_date: string | null }[];
  /**
   * Incidents per day supported, before and after a date, for the people at a service supported there throughout
   * the period and in no planted pattern (arrivals and departures would change the mix, not the people's rates).
   */
  const ratesAround = (serviceRef: string, date: string) => {
    const plantedPeople = new Set(truth.patterns.filter((p) => p.scope.type === 'person').map((p) => p.scope.ref));
    const residents = new Set(people.filter((p) => p.service_ref === serviceRef && !plantedPeople.has(p.ref) && p.start_date <= truth.from && !p.end_date).map((p) => p.ref));
    const theirs = incidents.filter((i) => i.service_ref === serviceRef && residents.has(i.person_ref) && !/minibus|short-staffed|fire alarm/i.test(i.narrative));
    const days = (from: string, to: string) => residents.size * ((Date.parse(to) - Date.parse(from)) / DAY);
    const end = new Date(Date.parse(truth.to) + DAY).toISOString().slice(0, 10);
    return {
      residents: residents.size,
      before: theirs.filter((i) => i.occurred_at < date).length / days(truth.from, date),
      after: theirs.filter((i) => i.occurred_at >= date).length / days(date, end),
    };
  };
  let interventions: { id: number; type_code: string; started_at: string; duration_minutes: number; person_ref: string; service_ref: string; service_type: string }[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    seeded = await seedDemoOrganisation(database, 'demo', { seed, today });
    expect(seeded.groundTruthFile).toBeTruthy();
    truth = readGroundTruth(seeded.groundTruthFile!);
    const db = database.db;
    incidents = await db.selectFrom('incidents')
      .innerJoin('incident_people', 'incident_people.incident_id', 'incidents.id')
      .innerJoin('people', 'people.id', 'incident_people.person_id')
      .innerJoin('services', 'services.id', 'incidents.service_id')
      .select(['incidents.id', 'incidents.ref', 'incidents.occurred_at', 'incidents.antecedent', 'incidents.narrative', 'incidents.has_agency_staff',
        'people.ref as person_ref', 'services.ref as service_ref'])
      .orderBy('incidents.id').execute() as typeof incidents;
    people = await db.selectFrom('people').innerJoin('services', 'services.id', 'people.service_id')
      .select(['people.ref', 'services.ref as service_ref', 'people.start_date', 'people.end_date']).execute() as typeof people;
    interventions = await db.selectFrom('restrictive_interventions')
      .innerJoin('people', 'people.id', 'restrictive_interventions.person_id')
      .innerJoin('services', 'services.id', 'restrictive_interventions.service_id')
      .select(['restrictive_interventions.id', 'restrictive_interventions.type_code', 'restrictive_interventions.started_at',
        'restrictive_interventions.duration_minutes', 'people.ref as person_ref', 'services.ref as service_ref', 'services.type as service_type'])
      .orderBy('restrictive_interventions.id').execute() as typeof interventions;
  }, 120_000);
  afterAll(async () => {
    if (seeded?.groundTruthFile && dialect === 'postgres') fs.rmSync(seeded.groundTruthFile, { force: true });
    await database.drop();
  });

  const count = async (table: 'incidents' | 'restrictive_interventions' | 'safeguarding_concerns' | 'complaints' | 'speak_up_concerns'
    | 'incident_codes' | 'safeguarding_decisions' | 'intervention_staff' | 'speak_up_messages') =>
    (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('fills every source in realistic amounts for 60 people over two years', async () => {
    expect(seeded.incidents).toBe(await count('incidents'));
    expect(seeded.incidents).toBeGreaterThan(400);
    expect(seeded.incidents).toBeLessThan(2500);
    expect(seeded.restrictiveInterventions / seeded.incidents).toBeGreaterThan(0.2);
    expect(seeded.restrictiveInterventions / seeded.incidents).toBeLessThan(0.8);
    expect(seeded.safeguardingConcerns).toBeGreaterThanOrEqual(15);
    expect(seeded.safeguardingConcerns).toBeLessThan(150);
    expect(seeded.complaints).toBeGreaterThanOrEqual(20);
    expect(seeded.complaints).toBeLessThan(200);
    expect(seeded.speakUpReports).toBeGreaterThanOrEqual(5);
    expect(seeded.speakUpReports).toBeLessThan(60);
    expect(await count('intervention_staff')).toBeGreaterThan(seeded.restrictiveInterventions);
    expect(await count('safeguarding_decisions')).toBeGreaterThan(seeded.safeguardingConcerns * 2);
    expect(await count('speak_up_messages')).toBeGreaterThan(0);
    const kinds = await database.db.selectFrom('incident_codes').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['factor', 'setting_event']);
    const complaintKindsSeen = await database.db.selectFrom('complaints').select('kind').distinct().execute();
    expect(complaintKindsSeen.map((k) => k.kind).sort()).toEqual(['complaint', 'compliment', 'feedback']);
    const modes = await database.db.selectFrom('speak_up_concerns').select('mode').distinct().execute();
    expect(modes.map((m) => m.mode).sort()).toEqual(['anonymous', 'confidential', 'named']);
    expect(incidents.every((i) => /^INC-\d{6}$/.test(i.ref))).toBe(true);
  });

  it('has the shape of real data: most people have few incidents, restraint is mostly seated, standing or escort', async () => {
    const people = await database.db.selectFrom('people').select('ref').execute();
    const perPerson = people.map((p) => incidents.filter((i) => i.person_ref === p.ref).length).sort((a, b) => a - b);
    const median = perPerson[Math.floor(perPerson.length / 2)]!;
    expect(median / 2).toBeLessThan(6); // per year
    const top = perPerson.slice(-Math.ceil(perPerson.length / 10)).reduce((s, n) => s + n, 0);
    expect(top / incidents.length).toBeGreaterThan(0.4);

    const share = (codes: string[]) => interventions.filter((i) => codes.includes(i.type_code)).length / interventions.length;
    expect(share(['07', '08', '11'])).toBeGreaterThan(0.55);
    expect(share(['01'])).toBeLessThan(0.15);
    const prone = interventions.filter((i) => i.type_code === '01');
    expect(prone.length).toBeGreaterThan(0);
    expect(prone.some((i) => i.duration_minutes > 10)).toBe(true);
    expect(prone.filter((i) => i.duration_minutes <= 10).length).toBeGreaterThan(prone.length * 0.4);
    expect(interventions.filter((i) => i.type_code === '05').every((i) => i.service_type === 'hospital_unit')).toBe(true);
    const chemical = interventions.filter((i) => i.type_code >= '14');
    expect(chemical.filter((i) => i.type_code === '16').length).toBeGreaterThan(chemical.length / 2);

    const harms = await database.db.selectFrom('incidents').select('harm_physical').execute();
    expect(harms.filter((h) => h.harm_physical === 'none' || h.harm_physical === 'low').length / harms.length).toBeGreaterThan(0.8);
  });

  it('uses only valid codes', async () => {
    const db = database.db;
    const distinct = async (table: 'restrictive_interventions' | 'incidents' | 'safeguarding_concerns' | 'complaints' | 'speak_up_concerns', column: string) =>
      (await db.selectFrom(table).select(sql<string | null>`${sql.ref(column)}`.as('v')).distinct().execute()).map((r) => r.v).filter((v) => v !== null);
    within(await distinct('restrictive_interventions', 'type_code'), interventionTypeCodes);
    within(await distinct('restrictive_interventions', 'reason_code'), interventionReasonCodes);
    within(await distinct('incidents', 'harm_physical'), physicalHarmLevels);
    within(await distinct('incidents', 'harm_psychological'), psychologicalHarmLevels);
    within(await distinct('incidents', 'status'), incidentStatuses);
    const codes = await db.selectFrom('incident_codes').select(['kind', 'code']).distinct().execute();
    within(codes.filter((c) => c.kind === 'setting_event').map((c) => c.code), defaultSettingEvents);
    within(codes.filter((c) => c.kind === 'factor').map((c) => c.code), contributoryFactors);
    within(await distinct('safeguarding_concerns', 'location_of_risk'), locationsOfRisk);
    within(await distinct('safeguarding_concerns', 'source_of_risk'), sourcesOfRisk);
    within(await distinct('safeguarding_concerns', 'la_decision'), laDecisions);
    within((await db.selectFrom('safeguarding_concern_categories').select('category').distinct().execute()).map((r) => r.category), abuseCategories);
    within((await db.selectFrom('safeguarding_concern_factors').select('factor').distinct().execute()).map((r) => r.factor), contributoryFactors);
    within(await distinct('complaints', 'kind'), complaintKinds);
    within(await distinct('complaints', 'raised_by'), complaintRaisers);
    within(await distinct('complaints', 'outcome'), complaintOutcomes);
    within(await distinct('speak_up_concerns', 'mode'), speakUpModes);
    within(await distinct('speak_up_concerns', 'status'), speakUpStatuses);
    within((await db.selectFrom('speak_up_categories').select('category').distinct().execute()).map((r) => r.category), speakUpCategories);
    const durations = await db.selectFrom('restrictive_interventions').select(['started_at', 'ended_at', 'duration_minutes']).execute();
    expect(durations.filter((d) => Math.round((Date.parse(d.ended_at) - Date.parse(d.started_at)) / 60_000) !== d.duration_minutes)).toEqual([]);
  });

  it('keeps anonymous speak-up reports anonymous: no account, dates only', async () => {
    const reports = await database.db.selectFrom('speak_up_concerns').selectAll().execute();
    const anonymous = reports.filter((r) => r.mode === 'anonymous');
    expect(anonymous.length).toBeGreaterThan(0);
    for (const r of anonymous) {
      expect(r.reporter_user_id).toBeNull();
      expect(r.receipt_key_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(reports.filter((r) => r.mode !== 'anonymous').every((r) => r.reporter_user_id !== null && r.receipt_key_hash === null)).toBe(true);
    expect(reports.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.received_on))).toBe(true);
    const messages = await database.db.selectFrom('speak_up_messages').selectAll().execute();
    expect(messages.every((m) => /^\d{4}-\d{2}-\d{2}$/.test(m.written_on))).toBe(true);
    expect(messages.filter((m) => m.author === 'reporter' && m.author_user_id !== null)).toEqual([]);
    // Ids are random, not a running number that would place one report between others.
    const ids = reports.map((r) => r.id).sort((a, b) => a - b);
    expect(ids.at(-1)! - ids[0]!).toBeGreaterThan(reports.length * 1000);
  });

  it('takes safeguarding concerns through the process: coherent, some closed with MSP outcomes, some open, a few overdue', async () => {
    const rows = await database.db.selectFrom('safeguarding_concerns').selectAll().execute();
    const states: ConcernState[] = rows.map((r) => ({
      raisedAt: r.raised_at, referredToLaAt: r.referred_to_la_at, cqcNotificationRequired: r.cqc_notification_required === 1, cqcNotifiedAt: r.cqc_notified_at,
      laDecision: r.la_decision as ConcernState['laDecision'], laDecisionAt: r.la_decision_at, causedEnquiry: r.caused_enquiry === 1,
      causedEnquiryDueOn: r.caused_enquiry_due_on, enquiryOutcome: r.enquiry_outcome as ConcernState['enquiryOutcome'], enquiryOutcomeAt: r.enquiry_outcome_at,
      closedAt: r.closed_at, categories: [], locationOfRisk: r.location_of_risk as ConcernState['locationOfRisk'], sourceOfRisk: r.source_of_risk as ConcernState['sourceOfRisk'],
      contributoryFactors: [], localAuthorityId: r.local_authority_id, laReference: r.la_reference, causedEnquiryRequestedOn: r.caused_enquiry_requested_on,
      causedEnquiryCompletedOn: r.caused_enquiry_completed_on, safeguardingPlan: r.safeguarding_plan, riskOutcome: r.risk_outcome as ConcernState['riskOutcome'],
      mspAsked: r.msp_asked as ConcernState['mspAsked'], mspDesiredOutcomes: r.msp_desired_outcomes, mspAchieved: r.msp_achieved as ConcernState['mspAchieved'],
      lackedCapacity: r.lacked_capacity as ConcernState['lackedCapacity'], advocateInvolved: r.advocate_involved === null ? null : r.advocate_involved === 1,
      policeInvolved: r.police_involved === 1, policeReference: r.police_reference,
    }));
    expect(states.flatMap((s) => concernStateProblems(s, today))).toEqual([]);
    expect(rows.every((r, i) => r.status === concernStatus(states[i]!))).toBe(true);
    const closed = rows.filter((r) => r.closed_at);
    expect(closed.length).toBeGreaterThan(rows.length / 3);
    expect(closed.some((r) => r.enquiry_outcome && r.msp_achieved)).toBe(true);
    expect(rows.filter((r) => !r.closed_at).length).toBeGreaterThan(0);
    const overdue = states.filter((s) => concernTimescales(s, defaultTimescales, today).some((t) => t.state === 'overdue'));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(rows.length / 3);
    // Every concern's log starts with "raised", and every closed one ends with "closed".
    const log = await database.db.selectFrom('safeguarding_decisions').select(['concern_id', 'kind']).orderBy('concern_id').orderBy('id').execute();
    const first = new Map<number, string>();
    for (const entry of log) if (!first.has(entry.concern_id)) first.set(entry.concern_id, entry.kind);
    expect([...first.values()].every((k) => k === 'raised')).toBe(true);
    expect(first.size).toBe(rows.length);
  });

  it('is deterministic: the same seed gives the same incidents, counts and ground truth', async () => {
    const again = await createTestDatabase('sqlite');
    try {
      const second = await seedDemoOrganisation(again, 'demo', { seed, today });
      expect({ ...second, groundTruthFile: null }).toEqual({ ...seeded, groundTruthFile: null });
      const refs = (db: TestDatabase) => db.db.selectFrom('incidents').innerJoin('services', 'services.id', 'incidents.service_id')
        .select(['incidents.ref', 'incidents.occurred_at', 'services.ref as service', 'incidents.narrative']).orderBy('incidents.ref').execute();
      expect(await refs(again)).toEqual(await refs(database));
    } finally {
      await again.drop();
    }
  }, 120_000);

  it('writes a ground truth naming every kind of pattern, by refs that exist', async () => {
    expect(truth.patterns.map((p) => p.kind).sort()).toEqual([...patternKinds].sort());
    expect(truth.decoys.length).toBeGreaterThanOrEqual(3);
    const db = database.db;
    for (const item of [...truth.patterns, ...truth.decoys]) {
      const { type, ref } = item.scope;
      const found = type === 'person' ? await db.selectFrom('people').select('id').where('ref', '=', ref).executeTakeFirst()
        : type === 'service' ? await db.selectFrom('services').select('id').where('ref', '=', ref).executeTakeFirst()
          : type === 'staff' ? await db.selectFrom('staff').select('id').where('ref', '=', ref).executeTakeFirst()
            : { id: null };
      expect(found, `${item.kind} ${ref}`).toBeTruthy();
      expect(found!.id).toBe(item.scope.id);
    }
  });

  it('shows the weekend-evening hotspot, with agency staff on shift, for one person only', () => {
    const hotspot = pattern('time_hotspot');
    const cell = param<{ daysOfWeek: number[]; hours: number[] }>(hotspot, 'cell');
    const isCell = (i: { occurred_at: string }) => { const c = londonCell(i.occurred_at); return cell.daysOfWeek.includes(c.dow) && cell.hours.includes(c.hour); };
    const theirs = incidents.filter((i) => i.person_ref === hotspot.scope.ref);
    const others = incidents.filter((i) => i.person_ref !== hotspot.scope.ref);
    const cellWithAgency = (list: typeof incidents) => list.filter((i) => isCell(i) && i.has_agency_staff === 1).length / list.length;
    expect(theirs.length).toBeGreaterThan(30);
    expect(theirs.filter(isCell).length / theirs.length).toBeGreaterThan(0.4);
    expect(cellWithAgency(theirs)).toBeGreaterThan(0.3);
    expect(cellWithAgency(others)).toBeLessThan(0.03);
    const agency = pattern('staffing_agency');
    expect(agency.scope.ref).toBe(hotspot.scope.ref);
    const inCell = theirs.filter(isCell);
    expect(inCell.filter((i) => i.has_agency_staff === 1).length / inCell.length).toBeGreaterThan(0.6);
    // The busy decoy person has many incidents but no hotspot.
    const flat = incidents.filter((i) => i.person_ref === decoy('high_rate_flat')!.scope.ref);
    expect(flat.length).toBeGreaterThan(30);
    expect(flat.filter(isCell).length / flat.length).toBeLessThan(0.2);
  });

  it('shows incidents rising at the service after its blanket restriction, following the locked kitchen', () => {
    const blanket = pattern('blanket_restriction');
    const from = param<string>(blanket, 'restrictionStartDate');
    const { residents, before, after } = ratesAround(blanket.scope.ref, from);
    expect(residents).toBeGreaterThan(0);
    expect(after / before).toBeGreaterThan(1.6);
    const keyword = incidents.filter((i) => i.antecedent.toLowerCase().includes('locked kitchen'));
    expect(keyword.length).toBeGreaterThanOrEqual(5);
    // Dates are England's: an incident just after midnight in summer is the evening before in UTC.
    expect(keyword.every((i) => i.service_ref === blanket.scope.ref && Date.parse(i.occurred_at) >= Date.parse(from) - 3_600_000)).toBe(true);
  });

  it('shows one staff member over-represented in prone restraint, and a busy colleague who is not', async () => {
    const over = pattern('staff_overrepresented');
    const serviceRef = param<string>(over, 'serviceRef');
    const links = await database.db.selectFrom('intervention_staff').innerJoin('staff', 'staff.id', 'intervention_staff.staff_id')
      .select(['intervention_staff.intervention_id', 'staff.ref']).execute();
    const staffOf = new Map<number, Set<string>>();
    for (const l of links) staffOf.set(l.intervention_id, (staffOf.get(l.intervention_id) ?? new Set()).add(l.ref!));
    const atService = interventions.filter((i) => i.service_ref === serviceRef);
    const prone = atService.filter((i) => i.type_code === '01');
    const otherPhysical = atService.filter((i) => i.type_code >= '07' && i.type_code <= '13');
    const shareWith = (list: typeof interventions, ref: string) => list.filter((i) => staffOf.get(i.id)?.has(ref)).length / list.length;
    expect(prone.length).toBeGreaterThanOrEqual(5);
    expect(shareWith(prone, over.scope.ref)).toBeGreaterThan(0.6);
    expect(shareWith(otherPhysical, over.scope.ref)).toBeLessThan(0.35);
    const busy = decoy('busy_staff')!;
    const busyRatio = shareWith(prone, busy.scope.ref) / shareWith(otherPhysical, busy.scope.ref);
    expect(busyRatio).toBeGreaterThan(0.5);
    expect(busyRatio).toBeLessThan(2);
  });

  it('shows a theme across services (minibus), and a local keyword that stays at one service (fire alarm)', () => {
    const theme = pattern('cross_service_theme');
    const withKeyword = incidents.filter((i) => i.antecedent.toLowerCase().includes('minibus'));
    const services = new Set(withKeyword.map((i) => i.service_ref));
    expect([...services].sort()).toEqual([...param<string[]>(theme, 'serviceRefs')].sort());
    expect(services.size).toBeGreaterThanOrEqual(4);
    expect(withKeyword.every((i) => i.occurred_at.slice(0, 10) >= param<string>(theme, 'from'))).toBe(true);
    const fire = new Set(incidents.filter((i) => i.antecedent.toLowerCase().includes('fire alarm')).map((i) => i.service_ref));
    expect([...fire]).toEqual([decoy('local_keyword')!.scope.ref]);
  });

  it('shows short staffing across incidents, complaints, speak-up and safeguarding at the same services', async () => {
    const theme = pattern('cross_source_theme');
    const from = param<string>(theme, 'from');
    const db = database.db;
    const inIncidents = incidents.filter((i) => i.narrative.toLowerCase().includes('short-staffed'));
    const complaints = await db.selectFrom('complaints').innerJoin('complaint_themes', 'complaint_themes.complaint_id', 'complaints.id')
      .innerJoin('services', 'services.id', 'complaints.service_id').select(['services.ref', 'complaints.received_at'])
      .where('complaint_themes.theme', '=', param<string>(theme, 'theme')).execute();
    const speakUp = await db.selectFrom('speak_up_concerns').innerJoin('speak_up_themes', 'speak_up_themes.concern_id', 'speak_up_concerns.id')
      .innerJoin('services', 'services.id', 'speak_up_concerns.service_id').select(['services.ref', 'speak_up_concerns.received_on'])
      .where('speak_up_themes.theme', '=', param<string>(theme, 'theme')).execute();
    const safeguarding = await db.selectFrom('safeguarding_concerns').innerJoin('services', 'services.id', 'safeguarding_concerns.service_id')
      .select(['services.ref', 'safeguarding_concerns.raised_at']).where('safeguarding_concerns.narrative', 'like', '%hort-staffed%').execute();
    const serviceRefs = param<string[]>(theme, 'serviceRefs');
    for (const [source, rows] of [
      ['incidents', inIncidents.map((i) => ({ ref: i.service_ref, at: i.occurred_at }))],
      ['complaints', complaints.map((c) => ({ ref: c.ref!, at: c.received_at }))],
      ['speak-up', speakUp.map((s) => ({ ref: s.ref!, at: s.received_on }))],
      ['safeguarding', safeguarding.map((s) => ({ ref: s.ref!, at: s.raised_at }))],
    ] as const) {
      expect(rows.length, source).toBeGreaterThan(0);
      expect(rows.every((r) => serviceRefs.includes(r.ref) && r.at.slice(0, 10) >= from), source).toBe(true);
    }
    expect(new Set(inIncidents.map((i) => i.service_ref)).size).toBeGreaterThanOrEqual(2);
  });

  it('registers restrictions: personal ones for many people, the planted blanket one, and a blanket decoy that changes nothing', async () => {
    const db = database.db;
    const rows = await db.selectFrom('restrictions').innerJoin('services', 'services.id', 'restrictions.service_id')
      .leftJoin('people', 'people.id', 'restrictions.person_id')
      .select(['services.ref as service_ref', 'services.id as service_id', 'people.service_id as person_service_id', 'restrictions.person_id',
        'restrictions.category', 'restrictions.legal_basis', 'restrictions.status', 'restrictions.started_on', 'restrictions.review_due_on',
        'restrictions.ended_on', 'restrictions.reduction_plan'])
      .execute();
    expect(rows.length).toBe(seeded.restrictions);
    expect(rows.filter((r) => r.person_id !== null).length).toBeGreaterThan(15);
    within(rows.map((r) => r.category), restrictionCategories);
    within(rows.map((r) => r.legal_basis), restrictionLegalBases);
    within(rows.map((r) => r.status), restrictionStatuses);
    expect(rows.filter((r) => r.person_id !== null && r.person_service_id !== r.service_id)).toEqual([]);
    expect(rows.filter((r) => (r.status === 'ended') !== (r.ended_on !== null))).toEqual([]);
    expect(rows.filter((r) => r.status === 'reducing' && !r.reduction_plan)).toEqual([]);
    expect(rows.filter((r) => r.review_due_on < r.started_on)).toEqual([]);
    const blanket = pattern('blanket_restriction');
    expect(rows.filter((r) => r.person_id === null && r.service_ref === blanket.scope.ref && r.started_on === param<string>(blanket, 'restrictionStartDate'))).toHaveLength(1);
    const history = (await db.selectFrom('restriction_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(history).toBeGreaterThanOrEqual(rows.length);

    const decoyBlanket = decoy('blanket_no_effect')!;
    const from = param<string>(decoyBlanket, 'restrictionStartDate');
    expect(rows.filter((r) => r.person_id === null && r.service_ref === decoyBlanket.scope.ref && r.started_on === from)).toHaveLength(1);
    const { residents, before, after } = ratesAround(decoyBlanket.scope.ref, from);
    expect(residents).toBeGreaterThan(0);
    expect(after / before).toBeGreaterThan(0.6);
    expect(after / before).toBeLessThan(1.5);
  });

  it('reviews restrictive practice: debriefs after incidents with an intervention, and periodic reviews of the restrictions in force', async () => {
    const db = database.db;
    const reviews = await db.selectFrom('practice_reviews').innerJoin('people', 'people.id', 'practice_reviews.person_id')
      .leftJoin('incidents', 'incidents.id', 'practice_reviews.incident_id')
      .select(['practice_reviews.id', 'practice_reviews.kind', 'practice_reviews.service_id', 'practice_reviews.person_id', 'practice_reviews.held_on',
        'practice_reviews.what_could_be_different', 'people.service_id as person_service_id', 'incidents.service_id as incident_service_id', 'incidents.occurred_at'])
      .execute();
    expect(reviews.length).toBe(seeded.practiceReviews);
    const debriefs = reviews.filter((r) => r.kind === 'post_incident');
    const periodic = reviews.filter((r) => r.kind === 'periodic');
    expect(debriefs.length).toBeGreaterThan(30);
    expect(periodic.length).toBeGreaterThan(30);
    expect(reviews.filter((r) => r.person_service_id !== r.service_id)).toEqual([]);
    expect(reviews.filter((r) => r.held_on > '2026-11-26' || r.what_could_be_different.trim() === '')).toEqual([]);
    // A debrief follows its incident, within a week, at the same service, and the person was restricted in it.
    expect(debriefs.filter((r) => r.incident_service_id !== r.service_id || r.held_on < r.occurred_at!.slice(0, 10)
      || Date.parse(r.held_on) - Date.parse(r.occurred_at!.slice(0, 10)) > 8 * DAY)).toEqual([]);
    const restrained = await db.selectFrom('restrictive_interventions').select(['incident_id', 'person_id']).execute();
    const restrainedIn = new Set(restrained.map((r) => `${r.incident_id}|${r.person_id}`));
    const debriefIncidents = await db.selectFrom('practice_reviews').select(['incident_id', 'person_id']).where('kind', '=', 'post_incident').execute();
    expect(debriefIncidents.filter((d) => !restrainedIn.has(`${d.incident_id}|${d.person_id}`))).toEqual([]);
    // The review is the debrief the episodes record: who took part agrees with them, and the staff named were in them.
    const episodes = await db.selectFrom('practice_reviews as pr')
      .innerJoin('restrictive_interventions as ri', (j) => j.onRef('ri.incident_id', '=', 'pr.incident_id').onRef('ri.person_id', '=', 'pr.person_id'))
      .select(['pr.id', 'pr.person_took_part', 'pr.staff_took_part', (eb) => eb.fn.max('ri.debrief_person').as('with_person'), (eb) => eb.fn.max('ri.debrief_staff').as('with_staff')])
      .where('pr.kind', '=', 'post_incident').groupBy(['pr.id', 'pr.person_took_part', 'pr.staff_took_part'])
      .execute();
    expect(episodes.length).toBe(debriefs.length);
    expect(episodes.filter((e) => e.person_took_part !== Number(e.with_person) || e.staff_took_part !== Number(e.with_staff))).toEqual([]);
    const strangers = await db.selectFrom('practice_review_staff as ps').innerJoin('practice_reviews as pr', 'pr.id', 'ps.review_id')
      .select(['ps.review_id', 'ps.staff_id']).where('pr.kind', '=', 'post_incident')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('intervention_staff as s').innerJoin('restrictive_interventions as ri', 'ri.id', 's.intervention_id')
        .select('s.staff_id').whereRef('ri.incident_id', '=', 'pr.incident_id').whereRef('s.staff_id', '=', 'ps.staff_id'))))
      .execute();
    expect(strangers).toEqual([]);
    expect(periodic.filter((r) => r.occurred_at !== null)).toEqual([]);
    // Each judges restrictions in force that day, the person's own or blanket ones at their service; periodic ones judge at least one.
    const judged = await db.selectFrom('practice_review_assessments')
      .innerJoin('practice_reviews', 'practice_reviews.id', 'practice_review_assessments.review_id')
      .innerJoin('restrictions', 'restrictions.id', 'practice_review_assessments.restriction_id')
      .select(['practice_reviews.id', 'practice_reviews.held_on', 'practice_reviews.service_id', 'practice_reviews.person_id',
        'restrictions.service_id as restriction_service_id', 'restrictions.person_id as restriction_person_id', 'restrictions.started_on', 'restrictions.ended_on',
        'practice_review_assessments.is_least_restrictive', 'practice_review_assessments.note'])
      .execute();
    expect(judged.filter((j) => j.restriction_service_id !== j.service_id || (j.restriction_person_id !== null && j.restriction_person_id !== j.person_id)
      || j.started_on > j.held_on || (j.ended_on !== null && j.ended_on < j.held_on))).toEqual([]);
    const judgedReviews = new Set(judged.map((j) => j.id));
    expect(periodic.filter((r) => !judgedReviews.has(r.id))).toEqual([]);
    // Some restrictions are found not to be the least restrictive option, and the review says why.
    expect(judged.filter((j) => !j.is_least_restrictive).length).toBeGreaterThan(0);
    expect(judged.filter((j) => !j.is_least_restrictive && j.note === '')).toEqual([]);
  });

  it('links each concern raised from an incident back to it', async () => {
    const links = await database.db.selectFrom('record_links')
      .innerJoin('safeguarding_concerns', 'safeguarding_concerns.id', 'record_links.to_id')
      .innerJoin('incidents', 'incidents.id', 'record_links.from_id')
      .select(['incidents.ref', 'incidents.occurred_at', 'safeguarding_concerns.narrative', 'safeguarding_concerns.raised_at'])
      .where('record_links.from_source', '=', 'incident').where('record_links.to_source', '=', 'safeguarding').where('record_links.relation', '=', 'raised')
      .execute();
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.narrative).toContain(l.ref!);
      expect(l.raised_at > l.occurred_at).toBe(true);
    }
  });

  it('shows one person escalating over the last months', () => {
    const escalation = pattern('escalation');
    const theirs = incidents.filter((i) => i.person_ref === escalation.scope.ref);
    const firstYearEnd = new Date(Date.parse(truth.from) + 365 * DAY).toISOString();
    const lastQuarterStart = new Date(Date.parse(truth.to) - 91 * DAY).toISOString();
    const firstYear = theirs.filter((i) => i.occurred_at < firstYearEnd).length / 12;
    const lastQuarter = theirs.filter((i) => i.occurred_at >= lastQuarterStart).length / 3;
    expect(lastQuarter).toBeGreaterThan(2.5 * firstYear);
  });

  it('shows a restraint rate falling after the action date, by about the planted ratio, and a null where it does not', () => {
    const ratioFor = (p: PlantedPattern) => {
      const actionDate = param<string>(p, 'actionDate');
      const theirs = interventions.filter((i) => i.person_ref === p.scope.ref);
      const before = theirs.filter((i) => i.started_at < actionDate).length / monthsBetween(truth.from, actionDate);
      const after = theirs.filter((i) => i.started_at >= actionDate).length / monthsBetween(actionDate, truth.to);
      return { before, ratio: after / before };
    };
    const effect = pattern('action_effect');
    const planted = param<number>(effect, 'plantedRatio');
    const observed = ratioFor(effect);
    expect(observed.before).toBeGreaterThan(3);
    expect(observed.ratio).toBeGreaterThan(planted * 0.5);
    expect(observed.ratio).toBeLessThan(planted * 1.6);
    const none = ratioFor(pattern('null_effect'));
    expect(none.before).toBeGreaterThan(3);
    expect(none.ratio).toBeGreaterThan(0.7);
    expect(none.ratio).toBeLessThan(1.4);
  });

  it('shows incidents following family contact for the trigger person', async () => {
    const trigger = pattern('trigger');
    const withEvent = new Set((await database.db.selectFrom('incident_codes').select('incident_id')
      .where('kind', '=', 'setting_event').where('code', '=', param<string>(trigger, 'settingEvent')).execute()).map((r) => r.incident_id));
    const theirs = incidents.filter((i) => i.person_ref === trigger.scope.ref);
    const others = incidents.filter((i) => i.person_ref !== trigger.scope.ref);
    expect(theirs.filter((i) => withEvent.has(i.id)).length / theirs.length).toBeGreaterThan(0.4);
    expect(others.filter((i) => withEvent.has(i.id)).length / others.length).toBeLessThan(0.1);
  });
});
