import { nowIso } from '../../db/connection.js';
import type { ServiceInput } from '../../domain/organisation.js';
import { conflict, invalid, notFound } from '../errors.js';
import { assertInScope, authorize, can, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/organisation.repository.js';
import { presentService, presentServiceSummary } from '../presenters/organisation.presenter.js';
import { applyOccupancyChange } from './measures.service.js';

export async function getOrganisation(ctx: Context) {
  authorize(ctx.actor, 'read', 'organisation');
  const org = await repo.getOrganisation(ctx.database.db);
  if (!org) throw notFound('organisation');
  return { id: org.id, name: org.name, isDemo: org.is_demo === 1 };
}

export async function renameOrganisation(ctx: Context, name: string) {
  authorize(ctx.actor, 'update', 'organisation');
  return inTransaction(ctx, async (trx) => {
    const org = await repo.getOrganisation(trx);
    if (!org) throw notFound('organisation');
    await trx.updateTable('organisation').set({ name }).where('id', '=', org.id).execute();
    await audit(trx, ctx, { action: 'update', kind: 'organisation', id: org.id, summary: 'renamed' });
    return { id: org.id, name, isDemo: org.is_demo === 1 };
  });
}

/** The names of the services in the caller's scope, for menus and pickers. */
export async function myServices(ctx: Context) {
  return repo.serviceNames(ctx.database.db, serviceScope(ctx.actor));
}

export async function listRegions(ctx: Context) {
  authorize(ctx.actor, 'read', 'region');
  const rows = await repo.listRegions(ctx.database.db);
  return rows.map((r) => ({ id: r.id, name: r.name, serviceCount: Number(r.serviceCount) }));
}

async function uniqueName<T>(work: () => Promise<T>, field: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Another record already uses this ${field}.`, field);
    throw error;
  }
}

/** Whether a database error is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export async function createRegion(ctx: Context, name: string) {
  authorize(ctx.actor, 'create', 'region');
  return uniqueName(() => inTransaction(ctx, async (trx) => {
    const { id } = await trx.insertInto('regions').values({ name }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', kind: 'region', id });
    return { id, name, serviceCount: 0 };
  }), 'name');
}

export async function updateRegion(ctx: Context, id: number, name: string) {
  authorize(ctx.actor, 'update', 'region');
  return uniqueName(() => inTransaction(ctx, async (trx) => {
    const result = await trx.updateTable('regions').set({ name }).where('id', '=', id).executeTakeFirst();
    if (!result.numUpdatedRows) throw notFound('region');
    await audit(trx, ctx, { action: 'update', kind: 'region', id });
    const regions = await repo.listRegions(trx);
    const region = regions.find((r) => r.id === id);
    return { id, name, serviceCount: Number(region?.serviceCount ?? 0) };
  }), 'name');
}

export async function listCommissioners(ctx: Context) {
  authorize(ctx.actor, 'read', 'commissioner');
  return repo.listCommissioners(ctx.database.db);
}

export async function createCommissioner(ctx: Context, name: string) {
  authorize(ctx.actor, 'create', 'commissioner');
  return uniqueName(() => inTransaction(ctx, async (trx) => {
    const { id } = await trx.insertInto('commissioners').values({ name }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', kind: 'commissioner', id });
    return { id, name };
  }), 'name');
}

/** Services the caller may see: full detail for person-level roles, summaries for board and commissioners. */
export async function listServices(ctx: Context, f: { regionId?: number; q?: string; limit: number; offset: number }) {
  const isFull = can(ctx.actor, 'read', 'service');
  if (!isFull) authorize(ctx.actor, 'read', 'service_summary');
  const { rows, total } = await repo.listServices(ctx.database.db, { ...f, scope: serviceScope(ctx.actor) });
  return { items: rows.map((r) => (isFull ? presentService(r) : presentServiceSummary(r))), total };
}

async function serviceDetail(ctx: Context, id: number) {
  const row = await repo.getService(ctx.database.db, id);
  if (!row) throw notFound('service');
  return presentService(row);
}

export async function getService(ctx: Context, id: number) {
  const isFull = can(ctx.actor, 'read', 'service');
  if (!isFull) authorize(ctx.actor, 'read', 'service_summary');
  assertInScope(ctx.actor, id, 'service');
  const row = await repo.getService(ctx.database.db, id);
  if (!row) throw notFound('service');
  return isFull ? presentService(row) : presentServiceSummary(row);
}

async function checkServiceRefs(ctx: Context, input: Partial<ServiceInput>) {
  const db = ctx.database.db;
  if (input.regionId !== undefined && !(await repo.existingIds(db, 'regions', [input.regionId])).has(input.regionId)) {
    throw invalid('regionId', 'No such region.');
  }
  if (input.commissionerIds?.length) {
    const found = await repo.existingIds(db, 'commissioners', input.commissionerIds);
    const index = input.commissionerIds.findIndex((c) => !found.has(c));
    if (index >= 0) throw invalid(`commissionerIds.${index}`, 'No such commissioner.');
  }
}

export async function createService(ctx: Context, input: ServiceInput) {
  authorize(ctx.actor, 'create', 'service');
  await checkServiceRefs(ctx, input);
  const id = await uniqueName(() => inTransaction(ctx, async (trx) => {
    const now = nowIso();
    const { id } = await trx.insertInto('services').values({
      ref: input.ref || null, name: input.name, type: input.type, region_id: input.regionId, capacity: input.capacity,
      registration_number: input.registrationNumber || null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await repo.setServiceCommissioners(trx, id, input.commissionerIds);
    await audit(trx, ctx, { action: 'create', kind: 'service', id });
    return id;
  }), 'ref');
  return serviceDetail(ctx, id);
}

export async function updateService(ctx: Context, id: number, input: Partial<ServiceInput>) {
  authorize(ctx.actor, 'update', 'service');
  assertInScope(ctx.actor, id, 'service');
  await checkServiceRefs(ctx, input);
  await uniqueName(() => inTransaction(ctx, async (trx) => {
    const result = await trx.updateTable('services').set({
      ...(input.ref !== undefined ? { ref: input.ref || null } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.regionId !== undefined ? { region_id: input.regionId } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.registrationNumber !== undefined ? { registration_number: input.registrationNumber || null } : {}),
      updated_at: nowIso(),
    }).where('id', '=', id).executeTakeFirst();
    if (!result.numUpdatedRows) throw notFound('service');
    if (input.commissionerIds) await repo.setServiceCommissioners(trx, id, input.commissionerIds);
    await audit(trx, ctx, { action: 'update', kind: 'service', id, summary: Object.keys(input).join(', ') });
  }), 'ref');
  return serviceDetail(ctx, id);
}

export async function occupancy(ctx: Context, serviceId: number, from: string, to: string) {
  authorize(ctx.actor, 'read', 'occupancy');
  assertInScope(ctx.actor, serviceId, 'service');
  const rows = await repo.occupancyByMonth(ctx.database.db, serviceId, from, to);
  return rows.map((r) => ({ month: r.month, occupiedDays: Number(r.occupiedDays), daysRecorded: Number(r.daysRecorded) }));
}

export async function recordOccupancy(ctx: Context, serviceId: number, days: { date: string; occupiedDays: number }[]) {
  authorize(ctx.actor, 'create', 'occupancy');
  assertInScope(ctx.actor, serviceId, 'service');
  const service = await repo.getService(ctx.database.db, serviceId);
  if (!service) throw notFound('service');
  const dates = new Set<string>();
  days.forEach((d, i) => {
    if (dates.has(d.date)) throw invalid(`days.${i}.date`, 'This date appears twice.');
    dates.add(d.date);
    if (d.occupiedDays > service.capacity) throw invalid(`days.${i}.occupiedDays`, `More than the service's capacity of ${service.capacity}.`);
  });
  const today = nowIso().slice(0, 10);
  const future = days.findIndex((d) => d.date > today);
  if (future >= 0) throw invalid(`days.${future}.date`, 'Occupancy cannot be recorded for a future date.');
  await inTransaction(ctx, async (trx) => {
    const before = new Map((await repo.occupancyOn(trx, serviceId, days.map((d) => d.date))).map((r) => [r.date, r.occupied_days]));
    await repo.upsertOccupancy(trx, days.map((d) => ({ service_id: serviceId, date: d.date, occupied_days: d.occupiedDays })));
    await applyOccupancyChange(trx, serviceId, days.map((d) => ({ date: d.date, delta: d.occupiedDays - (before.get(d.date) ?? 0) })));
    await audit(trx, ctx, { action: 'update', kind: 'occupancy', id: serviceId, summary: `${days.length} day(s)` });
  });
  return { serviceId, recorded: days.length };
}

