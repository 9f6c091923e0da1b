import { z } from 'zod';
import { idParam, idText, listOf, pageQuery, problemSchema } from '../../../domain/common.js';
import { practiceReviewInput, practiceReviewKinds, practiceReviewSchema } from '../../../domain/practice-reviews.js';
import * as reviews from '../../services/practice-reviews.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['restrictive practice reviews'];

const yesNo = (b: boolean) => (b ? 'Y' : 'N');
const reviewsCsv = {
  name: 'practice-reviews',
  columns: [
    ['id', (r) => r.id], ['kind', (r) => r.kind], ['held_on', (r) => r.heldOn], ['service', (r) => r.serviceName], ['person', (r) => r.person.displayName],
    ['incident_ref', (r) => (r.incident ? (r.incident.ref ?? String(r.incident.id)) : null)], ['incident_occurred_at', (r) => r.incident?.occurredAt],
    ['person_took_part', (r) => yesNo(r.participants.person)], ['family_took_part', (r) => yesNo(r.participants.family)],
    ['advocate_took_part', (r) => yesNo(r.participants.advocate)], ['staff_took_part', (r) => yesNo(r.participants.staff)],
    ['staff_members', (r) => r.participants.staffMembers.map((s) => s.name).join('; ')],
    ['restrictions_reviewed', (r) => r.assessments.length], ['restrictions_not_justified', (r) => r.assessments.filter((a) => !a.isJustified).length],
    ['what_could_be_different', (r) => r.whatCouldBeDifferent], ['contributory_factors', (r) => r.contributoryFactors.join('; ')],
    ['recommendations', (r) => r.recommendations.join('; ')], ['recorded_by', (r) => r.recordedBy], ['created_at', (r) => r.createdAt],
  ] satisfies CsvColumns<z.infer<typeof practiceReviewSchema>>,
};

export function practiceReviewRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/reviews', {
    schema: { tags, summary: 'Record a post-incident or periodic restrictive practice review', body: practiceReviewInput, response: { 201: practiceReviewSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await reviews.recordReview(contextOf(request, database), request.body)));

  app.get('/api/v1/reviews', {
    schema: {
      tags, summary: 'Restrictive practice reviews in your services, newest first (audited); `format=csv` exports every match',
      querystring: z.strictObject({
        personId: idText.optional(), serviceId: idText.optional(), incidentId: idText.optional(), kind: z.enum(practiceReviewKinds).optional(),
        ...pageQuery, ...formatQuery,
      }),
      response: { 200: listOf(practiceReviewSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, reviewsCsv, (f) => reviews.listReviews(contextOf(request, database), f)));

  app.get('/api/v1/reviews/:id', {
    schema: { tags, summary: 'One restrictive practice review (audited)', params: idParam, response: { 200: practiceReviewSchema, ...problems } },
  }, (request) => reviews.getReview(contextOf(request, database), request.params.id));
}
