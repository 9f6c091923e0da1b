import type { Database, Executor } from '../../db/connection.js';
import { nowIso, toFlag, fromFlag } from '../../db/connection.js';
import type { ContributoryFactor } from '../../domain/contributory-factors.js';
import {
  actionInPlainWords, actionTypeLabels, canMoveAction, completesByDocument, coverage, defaultReviewOn, defaultShareDueOn, isActionOverdue,
  isShareOverdue, learningResponseTypeLabels, outcomeText,
  type Action, type ActionInput, type ActionStatus, type ActionType, type ActionUpdate, type CloseOutcome, type EvidenceInput, type EvidenceSource,
  type LearningResponse, type LearningResponseInput, type LearningResponseType, type LearningResponseUpdate, type Lesson, type LessonDetail, type LessonInput, type ReportOutcome,
  type Share, type ShareAnswer, type ShareAnswerInput, type ShareInput, type Verdict,
} from '../../domain/learning.js';
import { measureCatalogue } from '../../domain/measures.js';
import { ukToday } from '../../domain/restrictions.js';
import { londonDate } from '../../domain/working-days.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldError } from '../errors.js';
import { authorize, can, isInScope, serviceScope } from '../policies/access.js';
import { systemContext, type AnyActor } from '../policies/actor.js';
import { audit, inTransaction, type Context } from '../context.js';
import { markInLearning } from '../repositories/patterns.repository.js';
import * as repo from '../repositories/learning.repository.js';
import { existingIds, getPerson } from '../repositories/organisation.repository.js';

const userIdOf = (actor: AnyActor) => (actor.kind === 'user' ? actor.userId : null);
const fail = (errors: FieldError[]) => new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
const hasAllServices = (actor: AnyActor) => serviceScope(actor) === 'all';

// Evidence.

/**
 * Check that every record named as evidence exists and is within the caller's reach (a speak-up report only for
 * those who may read speak-up reports), and collect the contributory factors recorded on them.
 */
async function checkEvidence(ctx: Context, db: Executor, evidence: readonly EvidenceInput[], path: string) {
  const records = evidence.flatMap((e, i) => (e.source === 'pattern' ? [] : [{ source: e.source, id: e.id, i }]));
  const facts = await repo.evidenceFacts(db, records);
  const errors: FieldError[] = [];
  const factors = new Set<string>();
  const seen = new Set<string>();
  for (const r of records) {
    const fact = facts.get(`${r.source}:${r.id}`);
    const reachable = fact && (r.source === 'speak_up'
      ? can(ctx.actor, 'read', 'speak_up')
      : fact.serviceId !== null && isInScope(ctx.actor, fact.serviceId) && can(ctx.actor, 'read', r.source));
    if (!reachable) errors.push({ path: `${path}.${r.i}`, message: 'No such record, or it is outside your reach.' });
    else fact.factors.forEach((f) => factors.add(f));
    if (seen.has(`${r.source}:${r.id}`)) errors.push({ path: `${path}.${r.i}`, message: 'This record is named twice.' });
    seen.add(`${r.source}:${r.id}`);
  }
  if (errors.length) throw fail(errors);
  const rows = evidence.map((e) => (e.source === 'pattern'
    ? { source: 'pattern', source_id: null, source_key: e.key }
    : { source: e.source, source_id: e.id, source_key: null }));
  return { rows, factors: [...factors] as ContributoryFactor[] };
}

async function presentEvidence(actor: AnyActor, db: Executor, rows: readonly repo.EvidenceRow[]) {
  const facts = await repo.evidenceFacts(db, rows.flatMap((r) => (r.source === 'pattern' || r.source_id === null ? [] : [{ source: r.source as repo.RecordSource, id: r.source_id }])));
  const mayReadSpeakUp = can(actor, 'read', 'speak_up');
  return (owner: number) => rows.filter((r) => r.owner_id === owner).map((r) => {
    const source = r.source as EvidenceSource;
    if (source === 'pattern') return { source, id: null, key: r.source_key, label: `Detected pattern ${r.source_key ?? ''}`.trim() };
    // A speak-up report is named only to those who may read it; others learn that one was drawn on, nothing more.
    const id = source === 'speak_up' && !mayReadSpeakUp ? null : r.source_id;
    return { source, id, key: null, label: facts.get(`${source}:${r.source_id}`)?.label ?? 'A record no longer held' };
  });
}

// Learning responses.

