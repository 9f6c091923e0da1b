// Checking the rows of an incidents file and building the rows to write, free of the database and of HTTP: it runs on
// a thread of its own (incident-check.worker.ts) while the request thread writes the incidents already checked. The
// rules are those of recording an incident by hand (incidents.service.ts).
import { IncidentSums, type IncidentForRollup, type IncidentSumsData } from '../../analytics/rates/incident-sums.js';
import {
  incidentLevelColumns, inScopeMessage, interventionColumns, OUTSIDE_SCOPE, readIncidentRow, readInterventionRow, RowReader, type ColumnIndex, type ImportError, type IncidentImportRow,
  type InterventionImportRow,
} from '../../domain/imports.js';
import { minutesOf } from '../../domain/incidents.js';
import { tableFromData, type TableData } from './table.js';
// Types only: this module runs on a thread that loads no database code.
import type { RowsSpec } from './imports.repository.js';

// The same allowances as recording by hand.
export const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_EPISODE_MS = 31 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** Complete incidents are sent to be written this many at a time, while later rows are still being checked. */
export const WRITE_BATCH = 2000;
/** What an imported episode says when the file records that no debrief was held but not why. */
export const DEBRIEF_REASON_NOT_IMPORTED = 'Not recorded in import';

export const incidentRows: RowsSpec<'incidents'> = {
  table: 'incidents',
  columns: [
    ['id', 'integer'], ['ref', 'text'], ['service_id', 'integer'], ['occurred_at', 'text'], ['reported_at', 'text'], ['reported_by_user_id', 'integer'],
    ['location', 'text'], ['antecedent', 'text'], ['behaviour', 'text'], ['consequence', 'text'], ['harm_physical', 'text'],
    ['harm_psychological', 'text'], ['narrative', 'text'], ['has_agency_staff', 'integer'], ['status', 'text'], ['created_at', 'text'], ['updated_at', 'text'],
  ],
};
/** What a re-imported incident's row updates. */
export const incidentUpdateColumns = [
  'service_id', 'occurred_at', 'reported_at', 'location', 'antecedent', 'behaviour', 'consequence', 'harm_physical', 'harm_psychological',
  'narrative', 'has_agency_staff', 'updated_at',
];
export const episodeRows: RowsSpec<'restrictive_interventions'> = {
  table: 'restrictive_interventions',
  columns: [
    ['id', 'integer'], ['incident_id', 'integer'], ['service_id', 'integer'], ['person_id', 'integer'], ['type_code', 'text'], ['reason_code', 'text'],
    ['started_at', 'text'], ['ended_at', 'text'], ['duration_minutes', 'integer'], ['is_planned', 'integer'], ['deescalation_tried', 'text'],
    ['injury_person', 'integer'], ['injury_staff', 'integer'], ['injury_others', 'integer'], ['debrief_person', 'integer'],
    ['debrief_person_reason', 'text'], ['debrief_staff', 'integer'], ['debrief_staff_reason', 'text'],
  ],
};
export const codeRows: RowsSpec<'incident_codes'> = { table: 'incident_codes', columns: [['incident_id', 'integer'], ['kind', 'text'], ['code', 'text']] };
export const personRows: RowsSpec<'incident_people'> = { table: 'incident_people', columns: [['incident_id', 'integer'], ['person_id', 'integer']] };
export const staffRows: RowsSpec<'incident_staff'> = { table: 'incident_staff', columns: [['incident_id', 'integer'], ['staff_id', 'integer']] };
export const episodeStaffRows: RowsSpec<'intervention_staff'> = { table: 'intervention_staff', columns: [['intervention_id', 'integer'], ['staff_id', 'integer']] };

/** What the rows refer to, looked up (in the import's transaction) before they are checked. */
export interface IncidentLookups {
  /** Services inside the caller's scope, by reference, with their region. */
  services: Map<string, { id: number; regionId: number }>;
  people: Map<string, { id: number; serviceId: number }>;
  staff: Map<string, { id: number; isAgency: boolean }>;
  /** The services each staff member works in. */
  staffAt: Map<number, Set<number>>;
  /** Incidents already recorded, by reference, and whether their service is inside the caller's scope. */
  existing: Map<string, { id: number; isInScope: boolean }>;
}

export interface CheckJob {
  table: TableData;
  index: ColumnIndex;
  lookups: IncidentLookups;
  /** When the import started, in milliseconds since the epoch. */
  now: number;
  /** For created_at and updated_at. */
  nowIso: string;
  /** Nothing is to be written: rows are only checked. */
  isDryRun: boolean;
  /** Ids for new incidents, in the order they first appear in the file. */
  incidentIds: readonly number[];
  /** Ids for episodes, in the order they are written (at least one a data row). */
  episodeIds: readonly number[];
}

/** The rows of complete incidents to write, each table's as one flat list of values in the column order of its spec. */
export interface RowsBatch {
  incidents: unknown[];
  /** Re-imported incidents' rows (incidentRows' columns), which update the rows already there. */
  updatedIncidents: unknown[];
  people: unknown[];
  staff: unknown[];
  codes: unknown[];
  episodes: unknown[];
  episodeStaff: unknown[];
  /** How many incidents the batch holds. */
  count: number;
}

