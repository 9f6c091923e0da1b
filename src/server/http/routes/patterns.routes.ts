import { z } from 'zod';
import { idParam, problemSchema } from '../../../domain/common.js';
import { patternDismissal, patternKindNames, patternListSchema, patternRunSchema, patternSchema } from '../../../domain/patterns.js';
import { dismissPattern, getPattern, listPatterns, runStatus, startRecompute } from '../../services/patterns.service.js';
import { closePatternEngine, patternEngine } from '../../services/pattern-engine-thread.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['patterns'];

// Writes that add a record: the detectors read just the new rows. Writes that change old rows or arrive in bulk
// (corrections, imports) ask for a full reload.
const newRecordRoutes = new Set([
  'POST /api/v1/incidents', 'POST /api/v1/safeguarding-concerns', 'POST /api/v1/complaints', 'POST /api/v1/speak-up', 'POST /api/v1/reviews',
]);
const changedRecordPrefixes = ['/api/v1/incidents/', '/api/v1/safeguarding-concerns/', '/api/v1/complaints/', '/api/v1/restrictions', '/api/v1/imports'];

export function patternRoutes({ app, database, config }: RouteDeps) {
  // The engine may also have been started by a themes request; either way it stops with the server.
  app.addHook('onClose', async () => {
    await closePatternEngine(database);
  });
  if (config.PATTERNS_LIVE) {
    const engine = patternEngine(database);
    app.addHook('onResponse', async (request, reply) => {
      if (request.method === 'GET' || reply.statusCode >= 300) return;
      const route = request.routeOptions.url ?? '';
      if (newRecordRoutes.has(`${request.method} ${route}`)) engine.schedule('new record');
      else if (changedRecordPrefixes.some((p) => route.startsWith(p))) engine.schedule('records changed', true);
    });
    app.addHook('onReady', (done) => {
      engine.schedule('start-up', true);
      done();
    });
  }

  app.get('/api/v1/patterns', {
    schema: {
      tags, summary: 'Detected patterns for a scope, strongest first (only those whose services and kind the reader may see)',
      querystring: z.strictObject({
        scope: z.string().max(40).default('organisation'),
        kind: z.enum(patternKindNames as [string, ...string[]]).optional(),
        includeDismissed: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: patternListSchema, ...problems },
    },
  }, (request) => listPatterns(contextOf(request, database), { ...request.query, includeDismissed: request.query.includeDismissed === 'true' }));

  app.get('/api/v1/patterns/runs/latest', {
    schema: { tags, summary: 'The latest pattern run and its progress', response: { 200: z.object({ run: patternRunSchema.nullable() }), ...problems } },
  }, async (request) => ({ run: await runStatus(contextOf(request, database)) }));

  app.post('/api/v1/patterns/runs', {
    schema: { tags, summary: 'Recompute every pattern from all records (runs in the background; follow it at /patterns/runs/latest)', response: { 202: z.object({ status: z.literal('scheduled') }), ...problems } },
  }, async (request, reply) => reply.code(202).send(await startRecompute(contextOf(request, database))));

  app.get('/api/v1/patterns/:id', {
    schema: { tags, summary: 'One detected pattern with its evidence', params: idParam, response: { 200: patternSchema, ...problems } },
  }, (request) => getPattern(contextOf(request, database), request.params.id));

  app.post('/api/v1/patterns/:id/dismiss', {
    schema: {
      tags, summary: 'Dismiss a pattern with a reason (it stays dismissed when the next run finds it again)',
      params: idParam,
      body: patternDismissal,
      response: { 200: patternSchema, ...problems },
    },
  }, (request) => dismissPattern(contextOf(request, database), request.params.id, request.body.reason));
}