async function presentResponses(ctx: Context, db: Executor, page: repo.ResponsePage): Promise<LearningResponse[]> {
  const evidenceOf = await presentEvidence(ctx.actor, db, page.evidence);
  return page.rows.map((r) => ({
    id: r.id,
    type: r.type as LearningResponseType,
    typeLabel: learningResponseTypeLabels[r.type as LearningResponseType],
    title: r.title,
    service: r.service_id !== null ? { id: r.service_id, name: r.service_name ?? '' } : null,
    startedOn: r.started_on,
    status: r.status as LearningResponse['status'],
    findings: r.findings,
    participants: {
      person: fromFlag(r.person_took_part), family: fromFlag(r.family_took_part), advocate: fromFlag(r.advocate_took_part), staff: fromFlag(r.staff_took_part),
      names: JSON.parse(r.participant_names) as string[],
    },
    evidence: evidenceOf(r.id),
    contributoryFactors: page.factors.filter((f) => f.owner_id === r.id).map((f) => f.factor as ContributoryFactor),
    lessons: page.lessons.filter((l) => l.learning_response_id === r.id).map((l) => ({ id: l.id, statement: l.statement })),
    createdBy: r.created_by_name,
    createdAt: r.created_at,
  }));
}

async function loadResponse(ctx: Context, db: Executor, id: number) {
  const [response] = await presentResponses(ctx, db, await repo.listResponses(db, { scope: serviceScope(ctx.actor), ids: [id], limit: 1, offset: 0 }));
  if (!response) throw notFound('learning response');
  return response;
}

/** Start a learning response from records (or a pattern): their evidence comes along, and their contributory factors unless named. */
export async function startResponse(ctx: Context, input: LearningResponseInput): Promise<LearningResponse> {
  authorize(ctx.actor, 'create', 'learning_response');
  const db = ctx.database.db;
  if (input.serviceId === undefined) {
    if (!hasAllServices(ctx.actor)) throw invalid('serviceId', 'Name the service: an organisation-wide response is for people who see every service.');
  } else if (!isInScope(ctx.actor, input.serviceId) || !(await existingIds(db, 'services', [input.serviceId])).has(input.serviceId)) {
    throw invalid('serviceId', 'No such service, or it is outside your services.');
  }
  if (input.startedOn > ukToday()) throw invalid('startedOn', 'This is in the future.');
  const evidence = await checkEvidence(ctx, db, input.evidence, 'evidence');
  const factors = input.contributoryFactors ?? evidence.factors;
  const p = input.participants;
  return inTransaction(ctx, async (trx) => {
    const id = await repo.insertResponse(trx, {
      type: input.type, title: input.title, service_id: input.serviceId ?? null, started_on: input.startedOn, status: input.status, findings: input.findings,
      person_took_part: toFlag(p.person), family_took_part: toFlag(p.family), advocate_took_part: toFlag(p.advocate), staff_took_part: toFlag(p.staff),
      participant_names: JSON.stringify(p.names), created_by_user_id: userIdOf(ctx.actor), created_by_name: ctx.actor.name, created_at: nowIso(),
    });
    await repo.insertOwned(trx, 'learning_response', id, evidence.rows, factors);
    await markInLearning(trx, input.evidence.flatMap((e) => (e.source === 'pattern' && /^[1-9]\d{0,9}$/.test(e.key) ? [Number(e.key)] : [])));
    await audit(trx, ctx, { action: 'create', kind: 'learning_response', id, summary: `${input.type}, ${input.evidence.length} evidence, ${factors.length} factor(s)` });
    return loadResponse(ctx, trx, id);
  });
}

/** Record findings, participants and factors as the response goes on, and mark it completed; audited. */
export async function updateResponse(ctx: Context, id: number, input: LearningResponseUpdate): Promise<LearningResponse> {
  authorize(ctx.actor, 'update', 'learning_response');
  return inTransaction(ctx, async (trx) => {
    const current = await loadResponse(ctx, trx, id);
    const p = input.participants;
    const patch = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.findings !== undefined ? { findings: input.findings } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(p ? {
        person_took_part: toFlag(p.person), family_took_part: toFlag(p.family), advocate_took_part: toFlag(p.advocate), staff_took_part: toFlag(p.staff),
        participant_names: JSON.stringify(p.names),
      } : {}),
    };
    if (Object.keys(patch).length) await repo.updateResponse(trx, id, patch);
    if (input.contributoryFactors) await repo.replaceFactors(trx, 'learning_response', id, input.contributoryFactors);
    const changed = [...Object.keys(input)].join(', ') || 'nothing';
    await audit(trx, ctx, { action: 'update', kind: 'learning_response', id, summary: `${changed}${input.status && input.status !== current.status ? ` (now ${input.status})` : ''}` });
    return loadResponse(ctx, trx, id);
  });
}

