import { nowIso, toFlag } from '../../db/connection.js';
import type { z } from 'zod';
import type { userInput, userUpdate } from '../../domain/organisation.js';
import { conflict, invalid, notFound } from '../errors.js';
import { authorize } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as orgRepo from '../repositories/organisation.repository.js';
import * as repo from '../repositories/users.repository.js';
import { presentUser } from '../presenters/organisation.presenter.js';
import { hashPassword, hashSecret, randomSecret } from './auth.service.js';
import { isUniqueViolation } from './structure.service.js';
import type { Executor } from '../../db/connection.js';

type UserInput = z.infer<typeof userInput>;
type UserUpdate = z.infer<typeof userUpdate>;

export async function listUsers(ctx: Context, f: { q?: string; role?: string; limit: number; offset: number }) {
  authorize(ctx.actor, 'read', 'user');
  const { rows, total } = await repo.listUsers(ctx.database.db, f);
  return { items: rows.map(presentUser), total };
}

export async function getUser(ctx: Context, id: number, db: Executor = ctx.database.db) {
  authorize(ctx.actor, 'read', 'user');
  const user = await repo.findUserById(db, id);
  if (!user) throw notFound('user');
  const services = await repo.servicesOfUsers(db, [id]);
  return presentUser({ ...user, services: services.get(id) ?? [] });
}

async function checkScope(ctx: Context, input: { role?: string; serviceIds?: number[]; commissionerId?: number | null }) {
  const db = ctx.database.db;
  if (input.serviceIds?.length) {
    const found = await orgRepo.existingIds(db, 'services', input.serviceIds);
    const index = input.serviceIds.findIndex((s) => !found.has(s));
    if (index >= 0) throw invalid(`serviceIds.${index}`, 'No such service.');
  }
  if (input.role === 'commissioner' && input.commissionerId == null) {
    throw invalid('commissionerId', 'A commissioner account must name the commissioning body it belongs to.');
  }
  if (input.commissionerId != null) {
    const found = await orgRepo.existingIds(db, 'commissioners', [input.commissionerId]);
    if (!found.has(input.commissionerId)) throw invalid('commissionerId', 'No such commissioner.');
  }
}

/** An admin creates an account with a role and service scope. */
export async function createUser(ctx: Context, input: UserInput) {
  authorize(ctx.actor, 'create', 'user');
  await checkScope(ctx, input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(ctx, async (trx) => {
      const id = await repo.insertUser(trx, {
        email: input.email, name: input.name, role: input.role, password_hash: passwordHash,
        all_services: toFlag(input.allServices && input.role !== 'commissioner'), commissioner_id: input.commissionerId ?? null,
        staff_id: null, disabled: 0, created_at: nowIso(), last_sign_in_at: null,
      });
      await repo.setUserServices(trx, id, input.allServices ? [] : input.serviceIds);
      await audit(trx, ctx, { action: 'create', kind: 'user', id, summary: `role ${input.role}` });
      return getUser(ctx, id, trx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('An account with this email address already exists.', 'email');
    throw error;
  }
}

export async function updateUser(ctx: Context, id: number, input: UserUpdate) {
  authorize(ctx.actor, 'update', 'user');
  const existing = await repo.findUserById(ctx.database.db, id);
  if (!existing) throw notFound('user');
  if (ctx.actor.kind === 'user' && ctx.actor.userId === id && (input.disabled || (input.role && input.role !== 'admin'))) {
    throw invalid(input.disabled ? 'disabled' : 'role', 'You cannot remove your own administrator access.');
  }
  const role = input.role ?? existing.role;
  await checkScope(ctx, { role, serviceIds: input.serviceIds, commissionerId: input.commissionerId === undefined ? existing.commissioner_id : input.commissionerId });
  return inTransaction(ctx, async (trx) => {
    await trx.updateTable('users').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      role,
      ...(input.allServices !== undefined ? { all_services: toFlag(input.allServices) } : {}),
      ...(input.commissionerId !== undefined ? { commissioner_id: input.commissionerId } : {}),
      ...(input.disabled !== undefined ? { disabled: toFlag(input.disabled) } : {}),
    }).where('id', '=', id).execute();
    if (input.serviceIds) await repo.setUserServices(trx, id, input.serviceIds);
    if (input.disabled || input.role || input.serviceIds || input.allServices !== undefined) {
      // A change of access takes effect at once: the user signs in again.
      await repo.deleteSessionsOfUser(trx, id);
    }
    await audit(trx, ctx, { action: 'update', kind: 'user', id, summary: Object.keys(input).join(', ') });
    return getUser(ctx, id, trx);
  });
}

/** An admin sets a new password for someone who has lost theirs; their sessions end at once. */
export async function resetPassword(ctx: Context, id: number, newPassword: string) {
  authorize(ctx.actor, 'update', 'user');
  const existing = await repo.findUserById(ctx.database.db, id);
  if (!existing) throw notFound('user');
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await repo.deleteSessionsOfUser(trx, id);
    await audit(trx, ctx, { action: 'update', kind: 'user', id, summary: 'password reset by an administrator' });
  });
}

/** Issue a bearer token for an integration: the secret is shown once and only its hash is kept. */
export async function issueApiToken(ctx: Context, userId: number, name: string, expiresInDays: number) {
  authorize(ctx.actor, 'create', 'api_token');
  const user = await repo.findUserById(ctx.database.db, userId);
  if (!user) throw notFound('user');
  const secret = `lt_${randomSecret()}`;
  const createdAt = nowIso();
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000).toISOString();
  return inTransaction(ctx, async (trx) => {
    const { id } = await trx.insertInto('api_tokens').values({
      user_id: userId, name, token_hash: hashSecret(secret), created_at: createdAt, expires_at: expiresAt,
      last_used_at: null, revoked_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', kind: 'api_token', id, summary: `for user ${userId}` });
    return { id, name, createdAt, expiresAt, lastUsedAt: null, revokedAt: null, token: secret };
  });
}

export async function listApiTokens(ctx: Context, userId: number) {
  authorize(ctx.actor, 'read', 'api_token');
  const rows = await ctx.database.db.selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function revokeApiToken(ctx: Context, userId: number, tokenId: number) {
  authorize(ctx.actor, 'delete', 'api_token');
  await inTransaction(ctx, async (trx) => {
    const result = await trx.updateTable('api_tokens').set({ revoked_at: nowIso() })
      .where('id', '=', tokenId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (!result.numUpdatedRows) throw notFound('token');
    await audit(trx, ctx, { action: 'delete', kind: 'api_token', id: tokenId });
  });
}
