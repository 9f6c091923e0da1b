import type { Updateable } from 'kysely';
import { nowIso, toFlag, type Executor } from '../../db/connection.js';
import type { SafeguardingConcernTable } from '../../db/types.js';
import {
  abuseCategoryLabels, CLOCK_SKEW_MS, concernStateProblems, concernStatus, concernTimescales, decisionEntries, defaultTimescales, referralDueAt,
  worklistTimescales,
  type ConcernInput, type ConcernListQuery, type ConcernState, type ConcernUpdate, type DecisionNoteInput,
  type TimescaleSettings,
} from '../../domain/safeguarding.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { assertInScope, authorize, can, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/safeguarding.repository.js';
import type { ConcernRow, TimescaleRow } from '../repositories/safeguarding.repository.js';
import { applyRecordChange, concernCounts, contributionChange } from './measures.service.js';
import type { ConcernFacts } from '../../analytics/rates/contributions.js';
import { serviceInReach, writeLink } from './links.service.js';
import {
  concernStateOf as stateOf, presentConcern, presentConcernSummary, presentDecision, presentWorklistItem, seesDecisionLog, type EffectiveTimescales,
} from '../presenters/safeguarding.presenter.js';

const KIND = 'safeguarding_concern';


function effectiveTimescales(settings: Map<number, TimescaleRow>, localAuthorityId: number | null): EffectiveTimescales {
  const own = localAuthorityId == null ? undefined : settings.get(localAuthorityId);
  return own
    ? { referralWorkingDays: own.referral_working_days, cqcNotificationHours: own.cqc_notification_hours, enquiryWorkingDays: own.enquiry_working_days, source: 'local_authority' }
    : { ...defaultTimescales, source: 'default' };
}


/** Timescales for rows already loaded, without their categories (which the clock does not need). */
function timescalesOf(row: ConcernRow, settings: Map<number, TimescaleRow>, now: Date) {
  return concernTimescales(stateOf(row, [], []), effectiveTimescales(settings, row.local_authority_id), now);
}

const utc = (instant: string) => new Date(instant).toISOString();
const utcOrNull = (instant: string | null | undefined) => (instant == null ? instant : utc(instant));

/** Load and present one concern inside the caller's transaction (the caller audits). */
async function loadPresented(trx: Executor, ctx: Context, id: number, now: Date) {
  const row = await repo.getConcern(trx, id);
  if (!row) throw notFound('safeguarding concern');
  const [categories, factors, settings, decisions] = await Promise.all([
    repo.categoriesFor(trx, [id]),
    repo.factorsFor(trx, [id]),
    repo.timescaleSettings(trx),
    seesDecisionLog(ctx.actor) ? repo.listDecisions(trx, id) : Promise.resolve(undefined),
  ]);
  const effective = effectiveTimescales(settings, row.local_authority_id);
  const state = stateOf(row, categories.get(id) ?? [], factors.get(id) ?? []);
  return presentConcern({
    row, categories: categories.get(id) ?? [], factors: factors.get(id) ?? [], settings: effective,
    timescales: concernTimescales(state, effective, now), ...(decisions ? { decisions } : {}),
  });
}

const actorFields = (ctx: Context) => ({ actor_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, actor_name: ctx.actor.name });

async function checkLocalAuthority(db: Executor, localAuthorityId: number) {
  if (!(await repo.getCommissioner(db, localAuthorityId))) {
    throw invalid('localAuthorityId', 'No such local authority: choose one of the commissioners.');
  }
}

