import { z } from 'zod';
import { idParam, idText, listOf, pageQuery, problemSchema } from '../../../domain/common.js';
import {
  challengeOutcomeInput, challengeStatuses, restrictionCategories, restrictionChallengeInput, restrictionChallengeSchema, restrictionDetailSchema,
  restrictionInput, restrictionSchema, restrictionStatuses, restrictionUpdate, unwrittenNormInput,
} from '../../../domain/restrictions.js';
import * as restrictions from '../../services/restrictions.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['restrictions'];
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const restrictionCsvColumns: CsvColumns<z.infer<typeof restrictionSchema>> = [
  ['id', (r) => r.id], ['service', (r) => r.serviceName], ['person', (r) => r.person?.displayName ?? 'Everyone (blanket)'], ['category', (r) => r.categoryLabel],
  ['description', (r) => r.description], ['legal_basis', (r) => r.legalBasisLabel], ['started_on', (r) => r.startedOn], ['review_due_on', (r) => r.reviewDueOn],
  ['review_overdue', (r) => r.isReviewOverdue], ['reduction_target_on', (r) => r.reductionTargetOn], ['status', (r) => r.status], ['ended_on', (r) => r.endedOn],
];

const challengesCsv = {
  name: 'restriction-challenges',
  columns: [
    ['id', (c) => c.id], ['kind', (c) => c.kind], ['raised_at', (c) => c.raisedAt], ['service', (c) => c.serviceName],
    ['restriction', (c) => c.restriction?.description], ['text', (c) => c.text], ['raised_by', (c) => c.raisedBy], ['status', (c) => c.status],
    ['outcome', (c) => c.outcomeLabel], ['response', (c) => c.response], ['responded_by', (c) => c.respondedBy], ['responded_at', (c) => c.respondedAt],
  ] satisfies CsvColumns<z.infer<typeof restrictionChallengeSchema>>,
};

export function restrictionRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/restrictions', {
    schema: { tags, summary: 'Add a restriction to the register (a person’s, or blanket at a service)', body: restrictionInput, response: { 201: restrictionSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await restrictions.recordRestriction(contextOf(request, database), request.body)));

  app.get('/api/v1/restrictions', {
    schema: {
      tags, summary: 'The restrictions register in your services, soonest review first (audited)',
      querystring: z.strictObject({
        serviceId: idText.optional(), personId: idText.optional(), status: z.enum(restrictionStatuses).optional(),
        category: z.enum(restrictionCategories).optional(), isOverdue: flag.optional(), isBlanket: flag.optional(), ...pageQuery, ...formatQuery,
      }),
      response: { 200: listOf(restrictionSchema), ...problems },
    },
  }, async (request, reply) =>
    listOrCsv(reply, request.query, { name: 'restrictions', columns: restrictionCsvColumns }, (f) => restrictions.listRestrictions(contextOf(request, database), f)));

  app.get('/api/v1/restrictions/:id', {
    schema: { tags, summary: 'One restriction with its history and challenges (audited)', params: idParam, response: { 200: restrictionDetailSchema, ...problems } },
  }, (request) => restrictions.getRestriction(contextOf(request, database), request.params.id));

  app.patch('/api/v1/restrictions/:id', {
    schema: { tags, summary: 'Change a restriction, giving the reason; ending it needs endedOn', params: idParam, body: restrictionUpdate, response: { 200: restrictionDetailSchema, ...problems } },
  }, (request) => restrictions.updateRestriction(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/restrictions/:id/challenges', {
    schema: { tags, summary: 'Challenge a restriction', params: idParam, body: restrictionChallengeInput, response: { 201: restrictionChallengeSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await restrictions.challengeRestriction(contextOf(request, database), request.params.id, request.body.text)));

  app.post('/api/v1/restriction-challenges', {
    schema: { tags, summary: 'Report an unwritten restrictive norm at a service', body: unwrittenNormInput, response: { 201: restrictionChallengeSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await restrictions.reportUnwrittenNorm(contextOf(request, database), request.body)));

  app.get('/api/v1/restriction-challenges', {
    schema: {
      tags, summary: 'The challenge review queue for managers and leads; with mine=true, your own challenges and their outcomes; `format=csv` exports every match',
      querystring: z.strictObject({ mine: flag.optional(), status: z.enum(challengeStatuses).optional(), serviceId: idText.optional(), ...pageQuery, ...formatQuery }),
      response: { 200: listOf(restrictionChallengeSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, challengesCsv, (f) => restrictions.listChallenges(contextOf(request, database), f)));

  app.post('/api/v1/restriction-challenges/:id/outcome', {
    schema: { tags, summary: 'Record the outcome of a challenge and the response to its raiser', params: idParam, body: challengeOutcomeInput, response: { 200: restrictionChallengeSchema, ...problems } },
  }, (request) => restrictions.recordChallengeOutcome(contextOf(request, database), request.params.id, request.body));
}
