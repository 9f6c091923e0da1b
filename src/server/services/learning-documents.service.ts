import { nowIso } from '../../db/connection.js';
import {
  changedBecauseText, documentKindLabels, expiryDate, inForceOn, MAX_ATTACHMENT_BYTES, trainingState,
  type Assignment, type AssignmentInput, type CourseInput, type DocumentInput, type DocumentKind, type PersonDocument,
} from '../../domain/learning.js';
import { ukToday } from '../../domain/restrictions.js';
import { AppError, conflict, invalid, notFound, type FieldError } from '../errors.js';
import { assertInScope, authorize, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/learning.repository.js';
import { existingIds, getPerson, serviceNames } from '../repositories/organisation.repository.js';
import { loadAction } from './learning.service.js';

const userIdOf = (ctx: Context) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
const fail = (errors: FieldError[]) => new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);

// A person's versioned risk assessments and plans.

function presentDocuments(rows: readonly repo.DocumentRow[]): PersonDocument[] {
  return rows.map((r) => {
    // The next version of the same kind (by in-force date) ends this one's time in force.
    const next = rows.filter((o) => o.kind === r.kind && o.id !== r.id && (o.in_force_from > r.in_force_from || (o.in_force_from === r.in_force_from && o.version > r.version)))
      .sort((a, b) => a.in_force_from.localeCompare(b.in_force_from) || a.version - b.version)[0];
    return {
      id: r.id, personId: r.person_id, kind: r.kind as DocumentKind, kindLabel: documentKindLabels[r.kind as DocumentKind], version: r.version,
      inForceFrom: r.in_force_from, supersededOn: next?.in_force_from ?? null, reviewOn: r.review_on, summary: r.summary,
      attachment: r.attachment_name ? { name: r.attachment_name, contentType: r.attachment_type ?? 'application/octet-stream', size: Number(r.attachment_size ?? 0) } : null,
      author: r.author_name,
      changedBecause: r.changed_by_lesson_id !== null
        ? { lessonId: r.changed_by_lesson_id, actionId: r.action_id, statement: r.lesson_statement ?? '', text: changedBecauseText(r.lesson_statement ?? '') }
        : null,
      createdAt: r.created_at,
    };
  });
}

async function personInScope(ctx: Context, personId: number) {
  const person = await getPerson(ctx.database.db, personId);
  assertInScope(ctx.actor, person?.service_id, 'person');
  return person!;
}

/** A person's documents: every version, or (with `on`) the version of each kind in force on that day. Audited. */
export async function listDocuments(ctx: Context, personId: number, on?: string) {
  authorize(ctx.actor, 'read', 'person_document');
  await personInScope(ctx, personId);
  return inTransaction(ctx, async (trx) => {
    const all = presentDocuments(await repo.documentsOfPerson(trx, personId));
    const items = on ? inForceOn(all, on) : all;
    await audit(trx, ctx, { action: 'read', kind: 'person_document', id: personId, summary: on ? `documents of person ${personId} in force on ${on}` : `documents of person ${personId}` });
    return { items, total: items.length };
  });
}

/** Record a new version; with `actionId`, it completes that action and records the lesson that changed it. */
export async function addDocumentVersion(ctx: Context, personId: number, input: DocumentInput): Promise<PersonDocument> {
  authorize(ctx.actor, 'create', 'person_document');
  const person = await personInScope(ctx, personId);
  let bytes: Buffer | null = null;
  if (input.attachment) {
    bytes = Buffer.from(input.attachment.base64, 'base64');
    if (bytes.length === 0) throw invalid('attachment.base64', 'The file is empty.');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', 'The attachment is larger than 512 KB.', [{ path: 'attachment.base64', message: 'At most 512 KB' }]);
  }
  return inTransaction(ctx, async (trx) => {
    let lessonId: number | null = null;
    if (input.actionId !== undefined) {
      authorize(ctx.actor, 'update', 'action');
      const action = await loadAction(ctx, trx, input.actionId).catch(() => undefined);
      const errors: FieldError[] = [];
      if (!action) errors.push({ path: 'actionId', message: 'No such action, or it is outside your reach.' });
      else {
        if (action.type !== input.kind) errors.push({ path: 'actionId', message: `This action is to ${action.typeLabel.toLowerCase()}, not this kind of document.` });
        if (action.personId !== personId) errors.push({ path: 'actionId', message: 'This action is about another person.' });
        if (action.status === 'completed' || action.status === 'closed') errors.push({ path: 'actionId', message: 'This action is already completed.' });
      }
      if (errors.length) throw fail(errors);
      lessonId = action!.lesson.id;
    }
    const version = await repo.nextVersion(trx, personId, input.kind);
    const id = await repo.insertDocument(trx, {
      person_id: personId, service_id: person.service_id, kind: input.kind, version, in_force_from: input.inForceFrom, review_on: input.reviewOn, summary: input.summary,
      attachment_name: input.attachment?.name ?? null, attachment_type: input.attachment?.contentType ?? null, attachment_size: bytes?.length ?? null, attachment: bytes,
      author_user_id: userIdOf(ctx), author_name: ctx.actor.name, changed_by_lesson_id: lessonId, action_id: input.actionId ?? null, created_at: nowIso(),
    });
    await audit(trx, ctx, { action: 'create', kind: 'person_document', id, summary: `${input.kind} v${version} for person ${personId}${lessonId ? `, because of lesson ${lessonId}` : ''}` });
    if (input.actionId !== undefined) {
      const today = ukToday();
      const current = await repo.getActionRow(trx, input.actionId);
      await repo.updateAction(trx, input.actionId, {
        status: 'completed', completed_on: today, action_date: current?.action_date ?? today, updated_at: nowIso(),
        completion_evidence: current?.completion_evidence ?? `${documentKindLabels[input.kind]} version ${version}, in force from ${input.inForceFrom}.`,
      });
      await audit(trx, ctx, { action: 'update', kind: 'action', id: input.actionId, summary: `completed by ${input.kind} v${version}` });
    }
    const doc = presentDocuments(await repo.documentsOfPerson(trx, personId)).find((d) => d.id === id);
    return doc!;
  });
}

