import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { PracticeReviewAssessmentTable, PracticeReviewTable } from '../../db/types.js';
import { bulkInsert } from './bulk.repository.js';
import { scopedIds } from './organisation.repository.js';

export interface NewPracticeReview {
  review: Insertable<PracticeReviewTable>;
  staffIds: number[];
  assessments: Omit<Insertable<PracticeReviewAssessmentTable>, 'review_id'>[];
  factors: string[];
  recommendations: string[];
}

/** Write a review and everything recorded with it; returns the new id. */
export async function insertReview(db: Executor, data: NewPracticeReview): Promise<number> {
  const { id } = await db.insertInto('practice_reviews').values(data.review).returning('id').executeTakeFirstOrThrow();
  await bulkInsert(db, 'practice_review_staff', data.staffIds.map((staff_id) => ({ review_id: id, staff_id })));
  await bulkInsert(db, 'practice_review_assessments', data.assessments.map((a) => ({ ...a, review_id: id })));
  await bulkInsert(db, 'practice_review_factors', data.factors.map((factor) => ({ review_id: id, factor })));
  await bulkInsert(db, 'practice_review_recommendations', data.recommendations.map((text, position) => ({ review_id: id, position, text })));
  return id;
}

/** The service, time and people of an incident, to check a debrief against it. */
export async function incidentForReview(db: Executor, incidentId: number) {
  const incident = await db.selectFrom('incidents').select(['id', 'service_id', 'occurred_at']).where('id', '=', incidentId).executeTakeFirst();
  if (!incident) return undefined;
  const people = await db.selectFrom('incident_people').select('person_id').where('incident_id', '=', incidentId).execute();
  return { ...incident, personIds: people.map((p) => p.person_id) };
}

export interface ReviewFilter {
  scope: 'all' | readonly number[];
  ids?: number[];
  serviceId?: number;
  personId?: number;
  incidentId?: number;
  kind?: string;
  limit: number;
  offset: number;
}

/** Reviews with their participants, assessments, factors and recommendations, newest first; a fixed number of queries. */
export async function listReviews(db: Executor, f: ReviewFilter) {
  let query = db.selectFrom('practice_reviews')
    .innerJoin('services', 'services.id', 'practice_reviews.service_id')
    .innerJoin('people', 'people.id', 'practice_reviews.person_id')
    .leftJoin('incidents', 'incidents.id', 'practice_reviews.incident_id')
    .leftJoin('users', 'users.id', 'practice_reviews.created_by_user_id');
  const ids = scopedIds(f.scope);
  if (ids) query = query.where('practice_reviews.service_id', 'in', ids);
  if (f.ids) query = query.where('practice_reviews.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.serviceId) query = query.where('practice_reviews.service_id', '=', f.serviceId);
  if (f.personId) query = query.where('practice_reviews.person_id', '=', f.personId);
  if (f.incidentId) query = query.where('practice_reviews.incident_id', '=', f.incidentId);
  if (f.kind) query = query.where('practice_reviews.kind', '=', f.kind);
  const [rows, count] = await Promise.all([
    query.select([
      'practice_reviews.id', 'practice_reviews.kind', 'practice_reviews.service_id', 'services.name as service_name', 'practice_reviews.person_id',
      'people.display_name as person_name', 'practice_reviews.incident_id', 'incidents.ref as incident_ref', 'incidents.occurred_at as incident_occurred_at',
      'practice_reviews.held_on', 'practice_reviews.person_took_part', 'practice_reviews.family_took_part', 'practice_reviews.advocate_took_part',
      'practice_reviews.staff_took_part', 'practice_reviews.what_could_be_different', 'users.name as recorded_by', 'practice_reviews.created_at',
    ]).orderBy('practice_reviews.held_on', 'desc').orderBy('practice_reviews.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const reviewIds = rows.map((r) => r.id);
  if (!reviewIds.length) return { rows: [], staff: [], assessments: [], factors: [], recommendations: [], total: Number(count.n) };
  const [staff, assessments, factors, recommendations] = await Promise.all([
    db.selectFrom('practice_review_staff').innerJoin('staff', 'staff.id', 'practice_review_staff.staff_id')
      .select(['practice_review_staff.review_id', 'staff.id', 'staff.name']).where('practice_review_staff.review_id', 'in', reviewIds).orderBy('staff.name').execute(),
    db.selectFrom('practice_review_assessments').innerJoin('restrictions', 'restrictions.id', 'practice_review_assessments.restriction_id')
      .select([
        'practice_review_assessments.review_id', 'practice_review_assessments.restriction_id', 'restrictions.category', 'restrictions.description',
        'restrictions.person_id', 'practice_review_assessments.is_necessary', 'practice_review_assessments.is_proportionate',
        'practice_review_assessments.is_least_restrictive', 'practice_review_assessments.note',
      ])
      .where('practice_review_assessments.review_id', 'in', reviewIds).orderBy('practice_review_assessments.restriction_id').execute(),
    db.selectFrom('practice_review_factors').select(['review_id', 'factor']).where('review_id', 'in', reviewIds).orderBy('factor').execute(),
    db.selectFrom('practice_review_recommendations').select(['review_id', 'text']).where('review_id', 'in', reviewIds).orderBy('position').execute(),
  ]);
  return { rows, staff, assessments, factors, recommendations, total: Number(count.n) };
}
export type ReviewPage = Awaited<ReturnType<typeof listReviews>>;
