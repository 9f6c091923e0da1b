import type { z } from 'zod';
import { nowIso } from '../../db/connection.js';
import {
  complaintTimeliness, complaintTimescalesSchema, defaultComplaintTimescales,
  type Complaint, type ComplaintInput, type ComplaintTimescales, type complaintUpdate,
} from '../../domain/complaints.js';
import { AppError, invalid, notFound, type FieldError } from '../errors.js';
import { authorize, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import type { Executor } from '../../db/connection.js';
import * as repo from '../repositories/complaints.repository.js';
import { existingIds, getPerson } from '../repositories/organisation.repository.js';
import { readSetting, writeSetting } from '../repositories/settings.repository.js';
import { isUniqueViolation } from './structure.service.js';
import { applyRecordChange, complaintCounts, contributionChange } from './measures.service.js';

const TIMESCALES_KEY = 'complaint_timescales';

/** The provider's complaint timescales, or the defaults. */
export async function complaintTimescales(db: Executor): Promise<ComplaintTimescales> {
  const stored = complaintTimescalesSchema.safeParse(await readSetting(db, TIMESCALES_KEY));
  return stored.success ? stored.data : defaultComplaintTimescales;
}

export async function setComplaintTimescales(ctx: Context, timescales: ComplaintTimescales) {
  authorize(ctx.actor, 'update', 'setting');
  await inTransaction(ctx, async (trx) => {
    await writeSetting(trx, TIMESCALES_KEY, timescales);
    await audit(trx, ctx, { action: 'update', kind: 'setting', id: TIMESCALES_KEY, summary: JSON.stringify(timescales) });
  });
  return timescales;
}

function present(r: repo.ComplaintRow, t: ComplaintTimescales, now: Date): Complaint {
  const timeliness = complaintTimeliness({ receivedAt: r.received_at, acknowledgedAt: r.acknowledged_at, respondedAt: r.responded_at }, t, now);
  return {
    id: r.id, ref: r.ref, kind: r.kind as Complaint['kind'], serviceId: r.service_id, serviceName: r.service_name,
    person: r.person_id && r.person_name ? { id: r.person_id, displayName: r.person_name } : null,
    receivedAt: r.received_at, raisedBy: r.raised_by as Complaint['raisedBy'], channel: r.channel as Complaint['channel'],
    subject: r.subject, narrative: r.narrative, themes: r.themes, outcome: r.outcome as Complaint['outcome'],
    acknowledgedAt: r.acknowledged_at, respondedAt: r.responded_at, responseSummary: r.response_summary,
    timescales: {
      acknowledgeBy: timeliness.acknowledgeBy, respondBy: timeliness.respondBy, isAcknowledgedInTime: timeliness.isAcknowledgedInTime,
      isRespondedInTime: timeliness.isRespondedInTime, isOverdue: timeliness.isOverdue,
    },
  };
}

async function loadOne(ctx: Context, db: Executor, id: number) {
  const { rows } = await repo.listComplaints(db, { scope: serviceScope(ctx.actor), ids: [id], limit: 1, offset: 0 });
  const row = rows[0];
  if (!row) throw notFound('complaint');
  return row;
}

/** Record a complaint, feedback or compliment about a service (and optionally a person in it). */
export async function recordComplaint(ctx: Context, input: ComplaintInput) {
  authorize(ctx.actor, 'create', 'complaint');
  const db = ctx.database.db;
  if (!isInScope(ctx.actor, input.serviceId) || !(await existingIds(db, 'services', [input.serviceId])).has(input.serviceId)) {
    throw invalid('serviceId', 'No such service, or it is outside your services.');
  }
  const errors: FieldError[] = [];
  if (Date.parse(input.receivedAt) > Date.now() + 5 * 60_000) errors.push({ path: 'receivedAt', message: 'This is in the future.' });
  if (input.personId !== undefined) {
    const person = await getPerson(db, input.personId);
    if (!person || person.service_id !== input.serviceId) errors.push({ path: 'personId', message: 'This person is not supported by this service.' });
  }
  if (errors.length) throw new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
  const now = nowIso();
  try {
    return await inTransaction(ctx, async (trx) => {
      const id = await repo.insertComplaint(trx, {
        ref: input.ref ?? null, kind: input.kind, service_id: input.serviceId, person_id: input.personId ?? null,
        received_at: new Date(input.receivedAt).toISOString(), raised_by: input.raisedBy, channel: input.channel, subject: input.subject,
        narrative: input.narrative, outcome: null, acknowledged_at: null, responded_at: null, response_summary: null,
        created_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_at: now, updated_at: now,
      }, [...new Set(input.themes)]);
      await audit(trx, ctx, { action: 'create', kind: 'complaint', id, summary: input.kind });
      return present(await loadOne(ctx, trx, id), await complaintTimescales(trx), new Date());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('ref', 'Another complaint already has this reference.');
    throw error;
  }
}

export async function getComplaint(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'complaint');
  return inTransaction(ctx, async (trx) => {
    const row = await loadOne(ctx, trx, id);
    await audit(trx, ctx, { action: 'read', kind: 'complaint', id });
    return present(row, await complaintTimescales(trx), new Date());
  });
}

// Whether a complaint is overdue depends on working days, so it is worked out here rather than in SQL; only
// unanswered complaints can be overdue, which keeps the set to check small.
const OVERDUE_SCAN_LIMIT = 20_000;

export async function listComplaints(ctx: Context, f: Omit<repo.ComplaintFilter, 'scope' | 'ids'> & { isOverdue?: boolean }) {
  authorize(ctx.actor, 'read', 'complaint');
  return inTransaction(ctx, async (trx) => {
    const timescales = await complaintTimescales(trx);
    const now = new Date();
    const { isOverdue, limit, offset, ...filter } = f;
    const scope = serviceScope(ctx.actor);
    let items: Complaint[];
    let total: number;
    if (isOverdue === undefined) {
      const page = await repo.listComplaints(trx, { ...filter, limit, offset, scope });
      items = page.rows.map((r) => present(r, timescales, now));
      total = page.total;
    } else {
      // Filter every matching complaint first, then take the page, so the page and the total are both right.
      const all = await repo.listComplaints(trx, { ...filter, ...(isOverdue ? { isOpen: true } : {}), limit: OVERDUE_SCAN_LIMIT, offset: 0, scope });
      const matching = all.rows.map((r) => present(r, timescales, now)).filter((c) => c.timescales.isOverdue === isOverdue);
      items = matching.slice(offset, offset + limit);
      total = matching.length;
    }
    await audit(trx, ctx, { action: 'list', kind: 'complaint', summary: `${items.length} of ${total} complaints` });
    return { items, total };
  });
}

/** Acknowledge, respond, record the outcome and themes. A response to a complaint needs its outcome. */
export async function updateComplaint(ctx: Context, id: number, update: z.infer<typeof complaintUpdate>) {
  authorize(ctx.actor, 'update', 'complaint');
  return inTransaction(ctx, async (trx) => {
    const row = await loadOne(ctx, trx, id);
    const errors: FieldError[] = [];
    const ack = update.acknowledgedAt ? new Date(update.acknowledgedAt).toISOString() : row.acknowledged_at;
    const responded = update.respondedAt ? new Date(update.respondedAt).toISOString() : row.responded_at;
    const outcome = update.outcome ?? row.outcome;
    const future = Date.now() + 5 * 60_000;
    for (const [path, value] of [['acknowledgedAt', update.acknowledgedAt], ['respondedAt', update.respondedAt]] as const) {
      if (value && Date.parse(value) > future) errors.push({ path, message: 'This is in the future.' });
      if (value && value < row.received_at) errors.push({ path, message: 'This is before the complaint was received.' });
    }
    if (responded && ack && responded < ack) errors.push({ path: 'respondedAt', message: 'The response is before the acknowledgement.' });
    if (responded && !ack) errors.push({ path: 'acknowledgedAt', message: 'Record the acknowledgement first.' });
    if (update.outcome && row.kind !== 'complaint') errors.push({ path: 'outcome', message: 'Only a complaint has an outcome.' });
    if (row.kind === 'complaint' && responded && !outcome) errors.push({ path: 'outcome', message: 'Say whether the complaint was upheld.' });
    if (errors.length) throw new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
    await trx.updateTable('complaints').set({
      acknowledged_at: ack, responded_at: responded, outcome,
      ...(update.responseSummary !== undefined ? { response_summary: update.responseSummary } : {}), updated_at: nowIso(),
    }).where('id', '=', id).execute();
    if (update.themes) await repo.replaceThemes(trx, id, [...new Set(update.themes)]);
    const timescales = await complaintTimescales(trx);
    const factsOf = (respondedAt: string | null) => ({
      kind: row.kind, respondedAt,
      isRespondedInTime: complaintTimeliness({ receivedAt: row.received_at, acknowledgedAt: null, respondedAt }, timescales, new Date()).isRespondedInTime === true,
    });
    await applyRecordChange(trx, row.service_id, row.person_id, contributionChange(complaintCounts(factsOf(row.responded_at)), complaintCounts(factsOf(responded))));
    await audit(trx, ctx, { action: 'update', kind: 'complaint', id, summary: Object.keys(update).join(', ') });
    return present(await loadOne(ctx, trx, id), await complaintTimescales(trx), new Date());
  });
}

/** Every answered complaint's facts with where it belongs, for rebuilding the rollups. */
export async function allComplaintFacts(db: Executor) {
  const timescales = await complaintTimescales(db);
  const rows = await repo.respondedComplaints(db);
  return rows.map((r) => ({
    serviceId: r.service_id, personId: r.person_id,
    facts: {
      kind: r.kind, respondedAt: r.responded_at,
      isRespondedInTime: complaintTimeliness({ receivedAt: r.received_at, acknowledgedAt: null, respondedAt: r.responded_at }, timescales, new Date()).isRespondedInTime === true,
    },
  }));
}