/** A version's attachment, for download; audited as a read of the person's record. */
export async function documentAttachment(ctx: Context, personId: number, documentId: number) {
  authorize(ctx.actor, 'read', 'person_document');
  return inTransaction(ctx, async (trx) => {
    const doc = await repo.documentAttachment(trx, documentId);
    if (!doc || doc.person_id !== personId || !isInScope(ctx.actor, doc.service_id) || !doc.attachment) throw notFound('attachment');
    await audit(trx, ctx, { action: 'read', kind: 'person_document', id: documentId, summary: 'attachment downloaded' });
    return { bytes: Buffer.from(doc.attachment), name: doc.attachment_name ?? 'attachment', contentType: doc.attachment_type ?? 'application/octet-stream' };
  });
}

// Training.

const presentCourse = (c: { id: number; title: string; description: string; validity_months: number | null }) => ({
  id: c.id, title: c.title, description: c.description, validityMonths: c.validity_months,
});

export async function listCourses(ctx: Context) {
  authorize(ctx.actor, 'read', 'training');
  const rows = await repo.listCourses(ctx.database.db);
  return { items: rows.map(presentCourse), total: rows.length };
}

export async function createCourse(ctx: Context, input: CourseInput) {
  authorize(ctx.actor, 'create', 'training');
  return inTransaction(ctx, async (trx) => {
    const id = await repo.insertCourse(trx, { title: input.title, description: input.description, validity_months: input.validityMonths, created_at: nowIso() });
    await audit(trx, ctx, { action: 'create', kind: 'course', id, summary: input.title });
    return presentCourse((await repo.getCourse(trx, id))!);
  });
}

const presentAssignment = (a: repo.AssignmentRow): Assignment => ({
  id: a.id, course: { id: a.course_id, title: a.course_title }, staff: { id: a.staff_id, name: a.staff_name }, actionId: a.action_id,
  assignedOn: a.assigned_on, dueOn: a.due_on, completedOn: a.completed_on, expiresOn: a.expires_on,
});

/**
 * Assign a course to named staff and to everyone working at whole services. Every service and member of staff
 * must lie within the caller's services, or nothing is written. Staff who already have it outstanding are skipped.
 */