export async function getResponse(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'learning_response');
  return inTransaction(ctx, async (trx) => {
    const response = await loadResponse(ctx, trx, id);
    await audit(trx, ctx, { action: 'read', kind: 'learning_response', id });
    return response;
  });
}

export async function listResponses(ctx: Context, f: { serviceId?: number; limit: number; offset: number }) {
  authorize(ctx.actor, 'read', 'learning_response');
  return inTransaction(ctx, async (trx) => {
    const page = await repo.listResponses(trx, { ...f, scope: serviceScope(ctx.actor) });
    await audit(trx, ctx, { action: 'list', kind: 'learning_response', summary: `${page.rows.length} of ${page.total}` });
    return { items: await presentResponses(ctx, trx, page), total: page.total };
  });
}

// Lessons and shares.

function presentShare(s: repo.ShareRow, today: string): Share {
  return {
    id: s.id, lessonId: s.lesson_id, service: { id: s.service_id, name: s.service_name }, sharedOn: s.shared_on, dueOn: s.due_on,
    isOverdue: isShareOverdue({ dueOn: s.due_on, answeredAt: s.answered_at }, today),
    answeredAt: s.answered_at, applies: s.applies as ShareAnswer | null, whatWeDid: s.what_we_did, answeredBy: s.answered_by_name, escalatedAt: s.escalated_at,
  };
}

async function presentLessons(ctx: Context, db: Executor, page: repo.LessonPage): Promise<Lesson[]> {
  const today = ukToday();
  const evidenceOf = await presentEvidence(ctx.actor, db, page.evidence);
  return page.rows.map((r) => {
    const shares = page.shares.filter((s) => s.lesson_id === r.id).map((s) => ({ dueOn: s.due_on, answeredAt: s.answered_at }));
    return {
      id: r.id,
      statement: r.statement,
      scope: {
        type: r.scope_type as Lesson['scope']['type'], id: r.scope_id,
        // A person is named only to those whose services include theirs; a service that received the lesson learns no name.
        name: r.scope_type === 'organisation' ? 'Whole organisation'
          : r.scope_type === 'person' && (r.service_id === null || !isInScope(ctx.actor, r.service_id)) ? 'A person supported at another service'
            : page.scopeNames.get(`${r.scope_type}:${r.scope_id}`) ?? '',
      },
      serviceId: r.service_id,
      learningResponse: r.learning_response_id !== null
        ? { id: r.learning_response_id, title: r.response_title ?? '', type: r.response_type as LearningResponseType }
        : null,
      contributoryFactors: page.factors.filter((f) => f.owner_id === r.id).map((f) => f.factor as ContributoryFactor),
      evidence: evidenceOf(r.id),
      coverage: coverage(shares, today),
      createdBy: r.created_by_name,
      createdAt: r.created_at,
    };
  });
}

async function loadLesson(ctx: Context, db: Executor, id: number): Promise<LessonDetail> {
  const page = await repo.listLessons(db, { scope: serviceScope(ctx.actor), ids: [id], limit: 1, offset: 0 });
  const [lesson] = await presentLessons(ctx, db, page);
  if (!lesson) throw notFound('lesson');
  const today = ukToday();
  const actions = can(ctx.actor, 'read', 'action') ? await loadActions(ctx, db, { lessonIds: [id], limit: 500, offset: 0 }) : { items: [] };
  return { ...lesson, shares: page.shares.map((s) => presentShare(s, today)), actions: actions.items };
}

