import { z } from 'zod';
import { idParam, idText, isoDate, listOf, pageQuery, problemSchema } from '../../../domain/common.js';
import { contributoryFactors } from '../../../domain/contributory-factors.js';
import {
  type Action, actionInput, actionSchema, actionStatuses, actionUpdate, assignmentInput, assignmentSchema, complianceSchema, completionInput, courseInput, courseSchema,
  documentInput, documentSchema, learningResponseInput, learningResponseSchema, learningResponseUpdate, learningWorklistSchema, lessonDetailSchema, lessonInput, lessonSchema,
  myOutcomesSchema, shareAnswerInput, shareInput, shareSchema, type LearningResponse, type Lesson,
} from '../../../domain/learning.js';
import * as learning from '../../services/learning.service.js';
import * as documents from '../../services/learning-documents.service.js';
import { evaluateAction } from '../../services/learning-evaluate.service.js';
import { effectEvaluationSchema } from '../../../domain/effectiveness.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema };
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const evidenceText = (evidence: LearningResponse['evidence']) => evidence.map((e) => e.label).join('; ');

const responsesCsv = {
  name: 'learning-responses',
  columns: [
    ['id', (r) => r.id], ['type', (r) => r.type], ['title', (r) => r.title], ['service', (r) => r.service?.name ?? 'Whole organisation'],
    ['started_on', (r) => r.startedOn], ['status', (r) => r.status], ['findings', (r) => r.findings],
    ['contributory_factors', (r) => r.contributoryFactors.join('; ')], ['evidence', (r) => evidenceText(r.evidence)],
    ['lessons', (r) => r.lessons.length], ['created_by', (r) => r.createdBy], ['created_at', (r) => r.createdAt],
  ] satisfies CsvColumns<LearningResponse>,
};

const lessonsCsv = {
  name: 'lessons',
  columns: [
    ['id', (l) => l.id], ['statement', (l) => l.statement], ['scope', (l) => l.scope.type], ['scope_name', (l) => l.scope.name],
    ['learning_response', (l) => l.learningResponse?.title], ['contributory_factors', (l) => l.contributoryFactors.join('; ')],
    ['evidence', (l) => evidenceText(l.evidence)], ['shared_with', (l) => l.coverage.shared], ['answered', (l) => l.coverage.answered],
    ['answers_overdue', (l) => l.coverage.overdue], ['created_by', (l) => l.createdBy], ['created_at', (l) => l.createdAt],
  ] satisfies CsvColumns<Lesson>,
};

const actionsCsv = {
  name: 'actions',
  columns: [
    ['id', (a) => a.id], ['lesson', (a) => a.lesson.statement], ['type', (a) => a.type], ['description', (a) => a.description],
    ['owner', (a) => a.owner.name], ['due_on', (a) => a.dueOn], ['status', (a) => a.status], ['overdue', (a) => (a.isOverdue ? 'Y' : 'N')],
    ['completed_on', (a) => a.completedOn], ['measure', (a) => a.measure.name], ['measure_scope', (a) => a.measure.scope.type],
    ['action_date', (a) => a.actionDate], ['review_on', (a) => a.reviewOn], ['verdict', (a) => a.verdict],
    ['verdict_explanation', (a) => a.verdictExplanation], ['closed_on', (a) => a.closedOn], ['closed_as', (a) => a.closedAs],
  ] satisfies CsvColumns<Action>,
};

