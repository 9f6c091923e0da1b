import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { fromFlag } from '../../db/connection.js';

type Scope = 'all' | readonly number[];

/** Narrow a query on a service id column to the caller's scope; an empty scope matches nothing. */
export function scopedIds(scope: Scope): readonly number[] | null {
  return scope === 'all' ? null : scope.length ? scope : [-1];
}

export async function getOrganisation(db: Executor) {
  return db.selectFrom('organisation').select(['id', 'name', 'is_demo']).orderBy('id').executeTakeFirst();
}

export async function serviceNames(db: Executor, scope: Scope) {
  let query = db.selectFrom('services').select(['id', 'name']).orderBy('name');
  const ids = scopedIds(scope);
  if (ids) query = query.where('id', 'in', ids);
  return query.execute();
}

export async function listRegions(db: Executor) {
  return db
    .selectFrom('regions')
    .leftJoin('services', 'services.region_id', 'regions.id')
    .select(['regions.id', 'regions.name', (eb) => eb.fn.count<number>('services.id').as('serviceCount')])
    .groupBy(['regions.id', 'regions.name'])
    .orderBy('regions.name')
    .execute();
}

export async function listCommissioners(db: Executor) {
  return db.selectFrom('commissioners').select(['id', 'name']).orderBy('name').execute();
}

export interface ServiceFilter { scope: Scope; regionId?: number; q?: string; limit: number; offset: number }

