import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { idParam, problemSchema } from '../../../domain/common.js';
import { linkInput, linkSchema, recordLinksQuery, recordLinksSchema } from '../../../domain/links.js';
import { searchQuery, searchResultsSchema, timelinePageSchema, timelineQuery } from '../../../domain/timeline.js';
import * as timeline from '../../services/timeline.service.js';
import * as links from '../../services/links.service.js';
import { search, searchCsv } from '../../services/search.service.js';
import { attachment, CSV_CONTENT_TYPE } from '../../presenters/csv.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const csvNote = ' Add `format=csv` for a CSV download of every matching item with the same filters (audited as an export).';

function sendCsv(reply: FastifyReply, download: timeline.CsvDownload) {
  return reply
    .type(CSV_CONTENT_TYPE)
    .header('content-disposition', attachment(download.filename))
    .header('cache-control', 'no-store')
    .send(download.stream);
}

export function timelineRoutes({ app, database }: RouteDeps) {
  app.get('/api/v1/people/:id/timeline', {
    schema: {
      tags: ['timeline'],
      summary: 'A person’s timeline across incidents, safeguarding concerns, complaints, practice reviews and restrictions, newest first (audited as a read of the person). Never speak-up reports.' + csvNote,
      params: idParam, querystring: timelineQuery, response: { 200: timelinePageSchema, ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    if (request.query.format === 'csv') return sendCsv(reply, await timeline.personTimelineCsv(ctx, request.params.id, request.query));
    return timeline.personTimeline(ctx, request.params.id, request.query);
  });

  app.get('/api/v1/services/:id/log', {
    schema: {
      tags: ['timeline'],
      summary: 'Everything recorded at a service, newest first (audited as a read of the service).' + csvNote,
      params: idParam, querystring: timelineQuery, response: { 200: timelinePageSchema, ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    if (request.query.format === 'csv') return sendCsv(reply, await timeline.serviceLogCsv(ctx, request.params.id, request.query));
    return timeline.serviceLog(ctx, request.params.id, request.query);
  });

  app.get('/api/v1/search', {
    schema: {
      tags: ['timeline'],
      summary: 'Search incidents, safeguarding concerns, complaints, practice reviews and restrictions in your services for every word given, in their text or an incident’s or complaint’s reference (audited). Never speak-up reports.' + csvNote,
      querystring: searchQuery, response: { 200: searchResultsSchema, ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    if (request.query.format === 'csv') return sendCsv(reply, await searchCsv(ctx, request.query));
    return search(ctx, request.query);
  });

  app.post('/api/v1/links', {
    schema: {
      tags: ['timeline'], summary: 'Link two records, such as an incident that raised a safeguarding concern (needs read of both kinds and change of one)',
      body: linkInput, response: { 201: linkSchema, ...problems },
    },
  }, async (request, reply) => reply.status(201).send(await links.createLink(contextOf(request, database), request.body)));

  app.get('/api/v1/links', {
    schema: {
      tags: ['timeline'], summary: 'The links of one record, in both directions, that you may follow (each end readable by your role and in your services)',
      querystring: recordLinksQuery, response: { 200: recordLinksSchema, ...problems },
    },
  }, async (request) => ({ items: await links.recordLinks(contextOf(request, database), request.query) }));

  app.delete('/api/v1/links/:id', {
    schema: { tags: ['timeline'], summary: 'Remove a link between two records', params: idParam, response: { 204: z.null(), ...problems } },
  }, async (request, reply) => {
    await links.deleteLink(contextOf(request, database), request.params.id);
    return reply.status(204).send(null);
  });
}
