import { z } from 'zod';
import { idParam, idText, isoDate, listOf, pageQuery, problemSchema } from '../../../domain/common.js';
import {
  commissionerInput, commissionerSchema, occupancyInput, occupancyMonth, organisationSchema, organisationUpdate,
  regionInput, regionSchema, serviceInput, serviceSchema, serviceUpdate, type Service,
} from '../../../domain/organisation.js';
import * as structure from '../../services/structure.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['organisation'];

// Board members and commissioners get service summaries: the fields they may not see are then empty cells.
const servicesCsv = {
  name: 'services',
  columns: [
    ['id', (s) => s.id], ['ref', (s) => s.ref], ['name', (s) => s.name], ['type', (s) => s.type], ['region', (s) => s.regionName],
    ['capacity', (s) => s.capacity], ['registration_number', (s) => s.registrationNumber],
    ['commissioners', (s) => s.commissioners?.map((c) => c.name).join('; ')],
  ] satisfies CsvColumns<Partial<Service> & Pick<Service, 'id' | 'name' | 'type' | 'regionName' | 'capacity'>>,
};

export function structureRoutes({ app, database }: RouteDeps) {
  app.get('/api/v1/organisation', {
    schema: { tags, summary: 'The organisation', response: { 200: organisationSchema.extend({ isDemo: z.boolean() }), ...problems } },
  }, (request) => structure.getOrganisation(contextOf(request, database)));

  app.patch('/api/v1/organisation', {
    schema: { tags, summary: 'Rename the organisation (admin)', body: organisationUpdate, response: { 200: organisationSchema.extend({ isDemo: z.boolean() }), ...problems } },
  }, (request) => structure.renameOrganisation(contextOf(request, database), request.body.name));

  app.get('/api/v1/regions', {
    schema: { tags, summary: 'Regions', response: { 200: z.object({ items: z.array(regionSchema) }), ...problems } },
  }, async (request) => ({ items: await structure.listRegions(contextOf(request, database)) }));

  app.post('/api/v1/regions', {
    schema: { tags, summary: 'Add a region (admin)', body: regionInput, response: { 201: regionSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await structure.createRegion(contextOf(request, database), request.body.name)));

  app.patch('/api/v1/regions/:id', {
    schema: { tags, summary: 'Rename a region (admin)', params: idParam, body: regionInput, response: { 200: regionSchema, ...problems } },
  }, (request) => structure.updateRegion(contextOf(request, database), request.params.id, request.body.name));

  app.get('/api/v1/commissioners', {
    schema: { tags, summary: 'Commissioning bodies', response: { 200: z.object({ items: z.array(commissionerSchema) }), ...problems } },
  }, async (request) => ({ items: await structure.listCommissioners(contextOf(request, database)) }));

  app.post('/api/v1/commissioners', {
    schema: { tags, summary: 'Add a commissioning body (admin)', body: commissionerInput, response: { 201: commissionerSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await structure.createCommissioner(contextOf(request, database), request.body.name)));

  // Board members and commissioners get the summary fields only; the rest are then absent.
  const serviceOrSummary = serviceSchema.partial({ ref: true, regionId: true, registrationNumber: true, commissioners: true });

  app.get('/api/v1/services', {
    schema: {
      tags, summary: 'Services in your scope (summaries only for board members and commissioners); `format=csv` exports every match',
      querystring: z.strictObject({ regionId: idText.optional(), q: z.string().max(100).optional(), ...pageQuery, ...formatQuery }),
      response: { 200: listOf(serviceOrSummary), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, servicesCsv, (f) => structure.listServices(contextOf(request, database), f)));

  app.post('/api/v1/services', {
    schema: { tags, summary: 'Add a service (admin)', body: serviceInput, response: { 201: serviceSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await structure.createService(contextOf(request, database), request.body)));

  app.get('/api/v1/services/:id', {
    schema: { tags, summary: 'One service (404 when outside your scope)', params: idParam, response: { 200: serviceOrSummary, ...problems } },
  }, (request) => structure.getService(contextOf(request, database), request.params.id));

  app.patch('/api/v1/services/:id', {
    schema: { tags, summary: 'Change a service (admin)', params: idParam, body: serviceUpdate, response: { 200: serviceSchema, ...problems } },
  }, (request) => structure.updateService(contextOf(request, database), request.params.id, request.body));

  app.get('/api/v1/services/:id/occupancy', {
    schema: {
      tags, summary: 'Occupied days per month for a service', params: idParam,
      querystring: z.strictObject({ from: isoDate, to: isoDate }).refine((q) => q.to >= q.from, { message: 'to must be on or after from', path: ['to'] }),
      response: { 200: z.object({ items: z.array(occupancyMonth) }), ...problems },
    },
  }, async (request) => ({ items: await structure.occupancy(contextOf(request, database), request.params.id, request.query.from, request.query.to) }));

  app.put('/api/v1/occupancy', {
    schema: {
      tags, summary: 'Record occupied days for a service (one row per day; replaces earlier figures for those days)',
      body: occupancyInput, response: { 200: z.object({ serviceId: z.number(), recorded: z.number() }), ...problems },
    },
  }, (request) => structure.recordOccupancy(contextOf(request, database), request.body.serviceId, request.body.days));
}
