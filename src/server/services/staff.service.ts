import { toFlag } from '../../db/connection.js';
import type { StaffInput } from '../../domain/organisation.js';
import { conflict, invalid, notFound } from '../errors.js';
import { authorize, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/organisation.repository.js';
import { presentStaff } from '../presenters/organisation.presenter.js';
import { isUniqueViolation } from './structure.service.js';

export async function listStaff(ctx: Context, f: { serviceId?: number; q?: string; limit: number; offset: number }) {
  authorize(ctx.actor, 'read', 'staff');
  const { rows, total } = await repo.listStaff(ctx.database.db, { ...f, scope: serviceScope(ctx.actor) });
  return { items: rows.map(presentStaff), total };
}

export async function getStaff(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'staff');
  const row = await repo.getStaff(ctx.database.db, id);
  if (!row || !row.services.some((s) => isInScope(ctx.actor, s.id))) throw notFound('staff member');
  return presentStaff(row);
}

async function checkServices(ctx: Context, serviceIds: readonly number[]) {
  const found = await repo.existingIds(ctx.database.db, 'services', serviceIds);
  const index = serviceIds.findIndex((s) => !found.has(s) || !isInScope(ctx.actor, s));
  if (index >= 0) throw invalid(`serviceIds.${index}`, 'No such service, or it is outside your services.');
}

function refTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw conflict('Another staff member already has this reference.', 'ref');
  throw error;
}

export async function createStaff(ctx: Context, input: StaffInput) {
  authorize(ctx.actor, 'create', 'staff');
  await checkServices(ctx, input.serviceIds);
  const id = await inTransaction(ctx, async (trx) => {
    const { id } = await trx.insertInto('staff').values({
      ref: input.ref || null, name: input.name, job_title: input.jobTitle, employment_type: input.employmentType,
      active: toFlag(input.active),
    }).returning('id').executeTakeFirstOrThrow();
    await repo.setStaffServices(trx, id, input.serviceIds);
    await audit(trx, ctx, { action: 'create', kind: 'staff', id });
    return id;
  }).catch(refTaken);
  return getStaff(ctx, id);
}

export async function updateStaff(ctx: Context, id: number, input: Partial<StaffInput>) {
  authorize(ctx.actor, 'update', 'staff');
  await getStaff(ctx, id);
  if (input.serviceIds) await checkServices(ctx, input.serviceIds);
  await inTransaction(ctx, async (trx) => {
    const changes = {
      ...(input.ref !== undefined ? { ref: input.ref || null } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.jobTitle !== undefined ? { job_title: input.jobTitle } : {}),
      ...(input.employmentType !== undefined ? { employment_type: input.employmentType } : {}),
      ...(input.active !== undefined ? { active: toFlag(input.active) } : {}),
    };
    if (Object.keys(changes).length) await trx.updateTable('staff').set(changes).where('id', '=', id).execute();
    if (input.serviceIds) await repo.setStaffServices(trx, id, input.serviceIds);
    await audit(trx, ctx, { action: 'update', kind: 'staff', id, summary: Object.keys(input).join(', ') });
  }).catch(refTaken);
  return getStaff(ctx, id);
}