/** Record a lesson: its scope, factors and evidence (from its learning response unless named). */
export async function recordLesson(ctx: Context, input: LessonInput): Promise<LessonDetail> {
  authorize(ctx.actor, 'create', 'lesson');
  const db = ctx.database.db;
  let serviceId: number | null = null;
  if (input.scope.type === 'organisation') {
    if (!hasAllServices(ctx.actor)) throw invalid('scope.type', 'An organisation-wide lesson is for people who see every service.');
  } else if (input.scope.type === 'service') {
    if (!isInScope(ctx.actor, input.scope.id) || !(await existingIds(db, 'services', [input.scope.id])).has(input.scope.id)) {
      throw invalid('scope.id', 'No such service, or it is outside your services.');
    }
    serviceId = input.scope.id;
  } else {
    const person = await getPerson(db, input.scope.id);
    if (!person || !isInScope(ctx.actor, person.service_id)) throw invalid('scope.id', 'No such person, or they are outside your services.');
    serviceId = person.service_id;
  }
  let factors = input.contributoryFactors;
  let evidenceRows: Omit<repo.EvidenceRow, 'owner_kind' | 'owner_id'>[] = [];
  if (input.learningResponseId !== undefined) {
    const page = await repo.listResponses(db, { scope: serviceScope(ctx.actor), ids: [input.learningResponseId], limit: 1, offset: 0 });
    if (!page.rows.length || !can(ctx.actor, 'read', 'learning_response')) throw invalid('learningResponseId', 'No such learning response, or it is outside your reach.');
    factors ??= page.factors.map((f) => f.factor as ContributoryFactor);
    if (!input.evidence) evidenceRows = page.evidence.map(({ source, source_id, source_key }) => ({ source, source_id, source_key }));
  }
  if (input.evidence) evidenceRows = (await checkEvidence(ctx, db, input.evidence, 'evidence')).rows;
  return inTransaction(ctx, async (trx) => {
    const id = await repo.insertLesson(trx, {
      statement: input.statement, scope_type: input.scope.type, scope_id: input.scope.type === 'organisation' ? null : input.scope.id, service_id: serviceId,
      learning_response_id: input.learningResponseId ?? null, created_by_user_id: userIdOf(ctx.actor), created_by_name: ctx.actor.name, created_at: nowIso(),
    });
    await repo.insertOwned(trx, 'lesson', id, evidenceRows, factors ?? []);
    await audit(trx, ctx, { action: 'create', kind: 'lesson', id, summary: `${input.scope.type} lesson${input.learningResponseId ? ` from learning response ${input.learningResponseId}` : ''}` });
    return loadLesson(ctx, trx, id);
  });
}

export async function getLesson(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'lesson');
  return inTransaction(ctx, async (trx) => {
    const lesson = await loadLesson(ctx, trx, id);
    await audit(trx, ctx, { action: 'read', kind: 'lesson', id });
    return lesson;
  });
}

/** The learning library: lessons the caller may read, searchable by words and filtered by service or factor. */
export async function searchLessons(ctx: Context, f: { q?: string; serviceId?: number; factor?: string; limit: number; offset: number }) {
  authorize(ctx.actor, 'read', 'lesson');
  return inTransaction(ctx, async (trx) => {
    const page = await repo.listLessons(trx, { ...f, scope: serviceScope(ctx.actor) });
    await audit(trx, ctx, { action: 'list', kind: 'lesson', summary: `${page.rows.length} of ${page.total}${f.q ? ' (search)' : ''}` });
    return { items: await presentLessons(ctx, trx, page), total: page.total };
  });
}

/** Share a lesson with other services; every service must be within the sharer's services, or nothing is written. */
export async function shareLesson(ctx: Context, lessonId: number, input: ShareInput): Promise<LessonDetail> {
  authorize(ctx.actor, 'update', 'lesson');
  const db = ctx.database.db;
  const visible = await repo.listLessons(db, { scope: serviceScope(ctx.actor), ids: [lessonId], limit: 1, offset: 0 });
  const lesson = visible.rows[0];
  if (!lesson) throw notFound('lesson');
  const today = ukToday();
  const existing = await existingIds(db, 'services', input.serviceIds);
  const already = new Set(visible.shares.map((s) => s.service_id));
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  input.serviceIds.forEach((serviceId, i) => {
    if (!existing.has(serviceId) || !isInScope(ctx.actor, serviceId)) errors.push({ path: `serviceIds.${i}`, message: 'No such service, or it is outside your services.' });
    else if (serviceId === lesson.service_id) errors.push({ path: `serviceIds.${i}`, message: 'This lesson is this service’s own.' });
    else if (already.has(serviceId) || seen.has(serviceId)) errors.push({ path: `serviceIds.${i}`, message: 'Already shared with this service.' });
    seen.add(serviceId);
  });
  if (input.dueOn !== undefined && input.dueOn <= today) errors.push({ path: 'dueOn', message: 'Give a date after today.' });
  if (errors.length) throw fail(errors);
  const dueOn = input.dueOn ?? defaultShareDueOn(today);
  return inTransaction(ctx, async (trx) => {
    await repo.insertShares(trx, input.serviceIds.map((service_id) => ({
      lesson_id: lessonId, service_id, shared_on: today, due_on: dueOn, shared_by_user_id: userIdOf(ctx.actor), shared_by_name: ctx.actor.name,
    })));
    await audit(trx, ctx, { action: 'update', kind: 'lesson', id: lessonId, summary: `shared with ${input.serviceIds.length} service(s), due ${dueOn}` });
    return loadLesson(ctx, trx, lessonId);
  });
}

