// Demo learning: a learning response, lessons, shares, actions, plan versions and training built on the demo
// generator's planted action (a new behaviour support plan) and planted null (a sensory diet that changed nothing),
// so the learning pages and the effectiveness verdicts have something true to show. Call after the demo seed:
//   const result = await seedDemoOrganisation(database, scale); await seedLearning(database, result.groundTruth);
import type { Database } from '../connection.js';
import { addCalendarDays } from '../../domain/working-days.js';
import { systemContext } from '../../server/policies/actor.js';
import type { Context } from '../../server/context.js';
import * as learning from '../../server/services/learning.service.js';
import * as documents from '../../server/services/learning-documents.service.js';
import type { GroundTruth } from './ground-truth.js';

export interface LearningSeedResult { responses: number; lessons: number; actions: number; documents: number }

export async function seedLearning(database: Database, truth: Pick<GroundTruth, 'patterns'>): Promise<LearningSeedResult> {
  const ctx: Context = { database, actor: systemContext('demo seed'), ip: null };
  const db = database.db;
  const result: LearningSeedResult = { responses: 0, lessons: 0, actions: 0, documents: 0 };
  const services = await db.selectFrom('services').select(['id', 'name']).orderBy('id').execute();
  const owner = await db.selectFrom('users').select('id').where('role', '=', 'quality_lead').orderBy('id').executeTakeFirst();
  if (!owner) return result;

  const planted = [
    { kind: 'action_effect', type: 'behaviour_support_plan' as const, title: 'Multidisciplinary review of restrictive interventions',
      statement: 'Proactive strategies written into the behaviour support plan, and read at every handover, prevent most evening restraints.',
      description: 'New positive behaviour support plan with proactive strategies for evenings.', summary: 'Positive behaviour support plan: proactive evening strategies, early signs of distress and what helps.' },
    { kind: 'null_effect', type: 'support_plan' as const, title: 'Local review: sensory needs',
      statement: 'A sensory diet may help with regulation; check whether it changes restrictive practice before relying on it.',
      description: 'Introduce a sensory diet into the support plan.', summary: 'Support plan: sensory diet twice a day, quiet space available after meals.' },
  ];
  for (const p of planted) {
    const pattern = truth.patterns.find((g) => g.kind === p.kind);
    const actionDate = typeof pattern?.parameters.actionDate === 'string' ? pattern.parameters.actionDate : undefined;
    const person = pattern ? await db.selectFrom('people').select(['id', 'service_id', 'start_date']).where('ref', '=', pattern.scope.ref).executeTakeFirst() : undefined;
    if (!pattern || !actionDate || !person) continue;
    const incidents = await db.selectFrom('incident_people').innerJoin('incidents', 'incidents.id', 'incident_people.incident_id')
      .select('incidents.id').where('incident_people.person_id', '=', person.id).where('incidents.occurred_at', '<', `${actionDate}T00:00:00Z`)
      .orderBy('incidents.occurred_at', 'desc').limit(6).execute();
    const startedOn = addCalendarDays(actionDate, -21);
    const response = await learning.startResponse(ctx, {
      type: p.kind === 'action_effect' ? 'MDT_review' : 'local_review', title: p.title, serviceId: person.service_id, startedOn, status: 'completed',
      findings: 'Most incidents happened in the evening, after unplanned changes and with staff who did not know the person well.',
      participants: { person: true, family: true, advocate: false, staff: true, names: [] },
      evidence: incidents.map((i) => ({ source: 'incident' as const, id: i.id })),
    });
    result.responses += 1;
    const lesson = await learning.recordLesson(ctx, { statement: p.statement, scope: { type: 'person', id: person.id }, learningResponseId: response.id });
    result.lessons += 1;
    const others = services.filter((s) => s.id !== person.service_id).slice(0, 3).map((s) => s.id);
    if (p.kind === 'action_effect' && others.length) {
      const shared = await learning.shareLesson(ctx, lesson.id, { serviceIds: others });
      const first = shared.shares[0];
      if (first) await learning.answerShare(ctx, first.id, { applies: 'partly', whatWeDid: 'Added proactive evening strategies to two people’s plans.' });
    }
    const action = await learning.createAction(ctx, {
      lessonId: lesson.id, type: p.type, description: p.description, owner: { userId: owner.id }, dueOn: actionDate,
      measure: { key: 'restrictive_interventions', scope: { type: 'person', id: person.id } }, personId: person.id,
      reviewOn: addCalendarDays(actionDate, 183), actionDate,
    });
    result.actions += 1;
    const firstPlan = person.start_date < startedOn ? person.start_date : addCalendarDays(startedOn, -30);
    await documents.addDocumentVersion(ctx, person.id, { kind: p.type, inForceFrom: firstPlan, reviewOn: addCalendarDays(firstPlan, 365), summary: 'Plan in place before the review.' });
    await documents.addDocumentVersion(ctx, person.id, { kind: p.type, inForceFrom: actionDate, reviewOn: addCalendarDays(actionDate, 183), summary: p.summary, actionId: action.id });
    result.documents += 2;

    if (p.kind === 'action_effect') {
      const course = await documents.createCourse(ctx, { title: 'Positive behaviour support: proactive strategies', description: 'Half-day workshop.', validityMonths: 24 });
      const workforce = await learning.createAction(ctx, {
        lessonId: lesson.id, type: 'workforce_development', description: 'Train the whole team in proactive strategies.', owner: { userId: owner.id },
        dueOn: addCalendarDays(actionDate, 60), measure: { key: 'restrictive_interventions', scope: { type: 'service', id: person.service_id } },
      });
      await documents.assignTraining(ctx, { courseId: course.id, staffIds: [], serviceIds: [person.service_id], actionId: workforce.id });
      result.actions += 1;
    }
  }
  return result;
}
