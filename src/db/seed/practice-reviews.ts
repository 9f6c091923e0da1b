// The demo's restrictive practice reviews: a debrief after some of the incidents with a restrictive intervention, and
// a periodic review of each person's restrictions every three or four months while they have any. Each judges the
// person's own restrictions and the blanket ones at their service in force that day. Reviews are spread evenly over
// the whole period (none of their wording rises at the end), so they add a source to every timeline without making
// a theme of their own that the planted patterns would have to compete with.
import { sql, type Insertable } from 'kysely';
import type { Database } from '../connection.js';
import type { PracticeReviewTable } from '../types.js';
import { groupBy } from '../../domain/collections.js';
import type { ContributoryFactor } from '../../domain/contributory-factors.js';
import { bulkInsert } from '../../server/repositories/bulk.repository.js';
import type { EventWorld } from './events.js';
import { Random } from './random.js';

const DAY = 86_400_000;
/** A debrief is recorded for about this share of a person's quarters with a restrictive intervention. */
const debriefShare: Record<string, number> = { demo: 0.7, provider: 0.35, national: 0.1 };

const debriefDifferently = [
  '{name} was pacing and asking when dinner was for some time before; offering a walk or the garden then may have avoided the hold.',
  'Staff could have given {name} more time to finish before asking them to move rooms.',
  'Fewer people in the room: {name} calms more quickly with one familiar member of staff and space.',
  'Use the picture schedule for changes to the day; {name} was not told the plan had changed.',
  '{name} said the noise in the lounge was too much. A quieter room should be offered straight away.',
  'The hold went on after {name} was calm; staff agreed to check and release sooner.',
  'The plan says to offer headphones and the sensory box first; this was not tried.',
  'Nothing different in the moment; the approach followed the plan and was as short as it could be.',
];
const periodicDifferently = [
  'Try a step down: {name} to have the restriction lifted for a trial period, with a review after four weeks.',
  '{name} would like more say in when the restriction applies; staff to agree times with them.',
  'Family asked for more information on why the restriction is needed; share the best-interests record with them.',
  'The restriction still seems needed, but the reasons should be explained to {name} in easy read.',
  'Record each time the restriction is used so the next review can see whether it is still needed.',
  'No changes this time; {name} and their family agreed the restrictions are still right for now.',
];
const notLeastRestrictiveNotes = [
  'A less restrictive way is now possible: try it before the next review.',
  'Used more often than the plan allows; not the least restrictive option as things stand.',
  '{name} has shown they can manage with support; the restriction should be reduced.',
];
const debriefRecommendations = [
  'Update the behaviour support plan with the early signs staff noticed.',
  'Refresher on de-escalation for the staff on that shift.',
  'Talk through the incident with {name} using their communication book.',
  'Add the change of routine to the handover notes so every shift knows.',
  'Check the sensory box is kept stocked and where staff can reach it.',
];
const periodicRecommendations = [
  'Agree a reduction plan with the behaviour support practitioner and a date to review it.',
  'Write the restriction and its reasons up in easy read for {name}.',
  'Ask the advocate to meet {name} before the next review.',
  'Keep a simple log of each use of the restriction for the next review.',
];
const debriefFactors: readonly ContributoryFactor[] = ['patient_factors', 'task_characteristics', 'communication_systems', 'team_factors', 'individual_factors'];
const periodicFactors: readonly ContributoryFactor[] = ['patient_factors', 'communication_systems', 'team_factors'];

