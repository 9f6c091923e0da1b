import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { ActionTable, DB, LearningResponseTable, LessonShareTable, LessonTable, PersonDocumentTable } from '../../db/types.js';
import type { EvidenceSource } from '../../domain/learning.js';
import { bulkInsert } from './bulk.repository.js';
import { scopedIds } from './organisation.repository.js';

type Scope = 'all' | readonly number[];
export type OwnerKind = 'learning_response' | 'lesson';

/** Record sources evidence can name by id (patterns are named by their key). */
export type RecordSource = Exclude<EvidenceSource, 'pattern'>;

export interface EvidenceFact { serviceId: number | null; factors: string[]; label: string }

/** For each named record that exists: its service, the contributory factors recorded on it, and a short label. */
export async function evidenceFacts(db: Executor, refs: readonly { source: RecordSource; id: number }[]): Promise<Map<string, EvidenceFact>> {
  const found = new Map<string, EvidenceFact>();
  const idsOf = (source: RecordSource) => [...new Set(refs.filter((r) => r.source === source).map((r) => r.id))];
  const put = (source: string, id: number, serviceId: number | null, label: string) => found.set(`${source}:${id}`, { serviceId, factors: [], label });
  const addFactor = (source: string, id: number, factor: string) => found.get(`${source}:${id}`)?.factors.push(factor);

  const incidentIds = idsOf('incident');
  if (incidentIds.length) {
    for (const r of await db.selectFrom('incidents').select(['id', 'service_id', 'ref']).where('id', 'in', incidentIds).execute()) put('incident', r.id, r.service_id, `Incident ${r.ref ?? `#${r.id}`}`);
    for (const f of await db.selectFrom('incident_codes').select(['incident_id', 'code']).where('kind', '=', 'factor').where('incident_id', 'in', incidentIds).execute()) addFactor('incident', f.incident_id, f.code);
  }
  const concernIds = idsOf('safeguarding_concern');
  if (concernIds.length) {
    for (const r of await db.selectFrom('safeguarding_concerns').select(['id', 'service_id', 'ref']).where('id', 'in', concernIds).execute()) put('safeguarding_concern', r.id, r.service_id, `Safeguarding concern ${r.ref ?? `#${r.id}`}`);
    for (const f of await db.selectFrom('safeguarding_concern_factors').select(['concern_id', 'factor']).where('concern_id', 'in', concernIds).execute()) addFactor('safeguarding_concern', f.concern_id, f.factor);
  }
  const complaintIds = idsOf('complaint');
  if (complaintIds.length) {
    for (const r of await db.selectFrom('complaints').select(['id', 'service_id', 'ref', 'kind']).where('id', 'in', complaintIds).execute()) {
      put('complaint', r.id, r.service_id, `${r.kind === 'complaint' ? 'Complaint' : r.kind === 'compliment' ? 'Compliment' : 'Feedback'} ${r.ref ?? `#${r.id}`}`);
    }
  }
  const speakUpIds = idsOf('speak_up');
  if (speakUpIds.length) {
    for (const r of await db.selectFrom('speak_up_concerns').select(['id', 'service_id']).where('id', 'in', speakUpIds).execute()) put('speak_up', r.id, r.service_id, 'A speak-up report');
  }
  const reviewIds = idsOf('practice_review');
  if (reviewIds.length) {
    for (const r of await db.selectFrom('practice_reviews').select(['id', 'service_id', 'held_on']).where('id', 'in', reviewIds).execute()) put('practice_review', r.id, r.service_id, `Restrictive practice review of ${r.held_on}`);
    for (const f of await db.selectFrom('practice_review_factors').select(['review_id', 'factor']).where('review_id', 'in', reviewIds).execute()) addFactor('practice_review', f.review_id, f.factor);
  }
  const restrictionIds = idsOf('restriction');
  if (restrictionIds.length) {
    for (const r of await db.selectFrom('restrictions').select(['id', 'service_id', 'description']).where('id', 'in', restrictionIds).execute()) put('restriction', r.id, r.service_id, `Restriction: ${r.description.slice(0, 80)}`);
  }
  return found;
}

export interface EvidenceRow { owner_kind: string; owner_id: number; source: string; source_id: number | null; source_key: string | null }

export async function insertOwned(db: Executor, kind: OwnerKind, ownerId: number, evidence: Omit<EvidenceRow, 'owner_kind' | 'owner_id'>[], factors: string[]) {
  await bulkInsert(db, 'learning_evidence', evidence.map((e) => ({ ...e, owner_kind: kind, owner_id: ownerId })));
  await bulkInsert(db, 'learning_factors', [...new Set(factors)].map((factor) => ({ owner_kind: kind, owner_id: ownerId, factor })));
}

/** Evidence and factors of several owners of one kind. */
export async function ownedOf(db: Executor, kind: OwnerKind, ids: readonly number[]) {
  if (!ids.length) return { evidence: [] as EvidenceRow[], factors: [] as { owner_id: number; factor: string }[] };
  const [evidence, factors] = await Promise.all([
    db.selectFrom('learning_evidence').select(['owner_kind', 'owner_id', 'source', 'source_id', 'source_key'])
      .where('owner_kind', '=', kind).where('owner_id', 'in', [...ids]).orderBy('id').execute(),
    db.selectFrom('learning_factors').select(['owner_id', 'factor']).where('owner_kind', '=', kind).where('owner_id', 'in', [...ids]).orderBy('factor').execute(),
  ]);
  return { evidence, factors };
}

// Learning responses.

export async function insertResponse(db: Executor, row: Insertable<LearningResponseTable>): Promise<number> {
  const { id } = await db.insertInto('learning_responses').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateResponse(db: Executor, id: number, patch: Updateable<LearningResponseTable>) {
  await db.updateTable('learning_responses').set(patch).where('id', '=', id).execute();
}

export async function replaceFactors(db: Executor, kind: OwnerKind, ownerId: number, factors: string[]) {
  await db.deleteFrom('learning_factors').where('owner_kind', '=', kind).where('owner_id', '=', ownerId).execute();
  await bulkInsert(db, 'learning_factors', [...new Set(factors)].map((factor) => ({ owner_kind: kind, owner_id: ownerId, factor })));
}

/** Responses visible within a scope: a service's within it, organisation-wide ones only to those who see every service. */
export async function listResponses(db: Executor, f: { scope: Scope; ids?: number[]; serviceId?: number; limit: number; offset: number }) {
  let q = db.selectFrom('learning_responses').leftJoin('services', 'services.id', 'learning_responses.service_id');
  const ids = scopedIds(f.scope);
  if (ids) q = q.where('learning_responses.service_id', 'in', [...ids]);
  if (f.ids) q = q.where('learning_responses.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.serviceId) q = q.where('learning_responses.service_id', '=', f.serviceId);
  const [rows, count] = await Promise.all([
    q.selectAll('learning_responses').select('services.name as service_name')
      .orderBy('learning_responses.started_on', 'desc').orderBy('learning_responses.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const responseIds = rows.map((r) => r.id);
  const [owned, lessons] = await Promise.all([
    ownedOf(db, 'learning_response', responseIds),
    responseIds.length
      ? db.selectFrom('lessons').select(['id', 'statement', 'learning_response_id']).where('learning_response_id', 'in', responseIds).orderBy('id').execute()
      : Promise.resolve([]),
  ]);
  return { rows, ...owned, lessons, total: Number(count.n) };
}
export type ResponsePage = Awaited<ReturnType<typeof listResponses>>;

// Lessons.

export async function insertLesson(db: Executor, row: Insertable<LessonTable>): Promise<number> {
  const { id } = await db.insertInto('lessons').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Lessons a scope may read: organisation-wide ones, its services' own, and those shared with one of its services. */
function lessonVisible(scope: Scope) {
  const ids = scopedIds(scope);
  return (eb: ExpressionBuilder<DB, 'lessons'>) => {
    if (!ids) return sql<boolean>`1 = 1`;
    const inScope = [...ids];
    return eb.or([
      eb('lessons.service_id', 'is', null),
      eb('lessons.service_id', 'in', inScope),
      eb.exists(eb.selectFrom('lesson_shares').select('lesson_shares.id').whereRef('lesson_shares.lesson_id', '=', 'lessons.id').where('lesson_shares.service_id', 'in', inScope)),
    ]);
  };
}

export interface LessonFilter { scope: Scope; ids?: number[]; q?: string; serviceId?: number; factor?: string; limit: number; offset: number }

export async function listLessons(db: Executor, f: LessonFilter) {
  let q = db.selectFrom('lessons')
    .leftJoin('learning_responses', 'learning_responses.id', 'lessons.learning_response_id')
    .where(lessonVisible(f.scope));
  if (f.ids) q = q.where('lessons.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.serviceId) q = q.where('lessons.service_id', '=', f.serviceId);
  if (f.factor) {
    const factor = f.factor;
    q = q.where((eb) => eb.exists(eb.selectFrom('learning_factors').select('learning_factors.factor')
      .where('learning_factors.owner_kind', '=', 'lesson').whereRef('learning_factors.owner_id', '=', 'lessons.id').where('learning_factors.factor', '=', factor)));
  }
  if (f.q) {
    // Every word must appear in the statement or the response's title or findings (case-insensitive on both databases).
    for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([
        sql<boolean>`lower(${eb.ref('lessons.statement')}) like ${like} escape '\\'`,
        sql<boolean>`lower(coalesce(${eb.ref('learning_responses.title')}, '')) like ${like} escape '\\'`,
        sql<boolean>`lower(coalesce(${eb.ref('learning_responses.findings')}, '')) like ${like} escape '\\'`,
      ]));
    }
  }
  const [rows, count] = await Promise.all([
    q.selectAll('lessons').select(['learning_responses.title as response_title', 'learning_responses.type as response_type'])
      .orderBy('lessons.created_at', 'desc').orderBy('lessons.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const lessonIds = rows.map((r) => r.id);
  const [owned, shares, scopeNames] = await Promise.all([ownedOf(db, 'lesson', lessonIds), sharesOf(db, { lessonIds }), scopeNamesOf(db, rows)]);
  return { rows, ...owned, shares, scopeNames, total: Number(count.n) };
}
export type LessonPage = Awaited<ReturnType<typeof listLessons>>;

async function scopeNamesOf(db: Executor, rows: readonly { scope_type: string; scope_id: number | null }[]) {
  const names = new Map<string, string>();
  const personIds = rows.filter((r) => r.scope_type === 'person' && r.scope_id).map((r) => r.scope_id!);
  const serviceIds = rows.filter((r) => r.scope_type === 'service' && r.scope_id).map((r) => r.scope_id!);
  if (personIds.length) for (const p of await db.selectFrom('people').select(['id', 'display_name']).where('id', 'in', personIds).execute()) names.set(`person:${p.id}`, p.display_name);
  if (serviceIds.length) for (const s of await db.selectFrom('services').select(['id', 'name']).where('id', 'in', serviceIds).execute()) names.set(`service:${s.id}`, s.name);
  return names;
}

// Shares.

export async function sharesOf(db: Executor, f: {
  lessonIds?: readonly number[]; ids?: readonly number[]; serviceScope?: Scope; unansweredDueBefore?: string;
  /** Escalated shares still waiting for their service's answer (the worklist). */
  escalatedUnanswered?: boolean;
}) {
  let q = db.selectFrom('lesson_shares')
    .innerJoin('services', 'services.id', 'lesson_shares.service_id')
    .innerJoin('lessons', 'lessons.id', 'lesson_shares.lesson_id');
  if (f.lessonIds) q = q.where('lesson_shares.lesson_id', 'in', f.lessonIds.length ? [...f.lessonIds] : [-1]);
  if (f.ids) q = q.where('lesson_shares.id', 'in', f.ids.length ? [...f.ids] : [-1]);
  const ids = f.serviceScope ? scopedIds(f.serviceScope) : null;
  if (ids) q = q.where('lesson_shares.service_id', 'in', [...ids]);
  if (f.unansweredDueBefore) q = q.where('lesson_shares.answered_at', 'is', null).where('lesson_shares.due_on', '<', f.unansweredDueBefore);
  if (f.escalatedUnanswered) q = q.where('lesson_shares.escalated_at', 'is not', null).where('lesson_shares.answered_at', 'is', null);
  return q.selectAll('lesson_shares').select(['services.name as service_name', 'lessons.statement as lesson_statement', 'lessons.service_id as lesson_service_id'])
    .orderBy('services.name').orderBy('lesson_shares.id').execute();
}
export type ShareRow = Awaited<ReturnType<typeof sharesOf>>[number];

export async function insertShares(db: Executor, rows: Insertable<LessonShareTable>[]) {
  await bulkInsert(db, 'lesson_shares', rows);
}

export async function updateShare(db: Executor, id: number, patch: Updateable<LessonShareTable>) {
  await db.updateTable('lesson_shares').set(patch).where('id', '=', id).execute();
}

// Actions.

export async function insertAction(db: Executor, row: Insertable<ActionTable>): Promise<number> {
  const { id } = await db.insertInto('actions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAction(db: Executor, id: number, patch: Updateable<ActionTable>) {
  await db.updateTable('actions').set(patch).where('id', '=', id).execute();
}

export interface ActionFilter {
  scope: Scope;
  /** Actions this user owns are theirs to see wherever they are. */
  ownerUserId?: number;
  ids?: number[];
  lessonIds?: number[];
  serviceId?: number;
  /** Actions about one person (changes to their plans and risk assessments). */
  personId?: number;
  status?: string;
  /** Only actions still open or in progress. */
  openOnly?: boolean;
  overdueOn?: string;
  escalatedOnly?: boolean;
  onlyOwnedBy?: number;
  limit: number;
  offset: number;
}

export async function listActions(db: Executor, f: ActionFilter) {
  let q = db.selectFrom('actions')
    .innerJoin('lessons', 'lessons.id', 'actions.lesson_id')
    .leftJoin('users as owner_user', 'owner_user.id', 'actions.owner_user_id')
    .leftJoin('staff as owner_staff', 'owner_staff.id', 'actions.owner_staff_id');
  const ids = scopedIds(f.scope);
  if (ids) {
    const inScope = [...ids];
    const owner = f.ownerUserId;
    q = q.where((eb) => eb.or([
      eb('actions.service_id', 'in', inScope),
      ...(owner ? [eb('actions.owner_user_id', '=', owner)] : []),
    ]));
  }
  if (f.ids) q = q.where('actions.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.lessonIds) q = q.where('actions.lesson_id', 'in', f.lessonIds.length ? f.lessonIds : [-1]);
  if (f.serviceId) q = q.where('actions.service_id', '=', f.serviceId);
  if (f.personId) q = q.where('actions.person_id', '=', f.personId);
  if (f.status) q = q.where('actions.status', '=', f.status);
  if (f.openOnly || f.overdueOn || f.escalatedOnly) q = q.where('actions.status', 'in', ['open', 'in_progress']);
  if (f.overdueOn) q = q.where('actions.due_on', '<', f.overdueOn);
  if (f.escalatedOnly) q = q.where('actions.escalated_at', 'is not', null);
  if (f.onlyOwnedBy) q = q.where('actions.owner_user_id', '=', f.onlyOwnedBy);
  const [rows, count] = await Promise.all([
    q.selectAll('actions').select(['lessons.statement as lesson_statement', 'owner_user.name as owner_user_name', 'owner_staff.name as owner_staff_name'])
      .orderBy('actions.due_on').orderBy('actions.id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const actionIds = rows.map((r) => r.id);
  const [documents, training] = actionIds.length
    ? await Promise.all([
      db.selectFrom('person_documents').select(['id', 'kind', 'version', 'person_id', 'action_id']).where('action_id', 'in', actionIds).orderBy('id').execute(),
      db.selectFrom('training_assignments').select(['action_id', (eb) => eb.fn.countAll<number>().as('n')]).where('action_id', 'in', actionIds).groupBy('action_id').execute(),
    ])
    : [[], []];
  return { rows, documents, training, total: Number(count.n) };
}
export type ActionPage = Awaited<ReturnType<typeof listActions>>;

export async function getActionRow(db: Executor, id: number) {
  return db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
}

// Documents.

export async function documentsOfPerson(db: Executor, personId: number) {
  return db.selectFrom('person_documents')
    .leftJoin('lessons', 'lessons.id', 'person_documents.changed_by_lesson_id')
    .select([
      'person_documents.id', 'person_documents.person_id', 'person_documents.kind', 'person_documents.version', 'person_documents.in_force_from',
      'person_documents.review_on', 'person_documents.summary', 'person_documents.attachment_name', 'person_documents.attachment_type',
      'person_documents.attachment_size', 'person_documents.author_name', 'person_documents.changed_by_lesson_id', 'person_documents.action_id',
      'person_documents.created_at', 'lessons.statement as lesson_statement',
    ])
    .where('person_documents.person_id', '=', personId)
    .orderBy('person_documents.kind').orderBy('person_documents.version')
    .execute();
}
export type DocumentRow = Awaited<ReturnType<typeof documentsOfPerson>>[number];

export async function nextVersion(db: Executor, personId: number, kind: string): Promise<number> {
  const row = await db.selectFrom('person_documents').select((eb) => eb.fn.max('version').as('v')).where('person_id', '=', personId).where('kind', '=', kind).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertDocument(db: Executor, row: Insertable<PersonDocumentTable>): Promise<number> {
  const { id } = await db.insertInto('person_documents').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function documentAttachment(db: Executor, id: number) {
  return db.selectFrom('person_documents').select(['id', 'person_id', 'service_id', 'attachment', 'attachment_name', 'attachment_type']).where('id', '=', id).executeTakeFirst();
}

// Training.

export async function listCourses(db: Executor) {
  return db.selectFrom('courses').selectAll().orderBy('title').execute();
}

export async function insertCourse(db: Executor, row: { title: string; description: string; validity_months: number | null; created_at: string }) {
  const { id } = await db.insertInto('courses').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function getCourse(db: Executor, id: number) {
  return db.selectFrom('courses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Staff working at any of the services, with the services each works at. */
export async function staffAt(db: Executor, serviceIds: readonly number[]) {
  if (!serviceIds.length) return [];
  return db.selectFrom('staff_services').innerJoin('staff', 'staff.id', 'staff_services.staff_id')
    .select(['staff.id', 'staff_services.service_id']).where('staff_services.service_id', 'in', [...serviceIds]).where('staff.active', '=', 1).execute();
}

export async function servicesOfStaffIds(db: Executor, staffIds: readonly number[]) {
  if (!staffIds.length) return [];
  return db.selectFrom('staff_services').select(['staff_id', 'service_id']).where('staff_id', 'in', [...staffIds]).execute();
}

/** Open (not yet completed) assignments of a course to any of these staff. */
export async function openAssignments(db: Executor, courseId: number, staffIds: readonly number[]) {
  if (!staffIds.length) return [];
  return db.selectFrom('training_assignments').select(['id', 'staff_id']).where('course_id', '=', courseId).where('completed_on', 'is', null).where('staff_id', 'in', [...staffIds]).execute();
}

export async function insertAssignments(db: Executor, rows: { course_id: number; staff_id: number; action_id: number | null; assigned_on: string; due_on: string | null; assigned_by_user_id: number | null }[]) {
  await bulkInsert(db, 'training_assignments', rows);
}

export async function listAssignments(db: Executor, f: {
  ids?: number[]; actionId?: number; staffIds?: number[]; courseId?: number; assignedOn?: string; limit: number;
  /** Only staff who work at one of these services. */
  scope?: Scope;
}) {
  let q = db.selectFrom('training_assignments')
    .innerJoin('courses', 'courses.id', 'training_assignments.course_id')
    .innerJoin('staff', 'staff.id', 'training_assignments.staff_id');
  const inScope = f.scope ? scopedIds(f.scope) : null;
  if (inScope) {
    q = q.where((eb) => eb.exists(eb.selectFrom('staff_services').select('staff_services.staff_id')
      .whereRef('staff_services.staff_id', '=', 'training_assignments.staff_id')
      .where('staff_services.service_id', 'in', [...inScope])));
  }
  if (f.ids) q = q.where('training_assignments.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.actionId) q = q.where('training_assignments.action_id', '=', f.actionId);
  if (f.staffIds) q = q.where('training_assignments.staff_id', 'in', f.staffIds.length ? f.staffIds : [-1]);
  if (f.courseId) q = q.where('training_assignments.course_id', '=', f.courseId);
  return q.selectAll('training_assignments').select(['courses.title as course_title', 'staff.name as staff_name'])
    .orderBy('training_assignments.id').limit(f.limit).execute();
}
export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

export async function getAssignment(db: Executor, id: number) {
  return db.selectFrom('training_assignments').innerJoin('courses', 'courses.id', 'training_assignments.course_id')
    .selectAll('training_assignments').select('courses.validity_months').where('training_assignments.id', '=', id).executeTakeFirst();
}

/** Every assignment of staff at each service (a member of staff at two services counts at both). */
export async function assignmentsByService(db: Executor, serviceIds: readonly number[]) {
  if (!serviceIds.length) return [];
  return db.selectFrom('training_assignments')
    .innerJoin('staff_services', 'staff_services.staff_id', 'training_assignments.staff_id')
    .select(['staff_services.service_id', 'training_assignments.completed_on', 'training_assignments.expires_on'])
    .where('staff_services.service_id', 'in', [...serviceIds])
    .execute();
}

// "You said, we did".

/** Lessons (and their response) whose evidence, or whose learning response's evidence, names any of these records. */
export async function lessonsFromRecords(db: Executor, refs: readonly { source: string; id: number }[]) {
  if (!refs.length) return [];
  const bySource = new Map<string, number[]>();
  for (const r of refs) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.id]);
  const evidence = await db.selectFrom('learning_evidence').select(['owner_kind', 'owner_id', 'source', 'source_id'])
    .where((eb) => eb.or([...bySource].map(([source, ids]) => eb.and([eb('source', '=', source), eb('source_id', 'in', ids)]))))
    .execute();
  const responseIds = [...new Set(evidence.filter((e) => e.owner_kind === 'learning_response').map((e) => e.owner_id))];
  const lessonIds = [...new Set(evidence.filter((e) => e.owner_kind === 'lesson').map((e) => e.owner_id))];
  if (!responseIds.length && !lessonIds.length) return [];
  const lessons = await db.selectFrom('lessons').select(['id', 'statement', 'learning_response_id'])
    .where((eb) => eb.or([
      eb('id', 'in', lessonIds.length ? lessonIds : [-1]),
      eb('learning_response_id', 'in', responseIds.length ? responseIds : [-1]),
    ])).orderBy('id').execute();
  // Which record led to which lesson: directly, or through the response the lesson came from.
  const pairs: { source: string; sourceId: number; lessonId: number }[] = [];
  for (const lesson of lessons) {
    for (const e of evidence) {
      const isDirect = e.owner_kind === 'lesson' && e.owner_id === lesson.id;
      const isViaResponse = e.owner_kind === 'learning_response' && e.owner_id === lesson.learning_response_id;
      if ((isDirect || isViaResponse) && e.source_id !== null) pairs.push({ source: e.source, sourceId: e.source_id, lessonId: lesson.id });
    }
  }
  const actions = lessons.length
    ? await db.selectFrom('actions').select(['id', 'lesson_id', 'type', 'description', 'status', 'completed_on', 'due_on'])
      .where('lesson_id', 'in', lessons.map((l) => l.id)).orderBy('id').execute()
    : [];
  return pairs.map((p) => ({
    ...p,
    lesson: lessons.find((l) => l.id === p.lessonId)!,
    actions: actions.filter((a) => a.lesson_id === p.lessonId),
  }));
}

/** The reports a user made, newest first: incidents, safeguarding concerns and complaints. */
export async function reportsBy(db: Executor, userId: number, limit: number) {
  const [incidents, concerns, complaints] = await Promise.all([
    db.selectFrom('incidents').select(['id', 'ref', 'occurred_at as at']).where('reported_by_user_id', '=', userId).orderBy('occurred_at', 'desc').limit(limit).execute(),
    db.selectFrom('safeguarding_concerns').select(['id', 'ref', 'raised_at as at']).where('raised_by_user_id', '=', userId).orderBy('raised_at', 'desc').limit(limit).execute(),
    db.selectFrom('complaints').select(['id', 'ref', 'received_at as at', 'kind']).where('created_by_user_id', '=', userId).orderBy('received_at', 'desc').limit(limit).execute(),
  ]);
  return { incidents, concerns, complaints };
}

// Escalation.

export async function markOverdueEscalated(db: Executor, today: string, at: string) {
  const actions = await db.updateTable('actions').set({ escalated_at: at })
    .where('status', 'in', ['open', 'in_progress']).where('due_on', '<', today).where('escalated_at', 'is', null)
    .returning('id').execute();
  const shares = await db.updateTable('lesson_shares').set({ escalated_at: at })
    .where('answered_at', 'is', null).where('due_on', '<', today).where('escalated_at', 'is', null)
    .returning('id').execute();
  return { actionIds: actions.map((a) => a.id), shareIds: shares.map((s) => s.id) };
}