export interface CheckResult {
  errors: ImportError[];
  /** What the file's incidents add to the rollups (nothing for a dry run or a file with errors). */
  sums: IncidentSumsData;
}

/** An incident and its episodes as read from the file. Its id lists are distinct: a list cell names each reference once. */
interface IncidentGroup {
  id: number;
  isUpdate: boolean;
  firstRow: number;
  /** The first row's index among the table's data rows, to compare later rows with. */
  firstDataRow: number;
  incident: IncidentImportRow;
  /** When it occurred, in milliseconds since the epoch; null when the cell is bad. */
  occurredMs: number | null;
  serviceId: number | null;
  regionId: number;
  personIds: number[];
  staffIds: number[];
  interventions: { row: InterventionImportRow; staffIds: number[]; durationMinutes: number; durationMs: number }[];
}

const flag = (value: boolean | null) => (value ? 1 : 0);

/**
 * Check every row of an incidents file, recording problems in the result's errors. Unless it is a dry run, each
 * incident is built into rows once its last row has been checked, and `send` is given them a batch at a time; once
 * any row is wrong nothing more is sent (the import will be rolled back).
 */
export function checkIncidents(job: CheckJob, send: (batch: RowsBatch) => void): CheckResult {
  const { index, lookups } = job;
  const table = tableFromData(job.table);
  const errors: ImportError[] = [];
  const latest = job.now + CLOCK_SKEW_MS;
  const isAgency = (staffId: number) => agencyStaff.has(staffId);
  const agencyStaff = new Set([...lookups.staff.values()].filter((s) => s.isAgency).map((s) => s.id));
  const sums = new IncidentSums();

  // Where each incident's last row is: it is complete, and can be written, once that row has been checked.
  const lastRowOf = new Map<string, number>();
  const refPosition = index.get('incident_ref');
  if (refPosition !== undefined) {
    for (let i = 0; i < table.rowCount; i += 1) {
      const ref = table.cell(i, refPosition).trim();
      if (ref) lastRowOf.set(ref, i);
    }
  }
  const positions = incidentLevelColumns.map((c) => [c, index.get(c)] as const).filter((p): p is readonly [typeof p[0], number] => p[1] !== undefined);
  let nextIncidentId = 0;
  let nextEpisodeId = 0;
  /** Incidents whose last row is still to come. */
  const open = new Map<string, IncidentGroup>();
  let batch = emptyBatch();

  const resolveStaff = (r: RowReader, column: string, refs: readonly string[], serviceId: number | null): number[] => {
    const ids: number[] = [];
    for (const ref of refs) {
      const member = lookups.staff.get(ref);
      if (!member) r.error(column, `No such staff member: ${ref}`);
      else if (serviceId !== null && !lookups.staffAt.get(member.id)?.has(serviceId)) r.error(column, `${ref} does not work at this service`);
      else ids.push(member.id);
    }
    return ids;
  };

  const checkRow = (r: RowReader, dataRow: number) => {
    const ref = r.ref('incident_ref');
    if (!ref) return;
    let group = open.get(ref);
    if (!group) {
      const incident = readIncidentRow(r);
      let service: { id: number; regionId: number } | undefined;
      if (incident.serviceRef) {
        service = lookups.services.get(incident.serviceRef);
        if (!service) r.error('service_ref', `${OUTSIDE_SCOPE}: ${incident.serviceRef}`);
      }
      const serviceId = service?.id ?? null;
      const before = lookups.existing.get(ref);
      if (before && !before.isInScope) r.error('incident_ref', inScopeMessage('incident'));
      const occurredMs = incident.occurredAt ? Date.parse(incident.occurredAt) : null;
      if (occurredMs !== null && occurredMs > latest) r.error('occurred_at', 'This is in the future');
      const personIds: number[] = [];
      for (const personRef of incident.personRefs) {
        const person = lookups.people.get(personRef);
        if (!person) r.error('person_ref', `No such person: ${personRef}`);
        else if (serviceId !== null && person.serviceId !== serviceId) r.error('person_ref', `${personRef} is not supported by this service`);
        else personIds.push(person.id);
      }
      group = {
        id: before?.id ?? job.incidentIds[nextIncidentId++] ?? 0, isUpdate: before !== undefined,
        firstRow: r.row, firstDataRow: dataRow, incident, occurredMs, serviceId, regionId: service?.regionId ?? 0, personIds,
        staffIds: resolveStaff(r, 'staff_refs', incident.staffRefs, serviceId), interventions: [],
      };
      open.set(ref, group);
    } else {
      for (const [column, position] of positions) {
        const cell = table.cell(dataRow, position).trim();
        if (cell && cell !== table.cell(group.firstDataRow, position).trim()) {
          r.error(column, `Differs from row ${group.firstRow}, the first row of incident ${ref}`);
        }
      }
    }
    const episode = readInterventionRow(r);
    if (episode) {
      // A file has no column for which of several people an episode was on: its incident names the one restricted.
      const people = group.incident.personRefs.length;
      if (people !== 1) r.error('person_ref', people ? 'An incident with a restrictive intervention names only the person who was restricted' : 'A restrictive intervention is always on someone: give the person who was restricted');
      const occurred = group.occurredMs;
      let lengthMs = 0;
      if (episode.startedAt && episode.endedAt) {
        const start = Date.parse(episode.startedAt);
        const end = Date.parse(episode.endedAt);
        lengthMs = end - start;
        if (end - start > MAX_EPISODE_MS) r.error('intervention_ended_at', 'An episode cannot last more than 31 days; record long-term segregation as separate episodes');
        if (end > latest) r.error('intervention_ended_at', 'This is in the future');
        if (occurred !== null && start < occurred - DAY_MS) r.error('intervention_started_at', 'This is more than a day before the incident');
      }
      group.interventions.push({
        row: episode, staffIds: resolveStaff(r, 'intervention_staff_refs', episode.staffRefs, group.serviceId), durationMinutes: minutesOf(lengthMs), durationMs: lengthMs,
      });
    }
    if (lastRowOf.get(ref) === dataRow) {
      open.delete(ref);
      // Once a row is wrong nothing more is written (the import is rolled back), so nothing need be built.
      if (!job.isDryRun && !errors.length) addRows(group);
    }
  };

  const addRows = (g: IncidentGroup) => {
    const { incident } = g;
    const hasAgency = g.staffIds.some(isAgency) || g.interventions.some((e) => e.staffIds.some(isAgency));
    (g.isUpdate ? batch.updatedIncidents : batch.incidents).push(
      g.id, incident.ref, g.serviceId, incident.occurredAt, incident.reportedAt ?? incident.occurredAt, null, incident.location, incident.antecedent,
      incident.behaviour, incident.consequence, incident.harmPhysical, incident.harmPsychological, incident.narrative,
      flag(hasAgency), 'submitted', job.nowIso, job.nowIso,
    );
    for (const personId of g.personIds) batch.people.push(g.id, personId);
    for (const staffId of g.staffIds) batch.staff.push(g.id, staffId);
    for (const code of incident.settingEvents) batch.codes.push(g.id, 'setting_event', code);
    for (const code of incident.contributoryFactors) batch.codes.push(g.id, 'factor', code);
    // An episode is about the incident's person when it has just one (as recording by hand decides).
    const personId = g.personIds.length === 1 ? g.personIds[0]! : null;
    const rollupEpisodes: IncidentForRollup['interventions'][number][] = [];
    for (const { row, staffIds, durationMinutes: minutes, durationMs } of g.interventions) {
      const id = job.episodeIds[nextEpisodeId++]!;
      batch.episodes.push(
        id, g.id, g.serviceId, personId, row.typeCode, row.reasonCode, row.startedAt, row.endedAt, minutes,
        flag(row.isPlanned), '', flag(row.injuryPerson), flag(row.injuryStaff), 0,
        flag(row.debriefPerson), row.debriefPerson ? null : DEBRIEF_REASON_NOT_IMPORTED,
        flag(row.debriefStaff), row.debriefStaff ? null : DEBRIEF_REASON_NOT_IMPORTED,
      );
      for (const staffId of staffIds) batch.episodeStaff.push(id, staffId);
      rollupEpisodes.push({ personId, typeCode: row.typeCode!, startedAt: row.startedAt!, durationMinutes: minutes, durationMs });
    }
    sums.add([{
      serviceId: g.serviceId!, regionId: g.regionId, occurredAt: incident.occurredAt!, harmPhysical: incident.harmPhysical!,
      harmPsychological: incident.harmPsychological!, personIds: g.personIds, interventions: rollupEpisodes,
    }]);
    batch.count += 1;
    if (batch.count >= WRITE_BATCH) {
      send(batch);
      batch = emptyBatch();
    }
  };

  const reader = new RowReader(index, errors, table);
  for (let i = 0; i < table.rowCount; i += 1) {
    if (!table.isBlank(i)) checkRow(reader.at(i), i);
  }
  if (batch.count && !errors.length) send(batch);
  return { errors, sums: errors.length ? { sums: [], lengths: [], restrained: [] } : sums.data() };
}

/** How many data rows record an episode (for the ids to set aside for them). */
export function countEpisodeRows(data: TableData, index: ColumnIndex): number {
  const table = tableFromData(data);
  const positions = interventionColumns.map((c) => index.get(c)).filter((p) => p !== undefined);
  let count = 0;
  for (let i = 0; i < table.rowCount; i += 1) {
    if (positions.some((p) => table.cell(i, p).trim() !== '')) count += 1;
  }
  return count;
}

function emptyBatch(): RowsBatch {
  return { incidents: [], updatedIncidents: [], people: [], staff: [], codes: [], episodes: [], episodeStaff: [], count: 0 };
}
