import { z } from 'zod';
import { idParam, listOf, pageQuery, problemSchema } from '../../../domain/common.js';
import { practiceReviewInput, practiceReviewKinds, practiceReviewSchema } from '../../../domain/practice-reviews.js';
import * as reviews from '../../services/practice-reviews.service.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['restrictive practice reviews'];
const positive = z.coerce.number().int().positive().max(2_147_483_647);

export function practiceReviewRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/reviews', {
    schema: { tags, summary: 'Record a post-incident or periodic restrictive practice review', body: practiceReviewInput, response: { 201: practiceReviewSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await reviews.recordReview(contextOf(request, database), request.body)));

  app.get('/api/v1/reviews', {
    schema: {
      tags, summary: 'Restrictive practice reviews in your services, newest first (audited)',
      querystring: z.strictObject({
        personId: positive.optional(), serviceId: positive.optional(), incidentId: positive.optional(), kind: z.enum(practiceReviewKinds).optional(), ...pageQuery,
      }),
      response: { 200: listOf(practiceReviewSchema), ...problems },
    },
  }, (request) => reviews.listReviews(contextOf(request, database), request.query));

  app.get('/api/v1/reviews/:id', {
    schema: { tags, summary: 'One restrictive practice review (audited)', params: idParam, response: { 200: practiceReviewSchema, ...problems } },
  }, (request) => reviews.getReview(contextOf(request, database), request.params.id));
}