/** Raise a concern about a person in one of the caller's services; the first entry of its decision log says who and when. */
export async function createConcern(ctx: Context, input: ConcernInput) {
  authorize(ctx.actor, 'create', KIND);
  const now = new Date();
  if (!isInScope(ctx.actor, input.serviceId) || !(await repo.serviceExists(ctx.database.db, input.serviceId))) {
    throw invalid('serviceId', 'No such service, or it is outside your services.');
  }
  const person = await repo.getPersonService(ctx.database.db, input.personId);
  if (!person || person.service_id !== input.serviceId) throw invalid('personId', 'This person is not supported by that service.');
  if (Date.parse(input.raisedAt) > now.getTime() + CLOCK_SKEW_MS) throw invalid('raisedAt', 'This cannot be in the future');
  if (input.localAuthorityId !== undefined) await checkLocalAuthority(ctx.database.db, input.localAuthorityId);
  if (input.incidentId !== undefined) {
    const incidentRef = { source: 'incident' as const, id: input.incidentId };
    const incidentService = can(ctx.actor, 'read', 'incident') ? await serviceInReach(ctx, ctx.database.db, incidentRef) : undefined;
    if (incidentService === undefined) throw invalid('incidentId', 'No such incident, or it is outside your services.');
    if (incidentService !== input.serviceId) throw invalid('incidentId', 'This incident happened at another service.');
  }

  return inTransaction(ctx, async (trx) => {
    // The local authority defaults to the service's commissioner when it has exactly one.
    const commissioners = input.localAuthorityId === undefined ? await repo.commissionersOfService(trx, input.serviceId) : [];
    const localAuthorityId = input.localAuthorityId ?? (commissioners.length === 1 ? commissioners[0]!.id : null);
    const at = nowIso();
    const raisedAt = utc(input.raisedAt);
    const id = await repo.insertConcern(trx, {
      service_id: input.serviceId, person_id: input.personId, raised_at: raisedAt,
      raised_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, raised_by_name: ctx.actor.name,
      status: 'raised', location_of_risk: input.locationOfRisk, source_of_risk: input.sourceOfRisk,
      immediate_protection: input.immediateProtection, narrative: input.narrative,
      police_involved: toFlag(input.policeInvolved), police_reference: input.policeReference || null,
      cqc_notification_required: toFlag(input.cqcNotificationRequired ?? true), local_authority_id: localAuthorityId, caused_enquiry: 0,
      created_at: at, updated_at: at,
    });
    await repo.setCategories(trx, id, input.categories);
    await repo.setFactors(trx, id, input.contributoryFactors ?? []);
    await repo.appendDecision(trx, {
      concern_id: id, at, ...actorFields(ctx), kind: 'raised', value: null, reason: null,
      summary: `Concern raised: ${input.categories.map((c) => abuseCategoryLabels[c]).join(', ')}${input.policeInvolved ? '; police involved' : ''}`,
    });
    await applyRecordChange(trx, input.serviceId, input.personId, concernCounts({ raisedAt, isReferredInTime: false, closedAt: null, mspAsked: null, mspAchieved: null }));
    await audit(trx, ctx, { action: 'create', kind: KIND, id });
    if (input.incidentId !== undefined) {
      await writeLink(trx, ctx, { from: { source: 'incident', id: input.incidentId }, to: { source: 'safeguarding', id }, relation: 'raised' });
    }
    return loadPresented(trx, ctx, id, now);
  });
}

/** The facts the monthly measures need from a concern's state. */
export function concernFacts(state: ConcernState, timescales: EffectiveTimescales): ConcernFacts {
  return {
    raisedAt: state.raisedAt,
    isReferredInTime: state.referredToLaAt !== null && state.referredToLaAt <= referralDueAt(state.raisedAt, timescales).toISOString(),
    closedAt: state.closedAt, mspAsked: state.mspAsked, mspAchieved: state.mspAchieved,
  };
}

/** Every concern's facts with where it belongs, for rebuilding the rollups. */
export async function allConcernFacts(db: Executor) {
  const [rows, settings] = await Promise.all([repo.allConcerns(db, { scope: 'all' }), repo.timescaleSettings(db)]);
  return rows.map((row) => ({ serviceId: row.service_id, personId: row.person_id, facts: concernFacts(stateOf(row, [], []), effectiveTimescales(settings, row.local_authority_id)) }));
}

