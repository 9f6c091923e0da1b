import { nowIso, toFlag } from '../../db/connection.js';
import type { PersonInput } from '../../domain/organisation.js';
import { conflict, invalid, notFound } from '../errors.js';
import { assertInScope, authorize, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/organisation.repository.js';
import { presentPerson } from '../presenters/organisation.presenter.js';
import { isUniqueViolation } from './structure.service.js';

/** People in the caller's services; the listing itself is audited as one entry. */
export async function listPeople(ctx: Context, f: { serviceId?: number; q?: string; includeEnded: boolean; limit: number; offset: number }) {
  authorize(ctx.actor, 'read', 'person');
  if (f.serviceId !== undefined) assertInScope(ctx.actor, f.serviceId, 'service');
  return inTransaction(ctx, async (trx) => {
    const { rows, total } = await repo.listPeople(trx, { ...f, scope: serviceScope(ctx.actor) });
    await audit(trx, ctx, {
      action: 'list', kind: 'person', id: null,
      summary: `${rows.length} of ${total} people${f.serviceId ? ` in service ${f.serviceId}` : ''}${f.q ? ' (searched)' : ''}`,
    });
    return { items: rows.map(presentPerson), total };
  });
}

/** One person's record; every read is audited in the same transaction. */
export async function getPerson(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'person');
  return inTransaction(ctx, async (trx) => {
    const row = await repo.getPerson(trx, id);
    if (!row || !isInScope(ctx.actor, row.service_id)) throw notFound('person');
    await audit(trx, ctx, { action: 'read', kind: 'person', id });
    return presentPerson(row);
  });
}

async function checkService(ctx: Context, serviceId: number) {
  if (!isInScope(ctx.actor, serviceId)) throw invalid('serviceId', 'No such service, or it is outside your services.');
  const found = await repo.existingIds(ctx.database.db, 'services', [serviceId]);
  if (!found.has(serviceId)) throw invalid('serviceId', 'No such service, or it is outside your services.');
}

function refTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw conflict('Another person already has this reference.', 'ref');
  throw error;
}

export async function createPerson(ctx: Context, input: PersonInput) {
  authorize(ctx.actor, 'create', 'person');
  await checkService(ctx, input.serviceId);
  const id = await inTransaction(ctx, async (trx) => {
    const now = nowIso();
    const { id } = await trx.insertInto('people').values({
      ref: input.ref, display_name: input.displayName, service_id: input.serviceId,
      learning_disability: toFlag(input.learningDisability), autism: toFlag(input.autism),
      legal_status: input.legalStatus, start_date: input.startDate, end_date: input.endDate ?? null,
      created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', kind: 'person', id });
    return id;
  }).catch(refTaken);
  return getPerson(ctx, id);
}

export async function updatePerson(ctx: Context, id: number, input: Partial<PersonInput>) {
  authorize(ctx.actor, 'update', 'person');
  const existing = await repo.getPerson(ctx.database.db, id);
  if (!existing || !isInScope(ctx.actor, existing.service_id)) throw notFound('person');
  if (input.serviceId !== undefined) await checkService(ctx, input.serviceId);
  const start = input.startDate ?? existing.start_date;
  const end = input.endDate === undefined ? existing.end_date : input.endDate;
  if (end && end < start) throw invalid('endDate', 'The end date must be on or after the start date');
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('people').set({
      ...(input.ref !== undefined ? { ref: input.ref } : {}),
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
      ...(input.learningDisability !== undefined ? { learning_disability: toFlag(input.learningDisability) } : {}),
      ...(input.autism !== undefined ? { autism: toFlag(input.autism) } : {}),
      ...(input.legalStatus !== undefined ? { legal_status: input.legalStatus } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      updated_at: nowIso(),
    }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'update', kind: 'person', id, summary: Object.keys(input).join(', ') });
  }).catch(refTaken);
  return getPerson(ctx, id);
}