export function learningRoutes({ app, database }: RouteDeps) {
  // Learning responses.
  let tags = ['learning responses'];
  app.post('/api/v1/learning-responses', {
    schema: {
      tags, summary: 'Start a learning response (PSIRF type) from records or a detected pattern; their contributory factors come along',
      body: learningResponseInput, response: { 201: learningResponseSchema, ...problems },
    },
  }, async (request, reply) => reply.status(201).send(await learning.startResponse(contextOf(request, database), request.body)));

  app.get('/api/v1/learning-responses', {
    schema: {
      tags, summary: 'Learning responses in your services, newest first (audited); `format=csv` exports every match',
      querystring: z.strictObject({ serviceId: idText.optional(), ...pageQuery, ...formatQuery }), response: { 200: listOf(learningResponseSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, responsesCsv, (f) => learning.listResponses(contextOf(request, database), f)));

  app.get('/api/v1/learning-responses/:id', {
    schema: { tags, summary: 'One learning response with its evidence, factors and lessons (audited)', params: idParam, response: { 200: learningResponseSchema, ...problems } },
  }, (request) => learning.getResponse(contextOf(request, database), request.params.id));

  app.patch('/api/v1/learning-responses/:id', {
    schema: {
      tags, summary: 'Record findings, participants and contributory factors; mark the response completed',
      params: idParam, body: learningResponseUpdate, response: { 200: learningResponseSchema, ...problems },
    },
  }, (request) => learning.updateResponse(contextOf(request, database), request.params.id, request.body));

  // Lessons, the learning library, and sharing.
  tags = ['lessons'];
  app.post('/api/v1/lessons', {
    schema: { tags, summary: 'Record a lesson (person, service or organisation scope)', body: lessonInput, response: { 201: lessonDetailSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await learning.recordLesson(contextOf(request, database), request.body)));

  app.get('/api/v1/lessons', {
    schema: {
      tags, summary: 'The learning library: lessons you may read, searched by words (q), service or contributory factor; `format=csv` exports every match',
      querystring: z.strictObject({
        q: z.string().trim().max(200).optional(), serviceId: idText.optional(), factor: z.enum(contributoryFactors).optional(), ...pageQuery, ...formatQuery,
      }),
      response: { 200: listOf(lessonSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, lessonsCsv, (f) => learning.searchLessons(contextOf(request, database), f)));

  app.get('/api/v1/lessons/:id', {
    schema: { tags, summary: 'One lesson with its shares, coverage and actions (audited)', params: idParam, response: { 200: lessonDetailSchema, ...problems } },
  }, (request) => learning.getLesson(contextOf(request, database), request.params.id));

  app.post('/api/v1/lessons/:id/share', {
    schema: {
      tags, summary: 'Share a lesson with other services; each answers by the due date (default 20 working days)',
      params: idParam, body: shareInput, response: { 200: lessonDetailSchema, ...problems },
    },
  }, (request) => learning.shareLesson(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/lesson-shares/:id/answer', {
    schema: { tags, summary: 'The receiving service answers: does it apply here, and what we did', params: idParam, body: shareAnswerInput, response: { 200: shareSchema, ...problems } },
  }, (request) => learning.answerShare(contextOf(request, database), request.params.id, request.body));

  // Actions.
  tags = ['actions'];
  app.post('/api/v1/actions', {
    schema: { tags, summary: 'An action from a lesson: owner, due date and the measure it should move are required', body: actionInput, response: { 201: actionSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await learning.createAction(contextOf(request, database), request.body)));

  app.get('/api/v1/actions', {
    schema: {
      tags, summary: 'Actions in your services (and those you own), by due date; `format=csv` exports every match',
      querystring: z.strictObject({
        overdue: flag.optional(), open: flag.optional(), lessonId: idText.optional(), serviceId: idText.optional(), personId: idText.optional(),
        status: z.enum(actionStatuses).optional(), ...pageQuery, ...formatQuery,
      }),
      response: { 200: listOf(actionSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, actionsCsv, (f) => learning.listActions(contextOf(request, database), f)));

  app.get('/api/v1/actions/:id', {
    schema: { tags, summary: 'One action (audited)', params: idParam, response: { 200: actionSchema, ...problems } },
  }, (request) => learning.getAction(contextOf(request, database), request.params.id));

  app.patch('/api/v1/actions/:id', {
    schema: {
      tags, summary: 'Move an action on, record evidence, or close it (as effective only with an effective verdict or a lead’s override reason)',
      params: idParam, body: actionUpdate, response: { 200: actionSchema, ...problems },
    },
  }, (request) => learning.updateAction(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/actions/:id/evaluate', {
    schema: {
      tags, summary: 'Judge at review whether the action moved its measure: SPC with a recalculation at the action date, and a before/after rate ratio with 95 % CI',
      params: idParam, response: { 200: effectEvaluationSchema, ...problems },
    },
  }, (request) => evaluateAction(contextOf(request, database), request.params.id));

  app.get('/api/v1/worklist/learning', {
    schema: { tags, summary: 'Overdue actions and unanswered lesson shares escalated to you', response: { 200: learningWorklistSchema, ...problems } },
  }, (request) => learning.learningWorklist(contextOf(request, database)));

  // A person's versioned documents.
  tags = ['person documents'];
  app.get('/api/v1/people/:id/documents', {
    schema: {
      tags, summary: 'A person’s risk assessments and plans: every version, or with `on` the version of each in force that day (audited)',
      params: idParam, querystring: z.strictObject({ on: isoDate.optional() }), response: { 200: listOf(documentSchema), ...problems },
    },
  }, (request) => documents.listDocuments(contextOf(request, database), request.params.id, request.query.on));

  app.post('/api/v1/people/:id/documents', {
    schema: {
      tags, summary: 'Record a new version (optionally completing an action: "changed because of" its lesson)',
      params: idParam, body: documentInput, response: { 201: documentSchema, ...problems },
    },
  }, async (request, reply) => reply.status(201).send(await documents.addDocumentVersion(contextOf(request, database), request.params.id, request.body)));

  app.get('/api/v1/people/:id/documents/:documentId/attachment', {
    schema: {
      tags, summary: 'Download a version’s attachment (audited)',
      params: z.strictObject({ id: idParam.shape.id, documentId: idParam.shape.id }),
    },
  }, async (request, reply) => {
    const file = await documents.documentAttachment(contextOf(request, database), request.params.id, request.params.documentId);
    const safeName = file.name.replace(/[^\w.-]+/g, '_');
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${safeName}"`).header('cache-control', 'no-store').send(file.bytes);
  });

  // Training.
  tags = ['training'];
  app.get('/api/v1/training/courses', {
    schema: { tags, summary: 'Courses', response: { 200: listOf(courseSchema), ...problems } },
  }, (request) => documents.listCourses(contextOf(request, database)));

  app.post('/api/v1/training/courses', {
    schema: { tags, summary: 'Add a course', body: courseInput, response: { 201: courseSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await documents.createCourse(contextOf(request, database), request.body)));

  app.post('/api/v1/training/assignments', {
    schema: {
      tags, summary: 'Assign a course to staff and/or everyone at whole services (workforce development)',
      body: assignmentInput, response: { 201: z.object({ items: z.array(assignmentSchema), skipped: z.number() }), ...problems },
    },
  }, async (request, reply) => reply.status(201).send(await documents.assignTraining(contextOf(request, database), request.body)));

  app.get('/api/v1/training/assignments', {
    schema: {
      tags, summary: 'Training assignments of staff in your services',
      querystring: z.strictObject({ actionId: idText.optional(), staffId: idText.optional() }), response: { 200: listOf(assignmentSchema), ...problems },
    },
  }, (request) => documents.listAssignments(contextOf(request, database), request.query));

  app.post('/api/v1/training/assignments/:id/complete', {
    schema: { tags, summary: 'Record completion; the expiry follows from the course', params: idParam, body: completionInput, response: { 200: assignmentSchema, ...problems } },
  }, (request) => documents.completeAssignment(contextOf(request, database), request.params.id, request.body.completedOn));

  app.get('/api/v1/training/compliance', {
    schema: {
      tags, summary: 'Training compliance per service: assigned, completed (still valid), expired, outstanding',
      querystring: z.strictObject({ serviceId: idText.optional() }), response: { 200: complianceSchema, ...problems },
    },
  }, (request) => documents.trainingCompliance(contextOf(request, database), request.query.serviceId));

  // "You said, we did".
  app.get('/api/v1/my-reports/outcomes', {
    schema: {
      tags: ['you said, we did'], summary: 'What your incidents, concerns and complaints led to: lessons and actions in plain words',
      response: { 200: myOutcomesSchema, ...problems },
    },
  }, (request) => learning.myReportOutcomes(contextOf(request, database)));
}
