// Spreadsheet imports (docs/import.md): the columns of each kind of file, and the pure reading of one row into
// typed values, collecting an error per bad cell. Checks that need the database (refs, scope) are server-side.
import { z } from 'zod';
import { complaintChannels, complaintKinds, complaintOutcomes, complaintRaisers } from './complaints.js';
import { contributoryFactors, type ContributoryFactor } from './contributory-factors.js';
import { employmentTypes, legalStatuses, serviceTypes, type EmploymentType, type LegalStatus, type ServiceType } from './codes.js';
import {
  interventionReasonCodes, interventionTypeCodes, psychologicalHarmLevels,
  type InterventionReasonCode, type InterventionTypeCode, type PhysicalHarm, type PsychologicalHarm,
} from './incidents.js';
import {
  abuseCategories, enquiryOutcomes, laDecisions, locationsOfRisk, mspAchievedValues, mspAskedValues, riskOutcomes, sourcesOfRisk,
  type AbuseCategory, type EnquiryOutcome, type LaDecision, type LocationOfRisk, type MspAchieved, type MspAsked, type RiskOutcome,
  type SourceOfRisk,
} from './safeguarding.js';
import {
  parseCode, parseDate, parseDateTime, parseFlag, parseInteger, parseList, parseNumber, parsePhysicalHarm, parseTwoDigitCode, type Parsed,
} from './parse-cells.js';

export const importKinds = ['services', 'people', 'staff', 'occupancy', 'incidents', 'safeguarding', 'complaints'] as const;
export type ImportKind = (typeof importKinds)[number];

/** A column of an import file; a required column must be in the header row (its cells may still be optional). */
export interface ColumnDefinition { name: string; isRequired: boolean }

const req = (name: string): ColumnDefinition => ({ name, isRequired: true });
const opt = (name: string): ColumnDefinition => ({ name, isRequired: false });

/** The header row of each kind of file, in template order. */
export const importColumns: Record<ImportKind, readonly ColumnDefinition[]> = {
  services: [req('service_ref'), req('name'), req('type'), req('region'), req('capacity'), opt('registration_number'), opt('commissioner')],
  people: [
    req('person_ref'), req('service_ref'), req('display_name'), req('learning_disability'), req('autism'), req('legal_status'),
    req('start_date'), opt('end_date'),
  ],
  staff: [req('staff_ref'), req('name'), req('role'), req('employment_type'), req('service_refs')],
  occupancy: [req('service_ref'), req('date'), req('occupied_days')],
  incidents: [
    req('incident_ref'), req('service_ref'), opt('person_ref'), req('occurred_at'), opt('reported_at'), opt('location'), opt('antecedent'),
    opt('behaviour'), opt('consequence'), opt('setting_events'), req('harm_physical'), req('harm_psychological'), req('narrative'),
    opt('staff_refs'), opt('contributory_factors'), opt('intervention_type_code'), opt('intervention_reason_code'),
    opt('intervention_started_at'), opt('intervention_ended_at'), opt('intervention_planned'), opt('intervention_staff_refs'),
    opt('injury_person'), opt('injury_staff'), opt('debrief_person'), opt('debrief_staff'),
  ],
  safeguarding: [
    req('concern_ref'), req('service_ref'), req('person_ref'), req('raised_at'), req('categories'), req('location_of_risk'),
    req('source_of_risk'), opt('referred_to_la_at'), opt('la_reference'), opt('la_decision'), opt('outcome'), opt('risk_outcome'),
    opt('msp_asked'), opt('msp_achieved'), opt('cqc_notified_at'), req('narrative'), opt('contributory_factors'), opt('closed_at'),
  ],
  complaints: [
    req('complaint_ref'), req('kind'), req('service_ref'), opt('person_ref'), req('received_at'), req('raised_by'), req('channel'),
    req('subject'), req('narrative'), opt('themes'), opt('outcome'), opt('acknowledged_at'), opt('responded_at'),
  ],
};

/** One problem in a file: the row (the header is row 1) and column it is in, and what to do about it. */
export interface ImportError { row: number; column: string; message: string }

