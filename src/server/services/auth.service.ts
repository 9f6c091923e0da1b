import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../../db/connection.js';
import { fromFlag, nowIso } from '../../db/connection.js';
import { roles, type Role } from '../../domain/roles.js';
import { AppError, invalid } from '../errors.js';
import type { Actor } from '../policies/actor.js';
import { audit, type Context } from '../context.js';
import * as users from '../repositories/users.repository.js';

const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

const encoder = new TextEncoder();

/** A random secret of 160 bits, as lower-case base32. */
export function randomSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 hex of a secret: what the database stores instead of the secret. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(secret)));
}

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON);
}

// Verifying against this when the email is unknown keeps the timing of both failures alike.
let dummyHash: Promise<string> | undefined;

const WRONG = 'The email address or password is not right.';

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

async function actorFor(database: Database, row: { user_id: number; email: string; name: string; role: string; all_services: number; commissioner_id: number | null }, via: Actor['via']): Promise<Actor> {
  if (!isRole(row.role)) throw new Error(`Unknown role in database: ${row.role}`);
  const services = fromFlag(row.all_services) && row.role !== 'commissioner'
    ? 'all'
    : await users.scopedServiceIds(database.db, { id: row.user_id, role: row.role, commissioner_id: row.commissioner_id });
  return { kind: 'user', userId: row.user_id, email: row.email, name: row.name, role: row.role, services, via };
}

export interface SignInResult { actor: Actor; sessionToken: string; csrfToken: string; expiresAt: Date }

/** Check the password, throttle repeated failures per account and per address, and open a session. */
export async function signIn(database: Database, email: string, password: string, ip: string | null, sessionHours: number): Promise<SignInResult> {
  const db = database.db;
  const accountKey = `account:${email.trim().toLowerCase()}`;
  const addressKey = `address:${ip ?? 'unknown'}`;
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000).toISOString();
  const [accountFailures, addressFailures] = await Promise.all([
    users.countRecentFailures(db, accountKey, since),
    users.countRecentFailures(db, addressKey, since),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
    throw new AppError('too_many_requests', `Too many failed sign-ins. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again.`);
  }
  const user = await users.findUserByEmail(db, email.trim());
  dummyHash ??= hashPassword('not-a-real-password-0');
  const isValid = user && !fromFlag(user.disabled)
    ? await argonVerify(user.password_hash, password)
    : (await argonVerify(await dummyHash, password), false);
  if (!user || !isValid) {
    await users.recordFailures(db, [accountKey, addressKey], nowIso());
    throw new AppError('unauthenticated', WRONG);
  }
  const sessionToken = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  const actor = await actorFor(database, { ...user, user_id: user.id }, 'session');
  await database.transaction(async (trx) => {
    await users.insertSession(trx, { id: hashSecret(sessionToken), user_id: user.id, csrf_token: csrfToken, created_at: nowIso(), expires_at: expiresAt.toISOString() });
    await users.clearFailures(trx, accountKey);
    await trx.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', user.id).execute();
    await audit(trx, { database, actor, ip }, { action: 'sign_in', kind: 'user', id: user.id });
  });
  return { actor, sessionToken, csrfToken, expiresAt };
}

/** The signed-in user behind a session cookie, or undefined when it is unknown or expired. */
export async function resolveSession(database: Database, token: string) {
  const row = await users.findSession(database.db, hashSecret(token), nowIso());
  if (!row || fromFlag(row.disabled)) return undefined;
  return { actor: await actorFor(database, row, 'session'), csrfToken: row.csrf_token, sessionId: row.id };
}

/** The user behind a bearer API token, or undefined. */
export async function resolveApiToken(database: Database, token: string) {
  const row = await users.findApiToken(database.db, hashSecret(token), nowIso());
  if (!row || fromFlag(row.disabled)) return undefined;
  await database.db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.token_id).execute();
  return actorFor(database, row, 'token');
}

export async function signOut(ctx: Context, sessionId: string): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    await users.deleteSession(trx, sessionId);
    await audit(trx, ctx, { action: 'sign_out', kind: 'user', id: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
  });
}

/** Change one's own password; other sessions of the user are ended. */
export async function changePassword(ctx: Context, sessionId: string | undefined, currentPassword: string, newPassword: string): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new Error('changePassword needs a user');
  const user = await users.findUserById(ctx.database.db, ctx.actor.userId);
  if (!user || !(await argonVerify(user.password_hash, currentPassword))) {
    throw invalid('currentPassword', 'The current password is not right.');
  }
  if (currentPassword === newPassword) throw invalid('newPassword', 'Choose a password different from the current one.');
  const passwordHash = await hashPassword(newPassword);
  await ctx.database.transaction(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await users.deleteSessionsOfUser(trx, user.id, sessionId);
    await audit(trx, ctx, { action: 'update', kind: 'user', id: user.id, summary: 'changed own password' });
  });
}
