import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { DB, IncidentTable, RestrictiveInterventionTable } from '../../db/types.js';
import { bulkInsert } from './bulk.repository.js';
import { scopedIds } from './organisation.repository.js';
import { londonDayRange } from '../../domain/working-days.js';

export interface NewIncident {
  incident: Insertable<IncidentTable>;
  personIds: number[];
  staffIds: number[];
  settingEvents: string[];
  factors: string[];
  interventions: { row: Omit<Insertable<RestrictiveInterventionTable>, 'incident_id'>; staffIds: number[] }[];
}

/** Write an incident and everything recorded with it; returns the new incident's id and its episodes' ids, in order. */
export async function insertIncident(db: Executor, data: NewIncident): Promise<{ id: number; interventionIds: number[] }> {
  const { id } = await db.insertInto('incidents').values(data.incident).returning('id').executeTakeFirstOrThrow();
  await bulkInsert(db, 'incident_people', data.personIds.map((person_id) => ({ incident_id: id, person_id })));
  await bulkInsert(db, 'incident_staff', data.staffIds.map((staff_id) => ({ incident_id: id, staff_id })));
  await bulkInsert(db, 'incident_codes', [
    ...data.settingEvents.map((code) => ({ incident_id: id, kind: 'setting_event' as const, code })),
    ...data.factors.map((code) => ({ incident_id: id, kind: 'factor' as const, code })),
  ]);
  // One insert per episode (their ids come back in order), then every episode's staff in one statement.
  const interventionIds: number[] = [];
  for (const intervention of data.interventions) {
    const inserted = await db.insertInto('restrictive_interventions').values({ ...intervention.row, incident_id: id }).returning('id').executeTakeFirstOrThrow();
    interventionIds.push(inserted.id);
  }
  await bulkInsert(db, 'intervention_staff', data.interventions.flatMap((intervention, i) =>
    intervention.staffIds.map((staff_id) => ({ intervention_id: interventionIds[i]!, staff_id }))));
  return { id, interventionIds };
}

/**
 * Give an incident recorded without a reference one to quote at handover, and to import against later: INC- and its
 * number, or with a letter after it in the unlikely case an imported incident already took that reference.
 */
export async function assignReference(db: Executor, id: number): Promise<string> {
  const base = `INC-${String(id).padStart(6, '0')}`;
  // Nearly always free: one statement takes it, checking as it goes (this runs for every incident recorded).
  const taken = await sql`update incidents set ref = ${base} where id = ${id} and not exists (select 1 from incidents where ref = ${base})`.execute(db);
  if (Number(taken.numAffectedRows ?? 0) === 1) return base;
  const candidates = [base, ...'ABCDEFGHJK'.split('').map((letter) => `${base}-${letter}`)];
  const used = new Set((await db.selectFrom('incidents').select('ref').where('ref', 'in', candidates).execute()).map((r) => r.ref));
  const ref = candidates.find((c) => !used.has(c));
  if (!ref) throw new Error(`No free reference for incident ${id}`);
  await db.updateTable('incidents').set({ ref }).where('id', '=', id).execute();
  return ref;
}

/**
 * What recording an incident checks and shows, in three reads: the service (with its name and region), the people
 * (by name) and the services each staff member works in (staff by name). The orders are the database's own, as
 * reading the incident back would give them.
 */
export async function recordingFacts(db: Executor, serviceId: number, personIds: number[], staffIds: number[]) {
  const service = await db.selectFrom('services').select(['id', 'name', 'region_id']).where('id', '=', serviceId).executeTakeFirst();
  const people = personIds.length
    ? await db.selectFrom('people').select(['id', 'service_id', 'display_name']).where('id', 'in', personIds).orderBy('display_name').execute()
    : [];
  const staff = staffIds.length
    ? await db.selectFrom('staff_services').innerJoin('staff', 'staff.id', 'staff_services.staff_id')
      .select(['staff_services.staff_id', 'staff_services.service_id', 'staff.employment_type', 'staff.name'])
      .where('staff_services.staff_id', 'in', staffIds).orderBy('staff.name').execute()
    : [];
  return { service, people, staff };
}

export async function replaceCodes(db: Executor, incidentId: number, kind: 'setting_event' | 'factor', codes: string[]) {
  await db.deleteFrom('incident_codes').where('incident_id', '=', incidentId).where('kind', '=', kind).execute();
  await bulkInsert(db, 'incident_codes', codes.map((code) => ({ incident_id: incidentId, kind, code })));
}

/** Replace the staff of an incident, or (with `interventionId`) of one of its restrictive interventions. */
export async function replaceStaff(db: Executor, target: { incidentId: number } | { interventionId: number }, staffIds: readonly number[]) {
  if ('incidentId' in target) {
    await db.deleteFrom('incident_staff').where('incident_id', '=', target.incidentId).execute();
    await bulkInsert(db, 'incident_staff', staffIds.map((staff_id) => ({ incident_id: target.incidentId, staff_id })));
  } else {
    await db.deleteFrom('intervention_staff').where('intervention_id', '=', target.interventionId).execute();
    await bulkInsert(db, 'intervention_staff', staffIds.map((staff_id) => ({ intervention_id: target.interventionId, staff_id })));
  }
}

/** The services each person belongs to, and the services each staff member works in. */
export async function membership(db: Executor, personIds: number[], staffIds: number[]) {
  const [people, staff] = await Promise.all([
    personIds.length ? db.selectFrom('people').select(['id', 'service_id']).where('id', 'in', personIds).execute() : [],
    staffIds.length ? db.selectFrom('staff_services').innerJoin('staff', 'staff.id', 'staff_services.staff_id')
      .select(['staff_services.staff_id', 'staff_services.service_id', 'staff.employment_type']).where('staff_services.staff_id', 'in', staffIds).execute() : [],
  ]);
  return { people, staff };
}