/** The receiving service's answer: does the lesson apply here, and what did we do. */
export async function answerShare(ctx: Context, shareId: number, input: ShareAnswerInput): Promise<Share> {
  authorize(ctx.actor, 'update', 'lesson');
  return inTransaction(ctx, async (trx) => {
    const [share] = await repo.sharesOf(trx, { ids: [shareId] });
    if (!share || !isInScope(ctx.actor, share.service_id)) throw notFound('lesson share');
    if (share.answered_at !== null) throw conflict('This service has already answered.', 'applies');
    await repo.updateShare(trx, shareId, {
      answered_at: nowIso(), applies: input.applies, what_we_did: input.whatWeDid || null, answered_by_user_id: userIdOf(ctx.actor), answered_by_name: ctx.actor.name,
    });
    await audit(trx, ctx, { action: 'update', kind: 'lesson_share', id: shareId, summary: `lesson ${share.lesson_id} at service ${share.service_id}: applies ${input.applies}` });
    const [updated] = await repo.sharesOf(trx, { ids: [shareId] });
    return presentShare(updated!, ukToday());
  });
}

// Actions.

function presentActions(page: repo.ActionPage, today: string): Action[] {
  return page.rows.map((r) => {
    const measure = measureCatalogue.find((m) => m.key === r.measure_key);
    return {
      id: r.id,
      lesson: { id: r.lesson_id, statement: r.lesson_statement },
      type: r.type as ActionType,
      typeLabel: actionTypeLabels[r.type as ActionType],
      description: r.description,
      serviceId: r.service_id,
      personId: r.person_id,
      owner: { userId: r.owner_user_id, staffId: r.owner_staff_id, name: r.owner_user_name ?? r.owner_staff_name ?? '' },
      dueOn: r.due_on,
      status: r.status as ActionStatus,
      isOverdue: isActionOverdue({ dueOn: r.due_on, status: r.status as ActionStatus }, today),
      completionEvidence: r.completion_evidence,
      completedOn: r.completed_on,
      closedOn: r.closed_on,
      closedAs: r.closed_as as CloseOutcome | null,
      measure: { key: r.measure_key, name: measure?.name ?? r.measure_key, scope: { type: r.scope_type as Action['measure']['scope']['type'], id: r.scope_id } },
      actionDate: r.action_date,
      reviewOn: r.review_on,
      verdict: r.verdict as Verdict | null,
      verdictExplanation: r.verdict_explanation,
      evaluatedAt: r.evaluated_at,
      overrideReason: r.override_reason,
      overrideBy: r.override_by,
      escalatedAt: r.escalated_at,
      documents: page.documents.filter((d) => d.action_id === r.id)
        .map((d) => ({ id: d.id, kind: d.kind as Action['documents'][number]['kind'], version: d.version, personId: d.person_id })),
      trainingAssigned: Number(page.training.find((t) => t.action_id === r.id)?.n ?? 0),
      createdAt: r.created_at,
    };
  });
}

async function loadActions(ctx: Context, db: Executor, f: Omit<repo.ActionFilter, 'scope' | 'ownerUserId'>) {
  const page = await repo.listActions(db, { ...f, scope: serviceScope(ctx.actor), ownerUserId: userIdOf(ctx.actor) ?? undefined });
  return { items: presentActions(page, ukToday()), total: page.total };
}

/** One action the caller may see, or 404. */
export async function loadAction(ctx: Context, db: Executor, id: number): Promise<Action> {
  const [action] = (await loadActions(ctx, db, { ids: [id], limit: 1, offset: 0 })).items;
  if (!action) throw notFound('action');
  return action;
}

/** Where an action's measure applies, checked against the caller's services; returns the service it sits at, if any. */
async function checkMeasureScope(ctx: Context, db: Executor, scope: ActionInput['measure']['scope'], errors: FieldError[]) {
  if (scope.type === 'organisation' || scope.type === 'region') {
    if (!hasAllServices(ctx.actor)) errors.push({ path: 'measure.scope.type', message: 'Only people who see every service can aim an action at a region or the whole organisation.' });
    if (scope.type === 'region' && !(await existingIds(db, 'regions', [scope.id])).has(scope.id)) errors.push({ path: 'measure.scope.id', message: 'No such region.' });
    return null;
  }
  if (scope.type === 'service') {
    if (!isInScope(ctx.actor, scope.id) || !(await existingIds(db, 'services', [scope.id])).has(scope.id)) {
      errors.push({ path: 'measure.scope.id', message: 'No such service, or it is outside your services.' });
    }
    return scope.id;
  }
  const person = await getPerson(db, scope.id);
  if (!person || !isInScope(ctx.actor, person.service_id)) {
    errors.push({ path: 'measure.scope.id', message: 'No such person, or they are outside your services.' });
    return null;
  }
  return person.service_id;
}