export async function listServices(db: Executor, f: ServiceFilter) {
  let query = db.selectFrom('services').innerJoin('regions', 'regions.id', 'services.region_id');
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('services.id', 'in', ids);
  if (f.regionId) query = query.where('services.region_id', '=', f.regionId);
  if (f.q) query = query.where('services.name', 'like', `%${f.q}%`);
  const [rows, count] = await Promise.all([
    query
      .select([
        'services.id', 'services.ref', 'services.name', 'services.type', 'services.region_id', 'services.capacity',
        'services.registration_number', 'regions.name as region_name',
      ])
      .orderBy('services.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const commissioners = await commissionersFor(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, commissioners: commissioners.get(r.id) ?? [] })), total: count.n };
}

async function commissionersFor(db: Executor, serviceIds: number[]) {
  const map = new Map<number, { id: number; name: string }[]>();
  if (!serviceIds.length) return map;
  const rows = await db
    .selectFrom('service_commissioners')
    .innerJoin('commissioners', 'commissioners.id', 'service_commissioners.commissioner_id')
    .select(['service_commissioners.service_id', 'commissioners.id', 'commissioners.name'])
    .where('service_commissioners.service_id', 'in', serviceIds)
    .orderBy('commissioners.name')
    .execute();
  for (const r of rows) {
    const list = map.get(r.service_id) ?? [];
    list.push({ id: r.id, name: r.name });
    map.set(r.service_id, list);
  }
  return map;
}

export async function getService(db: Executor, id: number) {
  const row = await db
    .selectFrom('services')
    .innerJoin('regions', 'regions.id', 'services.region_id')
    .select([
      'services.id', 'services.ref', 'services.name', 'services.type', 'services.region_id', 'services.capacity',
      'services.registration_number', 'regions.name as region_name',
    ])
    .where('services.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const commissioners = await commissionersFor(db, [id]);
  return { ...row, commissioners: commissioners.get(id) ?? [] };
}

export async function setServiceCommissioners(db: Executor, serviceId: number, commissionerIds: readonly number[]) {
  await db.deleteFrom('service_commissioners').where('service_id', '=', serviceId).execute();
  if (commissionerIds.length) {
    await db
      .insertInto('service_commissioners')
      .values([...new Set(commissionerIds)].map((commissioner_id) => ({ service_id: serviceId, commissioner_id })))
      .execute();
  }
}

export async function existingIds(db: Executor, table: 'services' | 'regions' | 'commissioners' | 'staff', ids: readonly number[]) {
  if (!ids.length) return new Set<number>();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

export interface PeopleFilter { scope: Scope; serviceId?: number; q?: string; includeEnded: boolean; limit: number; offset: number }

const personColumns = [
  'people.id', 'people.ref', 'people.display_name', 'people.service_id', 'people.learning_disability', 'people.autism',
  'people.legal_status', 'people.start_date', 'people.end_date', 'services.name as service_name',
] as const;

export async function listPeople(db: Executor, f: PeopleFilter) {
  let query = db.selectFrom('people').innerJoin('services', 'services.id', 'people.service_id');
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('people.service_id', 'in', ids);
  if (f.serviceId) query = query.where('people.service_id', '=', f.serviceId);
  if (f.q) query = query.where((eb) => eb.or([eb('people.display_name', 'like', `%${f.q}%`), eb('people.ref', 'like', `%${f.q}%`)]));
  if (!f.includeEnded) query = query.where('people.end_date', 'is', null);
  const [rows, count] = await Promise.all([
    query.select(personColumns).orderBy('people.display_name').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function getPerson(db: Executor, id: number) {
  return db
    .selectFrom('people')
    .innerJoin('services', 'services.id', 'people.service_id')
    .select(personColumns)
    .where('people.id', '=', id)
    .executeTakeFirst();
}

export type PersonListRow = Awaited<ReturnType<typeof getPerson>> & object;

export function presentFlags<T extends { learning_disability: number; autism: number }>(row: T) {
  return { ...row, learning_disability: fromFlag(row.learning_disability), autism: fromFlag(row.autism) };
}

export interface StaffFilter { scope: Scope; serviceId?: number; q?: string; limit: number; offset: number }

export async function listStaff(db: Executor, f: StaffFilter) {
  let query = db.selectFrom('staff');
  const ids = scopedIds(f.scope);
  const serviceIds = f.serviceId ? (ids ? ids.filter((i) => i === f.serviceId) : [f.serviceId]) : ids;
  if (serviceIds) {
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('staff_services').select('staff_services.staff_id')
          .whereRef('staff_services.staff_id', '=', 'staff.id')
          .where('staff_services.service_id', 'in', serviceIds.length ? serviceIds : [-1]),
      ),
    );
  }
  if (f.q) query = query.where('staff.name', 'like', `%${f.q}%`);
  const [rows, count] = await Promise.all([
    query.select(['staff.id', 'staff.ref', 'staff.name', 'staff.job_title', 'staff.employment_type', 'staff.active'])
      .orderBy('staff.name').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const services = await servicesOfStaff(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, services: services.get(r.id) ?? [] })), total: count.n };
}

export async function servicesOfStaff(db: Executor, staffIds: number[]) {
  const map = new Map<number, { id: number; name: string }[]>();
  if (!staffIds.length) return map;
  const rows = await db
    .selectFrom('staff_services')
    .innerJoin('services', 'services.id', 'staff_services.service_id')
    .select(['staff_services.staff_id', 'services.id', 'services.name'])
    .where('staff_services.staff_id', 'in', staffIds)
    .orderBy('services.name')
    .execute();
  for (const r of rows) {
    const list = map.get(r.staff_id) ?? [];
    list.push({ id: r.id, name: r.name });
    map.set(r.staff_id, list);
  }
  return map;
}

export async function getStaff(db: Executor, id: number) {
  const row = await db
    .selectFrom('staff')
    .select(['id', 'ref', 'name', 'job_title', 'employment_type', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const services = await servicesOfStaff(db, [id]);
  return { ...row, services: services.get(id) ?? [] };
}

export async function setStaffServices(db: Executor, staffId: number, serviceIds: readonly number[]) {
  await db.deleteFrom('staff_services').where('staff_id', '=', staffId).execute();
  if (serviceIds.length) {
    await db.insertInto('staff_services')
      .values([...new Set(serviceIds)].map((service_id) => ({ staff_id: staffId, service_id })))
      .execute();
  }
}

export async function occupancyByMonth(db: Executor, serviceId: number, from: string, to: string) {
  const month = sql<string>`substr(date, 1, 7)`;
  return db
    .selectFrom('occupancy')
    .select([month.as('month'), (eb) => eb.fn.sum<number>('occupied_days').as('occupiedDays'), (eb) => eb.fn.countAll<number>().as('daysRecorded')])
    .where('service_id', '=', serviceId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy(month)
    .orderBy(month)
    .execute();
}

export async function occupancyOn(db: Executor, serviceId: number, dates: readonly string[]) {
  if (!dates.length) return [];
  return db.selectFrom('occupancy').select(['date', 'occupied_days']).where('service_id', '=', serviceId).where('date', 'in', [...dates]).execute();
}

export async function upsertOccupancy(db: Executor, rows: { service_id: number; date: string; occupied_days: number }[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('occupancy')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['service_id', 'date']).doUpdateSet((eb) => ({ occupied_days: eb.ref('excluded.occupied_days') })))
      .execute();
  }
}