/** Concerns in the caller's services, newest first; the listing is audited as one entry. */
export async function listConcerns(ctx: Context, q: ConcernListQuery) {
  authorize(ctx.actor, 'read', KIND);
  if (q.serviceId !== undefined) assertInScope(ctx.actor, q.serviceId, 'service');
  const now = new Date();
  return inTransaction(ctx, async (trx) => {
    const filter = { scope: serviceScope(ctx.actor), serviceId: q.serviceId, personId: q.personId, status: q.status };
    const settings = await repo.timescaleSettings(trx);
    let page: { row: ConcernRow; timescales: ReturnType<typeof timescalesOf> }[];
    let total: number;
    if (q.overdue) {
      // Overdue depends on working days and each authority's timescales, so it is decided here, over the open concerns.
      const overdue = (await repo.allConcerns(trx, { ...filter, withOpenClock: true }))
        .map((row) => ({ row, timescales: timescalesOf(row, settings, now) }))
        .filter((c) => c.timescales.some((t) => t.state === 'overdue'));
      total = overdue.length;
      page = overdue.slice(q.offset, q.offset + q.limit);
    } else {
      const result = await repo.listConcerns(trx, { ...filter, limit: q.limit, offset: q.offset });
      total = result.total;
      page = result.rows.map((row) => ({ row, timescales: timescalesOf(row, settings, now) }));
    }
    const categories = await repo.categoriesFor(trx, page.map((c) => c.row.id));
    await audit(trx, ctx, {
      action: 'list', kind: KIND, id: null,
      summary: `${page.length} of ${total} safeguarding concerns${q.serviceId ? ` in service ${q.serviceId}` : ''}${q.overdue ? ' (overdue)' : ''}`,
    });
    return { items: page.map((c) => presentConcernSummary(c.row, categories.get(c.row.id) ?? [], c.timescales)), total };
  });
}

/** One concern with its decision log and timescales; every read is audited in the same transaction. */
export async function getConcern(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', KIND);
  return inTransaction(ctx, async (trx) => {
    const row = await repo.getConcern(trx, id);
    if (!row || !isInScope(ctx.actor, row.service_id)) throw notFound('safeguarding concern');
    const presented = await loadPresented(trx, ctx, id, new Date());
    await audit(trx, ctx, { action: 'read', kind: KIND, id });
    return presented;
  });
}

/** The stored columns for the fields an update mentions. */
function changedColumns(input: ConcernUpdate, after: ConcernState): Updateable<SafeguardingConcernTable> {
  const has = (key: keyof ConcernUpdate) => input[key] !== undefined;
  const nullableFlag = (value: boolean | null) => (value == null ? null : toFlag(value));
  return {
    ...(has('locationOfRisk') ? { location_of_risk: after.locationOfRisk } : {}),
    ...(has('sourceOfRisk') ? { source_of_risk: after.sourceOfRisk } : {}),
    ...(has('policeInvolved') ? { police_involved: toFlag(after.policeInvolved) } : {}),
    ...(has('policeReference') ? { police_reference: after.policeReference } : {}),
    ...(has('localAuthorityId') ? { local_authority_id: after.localAuthorityId } : {}),
    ...(has('referredToLaAt') ? { referred_to_la_at: after.referredToLaAt } : {}),
    ...(has('laReference') ? { la_reference: after.laReference } : {}),
    ...(has('laDecision') || has('laDecisionAt') ? { la_decision: after.laDecision, la_decision_at: after.laDecisionAt } : {}),
    ...(has('causedEnquiry') ? { caused_enquiry: toFlag(after.causedEnquiry) } : {}),
    ...(has('causedEnquiryRequestedOn') ? { caused_enquiry_requested_on: after.causedEnquiryRequestedOn } : {}),
    ...(has('causedEnquiryDueOn') ? { caused_enquiry_due_on: after.causedEnquiryDueOn } : {}),
    ...(has('causedEnquiryCompletedOn') ? { caused_enquiry_completed_on: after.causedEnquiryCompletedOn } : {}),
    ...(has('safeguardingPlan') ? { safeguarding_plan: after.safeguardingPlan } : {}),
    ...(has('enquiryOutcome') || has('enquiryOutcomeAt') ? { enquiry_outcome: after.enquiryOutcome, enquiry_outcome_at: after.enquiryOutcomeAt } : {}),
    ...(has('riskOutcome') ? { risk_outcome: after.riskOutcome } : {}),
    ...(has('mspAsked') ? { msp_asked: after.mspAsked } : {}),
    ...(has('mspDesiredOutcomes') ? { msp_desired_outcomes: after.mspDesiredOutcomes } : {}),
    ...(has('mspAchieved') ? { msp_achieved: after.mspAchieved } : {}),
    ...(has('lackedCapacity') ? { lacked_capacity: after.lackedCapacity } : {}),
    ...(has('advocateInvolved') ? { advocate_involved: nullableFlag(after.advocateInvolved) } : {}),
    ...(has('cqcNotificationRequired') ? { cqc_notification_required: toFlag(after.cqcNotificationRequired) } : {}),
    ...(has('cqcNotifiedAt') ? { cqc_notified_at: after.cqcNotifiedAt } : {}),
    ...(has('closedAt') ? { closed_at: after.closedAt } : {}),
  };
}

