import { z } from 'zod';
import { idParam, listOf, problemSchema } from '../../../domain/common.js';
import {
  followUpInput, followUpResult, ownSpeakUpSchema, speakUpCreated, speakUpDetailSchema, speakUpInput, speakUpListQuery,
  speakUpReplyInput, speakUpSummarySchema, speakUpUpdate, type SpeakUpSummary,
} from '../../../domain/speak-up.js';
import * as speakUp from '../../services/speak-up.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };
const tags = ['speak-up'];

// Raising a report and following one up with a receipt key are not logged even as a bare request line: a timed
// line with no matching audit entry would mark the moment an anonymous reporter acted. Errors are still logged.
const unlogged = 'error' as const;

// The guardian's list as on screen: the summary carries no narrative and no reporter identity of any mode, so
// neither does the export (a confidential reporter is shown only on the report itself, and audited there).
const speakUpCsv = {
  name: 'speak-up',
  columns: [
    ['id', (r) => r.id], ['received_on', (r) => r.receivedOn], ['mode', (r) => r.mode], ['status', (r) => r.status], ['service', (r) => r.service?.name],
    ['categories', (r) => r.categories.join('; ')], ['themes', (r) => r.themes.join('; ')], ['has_outcome', (r) => r.hasOutcome],
    ['messages', (r) => r.messageCount],
  ] satisfies CsvColumns<SpeakUpSummary>,
};

export function speakUpRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/speak-up', {
    logLevel: unlogged,
    schema: {
      tags, summary: 'Raise a concern: named, confidential or anonymous (an anonymous reporter gets a receipt key, shown once)',
      body: speakUpInput, response: { 201: speakUpCreated, ...problems },
    },
  }, async (request, reply) => {
    const created = await speakUp.raiseConcern(contextOf(request, database), request.body);
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  // Public: the key is the only credential. A session cookie, if sent, is ignored (and so is CSRF).
  app.post('/api/v1/speak-up/follow-up', {
    logLevel: unlogged,
    config: { isPublic: true },
    schema: {
      tags, summary: 'With a receipt key: the report, its status and the conversation on it (your messages and the guardian’s replies); optionally add information',
      security: [], body: followUpInput, response: { 200: followUpResult, ...problems },
    },
  }, async (request, reply) => {
    const result = await speakUp.followUp(database, request.body, request.ip);
    return reply.header('cache-control', 'no-store').send(result);
  });

  app.get('/api/v1/speak-up/mine', {
    schema: {
      tags, summary: 'Your own named and confidential reports, with the guardian’s replies',
      response: { 200: z.object({ items: z.array(ownSpeakUpSchema) }), ...problems },
    },
  }, (request) => speakUp.myConcerns(contextOf(request, database)));

  app.get('/api/v1/speak-up', {
    schema: {
      tags, summary: 'Speak-up reports (guardian only; audited); `format=csv` exports every match, without any reporter identity',
      querystring: speakUpListQuery.extend(formatQuery),
      response: { 200: listOf(speakUpSummarySchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, speakUpCsv, (f) => speakUp.listConcerns(contextOf(request, database), f)));

  app.get('/api/v1/speak-up/:id', {
    schema: {
      tags, summary: 'One report with its thread (guardian only; audited); the reporter only for named and confidential reports',
      params: idParam, response: { 200: speakUpDetailSchema, ...problems },
    },
  }, (request) => speakUp.getConcern(contextOf(request, database), request.params.id));

  app.post('/api/v1/speak-up/:id/replies', {
    schema: {
      tags, summary: 'Reply to the reporter (guardian only)', params: idParam, body: speakUpReplyInput,
      response: { 201: speakUpDetailSchema, ...problems },
    },
  }, async (request, reply) =>
    reply.status(201).send(await speakUp.replyToConcern(contextOf(request, database), request.params.id, request.body.message)));

  app.patch('/api/v1/speak-up/:id', {
    schema: {
      tags, summary: 'Triage, investigate and close: status, themes, categories and outcome (guardian only)',
      params: idParam, body: speakUpUpdate, response: { 200: speakUpDetailSchema, ...problems },
    },
  }, (request) => speakUp.updateConcern(contextOf(request, database), request.params.id, request.body));
}
