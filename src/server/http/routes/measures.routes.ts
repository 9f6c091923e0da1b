import { z } from 'zod';
import { isoMonth, problemSchema } from '../../../domain/common.js';
import { measureSchema, seriesPointSchema } from '../../../domain/measures.js';
import { spcResponse } from '../../../domain/spc.js';
import { listMeasures, measureDashboard, measureSeries } from '../../services/measures.service.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['measures'];

export function measureRoutes({ app, database }: RouteDeps) {
  app.get('/api/v1/measures', {
    schema: { tags, summary: 'The measures catalogue: definitions, units and improvement direction', response: { 200: z.object({ items: z.array(measureSchema) }), ...problems } },
  }, (request) => {
    contextOf(request, database);
    return { items: listMeasures() };
  });

  const seriesSchema = z.object({ measure: measureSchema, points: z.array(seriesPointSchema), spc: spcResponse.nullable(), isSuppressed: z.boolean() });

  app.get('/api/v1/dashboards', {
    schema: {
      tags, summary: 'Every measure for a scope in one call, as a dashboard shows them (one audit entry for a person)',
      querystring: z.strictObject({ scope: z.string().max(40).default('organisation'), from: isoMonth.optional(), to: isoMonth.optional() }),
      response: { 200: z.object({ scope: z.string(), items: z.array(seriesSchema) }), ...problems },
    },
  }, (request) => measureDashboard(contextOf(request, database), request.query.scope, request.query.from, request.query.to));

  app.get('/api/v1/measures/:key/series', {
    schema: {
      tags, summary: 'A measure by month for organisation, region:{id}, service:{id} or person:{id}, with its SPC chart (small numbers suppressed for board members and commissioners)',
      params: z.strictObject({ key: z.string().max(60) }),
      querystring: z.strictObject({ scope: z.string().max(40).default('organisation'), from: isoMonth.optional(), to: isoMonth.optional() }),
      response: { 200: seriesSchema, ...problems },
    },
  }, (request) => measureSeries(contextOf(request, database), request.params.key, request.query.scope, request.query.from, request.query.to));
}
