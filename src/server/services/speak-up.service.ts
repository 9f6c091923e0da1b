import { randomInt } from 'node:crypto';
import type { Database } from '../../db/connection.js';
import { nowIso, toFlag } from '../../db/connection.js';
import {
  canMoveStatus, formatReceiptKey, normaliseReceiptKey, RECEIPT_KEY_ALPHABET, RECEIPT_KEY_LENGTH,
  type FollowUpInput, type SpeakUpInput, type SpeakUpListQuery, type SpeakUpStatus, type SpeakUpUpdate,
} from '../../domain/speak-up.js';
import { AppError, invalid, notFound } from '../errors.js';
import { authorize, can } from '../policies/access.js';
import { systemContext } from '../policies/actor.js';
import { audit, inTransaction, type Context } from '../context.js';
import { applyRecordChange } from './measures.service.js';
import { speakUpOutcomes } from './learning.service.js';
import { londonDate } from '../../domain/working-days.js';
import * as repo from '../repositories/speak-up.repository.js';
import * as users from '../repositories/users.repository.js';
import { presentFollowUp, presentOwnSpeakUp, presentSpeakUpDetail, presentSpeakUpSummary } from '../presenters/speak-up.presenter.js';
import { hashSecret, randomSecret } from './auth.service.js';
import { isUniqueViolation } from './structure.service.js';

// Anonymity rules, kept here and in docs/speak-up.md:
// - an anonymous report stores no account, address, user agent or time: only the calendar day it arrived;
// - raising one writes no audit entry, because its place in the chain, next to the reporter's own sign-in, would
//   say who raised it; the same goes for anonymous follow-up messages;
// - report ids are random, not a running number that would place an anonymous report among timed, audited ones.

export const FOLLOW_UP_WINDOW_MINUTES = 15;
export const MAX_WRONG_KEYS_PER_ADDRESS = 10;
const THROTTLE_PREFIX = 'speak-up-key:';
const WRONG_KEY = 'No report matches this receipt key. Check the key and try again.';

// Wrong-key attempts are counted per address, but the address is hashed with a secret that lives only in this
// process, so the throttling table cannot be turned back into an address (an IPv4 hash alone is easily reversed).
// With several app servers each counts its own attempts; the key's 100 bits, not the throttle, are the real defence.
const addressSalt = randomSecret();

// The day in England, so a report made at 00:30 BST is dated that day.
const today = (): string => londonDate(new Date());

/** A fresh receipt key's symbols: 20 from a 32-symbol alphabet (256 is a multiple of 32, so no bias). */
function newReceiptKeySymbols(): string {
  const bytes = new Uint8Array(RECEIPT_KEY_LENGTH);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => RECEIPT_KEY_ALPHABET.charAt(b % RECEIPT_KEY_ALPHABET.length)).join('');
}

/** A random report id in PostgreSQL's integer range. */
const newConcernId = (): number => randomInt(1, 2_147_483_647);

/** Who a confidential report's audit entry names: not the reporter, so the trail cannot say who raised it. */
function confidentialIntakeContext(ctx: Context): Context {
  return { database: ctx.database, actor: systemContext('speak-up'), ip: null };
}

