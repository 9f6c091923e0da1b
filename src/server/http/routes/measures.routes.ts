import { z } from 'zod';
import { isoMonth, problemSchema } from '../../../domain/common.js';
import {
  annotationInput, annotationSchema, catalogueItemSchema, measurePermissionsSchema, measureSchema, seriesPointSchema, targetInput,
} from '../../../domain/measures.js';
import { spcResponse } from '../../../domain/spc.js';
import {
  addAnnotation, listMeasures, measureDashboard, measureSeries, removeAnnotation, setMeasureTarget,
} from '../../services/measures.service.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ResponseCache } from '../response-cache.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['measures'];
const keyParam = z.strictObject({ key: z.string().max(60) });
const scopeQuery = z.strictObject({ scope: z.string().max(40).default('organisation') });

export function measureRoutes({ app, database }: RouteDeps) {
  const cache = new ResponseCache();
  const inFlight = new Map<string, Promise<Buffer>>();
  let generation = 0;
  // Any change to records may move a measure; signing in or out (which a board does together) changes none.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400) return;
    if (request.routeOptions.url?.startsWith('/api/v1/auth/')) return;
    generation += 1;
    cache.clear();
  });

  /**
   * Answer a read of measures from the cache when the same kind of caller (role and services) asked the same
   * question since the last change. A person's measures are never cached: each view of them is audited. So what is
   * cached must never depend on who the caller is beyond their role and services.
   */
  async function cached<T>(request: FastifyRequest, reply: FastifyReply, scope: string, read: () => Promise<T>): Promise<T | undefined> {
    const actor = request.actor;
    if (scope.startsWith('person:') || actor?.kind !== 'user') return read();
    const key = `${actor.role}|${actor.services === 'all' ? 'all' : actor.services.join(',')}|${request.url}`;
    let body = cache.get(key);
    if (!body) {
      // Requests arriving while the same answer is being read wait for it rather than each reading it again, but
      // only since the last change: one that arrives after a change must not be given an answer read before it.
      const flight = `${generation}|${key}`;
      let reading = inFlight.get(flight);
      if (!reading) {
        const startedAt = generation;
        reading = read().then((result) => {
          const serialised = Buffer.from(reply.serialize(result) as string);
          // Not kept when a change landed while it was read: it may be from before the change.
          if (generation === startedAt) cache.set(key, serialised);
          return serialised;
        }).finally(() => inFlight.delete(flight));
        inFlight.set(flight, reading);
      }
      body = await reading;
    }
    void reply.type('application/json; charset=utf-8').send(body);
    return undefined;
  }

  app.get('/api/v1/measures', {
    schema: {
      tags, summary: 'The measures catalogue: definitions, units, improvement direction and the stored targets for the scopes you can see',
      response: { 200: z.object({ items: z.array(catalogueItemSchema) }), ...problems },
    },
  }, async (request) => ({ items: await listMeasures(contextOf(request, database)) }));

  const seriesSchema = z.object({
    measure: measureSchema, points: z.array(seriesPointSchema), spc: spcResponse.nullable(), isSuppressed: z.boolean(),
    /** The stored target for this scope (none for a scoped user's sum of their own services). */
    target: z.number().nullable(),
    /** Recalculations (each starts new limits from its month) and action markers within the period. */
    annotations: z.array(annotationSchema),
    permissions: measurePermissionsSchema,
  });

  app.get('/api/v1/dashboards', {
    schema: {
      tags, summary: 'Every measure for a scope in one call, as a dashboard shows them (one audit entry for a person)',
      querystring: z.strictObject({ scope: z.string().max(40).default('organisation'), from: isoMonth.optional(), to: isoMonth.optional() }),
      response: { 200: z.object({ scope: z.string(), items: z.array(seriesSchema) }), ...problems },
    },
  }, (request, reply) => cached(request, reply, request.query.scope,
    () => measureDashboard(contextOf(request, database), request.query.scope, request.query.from, request.query.to)));

  app.get('/api/v1/measures/:key/series', {
    schema: {
      tags, summary: 'A measure by month for organisation, region:{id}, service:{id} or person:{id}, with its SPC chart (small numbers suppressed for board members and commissioners)',
      params: keyParam,
      querystring: z.strictObject({ scope: z.string().max(40).default('organisation'), from: isoMonth.optional(), to: isoMonth.optional() }),
      response: { 200: seriesSchema, ...problems },
    },
  }, (request, reply) => cached(request, reply, request.query.scope,
    () => measureSeries(contextOf(request, database), request.params.key, request.query.scope, request.query.from, request.query.to)));

  app.put('/api/v1/measures/:key/target', {
    schema: {
      tags, summary: 'Store a measure’s target for a scope, or remove it with null (quality leads and admins; audited)',
      params: keyParam, querystring: scopeQuery, body: targetInput,
      response: { 200: z.object({ key: z.string(), scope: z.string(), target: z.number().nullable() }), ...problems },
    },
  }, (request) => setMeasureTarget(contextOf(request, database), request.params.key, request.query.scope, request.body.target));

  app.post('/api/v1/measures/:key/annotations', {
    schema: {
      tags, summary: 'Mark a recalculation (new limits from that month) or an action on a measure’s chart for a scope (audited)',
      params: keyParam, querystring: scopeQuery, body: annotationInput,
      response: { 201: annotationSchema, ...problems },
    },
  }, async (request, reply) => reply.status(201).send(await addAnnotation(contextOf(request, database), request.params.key, request.query.scope, request.body)));

  app.delete('/api/v1/measures/:key/annotations/:id', {
    schema: {
      tags, summary: 'Remove a mark from a measure’s chart (audited)',
      params: z.strictObject({ key: z.string().max(60), id: z.coerce.number().int().positive().max(2_147_483_647) }),
      response: { 204: z.null(), ...problems },
    },
  }, async (request, reply) => {
    await removeAnnotation(contextOf(request, database), request.params.key, request.params.id);
    return reply.status(204).send(null);
  });
}