/** An action from a lesson: owner, due date, and the measure (and scope) it should move are all required. */
export async function createAction(ctx: Context, input: ActionInput): Promise<Action> {
  authorize(ctx.actor, 'create', 'action');
  const db = ctx.database.db;
  const errors: FieldError[] = [];
  const lessonPage = await repo.listLessons(db, { scope: serviceScope(ctx.actor), ids: [input.lessonId], limit: 1, offset: 0 });
  const lesson = lessonPage.rows[0];
  if (!lesson) errors.push({ path: 'lessonId', message: 'No such lesson, or it is outside your reach.' });
  if (input.owner.userId !== undefined) {
    const owner = await db.selectFrom('users').select(['id', 'disabled']).where('id', '=', input.owner.userId).executeTakeFirst();
    if (!owner || owner.disabled) errors.push({ path: 'owner.userId', message: 'No such active user.' });
  }
  if (input.owner.staffId !== undefined) {
    const services = await repo.servicesOfStaffIds(db, [input.owner.staffId]);
    if (!services.some((s) => isInScope(ctx.actor, s.service_id))) errors.push({ path: 'owner.staffId', message: 'No such member of staff in your services.' });
  }
  const measureServiceId = await checkMeasureScope(ctx, db, input.measure.scope, errors);
  let personId: number | null = input.personId ?? (input.measure.scope.type === 'person' ? input.measure.scope.id : null);
  let personServiceId: number | null = null;
  if (personId !== null) {
    const person = await getPerson(db, personId);
    if (!person || !isInScope(ctx.actor, person.service_id)) {
      errors.push({ path: 'personId', message: 'No such person, or they are outside your services.' });
      personId = null;
    } else personServiceId = person.service_id;
  }
  if (completesByDocument(input.type) && personId === null && !errors.some((e) => e.path === 'personId' || e.path === 'measure.scope.id')) {
    errors.push({ path: 'personId', message: 'Name the person whose risk assessment or plan will change.' });
  }
  const reviewOn = input.reviewOn ?? defaultReviewOn(input.dueOn);
  if (reviewOn < input.dueOn) errors.push({ path: 'reviewOn', message: 'The review date is before the action is due.' });
  const serviceId = personServiceId ?? measureServiceId ?? lesson?.service_id ?? null;
  if (serviceId === null && !hasAllServices(ctx.actor)) errors.push({ path: 'measure.scope', message: 'Aim the action at a service or person in your services.' });
  if (errors.length) throw fail(errors);
  return inTransaction(ctx, async (trx) => {
    const at = nowIso();
    const id = await repo.insertAction(trx, {
      lesson_id: input.lessonId, type: input.type, description: input.description, service_id: serviceId, person_id: personId,
      owner_user_id: input.owner.userId ?? null, owner_staff_id: input.owner.staffId ?? null, due_on: input.dueOn, status: 'open',
      measure_key: input.measure.key, scope_type: input.measure.scope.type, scope_id: input.measure.scope.type === 'organisation' ? null : input.measure.scope.id,
      action_date: input.actionDate ?? null, review_on: reviewOn, created_by_user_id: userIdOf(ctx.actor), created_at: at, updated_at: at,
    });
    await audit(trx, ctx, { action: 'create', kind: 'action', id, summary: `${input.type} from lesson ${input.lessonId}, due ${input.dueOn}, measure ${input.measure.key}` });
    return loadAction(ctx, trx, id);
  });
}