/** Raise a concern. Anonymous reports get a receipt key, returned this once; only its hash is kept. */
export async function raiseConcern(ctx: Context, input: SpeakUpInput): Promise<{ id: number; receiptKey?: string }> {
  authorize(ctx.actor, 'create', 'speak_up');
  const isAnonymous = input.mode === 'anonymous';
  if (!isAnonymous && ctx.actor.kind !== 'user') throw invalid('mode', 'Only a person can raise a named or confidential concern.');
  if (input.serviceId !== undefined && !(await repo.serviceExists(ctx.database.db, input.serviceId))) {
    throw invalid('serviceId', 'No such service.');
  }
  for (let attempt = 1; ; attempt += 1) {
    const id = newConcernId();
    const symbols = isAnonymous ? newReceiptKeySymbols() : null;
    try {
      await inTransaction(ctx, async (trx) => {
        await repo.insertConcern(trx, {
          id, mode: input.mode, serviceId: input.serviceId ?? null, whatHappened: input.whatHappened,
          raisedElsewhere: input.raisedElsewhere === undefined ? null : toFlag(input.raisedElsewhere),
          wouldLikeToHappen: input.wouldLikeToHappen || null,
          // Anonymous: no account, even though the reporter is signed in.
          reporterUserId: !isAnonymous && ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          receiptKeyHash: symbols ? hashSecret(symbols) : null,
          receivedOn: today(),
        });
        await applyRecordChange(trx, input.serviceId ?? null, null, [{ period: today().slice(0, 7), metric: 'speak_up_reports', value: 1 }]);
        // The summary never carries the narrative. Anonymous reports are deliberately not audited (see above).
        if (input.mode === 'named') await audit(trx, ctx, { action: 'create', kind: 'speak_up', id, summary: 'named concern received' });
        if (input.mode === 'confidential') {
          await audit(trx, confidentialIntakeContext(ctx), { action: 'create', kind: 'speak_up', id, summary: 'confidential concern received' });
        }
      });
      return symbols ? { id, receiptKey: formatReceiptKey(symbols) } : { id };
    } catch (error) {
      // A random id (or key) that is already taken: astronomically rare for keys, rare for ids; try another.
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Read the report and the conversation on it (the guardian's replies, the reporter's own messages) with a receipt key, and optionally add information. Needs no sign-in and uses none:
 * a valid key leaves no trace of who used it or when (a message is dated to the day). Wrong keys are counted per
 * (salted, hashed) address and answered with one identical 404; too many within the window get 429.
 */
export async function followUp(database: Database, input: FollowUpInput, address: string | null) {
  const db = database.db;
  const since = new Date(Date.now() - FOLLOW_UP_WINDOW_MINUTES * 60_000).toISOString();
  const throttleKey = THROTTLE_PREFIX + hashSecret(`${addressSalt}:${address ?? 'unknown'}`);
  await repo.pruneFailures(db, THROTTLE_PREFIX, since);
  if ((await users.countRecentFailures(db, throttleKey, since)) >= MAX_WRONG_KEYS_PER_ADDRESS) {
    throw new AppError('too_many_requests', `Too many wrong receipt keys. Wait ${FOLLOW_UP_WINDOW_MINUTES} minutes and try again.`);
  }
  const symbols = normaliseReceiptKey(input.receiptKey);
  const concern = symbols ? await repo.findConcernByKeyHash(db, hashSecret(symbols)) : undefined;
  if (!concern) {
    await users.recordFailures(db, [throttleKey], nowIso());
    throw new AppError('not_found', WRONG_KEY);
  }
  return database.transaction(async (trx) => {
    // No audit entry and no time of day: either would let the trail place the reporter.
    if (input.message) {
      await repo.appendMessage(trx, { concern_id: concern.id, author: 'reporter', author_user_id: null, body: input.message, written_on: today() });
    }
    // A mistyped key just before the right one leaves no trace either.
    await users.clearFailures(trx, throttleKey);
    const messages = await repo.messagesOf(trx, concern.id);
    // What the report led to, once lessons draw on it (omitted until then).
    const outcomes = await speakUpOutcomes(trx, concern.id);
    return { ...presentFollowUp(concern, messages, input.message !== undefined), ...(outcomes.length ? { outcomes } : {}) };
  });
}

/** A named or confidential reporter's own reports, with the guardian's replies. */
export async function myConcerns(ctx: Context) {
  authorize(ctx.actor, 'create', 'speak_up');
  if (ctx.actor.kind !== 'user') return { items: [] };
  // Not audited: an entry saying that this person looked at their own speak-up reports would tell anyone who can
  // read the trail that they had raised one, which is exactly what confidentiality protects.
  const rows = await repo.listOwnConcerns(ctx.database.db, ctx.actor.userId);
  const threads = await repo.threadsOf(ctx.database.db, rows.map((r) => r.id));
  return { items: rows.map((r) => presentOwnSpeakUp(r, threads.get(r.id) ?? [])) };
}

/** The guardian's list, filtered by status, theme, category or mode; audited as one entry. */
export async function listConcerns(ctx: Context, q: SpeakUpListQuery) {
  authorize(ctx.actor, 'read', 'speak_up');
  return inTransaction(ctx, async (trx) => {
    const { rows, total } = await repo.listConcerns(trx, q);
    const tags = await repo.tagsOf(trx, rows.map((r) => r.id));
    const filters = [q.status && `status ${q.status}`, q.category && `category ${q.category}`, q.mode && `mode ${q.mode}`, q.theme && 'a theme']
      .filter(Boolean).join(', ');
    await audit(trx, ctx, { action: 'list', kind: 'speak_up', id: null, summary: `${rows.length} of ${total} reports${filters ? ` (${filters})` : ''}` });
    return { items: rows.map((r) => presentSpeakUpSummary(r, tags.get(r.id))), total };
  });
}

/** One report with its thread. The reporter of a named or confidential report is shown only to the guardian, and audited. */
export async function getConcern(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'speak_up');
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findConcern(trx, id);
    if (!row) throw notFound('report');
    const showReporter = row.mode !== 'anonymous' && can(ctx.actor, 'read', 'speak_up_identity');
    const [tags, threads] = await Promise.all([repo.tagsOf(trx, [id]), repo.threadsOf(trx, [id])]);
    await audit(trx, ctx, { action: 'read', kind: 'speak_up', id });
    if (showReporter) await audit(trx, ctx, { action: 'read', kind: 'speak_up_identity', id, summary: `${row.mode} reporter shown` });
    return presentSpeakUpDetail(row, tags.get(id) ?? { themes: [], categories: [] }, threads.get(id) ?? [], showReporter);
  });
}

