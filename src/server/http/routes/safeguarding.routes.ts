import { z } from 'zod';
import { idParam, listOf, problemSchema } from '../../../domain/common.js';
import {
  concernInput, concernListQuery, type ConcernSummary, concernSchema, concernSummarySchema, concernUpdate, decisionNoteInput, decisionSchema,
  localAuthorityTimescalesSchema, timescaleSettingsInput, timescaleSettingsSchema, worklistItemSchema,
} from '../../../domain/safeguarding.js';
import * as safeguarding from '../../services/safeguarding.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, sendListCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['safeguarding'];
const serviceFilter = z.strictObject({ serviceId: z.coerce.number().int().positive().max(2_147_483_647).optional() });
const localAuthorityParam = z.strictObject({ localAuthorityId: z.coerce.number().int().positive().max(2_147_483_647) });

const concernCsvColumns: CsvColumns<ConcernSummary> = [
  ['id', (c) => c.id], ['raised_at', (c) => c.raisedAt], ['service', (c) => c.serviceName], ['person', (c) => c.personName],
  ['categories', (c) => c.categories.join('; ')], ['status', (c) => c.status], ['local_authority', (c) => c.localAuthority?.name],
  ['overdue', (c) => c.isOverdue], ['overdue_rules', (c) => c.overdueRules.join('; ')],
];

export function safeguardingRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/safeguarding-concerns', {
    schema: { tags, summary: 'Raise a safeguarding concern about a person in one of your services', body: concernInput, response: { 201: concernSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await safeguarding.createConcern(contextOf(request, database), request.body)));

  app.get('/api/v1/safeguarding-concerns', {
    schema: {
      tags, summary: 'Safeguarding concerns in your services, newest first (audited)', querystring: concernListQuery.extend(formatQuery),
      response: { 200: listOf(concernSummarySchema), ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    const { format, ...filter } = request.query;
    if (format === 'csv') return sendListCsv(reply, 'safeguarding-concerns', concernCsvColumns, (limit, offset) => safeguarding.listConcerns(ctx, { ...filter, limit, offset }));
    return safeguarding.listConcerns(ctx, filter);
  });

  app.get('/api/v1/safeguarding-concerns/:id', {
    schema: {
      tags, summary: 'One concern with its decision log and timescales (audited; 404 when outside your scope)', params: idParam,
      response: { 200: concernSchema, ...problems },
    },
  }, (request) => safeguarding.getConcern(contextOf(request, database), request.params.id));

  app.patch('/api/v1/safeguarding-concerns/:id', {
    schema: {
      tags, summary: 'Record a stage: referral, LA decision, caused enquiry, plan, outcome, MSP, capacity, CQC, closure. Decisions need a reason.',
      params: idParam, body: concernUpdate, response: { 200: concernSchema, ...problems },
    },
  }, (request) => safeguarding.updateConcern(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/safeguarding-concerns/:id/decisions', {
    schema: {
      tags, summary: 'Add a note to the concern’s decision log, with the reasoning', params: idParam, body: decisionNoteInput,
      response: { 201: decisionSchema, ...problems },
    },
  }, async (request, reply) => reply.status(201).send(await safeguarding.addDecisionNote(contextOf(request, database), request.params.id, request.body)));

  app.get('/api/v1/safeguarding/worklist', {
    schema: {
      tags, summary: 'Timescales overdue or due by the end of the next working day, in your services (audited)', querystring: serviceFilter,
      response: { 200: z.object({ asOf: z.string(), items: z.array(worklistItemSchema), total: z.number() }), ...problems },
    },
  }, (request) => safeguarding.worklist(contextOf(request, database), request.query));

  app.get('/api/v1/safeguarding/timescales', {
    schema: {
      tags, summary: 'Safeguarding timescales of each local authority, and the defaults',
      response: { 200: z.object({ defaults: timescaleSettingsSchema, items: z.array(localAuthorityTimescalesSchema) }), ...problems },
    },
  }, (request) => safeguarding.listTimescales(contextOf(request, database)));

  app.put('/api/v1/safeguarding/timescales/:localAuthorityId', {
    schema: {
      tags, summary: 'Set a local authority’s own safeguarding timescales (admin)', params: localAuthorityParam, body: timescaleSettingsInput,
      response: { 200: localAuthorityTimescalesSchema, ...problems },
    },
  }, (request) => safeguarding.setTimescales(contextOf(request, database), request.params.localAuthorityId, request.body));
}
