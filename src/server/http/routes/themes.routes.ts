import { z } from 'zod';
import { isoDate, problemSchema } from '../../../domain/common.js';
import { listThemes } from '../../services/themes.service.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const count = z.number().int().nullable();
const sourceKind = z.enum(['incident', 'safeguarding_concern', 'complaint', 'speak_up', 'practice_review']);

export const themeSchema = z.object({
  key: z.string(),
  name: z.string(),
  total: count,
  bySource: z.object({ incident: count, safeguarding_concern: count, complaint: count, speak_up: count, practice_review: count }),
  byService: z.array(z.object({ serviceId: z.number().int(), name: z.string(), count })),
  trend: z.array(z.object({ month: z.string(), count })),
  examples: z.array(z.object({ kind: z.string(), id: z.number().int(), ref: z.string().optional() })),
});

export const themesResponse = z.object({
  scope: z.string(), from: z.string(), to: z.string(), isSuppressed: z.boolean(), sources: z.array(sourceKind), themes: z.array(themeSchema),
});

export function themeRoutes({ app, database }: RouteDeps) {
  app.get('/api/v1/themes', {
    schema: {
      tags: ['analytics'],
      summary: 'Themes in the free text, contributory factors and recorded labels of every source, for organisation, region:{id}, service:{id} or person:{id}, with counts per source and service, a monthly trend and example records',
      querystring: z.strictObject({ scope: z.string().max(40).default('organisation'), from: isoDate.optional(), to: isoDate.optional() }),
      response: { 200: themesResponse, ...problems },
    },
  }, (request) => listThemes(contextOf(request, database), request.query.scope, request.query.from, request.query.to));
}