/** Apply an update to a concern's state; a decision or outcome changed without its own time is timed now. */
function applyUpdate(before: ConcernState, input: ConcernUpdate, at: string): ConcernState {
  const pick = <K extends keyof ConcernState>(key: K, value: ConcernState[K] | undefined): ConcernState[K] => (value === undefined ? before[key] : value);
  const laDecision = pick('laDecision', input.laDecision);
  const enquiryOutcome = pick('enquiryOutcome', input.enquiryOutcome);
  const timed = (changed: boolean, given: string | null | undefined, current: string | null, value: unknown) =>
    given !== undefined ? (given === null ? null : utc(given)) : changed ? (value == null ? null : at) : current;
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value || null);
  return {
    ...before,
    categories: pick('categories', input.categories),
    locationOfRisk: pick('locationOfRisk', input.locationOfRisk),
    sourceOfRisk: pick('sourceOfRisk', input.sourceOfRisk),
    contributoryFactors: pick('contributoryFactors', input.contributoryFactors),
    policeInvolved: pick('policeInvolved', input.policeInvolved),
    policeReference: pick('policeReference', text(input.policeReference)),
    localAuthorityId: pick('localAuthorityId', input.localAuthorityId),
    referredToLaAt: pick('referredToLaAt', utcOrNull(input.referredToLaAt)),
    laReference: pick('laReference', text(input.laReference)),
    laDecision,
    laDecisionAt: timed(laDecision !== before.laDecision, input.laDecisionAt, before.laDecisionAt, laDecision),
    causedEnquiry: pick('causedEnquiry', input.causedEnquiry),
    causedEnquiryRequestedOn: pick('causedEnquiryRequestedOn', input.causedEnquiryRequestedOn),
    causedEnquiryDueOn: pick('causedEnquiryDueOn', input.causedEnquiryDueOn),
    causedEnquiryCompletedOn: pick('causedEnquiryCompletedOn', input.causedEnquiryCompletedOn),
    safeguardingPlan: pick('safeguardingPlan', text(input.safeguardingPlan)),
    enquiryOutcome,
    enquiryOutcomeAt: timed(enquiryOutcome !== before.enquiryOutcome, input.enquiryOutcomeAt, before.enquiryOutcomeAt, enquiryOutcome),
    riskOutcome: pick('riskOutcome', input.riskOutcome),
    mspAsked: pick('mspAsked', input.mspAsked),
    mspDesiredOutcomes: pick('mspDesiredOutcomes', text(input.mspDesiredOutcomes)),
    mspAchieved: pick('mspAchieved', input.mspAchieved),
    lackedCapacity: pick('lackedCapacity', input.lackedCapacity),
    advocateInvolved: pick('advocateInvolved', input.advocateInvolved),
    cqcNotificationRequired: pick('cqcNotificationRequired', input.cqcNotificationRequired),
    cqcNotifiedAt: pick('cqcNotifiedAt', utcOrNull(input.cqcNotifiedAt)),
    closedAt: pick('closedAt', utcOrNull(input.closedAt)),
  };
}