/** A reply from the guardian, which the reporter sees (named and confidential in their list, anonymous with the key). */
export async function replyToConcern(ctx: Context, id: number, message: string) {
  authorize(ctx.actor, 'update', 'speak_up');
  await inTransaction(ctx, async (trx) => {
    if (!(await repo.findConcern(trx, id))) throw notFound('report');
    await repo.appendMessage(trx, {
      concern_id: id, author: 'guardian', author_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, body: message, written_on: today(),
    });
    await audit(trx, ctx, { action: 'update', kind: 'speak_up', id, summary: 'replied to the reporter' });
  });
  return getConcern(ctx, id);
}

/** Triage and investigation: move the status on, record themes, categories and the outcome (needed to close). */
export async function updateConcern(ctx: Context, id: number, input: SpeakUpUpdate) {
  authorize(ctx.actor, 'update', 'speak_up');
  await inTransaction(ctx, async (trx) => {
    const existing = await repo.findConcern(trx, id);
    if (!existing) throw notFound('report');
    const from = existing.status as SpeakUpStatus;
    const to = input.status ?? from;
    if (!canMoveStatus(from, to)) {
      throw invalid('status', `This report is ${from}. A report moves forward (received → triaged → investigating → closed); a closed one can only be reopened for investigation.`);
    }
    const outcome = input.outcome === undefined ? existing.outcome : input.outcome;
    if (to === 'closed' && !outcome) throw invalid('outcome', 'Record the outcome before closing the report.');
    await repo.updateConcern(trx, id, {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    });
    if (input.themes) await repo.replaceThemes(trx, id, input.themes);
    if (input.categories) await repo.replaceCategories(trx, id, input.categories);
    // Field names and the status only: themes and outcome are the guardian's words about the concern.
    const changed = [
      from !== to ? `status ${from} → ${to}` : undefined,
      ...(['themes', 'categories', 'outcome'] as const).filter((k) => input[k] !== undefined),
    ].filter(Boolean).join(', ');
    await audit(trx, ctx, { action: 'update', kind: 'speak_up', id, summary: changed || 'no change' });
  });
  return getConcern(ctx, id);
}