export const importErrorSchema = z.object({ row: z.number(), column: z.string(), message: z.string() });
export const importReportSchema = z.object({
  kind: z.enum(importKinds),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(importErrorSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Where each known column sits in a file (-1 when the file leaves it out). */
export type ColumnIndex = ReadonlyMap<string, number>;

/**
 * Check a header row against a kind: every column known, none twice, every required column present. Header
 * cells are compared trimmed and in lower case.
 */
export function checkHeader(kind: ImportKind, header: readonly string[]): { index: ColumnIndex; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const known = new Map(importColumns[kind].map((c) => [c.name, c]));
  const index = new Map<string, number>();
  header.forEach((cell, position) => {
    const name = cell.trim().toLowerCase();
    if (!name) return;
    if (!known.has(name)) errors.push({ row: 1, column: cell.trim(), message: `Unknown column "${cell.trim()}": ${kind} files have no such column` });
    else if (index.has(name)) errors.push({ row: 1, column: name, message: 'This column appears twice' });
    else index.set(name, position);
  });
  for (const column of importColumns[kind]) {
    if (column.isRequired && !index.has(column.name)) errors.push({ row: 1, column: column.name, message: 'Missing required column' });
  }
  return { index, errors };
}

/** Why a row naming a service is refused: the same whether the service does not exist or is outside the caller's scope. */
export const OUTSIDE_SCOPE = 'No such service, or it is outside your services';
/** Why a row that would change a record in a service outside the caller's scope is refused. */
export const inScopeMessage = (what: string) => `An existing ${what} with this reference belongs to a service outside your services`;

/** The cells of a file by data row (0 is the first row after the header) and column position; '' past a row's end. */
export interface CellSource {
  cell(row: number, position: number): string;
  /** A data row's cells (undefined past the last row); a row may be shorter than the header. */
  cells(row: number): readonly string[] | undefined;
}

const NO_CELLS: readonly string[] = [];

/** A reference as files give them: letters, digits and . _ / - up to 60 characters. */
export function isReference(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/.test(text);
}

/** Reads the cells of one row by column name, recording a problem per bad cell. */
export class RowReader {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row = 0;
  private rowCells: readonly string[] = NO_CELLS;
  constructor(private readonly index: ColumnIndex, private readonly errors: ImportError[], private readonly source: CellSource) {}

  /** Move to a data row of the file. */
  at(dataRow: number): this {
    this.row = dataRow + 2;
    this.rowCells = this.source.cells(dataRow) ?? NO_CELLS;
    return this;
  }

  /** The trimmed cell, or '' when blank or the column is absent. */
  raw(column: string): string {
    const position = this.index.get(column);
    if (position === undefined) return '';
    const cells = this.rowCells;
    return position < cells.length ? cells[position]!.trim() : '';
  }

  error(column: string, message: string): void {
    this.errors.push({ row: this.row, column, message });
  }

  private take<T>(column: string, parse: (text: string) => Parsed<T>, isRequired: boolean): T | null {
    const text = this.raw(column);
    if (!text) {
      if (isRequired) this.error(column, 'This must be filled in');
      return null;
    }
    const parsed = parse(text);
    if (!parsed.ok) {
      this.error(column, parsed.message);
      return null;
    }
    return parsed.value;
  }

  /** Free text up to `max` characters; '' when blank and optional. */
  text(column: string, max: number, isRequired = false): string {
    const raw = this.raw(column);
    // Line breaks inside a quoted cell are stored as \n whatever the file used.
    const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    if (!text && isRequired) this.error(column, 'This must be filled in');
    else if (text.length > max) this.error(column, `At most ${max} characters`);
    else if (text.includes('\u0000') || !text.isWellFormed()) this.error(column, 'Contains characters that cannot be stored');
    return text;
  }
  /** A reference: letters, digits and . _ / - up to 60 characters. */
  ref(column: string, isRequired = true): string {
    const text = this.raw(column);
    if (!text) {
      if (isRequired) this.error(column, 'This must be filled in');
    } else if (!isReference(text)) {
      this.error(column, 'Use a reference of up to 60 letters, digits, dots, dashes, slashes or underscores');
    }
    return text;
  }
  refs(column: string, isRequired = false): string[] {
    const list = parseList(this.raw(column));
    if (!list.length && isRequired) this.error(column, 'This must be filled in');
    for (const ref of list) {
      if (!isReference(ref)) {
        this.error(column, `"${ref.slice(0, 60)}" is not a valid reference`);
        break;
      }
    }
    return list;
  }
  date(column: string, isRequired = false) { return this.take(column, parseDate, isRequired); }
  dateTime(column: string, isRequired = false) { return this.take(column, parseDateTime, isRequired); }
  flag(column: string, isRequired = false) { return this.take(column, parseFlag, isRequired); }
  integer(column: string, min: number, max: number, isRequired = false) { return this.take(column, (t) => parseInteger(t, min, max), isRequired); }
  number(column: string, min: number, max: number, isRequired = false) { return this.take(column, (t) => parseNumber(t, min, max), isRequired); }
  code<T extends string>(column: string, codes: readonly T[], isRequired = false) { return this.take(column, (t) => parseCode(t, codes), isRequired); }
  physicalHarm(column: string) { return this.take<PhysicalHarm>(column, parsePhysicalHarm, true); }
  twoDigitCode<T extends string>(column: string, codes: readonly T[], isRequired = false) { return this.take(column, (t) => parseTwoDigitCode(t, codes), isRequired); }
  /** A `;` list of stored codes, each checked. */
  codes<T extends string>(column: string, codes: readonly T[], isRequired = false): T[] {
    const list = lowerCaseList(this.raw(column));
    if (!list.length && isRequired) this.error(column, 'This must be filled in');
    const bad = list.find((item) => !(codes as readonly string[]).includes(item));
    if (bad) this.error(column, `Unknown code "${bad.slice(0, 60)}": use ${codes.join(', ')}`);
    return list as T[];
  }
}

/** A `;` list in lower case, each item once in first-seen order (what parseList, lower-casing and de-duplicating give). */
function lowerCaseList(text: string): string[] {
  const list = parseList(text);
  for (let i = 0; i < list.length; i += 1) {
    const lower = list[i]!.toLowerCase();
    if (lower !== list[i]) {
      // Lower-casing can make two items the same: keep the first.
      return [...new Set(list.map((item) => item.toLowerCase()))];
    }
  }
  return list;
}

// ---------------------------------------------------------------------------------------------------------
// Rows of each kind, as read from the file (refs unresolved). Null marks a blank optional cell, or a bad one
// (its error is already recorded).

export interface ServiceImportRow {
  ref: string; name: string; type: ServiceType | null; region: string; capacity: number | null;
  registrationNumber: string | null; commissioners: string[];
}
/** A row of a services file. */
export function readServiceRow(r: RowReader): ServiceImportRow {
  const commissioners = parseList(r.raw('commissioner'));
  if (commissioners.some((c) => c.length > 200)) r.error('commissioner', 'A commissioner name is at most 200 characters');
  return {
    ref: r.ref('service_ref'), name: r.text('name', 160, true), type: r.code('type', serviceTypes, true), region: r.text('region', 120, true),
    capacity: r.integer('capacity', 0, 10_000, true), registrationNumber: r.text('registration_number', 40) || null, commissioners,
  };
}

export interface PersonImportRow {
  ref: string; serviceRef: string; displayName: string; learningDisability: boolean | null; autism: boolean | null;
  legalStatus: LegalStatus | null; startDate: string | null; endDate: string | null;
}
/** A row of a people file; the end date may not be before the start. */
export function readPersonRow(r: RowReader): PersonImportRow {
  const row: PersonImportRow = {
    ref: r.ref('person_ref'), serviceRef: r.ref('service_ref'), displayName: r.text('display_name', 120, true),
    learningDisability: r.flag('learning_disability', true), autism: r.flag('autism', true), legalStatus: r.code('legal_status', legalStatuses, true),
    startDate: r.date('start_date', true), endDate: r.date('end_date'),
  };
  if (row.startDate && row.endDate && row.endDate < row.startDate) r.error('end_date', 'The end date is before the start date');
  return row;
}

export interface StaffImportRow { ref: string; name: string; jobTitle: string; employmentType: EmploymentType | null; serviceRefs: string[] }
/** A row of a staff file; `role` is the job title. */
export function readStaffRow(r: RowReader): StaffImportRow {
  return {
    ref: r.ref('staff_ref'), name: r.text('name', 120, true), jobTitle: r.text('role', 120, true),
    employmentType: r.code('employment_type', employmentTypes, true), serviceRefs: r.refs('service_refs', true),
  };
}

export interface OccupancyImportRow { serviceRef: string; date: string | null; occupiedDays: number | null }
/** A row of an occupancy file: occupied days of one service on one day. */
export function readOccupancyRow(r: RowReader): OccupancyImportRow {
  return { serviceRef: r.ref('service_ref'), date: r.date('date', true), occupiedDays: r.number('occupied_days', 0, 10_000, true) };
}

/** Setting events are configurable codes (DOMAIN.md §6), so any lower-case code is accepted. */
const settingEventPattern = /^[a-z][a-z0-9_]{1,39}$/;

export interface InterventionImportRow {
  typeCode: InterventionTypeCode | null; reasonCode: InterventionReasonCode | null; startedAt: string | null; endedAt: string | null;
  isPlanned: boolean | null; staffRefs: string[]; injuryPerson: boolean; injuryStaff: boolean; debriefPerson: boolean | null; debriefStaff: boolean | null;
}
export interface IncidentImportRow {
  ref: string; serviceRef: string; personRefs: string[]; occurredAt: string | null; reportedAt: string | null; location: string;
  antecedent: string; behaviour: string; consequence: string; settingEvents: string[]; harmPhysical: PhysicalHarm | null;
  harmPsychological: PsychologicalHarm | null; narrative: string; staffRefs: string[]; contributoryFactors: ContributoryFactor[];
}

/** The columns that describe the incident itself; rows of one incident must agree on them. */
export const incidentLevelColumns = [
  'service_ref', 'person_ref', 'occurred_at', 'reported_at', 'location', 'antecedent', 'behaviour', 'consequence', 'setting_events',
  'harm_physical', 'harm_psychological', 'narrative', 'staff_refs', 'contributory_factors',
] as const;
export const interventionColumns = [
  'intervention_type_code', 'intervention_reason_code', 'intervention_started_at', 'intervention_ended_at', 'intervention_planned',
  'intervention_staff_refs', 'injury_person', 'injury_staff', 'debrief_person', 'debrief_staff',
] as const;

/** The incident columns of an incidents row (read once per incident: its first row). */
export function readIncidentRow(r: RowReader): IncidentImportRow {
  const settingEvents = lowerCaseList(r.raw('setting_events'));
  const badEvent = settingEvents.find((s) => !settingEventPattern.test(s));
  if (badEvent) r.error('setting_events', `"${badEvent.slice(0, 60)}" is not a setting event code such as poor_sleep`);
  const row: IncidentImportRow = {
    ref: r.ref('incident_ref'), serviceRef: r.ref('service_ref'), personRefs: r.refs('person_ref'),
    occurredAt: r.dateTime('occurred_at', true), reportedAt: r.dateTime('reported_at'), location: r.text('location', 200),
    antecedent: r.text('antecedent', 4000), behaviour: r.text('behaviour', 4000), consequence: r.text('consequence', 4000),
    settingEvents, harmPhysical: r.physicalHarm('harm_physical'),
    harmPsychological: r.code('harm_psychological', psychologicalHarmLevels, true), narrative: r.text('narrative', 10_000, true),
    staffRefs: r.refs('staff_refs'), contributoryFactors: r.codes('contributory_factors', contributoryFactors),
  };
  if (row.occurredAt && row.reportedAt && row.reportedAt < row.occurredAt) r.error('reported_at', 'This is before the incident occurred');
  return row;
}

/** The intervention episode on an incidents row, or null when all its columns are empty. */
export function readInterventionRow(r: RowReader): InterventionImportRow | null {
  if (interventionColumns.every((c) => !r.raw(c))) return null;
  const row: InterventionImportRow = {
    typeCode: r.twoDigitCode('intervention_type_code', interventionTypeCodes, true),
    reasonCode: r.twoDigitCode('intervention_reason_code', interventionReasonCodes, true),
    startedAt: r.dateTime('intervention_started_at', true), endedAt: r.dateTime('intervention_ended_at', true),
    isPlanned: r.flag('intervention_planned', true), staffRefs: r.refs('intervention_staff_refs'),
    injuryPerson: r.flag('injury_person') ?? false, injuryStaff: r.flag('injury_staff') ?? false,
    debriefPerson: r.flag('debrief_person', true), debriefStaff: r.flag('debrief_staff', true),
  };
  if (row.startedAt && row.endedAt && row.endedAt < row.startedAt) r.error('intervention_ended_at', 'The end is before the start');
  return row;
}

export interface ConcernImportRow {
  ref: string; serviceRef: string; personRef: string; raisedAt: string | null; categories: AbuseCategory[];
  locationOfRisk: LocationOfRisk | null; sourceOfRisk: SourceOfRisk | null; referredToLaAt: string | null; laReference: string | null;
  laDecision: LaDecision | null; enquiryOutcome: EnquiryOutcome | null; riskOutcome: RiskOutcome | null; mspAsked: MspAsked | null;
  mspAchieved: MspAchieved | null; cqcNotifiedAt: string | null; narrative: string; contributoryFactors: ContributoryFactor[]; closedAt: string | null;
}
/** A row of a safeguarding file (coherence of the answers is checked with the concern's rules afterwards). */
export function readConcernRow(r: RowReader): ConcernImportRow {
  return {
    ref: r.ref('concern_ref'), serviceRef: r.ref('service_ref'), personRef: r.ref('person_ref'), raisedAt: r.dateTime('raised_at', true),
    categories: r.codes('categories', abuseCategories, true), locationOfRisk: r.code('location_of_risk', locationsOfRisk, true),
    sourceOfRisk: r.code('source_of_risk', sourcesOfRisk, true), referredToLaAt: r.dateTime('referred_to_la_at'),
    laReference: r.text('la_reference', 60) || null, laDecision: r.code('la_decision', laDecisions), enquiryOutcome: r.code('outcome', enquiryOutcomes),
    riskOutcome: r.code('risk_outcome', riskOutcomes), mspAsked: r.code('msp_asked', mspAskedValues), mspAchieved: r.code('msp_achieved', mspAchievedValues),
    cqcNotifiedAt: r.dateTime('cqc_notified_at'), narrative: r.text('narrative', 10_000, true),
    contributoryFactors: r.codes('contributory_factors', contributoryFactors), closedAt: r.dateTime('closed_at'),
  };
}

export interface ComplaintImportRow {
  ref: string; kind: (typeof complaintKinds)[number] | null; serviceRef: string; personRef: string; receivedAt: string | null;
  raisedBy: (typeof complaintRaisers)[number] | null; channel: (typeof complaintChannels)[number] | null; subject: string; narrative: string;
  themes: string[]; outcome: (typeof complaintOutcomes)[number] | null; acknowledgedAt: string | null; respondedAt: string | null;
}
/** A row of a complaints file, with the order of acknowledgement and response and the outcome rules of a complaint. */
export function readComplaintRow(r: RowReader): ComplaintImportRow {
  const themes = [...new Set(parseList(r.raw('themes')).map((t) => t.toLowerCase()))];
  if (themes.some((t) => t.length < 2 || t.length > 60)) r.error('themes', 'Each theme is 2 to 60 characters');
  if (themes.length > 20) r.error('themes', 'At most 20 themes');
  const row: ComplaintImportRow = {
    ref: r.ref('complaint_ref'), kind: r.code('kind', complaintKinds, true), serviceRef: r.ref('service_ref'), personRef: r.ref('person_ref', false),
    receivedAt: r.dateTime('received_at', true), raisedBy: r.code('raised_by', complaintRaisers, true), channel: r.code('channel', complaintChannels, true),
    subject: r.text('subject', 200, true), narrative: r.text('narrative', 10_000, true), themes, outcome: r.code('outcome', complaintOutcomes),
    acknowledgedAt: r.dateTime('acknowledged_at'), respondedAt: r.dateTime('responded_at'),
  };
  for (const [column, value] of [['acknowledged_at', row.acknowledgedAt], ['responded_at', row.respondedAt]] as const) {
    if (value && row.receivedAt && value < row.receivedAt) r.error(column, 'This is before it was received');
  }
  if (row.respondedAt && row.acknowledgedAt && row.respondedAt < row.acknowledgedAt) r.error('responded_at', 'The response is before the acknowledgement');
  if (row.respondedAt && !row.acknowledgedAt) r.error('acknowledged_at', 'Record the acknowledgement as well as the response');
  if (row.outcome && row.kind && row.kind !== 'complaint') r.error('outcome', 'Only a complaint has an outcome');
  if (row.kind === 'complaint' && row.respondedAt && !row.outcome && !r.raw('outcome')) r.error('outcome', 'Say whether the complaint was upheld');
  return row;
}