/**
 * Record a stage of a concern. Changes to decisions (referral, LA decision, caused enquiry, outcome, CQC, closure)
 * need a reason and each appends to the decision log, in the same transaction as the change and its audit entry.
 */
export async function updateConcern(ctx: Context, id: number, input: ConcernUpdate) {
  authorize(ctx.actor, 'update', KIND);
  const now = new Date();
  return inTransaction(ctx, async (trx) => {
    const row = await repo.getConcern(trx, id, ctx.database.dialect);
    if (!row || !isInScope(ctx.actor, row.service_id)) throw notFound('safeguarding concern');
    if (row.closed_at && input.closedAt !== null) {
      throw conflict('This concern is closed. Reopen it (closedAt: null, with a reason) before changing it.', 'closedAt');
    }
    if (input.localAuthorityId != null) await checkLocalAuthority(trx, input.localAuthorityId);

    const [categories, factors] = await Promise.all([repo.categoriesFor(trx, [id]), repo.factorsFor(trx, [id])]);
    const before = stateOf(row, categories.get(id) ?? [], factors.get(id) ?? []);
    const at = nowIso();
    const after = applyUpdate(before, input, at);

    const problems = concernStateProblems(after, now);
    if (problems.length) throw new AppError('validation', `Please correct: ${[...new Set(problems.map((p) => p.path))].join(', ')}.`, problems);

    const laName = after.localAuthorityId == null ? null
      : after.localAuthorityId === row.local_authority_id ? row.la_name
      : (await repo.getCommissioner(trx, after.localAuthorityId))?.name ?? null;
    const decisions = decisionEntries(before, after, laName);
    if (decisions.length && !input.reason) {
      throw invalid('reason', `Give the reason for this decision (${decisions.map((d) => d.summary.toLowerCase()).join('; ')}).`);
    }

    await repo.updateConcern(trx, id, { ...changedColumns(input, after), status: concernStatus(after), updated_at: at });
    if (input.categories) await repo.setCategories(trx, id, input.categories);
    if (input.contributoryFactors) await repo.setFactors(trx, id, input.contributoryFactors);
    for (const decision of decisions) {
      await repo.appendDecision(trx, { concern_id: id, at, ...actorFields(ctx), ...decision, reason: input.reason ?? null });
    }
    const fields = Object.keys(input).filter((k) => k !== 'reason');
    if (!decisions.length && input.reason) {
      // A reason given for a change that is not itself a decision is kept, not dropped.
      await repo.appendDecision(trx, { concern_id: id, at, ...actorFields(ctx), kind: 'update', value: null, summary: `Updated: ${fields.join(', ')}`, reason: input.reason });
    }
    const settings = await repo.timescaleSettings(trx);
    await applyRecordChange(trx, row.service_id, row.person_id, contributionChange(
      concernCounts(concernFacts(before, effectiveTimescales(settings, before.localAuthorityId))),
      concernCounts(concernFacts(after, effectiveTimescales(settings, after.localAuthorityId))),
    ));
    await audit(trx, ctx, { action: 'update', kind: KIND, id, summary: fields.join(', ') });
    return loadPresented(trx, ctx, id, now);
  });
}