interface RegisterEntry { id: number; service_id: number; person_id: number | null; started_on: string; ended_on: string | null }
interface Debrief { incidentId: number; withPerson: boolean; withStaff: boolean; staffIds: number[] }
interface PendingReview {
  key: string;
  row: Insertable<PracticeReviewTable>;
  staffIds: number[];
  assessments: { restriction_id: number; is_necessary: number; is_proportionate: number; is_least_restrictive: number; note: string }[];
  factors: ContributoryFactor[];
  recommendations: string[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Write the demo's practice reviews (after the incidents and the register): how many were written. */
export async function seedPracticeReviews(database: Database, world: EventWorld): Promise<number> {
  const random = new Random((Math.imul(world.seed, 48_271) + 2_147_483) >>> 0);
  const db = database.db;
  const today = world.endMs;
  const reviewer = world.users.find((u) => u.role === 'service_manager') ?? world.users[0]!;
  const register = await db.selectFrom('restrictions').select(['id', 'service_id', 'person_id', 'started_on', 'ended_on']).execute() as RegisterEntry[];
  const personal = groupBy(register.filter((r) => r.person_id !== null), (r) => r.person_id!);
  const blanket = groupBy(register.filter((r) => r.person_id === null), (r) => r.service_id);
  const staffByService = groupBy(world.staff, (s) => world.services[s.serviceIndex]!.id);
  const inForce = (r: RegisterEntry, day: string) => r.started_on <= day && (r.ended_on === null || r.ended_on >= day);

  const reviews: PendingReview[] = [];
  const keys = new Set<string>();
  const fill = (template: string, name: string) => template.replaceAll('{name}', name);
  const people = new Map(world.people.map((p) => [p.id, p]));
  /** A debrief takes who took part from the incident's episodes; a periodic review draws them. */
  const add = (kind: 'post_incident' | 'periodic', personId: number, serviceId: number, heldMs: number, debrief: Debrief | null) => {
    const person = people.get(personId);
    if (!person) return;
    const heldOn = isoDay(Math.min(heldMs, today));
    const key = `${kind}|${personId}|${heldOn}`;
    if (keys.has(key)) return;
    const judged = [...(personal.get(personId) ?? []), ...(blanket.get(serviceId) ?? [])].filter((r) => r.service_id === serviceId && inForce(r, heldOn));
    if (kind === 'periodic' && judged.length === 0) return;
    keys.add(key);
    const name = person.firstName;
    const serviceStaff = staffByService.get(serviceId) ?? [];
    const staffIds = debrief ? debrief.staffIds : serviceStaff.length ? [...new Set(Array.from({ length: random.int(1, 2) }, () => random.pick(serviceStaff).id))] : [];
    const isDetained = person.legalStatus.startsWith('mha_');
    const isPostIncident = kind === 'post_incident';
    reviews.push({
      key,
      row: {
        kind, service_id: serviceId, person_id: personId, incident_id: debrief?.incidentId ?? null, held_on: heldOn,
        person_took_part: (debrief ? debrief.withPerson : random.chance(0.8)) ? 1 : 0,
        family_took_part: random.chance(isPostIncident ? 0.15 : 0.5) ? 1 : 0,
        advocate_took_part: random.chance(isDetained ? 0.5 : 0.15) ? 1 : 0,
        staff_took_part: (debrief ? debrief.withStaff : serviceStaff.length > 0) ? 1 : 0,
        what_could_be_different: fill(random.pick(isPostIncident ? debriefDifferently : periodicDifferently), name),
        created_by_user_id: reviewer.id, created_at: new Date(Date.parse(`${heldOn}T00:00:00Z`) + 15 * 3_600_000).toISOString(),
      },
      staffIds,
      assessments: judged.map((r) => {
        const isLeast = !random.chance(0.15);
        return {
          restriction_id: r.id, is_necessary: random.chance(0.95) ? 1 : 0, is_proportionate: random.chance(0.92) ? 1 : 0,
          is_least_restrictive: isLeast ? 1 : 0, note: isLeast ? '' : fill(random.pick(notLeastRestrictiveNotes), name),
        };
      }),
      factors: [...new Set(Array.from({ length: random.int(0, 2) }, () => random.pick(isPostIncident ? debriefFactors : periodicFactors)))],
      recommendations: [...new Set(Array.from({ length: random.int(0, 2) }, () => fill(random.pick(isPostIncident ? debriefRecommendations : periodicRecommendations), name)))],
    });
  };

  // Debriefs: in each quarter, the person's latest incident with a restrictive intervention (found month by month
  // in SQL), within a week of it.
  const latest = await db.selectFrom('restrictive_interventions as ri')
    .innerJoin('incidents as i', 'i.id', 'ri.incident_id')
    .select(['ri.person_id', 'i.service_id', sql<string>`max(i.occurred_at || '#' || i.id)`.as('latest')])
    .where('ri.person_id', 'is not', null)
    .groupBy(['ri.person_id', 'i.service_id', (eb) => eb.fn('substr', ['i.occurred_at', eb.val(1), eb.val(7)])])
    .execute();
  const quarterLatest = new Map<string, { personId: number; serviceId: number; incidentId: number; occurredAt: string }>();
  for (const l of latest) {
    const [at, id] = l.latest.split('#') as [string, string];
    const quarter = `${l.person_id}|${at.slice(0, 4)}|${Math.floor((Number(at.slice(5, 7)) - 1) / 3)}`;
    const held = quarterLatest.get(quarter);
    if (!held || held.occurredAt < at) quarterLatest.set(quarter, { personId: l.person_id!, serviceId: l.service_id, incidentId: Number(id), occurredAt: at });
  }
  const share = debriefShare[world.scale] ?? 0.3;
  const chosen = [...quarterLatest.values()].sort((a, b) => a.incidentId - b.incidentId).filter(() => random.chance(share));
  // Whether the episodes record a debrief with the person and with staff, and the staff in them: the review is that debrief.
  const debriefs = new Map<string, Debrief>();
  const ids = chosen.map((q) => q.incidentId);
  for (let k = 0; k < ids.length; k += 10_000) {
    const episodes = await db.selectFrom('restrictive_interventions as ri')
      .leftJoin('intervention_staff as s', 's.intervention_id', 'ri.id')
      .select(['ri.incident_id', 'ri.person_id', 'ri.debrief_person', 'ri.debrief_staff', 's.staff_id'])
      .where('ri.incident_id', 'in', ids.slice(k, k + 10_000))
      .execute();
    for (const e of episodes) {
      const key = `${e.incident_id}|${e.person_id}`;
      const d = debriefs.get(key) ?? { incidentId: e.incident_id, withPerson: false, withStaff: false, staffIds: [] };
      d.withPerson ||= e.debrief_person === 1;
      d.withStaff ||= e.debrief_staff === 1;
      if (e.staff_id !== null && !d.staffIds.includes(e.staff_id)) d.staffIds.push(e.staff_id);
      debriefs.set(key, d);
    }
  }
  for (const q of chosen) {
    const debrief = debriefs.get(`${q.incidentId}|${q.personId}`);
    // No debrief was held (the episode says why not): there is no review to record.
    if (!debrief || (!debrief.withPerson && !debrief.withStaff)) continue;
    add('post_incident', q.personId, q.serviceId, Date.parse(q.occurredAt) + random.int(1, 7) * DAY, { ...debrief, staffIds: debrief.withStaff ? debrief.staffIds : [] });
  }

  // Periodic reviews, every 75 to 120 days while the person is supported and has a restriction.
  for (const person of world.people) {
    const own = personal.get(person.id);
    if (!own?.length) continue;
    const serviceId = world.services[person.serviceIndex]!.id;
    const firstMs = Math.max(world.startMs, Math.min(...own.map((r) => Date.parse(`${r.started_on}T00:00:00Z`))));
    const lastMs = Math.min(today, person.endMs ?? today);
    for (let at = firstMs + random.int(20, 100) * DAY; at <= lastMs; at += random.int(75, 120) * DAY) add('periodic', person.id, serviceId, at, null);
  }

  await database.db.transaction().execute(async (trx) => {
    const before = Number((await trx.selectFrom('practice_reviews').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    await bulkInsert(trx, 'practice_reviews', reviews.map((r) => r.row));
    const written = await trx.selectFrom('practice_reviews').select(['id', 'kind', 'person_id', 'held_on']).where('id', '>', before).execute();
    const idByKey = new Map(written.map((w) => [`${w.kind}|${w.person_id}|${w.held_on}`, w.id]));
    const idOf = (r: PendingReview) => idByKey.get(r.key)!;
    await bulkInsert(trx, 'practice_review_staff', reviews.flatMap((r) => r.staffIds.map((staff_id) => ({ review_id: idOf(r), staff_id }))));
    await bulkInsert(trx, 'practice_review_assessments', reviews.flatMap((r) => r.assessments.map((a) => ({ ...a, review_id: idOf(r) }))));
    await bulkInsert(trx, 'practice_review_factors', reviews.flatMap((r) => r.factors.map((factor) => ({ review_id: idOf(r), factor }))));
    await bulkInsert(trx, 'practice_review_recommendations', reviews.flatMap((r) => r.recommendations.map((text, position) => ({ review_id: idOf(r), position, text }))));
  });
  return reviews.length;
}