/** Move an action on, record its evidence, or close it; closing as effective needs the verdict or a lead's reason. */
export async function updateAction(ctx: Context, id: number, input: ActionUpdate): Promise<Action> {
  authorize(ctx.actor, 'update', 'action');
  return inTransaction(ctx, async (trx) => {
    const current = await loadAction(ctx, trx, id);
    const today = ukToday();
    const patch: Parameters<typeof repo.updateAction>[2] = { updated_at: nowIso() };
    const notes: string[] = [];
    if (input.completionEvidence !== undefined) patch.completion_evidence = input.completionEvidence;
    if (input.dueOn !== undefined) patch.due_on = input.dueOn;
    if (input.reviewOn !== undefined) patch.review_on = input.reviewOn;
    if (input.actionDate !== undefined) patch.action_date = input.actionDate;
    if ((input.reviewOn ?? current.reviewOn) < (input.dueOn ?? current.dueOn)) throw invalid('reviewOn', 'The review date is before the action is due.');
    if (input.closedAs !== undefined && input.status !== 'closed') throw invalid('closedAs', 'Say how it ended only when closing it.');
    if (input.overrideReason !== undefined && input.closedAs !== 'effective') throw invalid('overrideReason', 'An override reason is only for closing an action as effective.');
    const to = input.status;
    if (to !== undefined && to !== current.status) {
      if (!canMoveAction(current.status, to)) throw conflict(`An action cannot move from ${current.status} to ${to}.`, 'status');
      if (to === 'completed' || (to === 'closed' && current.status !== 'completed' && input.closedAs !== 'superseded')) {
        if (completesByDocument(current.type)) {
          throw conflict('This action completes when a new version of the person’s document is recorded against it.', 'status');
        }
        if (current.type === 'workforce_development' && current.trainingAssigned === 0) {
          throw conflict('Assign the training first: this action completes once a course is assigned to staff or services.', 'status');
        }
        if (!(input.completionEvidence ?? current.completionEvidence)) throw invalid('completionEvidence', 'Say what was done (the evidence of completion).');
        patch.completed_on = today;
        patch.action_date = input.actionDate ?? current.actionDate ?? today;
      }
      if (to === 'closed') {
        if (!input.closedAs) throw invalid('closedAs', 'Say how it ended: effective, not effective or superseded.');
        if (input.closedAs === 'effective' && current.verdict !== 'effective') {
          if (!input.overrideReason) {
            throw conflict(
              `The evaluation does not support closing this as effective (verdict: ${current.verdict ?? 'not yet evaluated'}). A lead may override with a reason.`, 'closedAs',
            );
          }
          if (!can(ctx.actor, 'update', 'action_verdict')) throw forbidden('Only a quality or safeguarding lead can override the verdict.');
          patch.override_reason = input.overrideReason;
          patch.override_by = ctx.actor.name;
          notes.push('verdict overridden');
        }
        patch.closed_on = today;
        patch.closed_as = input.closedAs;
      }
      patch.status = to;
      notes.push(`${current.status} → ${to}`);
    }
    await repo.updateAction(trx, id, patch);
    await audit(trx, ctx, { action: 'update', kind: 'action', id, summary: notes.join('; ') || 'details changed' });
    return loadAction(ctx, trx, id);
  });
}

export async function getAction(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'action');
  return inTransaction(ctx, async (trx) => {
    const action = await loadAction(ctx, trx, id);
    await audit(trx, ctx, { action: 'read', kind: 'action', id });
    return action;
  });
}

export async function listActions(ctx: Context, f: { overdue?: boolean; open?: boolean; lessonId?: number; serviceId?: number; personId?: number; status?: ActionStatus; limit: number; offset: number }) {
  authorize(ctx.actor, 'read', 'action');
  return inTransaction(ctx, async (trx) => {
    const page = await loadActions(ctx, trx, {
      lessonIds: f.lessonId ? [f.lessonId] : undefined, serviceId: f.serviceId, personId: f.personId, status: f.status, openOnly: f.open,
      overdueOn: f.overdue ? ukToday() : undefined, limit: f.limit, offset: f.offset,
    });
    await audit(trx, ctx, { action: 'list', kind: 'action', summary: `${page.items.length} of ${page.total}${f.overdue ? ' overdue' : ''}${f.personId ? ` for person ${f.personId}` : ''}` });
    return page;
  });
}

/** Record an evaluation's verdict on an action (called by the evaluate route with the effectiveness result). */
export async function recordVerdict(trx: Executor, actionId: number, verdict: { verdict: Verdict; explanation: string }) {
  await repo.updateAction(trx, actionId, { verdict: verdict.verdict, verdict_explanation: verdict.explanation, evaluated_at: nowIso(), updated_at: nowIso() });
}

// Overdue escalation and the learning worklist.

/**
 * Mark actions and lesson shares that are past due as escalated, so they appear on the worklists of the action's
 * service managers and the quality lead. Idempotent: an item is escalated once. Run by `lantern escalate` and on a
 * timer in `lantern serve`.
 */
export async function escalateOverdue(database: Database, today = ukToday()) {
  const ctx: Context = { database, actor: systemContext('overdue escalation'), ip: null };
  return inTransaction(ctx, async (trx) => {
    const result = await repo.markOverdueEscalated(trx, today, nowIso());
    if (result.actionIds.length || result.shareIds.length) {
      await audit(trx, ctx, { action: 'update', kind: 'learning_escalation', summary: `${result.actionIds.length} action(s) and ${result.shareIds.length} share(s) escalated as overdue` });
    }
    return { actions: result.actionIds.length, shares: result.shareIds.length };
  });
}