/** Add a note to a concern's decision log (a discussion, an escalation, whether a SAR was considered) with its reasoning. */
export async function addDecisionNote(ctx: Context, id: number, input: DecisionNoteInput) {
  authorize(ctx.actor, 'update', KIND);
  return inTransaction(ctx, async (trx) => {
    const row = await repo.getConcern(trx, id, ctx.database.dialect);
    if (!row || !isInScope(ctx.actor, row.service_id)) throw notFound('safeguarding concern');
    const decisionId = await repo.appendDecision(trx, {
      concern_id: id, at: nowIso(), ...actorFields(ctx), kind: input.kind, value: null, summary: input.summary, reason: input.reason,
    });
    await repo.updateConcern(trx, id, { updated_at: nowIso() });
    await audit(trx, ctx, { action: 'update', kind: KIND, id, summary: `decision log: ${input.kind}` });
    const decision = await repo.getDecision(trx, decisionId);
    return presentDecision(decision!);
  });
}

/**
 * The safeguarding worklist: every timescale in the caller's services that is overdue or due by the end of the
 * next working day (referral, CQC notification, enquiry completion), most urgent first.
 */
export async function worklist(ctx: Context, f: { serviceId?: number }) {
  authorize(ctx.actor, 'read', KIND);
  if (f.serviceId !== undefined) assertInScope(ctx.actor, f.serviceId, 'service');
  const now = new Date();
  return inTransaction(ctx, async (trx) => {
    const settings = await repo.timescaleSettings(trx);
    const rows = await repo.allConcerns(trx, { scope: serviceScope(ctx.actor), serviceId: f.serviceId, withOpenClock: true });
    const items = rows
      .flatMap((row) => worklistTimescales(stateOf(row, [], []), effectiveTimescales(settings, row.local_authority_id), now)
        .map((item) => presentWorklistItem(row, item)))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.concernId - b.concernId);
    await audit(trx, ctx, {
      action: 'list', kind: KIND, id: null,
      summary: `safeguarding worklist: ${items.length} items${f.serviceId ? ` in service ${f.serviceId}` : ''}`,
    });
    return { asOf: now.toISOString(), items, total: items.length };
  });
}

/** Every local authority (commissioner) with the timescales that apply to its concerns. */
export async function listTimescales(ctx: Context) {
  authorize(ctx.actor, 'read', KIND);
  const rows = await repo.localAuthoritiesWithTimescales(ctx.database.db);
  return {
    defaults: { ...defaultTimescales, source: 'default' as const },
    items: rows.map((r) => (r.referral_working_days != null && r.cqc_notification_hours != null && r.enquiry_working_days != null
      ? {
        localAuthorityId: r.id, localAuthorityName: r.name, referralWorkingDays: r.referral_working_days,
        cqcNotificationHours: r.cqc_notification_hours, enquiryWorkingDays: r.enquiry_working_days, source: 'local_authority' as const,
      }
      : { localAuthorityId: r.id, localAuthorityName: r.name, ...defaultTimescales, source: 'default' as const })),
  };
}

/** Set a local authority's own timescales (administrators, who maintain commissioners). */
export async function setTimescales(ctx: Context, localAuthorityId: number, input: TimescaleSettings) {
  authorize(ctx.actor, 'update', 'commissioner');
  return inTransaction(ctx, async (trx) => {
    const authority = await repo.getCommissioner(trx, localAuthorityId);
    if (!authority) throw notFound('local authority');
    await repo.upsertTimescales(trx, {
      local_authority_id: localAuthorityId, referral_working_days: input.referralWorkingDays, cqc_notification_hours: input.cqcNotificationHours,
      enquiry_working_days: input.enquiryWorkingDays, updated_at: nowIso(), updated_by: ctx.actor.name,
    });
    await audit(trx, ctx, {
      action: 'update', kind: 'safeguarding_timescales', id: localAuthorityId,
      summary: `referral ${input.referralWorkingDays} working days, CQC ${input.cqcNotificationHours} hours, enquiry ${input.enquiryWorkingDays} working days`,
    });
    return { localAuthorityId, localAuthorityName: authority.name, ...input, source: 'local_authority' as const };
  });
}
