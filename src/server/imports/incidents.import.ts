// Incidents: one row per restrictive intervention episode; rows sharing incident_ref are one incident, whose
// own columns are read from its first row (later rows must agree or leave them blank). The rules are those of
// recording an incident by hand (incidents.service.ts), checked for the whole file before anything is written.
import { nowIso, toFlag } from '../../db/connection.js';
import type { DB } from '../../db/types.js';
import { durationMinutes } from '../../domain/incidents.js';
import {
  incidentLevelColumns, readIncidentRow, readInterventionRow, type IncidentImportRow, type InterventionImportRow, type RowReader,
} from '../../domain/imports.js';
import * as repo from './imports.repository.js';
import { serviceRegions } from '../repositories/rollups.repository.js';
import type { IncidentForRollup } from '../services/measures.service.js';
import { currentFacts, replaceIncidentContributions } from './incident-rollups.js';
import { checkExistingInScope, collectRefs, eachRow, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

// The same allowances as recording by hand.
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_EPISODE_MS = 31 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** The tables an incidents import writes. */
const INCIDENT_TABLES = ['incidents', 'incident_people', 'incident_staff', 'incident_codes', 'restrictive_interventions', 'intervention_staff'];
/** Fewer new incidents than this are added to the indexes as they go, however empty the tables. */
const BULK_LOAD_MIN = 1000;
/** What an imported episode says when the file records that no debrief was held but not why. */
export const DEBRIEF_REASON_NOT_IMPORTED = 'Not recorded in import';

// The column order of the rows written for each table.
const incidentRows: repo.RowsSpec<'incidents'> = {
  table: 'incidents',
  columns: [
    ['id', 'integer'], ['ref', 'text'], ['service_id', 'integer'], ['occurred_at', 'text'], ['reported_at', 'text'], ['reported_by_user_id', 'integer'],
    ['location', 'text'], ['antecedent', 'text'], ['behaviour', 'text'], ['consequence', 'text'], ['harm_physical', 'text'],
    ['harm_psychological', 'text'], ['narrative', 'text'], ['has_agency_staff', 'integer'], ['status', 'text'], ['created_at', 'text'], ['updated_at', 'text'],
  ],
};
const episodeRows: repo.RowsSpec<'restrictive_interventions'> = {
  table: 'restrictive_interventions',
  columns: [
    ['id', 'integer'], ['incident_id', 'integer'], ['service_id', 'integer'], ['person_id', 'integer'], ['type_code', 'text'], ['reason_code', 'text'],
    ['started_at', 'text'], ['ended_at', 'text'], ['duration_minutes', 'integer'], ['is_planned', 'integer'], ['deescalation_tried', 'text'],
    ['injury_person', 'integer'], ['injury_staff', 'integer'], ['injury_others', 'integer'], ['debrief_person', 'integer'],
    ['debrief_person_reason', 'text'], ['debrief_staff', 'integer'], ['debrief_staff_reason', 'text'],
  ],
};
const codeRows: repo.RowsSpec<'incident_codes'> = { table: 'incident_codes', columns: [['incident_id', 'integer'], ['kind', 'text'], ['code', 'text']] };
function pairRows<T extends 'incident_people' | 'incident_staff' | 'intervention_staff'>(table: T, left: keyof DB[T] & string, right: keyof DB[T] & string): repo.RowsSpec<T> {
  return { table, columns: [[left, 'integer'], [right, 'integer']] };
}

/** An incident and its episodes as read from the file. Its id lists are distinct: a list cell names each reference once. */
interface IncidentGroup {
  firstRow: number;
  /** The first row's index among the table's data rows, to compare later rows with. */
  firstDataRow: number;
  incident: IncidentImportRow;
  /** When it occurred, in milliseconds since the epoch; null when the cell is bad. */
  occurredMs: number | null;
  serviceId: number | null;
  personIds: number[];
  staffIds: number[];
  interventions: { row: InterventionImportRow; staffIds: number[]; durationMinutes: number }[];
}

export async function planIncidents(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect, index, sqlite, table } = input;
  const latest = input.now.getTime() + CLOCK_SKEW_MS;
  const staffRefs = [...new Set([...collectRefs(input, 'staff_refs', true), ...collectRefs(input, 'intervention_staff_refs', true)])];
  const [services, people, staff, existingIncidents] = await Promise.all([
    ServiceRefs.load(input, collectRefs(input, 'service_ref')),
    repo.peopleByRef(trx, collectRefs(input, 'person_ref', true)),
    repo.staffByRef(trx, staffRefs),
    repo.incidentsByRef(trx, collectRefs(input, 'incident_ref')),
  ]);
  const personByRef = new Map(people.map((p) => [p.ref, p]));
  const staffByRef = new Map(staff.map((s) => [s.ref!, s]));
  const agencyStaff = new Set(staff.filter((s) => s.employment_type === 'agency').map((s) => s.id));
  const isAgency = (staffId: number) => agencyStaff.has(staffId);
  const staffAt = new Map<number, Set<number>>();
  for (const link of await repo.staffServices(trx, staff.map((s) => s.id))) {
    const services = staffAt.get(link.staff_id);
    if (services) services.add(link.service_id);
    else staffAt.set(link.staff_id, new Set([link.service_id]));
  }
  const existing = new Map(existingIncidents.map((i) => [i.ref!, i]));
  const positions = incidentLevelColumns.map((c) => [c, index.get(c)] as const).filter((p): p is readonly [typeof p[0], number] => p[1] !== undefined);

  const groups = new Map<string, IncidentGroup>();

  const resolveStaff = (r: RowReader, column: string, refs: readonly string[], serviceId: number | null): number[] => {
    const ids: number[] = [];
    for (const ref of refs) {
      const member = staffByRef.get(ref);
      if (!member) r.error(column, `No such staff member: ${ref}`);
      else if (serviceId !== null && !staffAt.get(member.id)?.has(serviceId)) r.error(column, `${ref} does not work at this service`);
      else ids.push(member.id);
    }
    return ids;
  };

  eachRow(input, (r, dataRow) => {
    const ref = r.ref('incident_ref');
    if (!ref) return;
    let group = groups.get(ref);
    if (!group) {
      const incident = readIncidentRow(r);
      const serviceId = services.resolve(r, 'service_ref', incident.serviceRef);
      checkExistingInScope(r, 'incident_ref', actor, existing.get(ref)?.service_id, 'incident');
      const occurredMs = incident.occurredAt ? Date.parse(incident.occurredAt) : null;
      if (occurredMs !== null && occurredMs > latest) r.error('occurred_at', 'This is in the future');
      const personIds: number[] = [];
      for (const personRef of incident.personRefs) {
        const person = personByRef.get(personRef);
        if (!person) r.error('person_ref', `No such person: ${personRef}`);
        else if (serviceId !== null && person.service_id !== serviceId) r.error('person_ref', `${personRef} is not supported by this service`);
        else personIds.push(person.id);
      }
      group = {
        firstRow: r.row, firstDataRow: dataRow, incident, occurredMs, serviceId, personIds,
        staffIds: resolveStaff(r, 'staff_refs', incident.staffRefs, serviceId), interventions: [],
      };
      groups.set(ref, group);
    } else {
      for (const [column, position] of positions) {
        const cell = table.cell(dataRow, position).trim();
        if (cell && cell !== table.cell(group.firstDataRow, position).trim()) {
          r.error(column, `Differs from row ${group.firstRow}, the first row of incident ${ref}`);
        }
      }
    }
    const episode = readInterventionRow(r);
    if (!episode) return;
    const occurred = group.occurredMs;
    let minutes = 0;
    if (episode.startedAt && episode.endedAt) {
      const start = Date.parse(episode.startedAt);
      const end = Date.parse(episode.endedAt);
      minutes = durationMinutes(episode.startedAt, episode.endedAt);
      if (end - start > MAX_EPISODE_MS) r.error('intervention_ended_at', 'An episode cannot last more than 31 days; record long-term segregation as separate episodes');
      if (end > latest) r.error('intervention_ended_at', 'This is in the future');
      if (occurred !== null && start < occurred - DAY_MS) r.error('intervention_started_at', 'This is more than a day before the incident');
    }
    group.interventions.push({ row: episode, staffIds: resolveStaff(r, 'intervention_staff_refs', episode.staffRefs, group.serviceId), durationMinutes: minutes });
  });

  const incidents = [...groups.entries()];
  const updated = incidents.filter(([ref]) => existing.has(ref)).length;
  const created = incidents.length - updated;

  return {
    created,
    updated,
    async write() {
      const now = nowIso();
      const fresh = await repo.allocateIds(trx, dialect, 'incidents', created);
      let next = 0;
      const ids = incidents.map(([ref]) => existing.get(ref)?.id ?? fresh[next++]!);
      const isUpdate = incidents.map(([ref]) => existing.has(ref));
      const eachIncident = (visit: (g: IncidentGroup, id: number, i: number) => void) => {
        for (let i = 0; i < incidents.length; i += 1) visit(incidents[i]![1], ids[i]!, i);
      };
      // What re-imported incidents contribute to the rollups now, read before anything changes, to be taken out.
      const replaced = ids.filter((_, i) => isUpdate[i]);
      const before = await currentFacts(trx, replaced);
      const incidentRow = (g: IncidentGroup, id: number) => {
        const { incident } = g;
        return [
          id, incident.ref, g.serviceId, incident.occurredAt, incident.reportedAt ?? incident.occurredAt, null, incident.location, incident.antecedent,
          incident.behaviour, incident.consequence, incident.harmPhysical, incident.harmPsychological, incident.narrative,
          toFlag(g.staffIds.some(isAgency) || g.interventions.some((e) => e.staffIds.some(isAgency))), 'submitted', now, now,
        ];
      };
      // A re-imported incident's people, staff, codes and episodes are replaced by the file's.
      if (replaced.length) {
        for (const child of ['incident_people', 'incident_staff', 'incident_codes', 'restrictive_interventions'] as const) {
          await repo.deleteChildren(trx, child, 'incident_id', replaced);
        }
      }
      // A first load of history (at least as many new incidents as were ever recorded) builds the tables' indexes
      // afterwards, once and sorted, rather than adding every row to every index as it goes.
      const rebuildIndexes = sqlite && created >= BULK_LOAD_MIN && fresh[0]! - 1 <= created ? repo.setIndexesAside(sqlite, INCIDENT_TABLES) : null;
      // New incidents go in by plain insert: on SQLite an upsert journals each statement, several times slower.
      await repo.insertRows(trx, dialect, incidentRows, (emit) => eachIncident((g, id, i) => {
        if (!isUpdate[i]) emit(incidentRow(g, id));
      }), [], sqlite);
      await repo.insertRows(trx, dialect, incidentRows, (emit) => eachIncident((g, id, i) => {
        if (isUpdate[i]) emit(incidentRow(g, id));
      }), [
        'service_id', 'occurred_at', 'reported_at', 'location', 'antecedent', 'behaviour', 'consequence', 'harm_physical', 'harm_psychological',
        'narrative', 'has_agency_staff', 'updated_at',
      ], sqlite);

      await repo.insertRows(trx, dialect, pairRows('incident_people', 'incident_id', 'person_id'), (emit) => eachIncident((g, id) => {
        for (const personId of g.personIds) emit([id, personId]);
      }), [], sqlite);
      await repo.insertRows(trx, dialect, pairRows('incident_staff', 'incident_id', 'staff_id'), (emit) => eachIncident((g, id) => {
        for (const staffId of g.staffIds) emit([id, staffId]);
      }), [], sqlite);
      await repo.insertRows(trx, dialect, codeRows, (emit) => eachIncident((g, id) => {
        for (const code of g.incident.settingEvents) emit([id, 'setting_event', code]);
        for (const code of g.incident.contributoryFactors) emit([id, 'factor', code]);
      }), [], sqlite);

      // An episode is about the incident's person when it has just one (as recording by hand decides).
      const personOf = (g: IncidentGroup) => (g.personIds.length === 1 ? g.personIds[0]! : null);
      // Every episode once, in file order, with its incident: the order its ids are given and its rows written in.
      const episodes = incidents.flatMap(([, g], i) => g.interventions.map((episode) => ({ g, incidentId: ids[i]!, episode })));
      const episodeIds = await repo.allocateIds(trx, dialect, 'restrictive_interventions', episodes.length);
      await repo.insertRows(trx, dialect, episodeRows, (emit) => episodes.forEach(({ g, incidentId, episode: { row, durationMinutes: minutes } }, e) => emit([
        episodeIds[e], incidentId, g.serviceId, personOf(g), row.typeCode, row.reasonCode, row.startedAt, row.endedAt, minutes,
        toFlag(row.isPlanned!), '', toFlag(row.injuryPerson), toFlag(row.injuryStaff), 0,
        toFlag(row.debriefPerson!), row.debriefPerson ? null : DEBRIEF_REASON_NOT_IMPORTED,
        toFlag(row.debriefStaff!), row.debriefStaff ? null : DEBRIEF_REASON_NOT_IMPORTED,
      ])), [], sqlite);
      await repo.insertRows(trx, dialect, pairRows('intervention_staff', 'intervention_id', 'staff_id'), (emit) => episodes.forEach(({ episode }, e) => {
        for (const staffId of episode.staffIds) emit([episodeIds[e], staffId]);
      }), [], sqlite);
      rebuildIndexes?.();
      // The rollups change in the same transaction, by just these incidents' contributions.
      const regionOf = await serviceRegions(trx);
      const after: IncidentForRollup[] = incidents.map(([, g]) => ({
        serviceId: g.serviceId!, regionId: regionOf.get(g.serviceId!)!, occurredAt: g.incident.occurredAt!, harmPhysical: g.incident.harmPhysical!,
        harmPsychological: g.incident.harmPsychological!, personIds: g.personIds,
        interventions: g.interventions.map(({ row, durationMinutes: minutes }) => ({ personId: personOf(g), typeCode: row.typeCode!, startedAt: row.startedAt!, durationMinutes: minutes })),
      }));
      await replaceIncidentContributions(trx, before, after);
    },
  };
}
