import { z } from 'zod';
import { idParam, idText, isoDate, listOf, rangeInOrder, pageQuery, problemSchema } from '../../../domain/common.js';
import { complaintInput, complaintKinds, complaintSchema, complaintTimescalesSchema, complaintUpdate, type Complaint } from '../../../domain/complaints.js';
import * as complaints from '../../services/complaints.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, sendListCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['complaints'];
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const complaintCsvColumns: CsvColumns<Complaint> = [
  ['id', (c) => c.id], ['ref', (c) => c.ref], ['kind', (c) => c.kind], ['received_at', (c) => c.receivedAt], ['service', (c) => c.serviceName],
  ['person', (c) => c.person?.displayName], ['raised_by', (c) => c.raisedBy], ['channel', (c) => c.channel], ['subject', (c) => c.subject],
  ['themes', (c) => c.themes.join('; ')], ['outcome', (c) => c.outcome], ['acknowledged_at', (c) => c.acknowledgedAt],
  ['responded_at', (c) => c.respondedAt], ['acknowledged_in_time', (c) => c.timescales.isAcknowledgedInTime],
  ['responded_in_time', (c) => c.timescales.isRespondedInTime], ['overdue', (c) => c.timescales.isOverdue],
];

export function complaintRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/complaints', {
    schema: { tags, summary: 'Record a complaint, feedback or compliment', body: complaintInput, response: { 201: complaintSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await complaints.recordComplaint(contextOf(request, database), request.body)));

  app.get('/api/v1/complaints', {
    schema: {
      tags, summary: 'Complaints, feedback and compliments in your services, with timescales (audited)',
      querystring: z.strictObject({
        serviceId: idText.optional(), personId: idText.optional(),
        kind: z.enum(complaintKinds).optional(), isOpen: flag.optional(), isOverdue: flag.optional(),
        from: isoDate.optional(), to: isoDate.optional(), ...pageQuery, ...formatQuery,
      }).refine(...rangeInOrder),
      response: { 200: listOf(complaintSchema), ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    const { format, ...filter } = request.query;
    if (format === 'csv') return sendListCsv(reply, 'complaints', complaintCsvColumns, (limit, offset) => complaints.listComplaints(ctx, { ...filter, limit, offset }));
    return complaints.listComplaints(ctx, filter);
  });

  app.get('/api/v1/complaints/:id', {
    schema: { tags, summary: 'One complaint (audited)', params: idParam, response: { 200: complaintSchema, ...problems } },
  }, (request) => complaints.getComplaint(contextOf(request, database), request.params.id));

  app.patch('/api/v1/complaints/:id', {
    schema: { tags, summary: 'Acknowledge, respond, record outcome and themes', params: idParam, body: complaintUpdate, response: { 200: complaintSchema, ...problems } },
  }, (request) => complaints.updateComplaint(contextOf(request, database), request.params.id, request.body));

  app.put('/api/v1/settings/complaint-timescales', {
    schema: { tags, summary: 'Set working days to acknowledge and respond (admin)', body: complaintTimescalesSchema, response: { 200: complaintTimescalesSchema, ...problems } },
  }, (request) => complaints.setComplaintTimescales(contextOf(request, database), request.body));
}