export async function assignTraining(ctx: Context, input: AssignmentInput) {
  authorize(ctx.actor, 'create', 'training');
  const db = ctx.database.db;
  const errors: FieldError[] = [];
  if (!(await repo.getCourse(db, input.courseId))) errors.push({ path: 'courseId', message: 'No such course.' });
  const services = await existingIds(db, 'services', input.serviceIds);
  input.serviceIds.forEach((id, i) => {
    if (!services.has(id) || !isInScope(ctx.actor, id)) errors.push({ path: `serviceIds.${i}`, message: 'No such service, or it is outside your services.' });
  });
  const staffServices = await repo.servicesOfStaffIds(db, input.staffIds);
  input.staffIds.forEach((id, i) => {
    if (!staffServices.some((s) => s.staff_id === id && isInScope(ctx.actor, s.service_id))) errors.push({ path: `staffIds.${i}`, message: 'No such member of staff in your services.' });
  });
  if (input.actionId !== undefined) {
    const action = await loadAction(ctx, db, input.actionId).catch(() => undefined);
    if (!action) errors.push({ path: 'actionId', message: 'No such action, or it is outside your reach.' });
    else if (action.type !== 'workforce_development') errors.push({ path: 'actionId', message: 'Training is assigned from a workforce development action.' });
  }
  if (errors.length) throw fail(errors);
  const everyone = new Set([...input.staffIds, ...(await repo.staffAt(db, input.serviceIds)).map((s) => s.id)]);
  return inTransaction(ctx, async (trx) => {
    const outstanding = new Set((await repo.openAssignments(trx, input.courseId, [...everyone])).map((a) => a.staff_id));
    const fresh = [...everyone].filter((id) => !outstanding.has(id));
    const today = ukToday();
    const before = await trx.selectFrom('training_assignments').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    await repo.insertAssignments(trx, fresh.map((staff_id) => ({
      course_id: input.courseId, staff_id, action_id: input.actionId ?? null, assigned_on: today, due_on: input.dueOn ?? null, assigned_by_user_id: userIdOf(ctx),
    })));
    await audit(trx, ctx, {
      action: 'create', kind: 'training_assignment', id: input.actionId ?? null,
      summary: `course ${input.courseId} to ${fresh.length} staff (${outstanding.size} already had it outstanding)${input.actionId ? ` for action ${input.actionId}` : ''}`,
    });
    const created = fresh.length
      ? (await repo.listAssignments(trx, { courseId: input.courseId, staffIds: fresh, limit: fresh.length + 10 })).filter((a) => a.id > Number(before?.max ?? 0))
      : [];
    return { items: created.map(presentAssignment), skipped: outstanding.size };
  });
}

/** Record that a member of staff completed a course; the expiry follows from the course's validity. */
export async function completeAssignment(ctx: Context, id: number, completedOn: string): Promise<Assignment> {
  authorize(ctx.actor, 'update', 'training');
  if (completedOn > ukToday()) throw invalid('completedOn', 'This is in the future.');
  return inTransaction(ctx, async (trx) => {
    const a = await repo.getAssignment(trx, id);
    const services = a ? await repo.servicesOfStaffIds(trx, [a.staff_id]) : [];
    if (!a || !services.some((s) => isInScope(ctx.actor, s.service_id))) throw notFound('training assignment');
    if (a.completed_on !== null) throw conflict('This training is already recorded as completed.', 'completedOn');
    if (completedOn < a.assigned_on) throw invalid('completedOn', 'This is before the training was assigned.');
    await trx.updateTable('training_assignments').set({ completed_on: completedOn, expires_on: expiryDate(completedOn, a.validity_months) }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'update', kind: 'training_assignment', id, summary: `completed ${completedOn}` });
    const [row] = await repo.listAssignments(trx, { ids: [id], limit: 1 });
    return presentAssignment(row!);
  });
}

export async function listAssignments(ctx: Context, f: { actionId?: number; staffId?: number }) {
  authorize(ctx.actor, 'read', 'training');
  const db = ctx.database.db;
  // Staff outside the caller's services are left out by the query, not after it.
  const rows = await repo.listAssignments(db, { actionId: f.actionId, staffIds: f.staffId ? [f.staffId] : undefined, scope: serviceScope(ctx.actor), limit: 2000 });
  return { items: rows.map(presentAssignment), total: rows.length };
}

/** Per service in scope (or one service): training assigned, completed and still valid, expired, outstanding. */
export async function trainingCompliance(ctx: Context, serviceId?: number) {
  authorize(ctx.actor, 'read', 'training');
  const db = ctx.database.db;
  const scope = serviceScope(ctx.actor);
  const serviceRows = await serviceNames(db, serviceId === undefined ? scope : [serviceId]);
  if (serviceId !== undefined) assertInScope(ctx.actor, serviceRows.length ? serviceId : null, 'service');
  const today = ukToday();
  // Each assignment counted once, in its service's tally, as it is read.
  const tally = new Map(serviceRows.map((s) => [s.id, { assigned: 0, completed: 0, expired: 0, outstanding: 0 }]));
  for (const r of await repo.assignmentsByService(db, serviceRows.map((s) => s.id))) {
    const counts = tally.get(r.service_id);
    if (!counts) continue;
    counts.assigned += 1;
    counts[trainingState({ completedOn: r.completed_on, expiresOn: r.expires_on }, today)] += 1;
  }
  return {
    services: serviceRows.map((s) => {
      const counts = tally.get(s.id)!;
      return {
        serviceId: s.id, serviceName: s.name, ...counts,
        percentCompliant: counts.assigned ? Math.round((counts.completed / counts.assigned) * 100) : null,
      };
    }),
  };
}