/** Run the escalation now and every `minutes` (0 turns it off); returns a function that stops it. */
export function startEscalationTimer(database: Database, minutes: number, onError: (error: unknown) => void = () => undefined): () => void {
  if (minutes <= 0) return () => undefined;
  const run = () => { escalateOverdue(database).catch(onError); };
  run();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Escalated items for the caller: leads see all in their services, managers their services', everyone their own actions. */
export async function learningWorklist(ctx: Context) {
  authorize(ctx.actor, 'read', 'action');
  // Those who manage actions (managers and leads) see their services' escalations; others only their own actions.
  const seesService = can(ctx.actor, 'update', 'action');
  return inTransaction(ctx, async (trx) => {
    const today = ukToday();
    const actions = await loadActions(ctx, trx, { escalatedOnly: true, onlyOwnedBy: seesService ? undefined : userIdOf(ctx.actor) ?? -1, limit: 500, offset: 0 });
    const shares = seesService && can(ctx.actor, 'read', 'lesson')
      ? await repo.sharesOf(trx, { serviceScope: serviceScope(ctx.actor), escalatedUnanswered: true })
      : [];
    await audit(trx, ctx, { action: 'list', kind: 'learning_worklist', summary: `${actions.items.length} action(s), ${shares.length} share(s)` });
    return { actions: actions.items, shares: shares.map((s) => ({ ...presentShare(s, today), lessonStatement: s.lesson_statement })) };
  });
}

// "You said, we did".

function lessonsWithActions(found: Awaited<ReturnType<typeof repo.lessonsFromRecords>>, source: string, id: number) {
  const byLesson = new Map<number, (typeof found)[number]>();
  for (const f of found) if (f.source === source && f.sourceId === id) byLesson.set(f.lessonId, f);
  return [...byLesson.values()].map((f) => ({
    statement: f.lesson.statement,
    actions: f.actions.map((a) => ({
      typeLabel: actionTypeLabels[a.type as ActionType], description: a.description, status: a.status as ActionStatus,
      text: actionInPlainWords({ type: a.type as ActionType, description: a.description, status: a.status as ActionStatus, completedOn: a.completed_on, dueOn: a.due_on }),
    })),
  }));
}

/** What the signed-in reporter's incidents, concerns and complaints led to: lessons and actions in plain words. */
export async function myReportOutcomes(ctx: Context): Promise<{ items: ReportOutcome[] }> {
  if (ctx.actor.kind !== 'user') throw forbidden();
  const userId = ctx.actor.userId;
  return inTransaction(ctx, async (trx) => {
    const reports = await repo.reportsBy(trx, userId, 200);
    const refs = [
      ...reports.incidents.map((r) => ({ source: 'incident', id: r.id })),
      ...reports.concerns.map((r) => ({ source: 'safeguarding_concern', id: r.id })),
      ...reports.complaints.map((r) => ({ source: 'complaint', id: r.id })),
    ];
    const found = await repo.lessonsFromRecords(trx, refs);
    const item = (source: ReportOutcome['source'], r: { id: number; ref: string | null; at: string }, what: string): ReportOutcome => {
      const lessons = lessonsWithActions(found, source, r.id);
      // The day in England: an incident at 00:30 BST was reported on that day, not the one before.
      const reportedOn = londonDate(r.at);
      return {
        source, id: r.id, ref: r.ref, reportedOn, lessons,
        text: outcomeText(what, reportedOn, lessons.length, lessons.reduce((n, l) => n + l.actions.length, 0)),
      };
    };
    const items = [
      ...reports.incidents.map((r) => item('incident', r, `an incident${r.ref ? ` (${r.ref})` : ''}`)),
      ...reports.concerns.map((r) => item('safeguarding_concern', r, `a safeguarding concern${r.ref ? ` (${r.ref})` : ''}`)),
      ...reports.complaints.map((r) => item('complaint', r, `${r.kind === 'complaint' ? 'a complaint' : r.kind === 'compliment' ? 'a compliment' : 'feedback'}${r.ref ? ` (${r.ref})` : ''}`)),
    ].sort((a, b) => b.reportedOn.localeCompare(a.reportedOn) || b.id - a.id);
    await audit(trx, ctx, { action: 'list', kind: 'my_report_outcomes', summary: `${items.length} report(s)` });
    return { items };
  });
}

/**
 * What a speak-up report led to, for its anonymous reporter: lesson statements and actions in plain words only.
 * Nothing here names who drew on the report or when, and the caller must not audit it (see speak-up.service.ts).
 */
export async function speakUpOutcomes(db: Executor, concernId: number) {
  const found = await repo.lessonsFromRecords(db, [{ source: 'speak_up', id: concernId }]);
  return lessonsWithActions(found, 'speak_up', concernId);
}