const incidentColumns = [
  'incidents.id', 'incidents.ref', 'incidents.service_id', 'services.name as service_name', 'incidents.occurred_at', 'incidents.reported_at',
  'users.name as reported_by', 'incidents.reported_by_user_id', 'incidents.location', 'incidents.antecedent', 'incidents.behaviour',
  'incidents.consequence', 'incidents.harm_physical', 'incidents.harm_psychological', 'incidents.narrative', 'incidents.has_agency_staff',
  'incidents.status',
] as const;

/** One incident with its people, staff, codes, interventions and notes: a fixed number of queries. */
export async function getIncident(db: Executor, id: number) {
  const incident = await db.selectFrom('incidents')
    .innerJoin('services', 'services.id', 'incidents.service_id')
    .leftJoin('users', 'users.id', 'incidents.reported_by_user_id')
    .select(incidentColumns).where('incidents.id', '=', id).executeTakeFirst();
  if (!incident) return undefined;
  const [people, staff, codes, interventions, notes] = await Promise.all([
    db.selectFrom('incident_people').innerJoin('people', 'people.id', 'incident_people.person_id')
      .select(['people.id', 'people.display_name']).where('incident_people.incident_id', '=', id).orderBy('people.display_name').execute(),
    db.selectFrom('incident_staff').innerJoin('staff', 'staff.id', 'incident_staff.staff_id')
      .select(['staff.id', 'staff.name', 'staff.employment_type']).where('incident_staff.incident_id', '=', id).orderBy('staff.name').execute(),
    db.selectFrom('incident_codes').select(['kind', 'code']).where('incident_id', '=', id).orderBy('code').execute(),
    db.selectFrom('restrictive_interventions').selectAll().where('incident_id', '=', id).orderBy('started_at').orderBy('id').execute(),
    db.selectFrom('incident_notes').selectAll().where('incident_id', '=', id).orderBy('id').execute(),
  ]);
  const interventionStaff = interventions.length
    ? await db.selectFrom('intervention_staff').innerJoin('staff', 'staff.id', 'intervention_staff.staff_id')
      .select(['intervention_staff.intervention_id', 'staff.id', 'staff.name', 'staff.employment_type'])
      .where('intervention_staff.intervention_id', 'in', interventions.map((i) => i.id)).orderBy('staff.name').execute()
    : [];
  return { incident, people, staff, codes, interventions, interventionStaff, notes };
}
export type IncidentAggregate = NonNullable<Awaited<ReturnType<typeof getIncident>>>;

export interface IncidentFilter {
  scope: 'all' | readonly number[];
  serviceId?: number;
  personId?: number;
  status?: string;
  from?: string;
  to?: string;
  hasIntervention?: boolean;
  /** Only incidents this user reported. */
  reportedBy?: number;
  limit: number;
  offset: number;
}

/** A page of incidents, newest first, with counts of interventions; set-based, no per-row queries. */
export async function listIncidents(db: Executor, f: IncidentFilter) {
  let query = db.selectFrom('incidents').innerJoin('services', 'services.id', 'incidents.service_id');
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('incidents.service_id', 'in', ids);
  if (f.serviceId) query = query.where('incidents.service_id', '=', f.serviceId);
  if (f.personId) query = query.where((eb) => eb.exists(eb.selectFrom('incident_people').select('incident_people.incident_id')
    .whereRef('incident_people.incident_id', '=', 'incidents.id').where('incident_people.person_id', '=', f.personId!)));
  if (f.status) query = query.where('incidents.status', '=', f.status);
  // Days in England: from the start of `from` to the end of `to`.
  const { fromAt, beforeAt } = londonDayRange(f.from, f.to);
  if (fromAt) query = query.where('incidents.occurred_at', '>=', fromAt);
  if (beforeAt) query = query.where('incidents.occurred_at', '<', beforeAt);
  if (f.reportedBy !== undefined) query = query.where('incidents.reported_by_user_id', '=', f.reportedBy);
  if (f.hasIntervention !== undefined) {
    query = query.where((eb) => {
      const exists = eb.exists(eb.selectFrom('restrictive_interventions').select('restrictive_interventions.id').whereRef('restrictive_interventions.incident_id', '=', 'incidents.id'));
      return f.hasIntervention ? exists : eb.not(exists);
    });
  }
  const [rows, count] = await Promise.all([
    query.select([
      'incidents.id', 'incidents.ref', 'incidents.service_id', 'services.name as service_name', 'incidents.occurred_at', 'incidents.harm_physical',
      'incidents.harm_psychological', 'incidents.status', 'incidents.location',
      (eb) => eb.selectFrom('restrictive_interventions').select((e) => e.fn.countAll<number>().as('n')).whereRef('restrictive_interventions.incident_id', '=', 'incidents.id').as('intervention_count'),
    ]).orderBy('incidents.occurred_at', 'desc').orderBy('incidents.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const people = rows.length
    ? await db.selectFrom('incident_people').innerJoin('people', 'people.id', 'incident_people.person_id')
      .select(['incident_people.incident_id', 'people.id', 'people.display_name']).where('incident_people.incident_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return { rows, people, total: count.n };
}

/** Change the given columns of one of an incident's episodes. */
export async function updateIntervention(db: Executor, incidentId: number, interventionId: number, set: Updateable<RestrictiveInterventionTable>) {
  await db.updateTable('restrictive_interventions').set(set).where('id', '=', interventionId).where('incident_id', '=', incidentId).execute();
}

export async function addNote(db: Executor, note: Insertable<DB['incident_notes']>) {
  await db.insertInto('incident_notes').values(note).execute();
}
