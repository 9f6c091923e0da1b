// Incidents: one row per restrictive intervention episode; rows sharing incident_ref are one incident, whose
// own columns are read from its first row (later rows must agree or leave them blank). The rules are those of
// recording an incident by hand (incidents.service.ts), checked for the whole file; the file is written only if
// every row is right (complete incidents are written as the check goes, and rolled back if a later row is wrong).
import { nowIso, toFlag } from '../../db/connection.js';
import type { DB } from '../../db/types.js';
import { durationMinutes } from '../../domain/incidents.js';
import {
  incidentLevelColumns, readIncidentRow, readInterventionRow, type IncidentImportRow, type InterventionImportRow, RowReader,
} from '../../domain/imports.js';
import * as repo from './imports.repository.js';
import { serviceRegions } from '../repositories/rollups.repository.js';
import { IncidentRollups, type IncidentForRollup } from '../services/measures.service.js';
import { currentFacts, removeReplacedContributions } from './incident-rollups.js';
import { checkExistingInScope, collectRefs, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

// The same allowances as recording by hand.
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_EPISODE_MS = 31 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** The tables an incidents import writes. */
const INCIDENT_TABLES = ['incidents', 'incident_people', 'incident_staff', 'incident_codes', 'restrictive_interventions', 'intervention_staff'];
/** Fewer new incidents than this are added to the indexes as they go, however empty the tables. */
const BULK_LOAD_MIN = 1000;
/** Complete incidents are written this many at a time, while later rows are still being checked. */
export const WRITE_BATCH = 2000;
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
  id: number;
  isUpdate: boolean;
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

/**
 * Check every row of an incidents file; unless it is a dry run, write each incident as soon as its last row has been
 * checked, a batch at a time, so that what has been written can be forgotten (rather than a whole file's incidents
 * living in memory until the end, for the garbage collector to copy about). A file with any error is written no
 * further, and the import's transaction, which is rolled back, takes back what was.
 */
export async function planIncidents(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect, index, sqlite, table, errors } = input;
  const latest = input.now.getTime() + CLOCK_SKEW_MS;
  // Where each incident's last row is: it is complete, and can be written, once that row has been checked.
  const lastRowOf = new Map<string, number>();
  const refPosition = index.get('incident_ref');
  if (refPosition !== undefined) {
    for (let i = 0; i < table.rowCount; i += 1) {
      const ref = table.cell(i, refPosition).trim();
      if (ref) lastRowOf.set(ref, i);
    }
  }
  const staffRefs = [...new Set([...collectRefs(input, 'staff_refs', true), ...collectRefs(input, 'intervention_staff_refs', true)])];
  const [services, people, staff, existingIncidents] = await Promise.all([
    ServiceRefs.load(input, collectRefs(input, 'service_ref')),
    repo.peopleByRef(trx, collectRefs(input, 'person_ref', true)),
    repo.staffByRef(trx, staffRefs),
    repo.incidentsByRef(trx, [...lastRowOf.keys()]),
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
  const updated = existing.size;
  const created = lastRowOf.size - updated;
  const positions = incidentLevelColumns.map((c) => [c, index.get(c)] as const).filter((p): p is readonly [typeof p[0], number] => p[1] !== undefined);

  // Ids of new incidents, handed out in the order incidents first appear.
  const fresh = await repo.allocateIds(trx, dialect, 'incidents', input.isDryRun ? 0 : created);
  // A first load of history (at least as many new incidents as were ever recorded) builds the tables' indexes
  // afterwards, once and sorted, rather than adding every row to every index as it goes.
  const isFirstLoad = sqlite !== undefined && created >= BULK_LOAD_MIN && fresh[0]! - 1 <= created;
  const writer = input.isDryRun ? null : new IncidentWriter(input, isFirstLoad, [...existing.values()].map((i) => i.id), isAgency);
  let nextFresh = 0;
  /** Incidents whose last row is still to come. */
  const open = new Map<string, IncidentGroup>();
  /** Complete incidents waiting to be written. */
  let complete: IncidentGroup[] = [];

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

  const checkRow = (r: RowReader, dataRow: number) => {
    const ref = r.ref('incident_ref');
    if (!ref) return;
    let group = open.get(ref);
    if (!group) {
      const incident = readIncidentRow(r);
      const serviceId = services.resolve(r, 'service_ref', incident.serviceRef);
      const before = existing.get(ref);
      checkExistingInScope(r, 'incident_ref', actor, before?.service_id, 'incident');
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
        id: before?.id ?? fresh[nextFresh++] ?? 0, isUpdate: before !== undefined,
        firstRow: r.row, firstDataRow: dataRow, incident, occurredMs, serviceId, personIds,
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
    }
    if (lastRowOf.get(ref) === dataRow) {
      open.delete(ref);
      // Once a row is wrong nothing more is written (the transaction is rolled back), so nothing need be kept.
      if (writer && !errors.length) complete.push(group);
    }
  };

  const reader = new RowReader(index, errors, table);
  for (let i = 0; i < table.rowCount; i += 1) {
    if (table.isBlank(i)) continue;
    checkRow(reader.at(i), i);
    if (complete.length >= WRITE_BATCH) {
      if (!errors.length) await writer!.write(complete);
      complete = [];
    }
  }

  return {
    created,
    updated,
    async write() {
      await writer?.write(complete);
      await writer?.finish();
    },
  };
}

/** Writes complete incidents in batches inside the import's transaction, and keeps the rollups in step. */
class IncidentWriter {
  private readonly now = nowIso();
  private hasStarted = false;
  private rebuildIndexes: (() => void) | null = null;
  private regionOf = new Map<number, number>();
  /** What re-imported incidents contributed to the rollups before the import, read before anything changed. */
  private before: IncidentForRollup[] = [];
  /** The imported incidents' contributions, added up batch by batch and written at the end. */
  private readonly rollups = new IncidentRollups();

  constructor(
    private readonly input: PlanInput, private readonly isFirstLoad: boolean, private readonly replaced: readonly number[],
    private readonly isAgency: (staffId: number) => boolean,
  ) {}

  private async start(): Promise<void> {
    const { trx, sqlite } = this.input;
    this.hasStarted = true;
    this.before = await currentFacts(trx, this.replaced);
    // A re-imported incident's people, staff, codes and episodes are replaced by the file's.
    if (this.replaced.length) {
      for (const child of ['incident_people', 'incident_staff', 'incident_codes', 'restrictive_interventions'] as const) {
        await repo.deleteChildren(trx, child, 'incident_id', this.replaced);
      }
    }
    if (this.isFirstLoad && sqlite) this.rebuildIndexes = repo.setIndexesAside(sqlite, INCIDENT_TABLES);
    this.regionOf = await serviceRegions(trx);
  }

  async write(groups: readonly IncidentGroup[]): Promise<void> {
    if (!groups.length) return;
    if (!this.hasStarted) await this.start();
    const { trx, dialect, sqlite } = this.input;
    const { now, isAgency } = this;
    const incidentRow = (g: IncidentGroup) => {
      const { incident } = g;
      return [
        g.id, incident.ref, g.serviceId, incident.occurredAt, incident.reportedAt ?? incident.occurredAt, null, incident.location, incident.antecedent,
        incident.behaviour, incident.consequence, incident.harmPhysical, incident.harmPsychological, incident.narrative,
        toFlag(g.staffIds.some(isAgency) || g.interventions.some((e) => e.staffIds.some(isAgency))), 'submitted', now, now,
      ];
    };
    // New incidents go in by plain insert: on SQLite an upsert journals each statement, several times slower.
    await repo.insertRows(trx, dialect, incidentRows, (emit) => {
      for (const g of groups) if (!g.isUpdate) emit(incidentRow(g));
    }, [], sqlite);
    await repo.insertRows(trx, dialect, incidentRows, (emit) => {
      for (const g of groups) if (g.isUpdate) emit(incidentRow(g));
    }, [
      'service_id', 'occurred_at', 'reported_at', 'location', 'antecedent', 'behaviour', 'consequence', 'harm_physical', 'harm_psychological',
      'narrative', 'has_agency_staff', 'updated_at',
    ], sqlite);
    await repo.insertRows(trx, dialect, pairRows('incident_people', 'incident_id', 'person_id'), (emit) => {
      for (const g of groups) for (const personId of g.personIds) emit([g.id, personId]);
    }, [], sqlite);
    await repo.insertRows(trx, dialect, pairRows('incident_staff', 'incident_id', 'staff_id'), (emit) => {
      for (const g of groups) for (const staffId of g.staffIds) emit([g.id, staffId]);
    }, [], sqlite);
    await repo.insertRows(trx, dialect, codeRows, (emit) => {
      for (const g of groups) {
        for (const code of g.incident.settingEvents) emit([g.id, 'setting_event', code]);
        for (const code of g.incident.contributoryFactors) emit([g.id, 'factor', code]);
      }
    }, [], sqlite);

    // An episode is about the incident's person when it has just one (as recording by hand decides).
    const personOf = (g: IncidentGroup) => (g.personIds.length === 1 ? g.personIds[0]! : null);
    // Every episode once, in file order within its incident: the order its ids are given and its rows written in.
    const episodes = groups.flatMap((g) => g.interventions.map((episode) => ({ g, episode })));
    const episodeIds = await repo.allocateIds(trx, dialect, 'restrictive_interventions', episodes.length);
    await repo.insertRows(trx, dialect, episodeRows, (emit) => episodes.forEach(({ g, episode: { row, durationMinutes: minutes } }, e) => emit([
      episodeIds[e], g.id, g.serviceId, personOf(g), row.typeCode, row.reasonCode, row.startedAt, row.endedAt, minutes,
      toFlag(row.isPlanned!), '', toFlag(row.injuryPerson), toFlag(row.injuryStaff), 0,
      toFlag(row.debriefPerson!), row.debriefPerson ? null : DEBRIEF_REASON_NOT_IMPORTED,
      toFlag(row.debriefStaff!), row.debriefStaff ? null : DEBRIEF_REASON_NOT_IMPORTED,
    ])), [], sqlite);
    await repo.insertRows(trx, dialect, pairRows('intervention_staff', 'intervention_id', 'staff_id'), (emit) => episodes.forEach(({ episode }, e) => {
      for (const staffId of episode.staffIds) emit([episodeIds[e], staffId]);
    }), [], sqlite);

    // The rollups change in the same transaction, by just these incidents' contributions.
    this.rollups.add(groups.map((g) => ({
      serviceId: g.serviceId!, regionId: this.regionOf.get(g.serviceId!)!, occurredAt: g.incident.occurredAt!, harmPhysical: g.incident.harmPhysical!,
      harmPsychological: g.incident.harmPsychological!, personIds: g.personIds,
      interventions: g.interventions.map(({ row, durationMinutes: minutes }) => ({ personId: personOf(g), typeCode: row.typeCode!, startedAt: row.startedAt!, durationMinutes: minutes })),
    })));
  }

  /** After the last batch: build any indexes set aside, and replace what re-imported incidents used to contribute by what all the imported ones do. */
  async finish(): Promise<void> {
    if (!this.hasStarted) return;
    this.rebuildIndexes?.();
    await this.rollups.apply(this.input.trx);
    await removeReplacedContributions(this.input.trx, this.before, this.rollups.restrainedMonths);
  }
}
