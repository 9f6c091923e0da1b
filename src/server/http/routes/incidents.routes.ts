import { z } from 'zod';
import { idParam, idText, isoDate, listOf, rangeInOrder, pageQuery, problemSchema } from '../../../domain/common.js';
import { incidentAddendum, incidentCorrection, incidentInput, incidentReview, incidentSchema, incidentStatuses } from '../../../domain/incidents.js';
import * as incidents from '../../services/incidents.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, sendListCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['incidents'];
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const incidentListItem = z.object({
  id: z.number(), ref: z.string().nullable(), serviceId: z.number(), serviceName: z.string(), occurredAt: z.string(), location: z.string(),
  harmPhysical: z.string(), harmPsychological: z.string(), status: z.string(), interventionCount: z.number(),
  people: z.array(z.object({ id: z.number(), displayName: z.string() })),
});

type IncidentListItem = z.infer<typeof incidentListItem>;
const incidentCsvColumns: CsvColumns<IncidentListItem> = [
  ['id', (i) => i.id], ['ref', (i) => i.ref], ['occurred_at', (i) => i.occurredAt], ['service', (i) => i.serviceName],
  ['people', (i) => i.people.map((p) => p.displayName).join('; ')], ['location', (i) => i.location], ['harm_physical', (i) => i.harmPhysical],
  ['harm_psychological', (i) => i.harmPsychological], ['restrictive_interventions', (i) => i.interventionCount], ['status', (i) => i.status],
];

export function incidentRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/incidents', {
    schema: { tags, summary: 'Record an incident with its restrictive intervention episodes', body: incidentInput, response: { 201: incidentSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await incidents.recordIncident(contextOf(request, database), request.body)));

  app.get('/api/v1/incidents', {
    schema: {
      tags, summary: 'Incidents in your services, newest first (audited)',
      querystring: z.strictObject({
        serviceId: idText.optional(), personId: idText.optional(),
        status: z.enum(incidentStatuses).optional(), from: isoDate.optional(), to: isoDate.optional(),
        hasIntervention: flag.optional(), reportedByMe: flag.optional().describe('Only incidents you reported'), ...pageQuery, ...formatQuery,
      }).refine(...rangeInOrder),
      response: { 200: listOf(incidentListItem), ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    const { format, reportedByMe, ...rest } = request.query;
    const filter = { ...rest, ...(reportedByMe ? { reportedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : -1 } : {}) };
    if (format === 'csv') return sendListCsv(reply, 'incidents', incidentCsvColumns, (limit, offset) => incidents.listIncidents(ctx, { ...filter, limit, offset }));
    return incidents.listIncidents(ctx, filter);
  });

  app.get('/api/v1/incidents/:id', {
    schema: { tags, summary: 'One incident with its history (audited; 404 when outside your services)', params: idParam, response: { 200: incidentSchema, ...problems } },
  }, (request) => incidents.getIncident(contextOf(request, database), request.params.id));

  app.post('/api/v1/incidents/:id/review', {
    schema: { tags, summary: 'Mark reviewed, or ask for a correction (managers and leads)', params: idParam, body: incidentReview, response: { 200: incidentSchema, ...problems } },
  }, (request) => incidents.reviewIncident(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/incidents/:id/corrections', {
    schema: { tags, summary: 'Correct recorded facts; the original values stay in the history', params: idParam, body: incidentCorrection, response: { 200: incidentSchema, ...problems } },
  }, (request) => incidents.correctIncident(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/incidents/:id/addenda', {
    schema: { tags, summary: 'Add information without changing the record', params: idParam, body: incidentAddendum, response: { 200: incidentSchema, ...problems } },
  }, (request) => incidents.addAddendum(contextOf(request, database), request.params.id, request.body.text));
}
