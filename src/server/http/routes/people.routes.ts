import { z } from 'zod';
import { idParam, idText, listOf, pageQuery, problemSchema } from '../../../domain/common.js';
import { personInput, personSchema, personUpdate, staffInput, staffSchema, staffUpdate, type Person, type Staff } from '../../../domain/organisation.js';
import * as people from '../../services/people.service.js';
import * as staff from '../../services/staff.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const peopleCsv = {
  name: 'people',
  columns: [
    ['id', (p) => p.id], ['ref', (p) => p.ref], ['display_name', (p) => p.displayName], ['service', (p) => p.serviceName],
    ['learning_disability', (p) => p.learningDisability], ['autism', (p) => p.autism], ['legal_status', (p) => p.legalStatus],
    ['start_date', (p) => p.startDate], ['end_date', (p) => p.endDate],
  ] satisfies CsvColumns<Person>,
};
const staffCsv = {
  name: 'staff',
  columns: [
    ['id', (s) => s.id], ['ref', (s) => s.ref], ['name', (s) => s.name], ['job_title', (s) => s.jobTitle], ['employment_type', (s) => s.employmentType],
    ['active', (s) => s.active], ['services', (s) => s.services.map((x) => x.name).join('; ')],
  ] satisfies CsvColumns<Staff>,
};

export function peopleRoutes({ app, database }: RouteDeps) {
  app.get('/api/v1/people', {
    schema: {
      tags: ['people'], summary: 'People supported in your services (audited); `format=csv` exports every match',
      querystring: z.strictObject({
        serviceId: idText.optional(), q: z.string().max(100).optional(),
        includeEnded: flag.default(false), ...pageQuery, ...formatQuery,
      }),
      response: { 200: listOf(personSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, peopleCsv, (f) => people.listPeople(contextOf(request, database), f)));

  app.post('/api/v1/people', {
    schema: { tags: ['people'], summary: 'Add a person supported', body: personInput, response: { 201: personSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await people.createPerson(contextOf(request, database), request.body)));

  app.get('/api/v1/people/:id', {
    schema: { tags: ['people'], summary: 'One person (audited; 404 when outside your scope)', params: idParam, response: { 200: personSchema, ...problems } },
  }, (request) => people.getPerson(contextOf(request, database), request.params.id));

  app.patch('/api/v1/people/:id', {
    schema: { tags: ['people'], summary: 'Change a person’s details', params: idParam, body: personUpdate, response: { 200: personSchema, ...problems } },
  }, (request) => people.updatePerson(contextOf(request, database), request.params.id, request.body));

  app.get('/api/v1/staff', {
    schema: {
      tags: ['staff'], summary: 'Staff in your services; `format=csv` exports every match',
      querystring: z.strictObject({ serviceId: idText.optional(), q: z.string().max(100).optional(), ...pageQuery, ...formatQuery }),
      response: { 200: listOf(staffSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, staffCsv, (f) => staff.listStaff(contextOf(request, database), f)));

  app.post('/api/v1/staff', {
    schema: { tags: ['staff'], summary: 'Add a staff member', body: staffInput, response: { 201: staffSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await staff.createStaff(contextOf(request, database), request.body)));

  app.get('/api/v1/staff/:id', {
    schema: { tags: ['staff'], summary: 'One staff member', params: idParam, response: { 200: staffSchema, ...problems } },
  }, (request) => staff.getStaff(contextOf(request, database), request.params.id));

  app.patch('/api/v1/staff/:id', {
    schema: { tags: ['staff'], summary: 'Change a staff member', params: idParam, body: staffUpdate, response: { 200: staffSchema, ...problems } },
  }, (request) => staff.updateStaff(contextOf(request, database), request.params.id, request.body));
}
