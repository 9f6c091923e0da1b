import type { z } from 'zod';
import { fromFlag, nowIso, toFlag, type Executor } from '../../db/connection.js';
import {
  durationMinutes, type IncidentInput, type incidentCorrection, type incidentReview, type InterventionCorrection,
} from '../../domain/incidents.js';
import { forbidden, invalid, notFound, AppError, type FieldError } from '../errors.js';
import { authorize, can, isInScope, serviceScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/incidents.repository.js';
import { presentIncident } from '../presenters/incident.presenter.js';
import { isUniqueViolation } from './structure.service.js';
import { applyIncidents } from './measures.service.js';
import { currentFacts, replaceContributions } from './incident-rollups.js';

// A small allowance for phone clocks running ahead of the server.
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_EPISODE_MINUTES = 31 * 24 * 60;

/**
 * Check an incident against the rules that a schema alone cannot: time order, and people and staff of that service.
 * Returns what was read, for writing and presenting the incident without reading it back.
 */
async function checkIncident(ctx: Context, db: Executor, input: IncidentInput) {
  const errors: FieldError[] = [];
  const now = Date.now() + CLOCK_SKEW_MS;
  if (!isInScope(ctx.actor, input.serviceId)) throw invalid('serviceId', 'No such service, or it is outside your services.');
  const episodeStaff = input.restrictiveInterventions.flatMap((r) => r.staffIds);
  const episodePeople = input.restrictiveInterventions.flatMap((r) => (r.personId ? [r.personId] : []));
  const { service, people, staff } = await repo.recordingFacts(db, input.serviceId, [...new Set([...input.personIds, ...episodePeople])], [...new Set([...input.staffIds, ...episodeStaff])]);
  if (!service) throw invalid('serviceId', 'No such service, or it is outside your services.');
  if (Date.parse(input.occurredAt) > now) errors.push({ path: 'occurredAt', message: 'This is in the future.' });
  const personService = new Map(people.map((p) => [p.id, p.service_id]));
  input.personIds.forEach((personId, i) => {
    if (personService.get(personId) !== input.serviceId) errors.push({ path: `personIds.${i}`, message: 'This person is not supported by this service.' });
  });
  const staffHere = new Set(staff.filter((s) => s.service_id === input.serviceId).map((s) => s.staff_id));
  input.staffIds.forEach((staffId, i) => {
    if (!staffHere.has(staffId)) errors.push({ path: `staffIds.${i}`, message: 'This staff member does not work at this service.' });
  });
  // A restrictive intervention is always on someone: the incident's one person, or the one it names.
  if (input.restrictiveInterventions.length && !input.personIds.length) {
    errors.push({ path: 'personIds', message: 'A restrictive intervention is always on someone: add the person who was restricted.' });
  }
  input.restrictiveInterventions.forEach((r, i) => {
    const at = `restrictiveInterventions.${i}`;
    if (r.personId === undefined && input.personIds.length > 1) errors.push({ path: `${at}.personId`, message: 'Choose who was restricted.' });
    const start = Date.parse(r.startedAt);
    const end = Date.parse(r.endedAt);
    if (end < start) errors.push({ path: `${at}.endedAt`, message: 'The end is before the start.' });
    else if ((end - start) / 60_000 > MAX_EPISODE_MINUTES) errors.push({ path: `${at}.endedAt`, message: 'An episode cannot last more than 31 days; record long-term segregation as separate reviewed episodes.' });
    if (end > now) errors.push({ path: `${at}.endedAt`, message: 'This is in the future.' });
    if (start < Date.parse(input.occurredAt) - 24 * 3_600_000) errors.push({ path: `${at}.startedAt`, message: 'This is more than a day before the incident.' });
    if (r.personId !== undefined && !input.personIds.includes(r.personId)) errors.push({ path: `${at}.personId`, message: 'Add this person to the incident first.' });
    r.staffIds.forEach((staffId, k) => {
      if (!staffHere.has(staffId)) errors.push({ path: `${at}.staffIds.${k}`, message: 'This staff member does not work at this service.' });
    });
    if (!r.debriefPerson && !r.debriefPersonReason) errors.push({ path: `${at}.debriefPersonReason`, message: 'Say why no debrief was held with the person.' });
    if (!r.debriefStaff && !r.debriefStaffReason) errors.push({ path: `${at}.debriefStaffReason`, message: 'Say why no debrief was held with staff.' });
  });
  if (errors.length) throw new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
  const involved = new Set([...input.staffIds, ...episodeStaff]);
  // Each staff member once (a row per service they work in came back), in the database's order of names.
  const staffById = new Map(staff.map((s) => [s.staff_id, { id: s.staff_id, name: s.name, employment_type: s.employment_type }]));
  return { service, people, staffById, hasAgency: staff.some((s) => involved.has(s.staff_id) && s.employment_type === 'agency') };
}

/**
 * Record an incident and its restrictive intervention episodes in one transaction, with its rollups and its audit
 * entry. The reply is built from what was checked and written, so the incident is not read back.
 */
export async function recordIncident(ctx: Context, input: IncidentInput) {
  authorize(ctx.actor, 'create', 'incident');
  const now = nowIso();
  const singlePerson = input.personIds.length === 1 ? input.personIds[0]! : null;
  try {
    return await inTransaction(ctx, async (trx) => {
      // Checked inside the transaction, so that nothing checked can change before the incident is written.
      const { service, people, staffById, hasAgency } = await checkIncident(ctx, trx, input);
      const personIds = new Set(input.personIds);
      const staffIds = new Set(input.staffIds);
      const incident = {
        ref: input.ref ?? null, service_id: input.serviceId, occurred_at: new Date(input.occurredAt).toISOString(), reported_at: now,
        reported_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, location: input.location, antecedent: input.antecedent,
        behaviour: input.behaviour, consequence: input.consequence, harm_physical: input.harmPhysical, harm_psychological: input.harmPsychological,
        narrative: input.narrative, has_agency_staff: toFlag(hasAgency), status: 'submitted', created_at: now, updated_at: now,
      };
      const interventions = input.restrictiveInterventions.map((r) => ({
        row: {
          service_id: input.serviceId, person_id: r.personId ?? singlePerson, type_code: r.typeCode, reason_code: r.reasonCode,
          started_at: new Date(r.startedAt).toISOString(), ended_at: new Date(r.endedAt).toISOString(),
          duration_minutes: durationMinutes(r.startedAt, r.endedAt), is_planned: toFlag(r.isPlanned), deescalation_tried: r.deescalationTried,
          injury_person: toFlag(r.injuryPerson), injury_staff: toFlag(r.injuryStaff), injury_others: toFlag(r.injuryOthers),
          debrief_person: toFlag(r.debriefPerson), debrief_person_reason: r.debriefPerson ? null : r.debriefPersonReason ?? null,
          debrief_staff: toFlag(r.debriefStaff), debrief_staff_reason: r.debriefStaff ? null : r.debriefStaffReason ?? null,
        },
        staffIds: [...new Set(r.staffIds)],
      }));
      const settingEvents = [...new Set(input.settingEvents)];
      const factors = [...new Set(input.contributoryFactors)];
      const { id, interventionIds } = await repo.insertIncident(trx, {
        incident, personIds: [...personIds], staffIds: [...staffIds], settingEvents, factors, interventions,
      });
      if (!incident.ref) incident.ref = await repo.assignReference(trx, id);
      // What reading the incident back would give: the same rows, in the same orders.
      const episodes = interventions.map((e, i) => ({ ...e.row, id: interventionIds[i]!, incident_id: id }))
        .sort((a, b) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : a.id - b.id));
      const created: repo.IncidentAggregate = {
        incident: {
          ...incident, id, service_name: service.name, reported_by: ctx.actor.kind === 'user' ? ctx.actor.name : null,
        },
        people: people.filter((p) => personIds.has(p.id)).map((p) => ({ id: p.id, display_name: p.display_name })),
        staff: [...staffById.values()].filter((s) => staffIds.has(s.id)),
        codes: [
          ...settingEvents.map((code) => ({ kind: 'setting_event' as const, code })), ...factors.map((code) => ({ kind: 'factor' as const, code })),
        ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
        interventions: episodes,
        interventionStaff: [...staffById.values()].flatMap((s) => interventions.flatMap((e, i) => (e.staffIds.includes(s.id)
          ? [{ intervention_id: interventionIds[i]!, id: s.id, name: s.name, employment_type: s.employment_type }]
          : []))),
        notes: [],
      };
      await applyIncidents(trx, [{
        serviceId: input.serviceId, regionId: service.region_id, occurredAt: incident.occurred_at, harmPhysical: input.harmPhysical,
        harmPsychological: input.harmPsychological, personIds: created.people.map((p) => p.id),
        interventions: episodes.map((e) => ({
          personId: e.person_id, typeCode: e.type_code, startedAt: e.started_at, durationMinutes: e.duration_minutes, durationMs: Date.parse(e.ended_at) - Date.parse(e.started_at),
        })),
      }]);
      await audit(trx, ctx, { action: 'create', kind: 'incident', id, summary: `${input.restrictiveInterventions.length} intervention(s)` });
      return presentIncident(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('ref', 'Another incident already has this reference.');
    throw error;
  }
}

async function loadInScope(ctx: Context, db: Parameters<typeof repo.getIncident>[0], id: number) {
  const aggregate = await repo.getIncident(db, id);
  if (!aggregate || !isInScope(ctx.actor, aggregate.incident.service_id)) throw notFound('incident');
  return aggregate;
}

/** One incident; reading it is a read of the people in it, so it is audited. */
export async function getIncident(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'incident');
  return inTransaction(ctx, async (trx) => {
    const aggregate = await loadInScope(ctx, trx, id);
    await audit(trx, ctx, { action: 'read', kind: 'incident', id });
    return presentIncident(aggregate);
  });
}

export async function listIncidents(ctx: Context, f: Omit<repo.IncidentFilter, 'scope'>) {
  authorize(ctx.actor, 'read', 'incident');
  return inTransaction(ctx, async (trx) => {
    const { rows, people, total } = await repo.listIncidents(trx, { ...f, scope: serviceScope(ctx.actor) });
    await audit(trx, ctx, { action: 'list', kind: 'incident', summary: `${rows.length} of ${total} incidents` });
    return {
      total,
      items: rows.map((r) => ({
        id: r.id, ref: r.ref, serviceId: r.service_id, serviceName: r.service_name, occurredAt: r.occurred_at, location: r.location,
        harmPhysical: r.harm_physical, harmPsychological: r.harm_psychological, status: r.status, interventionCount: Number(r.intervention_count ?? 0),
        people: people.filter((p) => p.incident_id === r.id).map((p) => ({ id: p.id, displayName: p.display_name })),
      })),
    };
  });
}

const authorName = (ctx: Context) => ctx.actor.name;
const authorId = (ctx: Context) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** A manager marks an incident reviewed, or asks the reporter for a correction. */
export async function reviewIncident(ctx: Context, id: number, review: z.infer<typeof incidentReview>) {
  authorize(ctx.actor, 'update', 'incident');
  return inTransaction(ctx, async (trx) => {
    const aggregate = await loadInScope(ctx, trx, id);
    if (aggregate.incident.status === 'reviewed' && review.decision === 'reviewed') throw invalid('decision', 'This incident is already reviewed.');
    const now = nowIso();
    await trx.updateTable('incidents').set({ status: review.decision, updated_at: now }).where('id', '=', id).execute();
    await repo.addNote(trx, {
      incident_id: id, kind: review.decision === 'reviewed' ? 'review' : 'correction_request', author_user_id: authorId(ctx),
      author_name: authorName(ctx), created_at: now, text: review.comment, changes: null,
    });
    await audit(trx, ctx, { action: 'update', kind: 'incident', id, summary: review.decision });
    return presentIncident((await repo.getIncident(trx, id))!);
  });
}

const correctionColumns = {
  occurredAt: 'occurred_at', location: 'location', antecedent: 'antecedent', behaviour: 'behaviour', consequence: 'consequence',
  harmPhysical: 'harm_physical', harmPsychological: 'harm_psychological', narrative: 'narrative',
} as const;

/**
 * Correct recorded facts. The incident shows the corrected values; the correction note keeps what each
 * field said before, so the original is never lost. Managers and leads may correct; the reporter may
 * when a correction was asked of them.
 */
export async function correctIncident(ctx: Context, id: number, correction: z.infer<typeof incidentCorrection>) {
  authorize(ctx.actor, 'read', 'incident');
  return inTransaction(ctx, async (trx) => {
    const aggregate = await loadInScope(ctx, trx, id);
    const i = aggregate.incident;
    const isReporterAsked = i.status === 'correction_requested' && ctx.actor.kind === 'user' && i.reported_by_user_id === ctx.actor.userId;
    if (!can(ctx.actor, 'update', 'incident') && !isReporterAsked) throw forbidden('Only a manager or lead can correct this record, or its reporter when a correction was asked for.');
    // What the incident counted for before, read before anything changes (its month, harm and episodes may move).
    const countedBefore = await currentFacts(trx, [id]);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Record<string, string> = {};
    for (const [field, column] of Object.entries(correctionColumns) as [keyof typeof correctionColumns, (typeof correctionColumns)[keyof typeof correctionColumns]][]) {
      const value = correction.changes[field];
      if (value === undefined) continue;
      const next = field === 'occurredAt' ? new Date(value).toISOString() : value;
      if (next !== i[column]) {
        changes[field] = { from: i[column], to: next };
        set[column] = next;
      }
    }
    if (correction.changes.occurredAt && Date.parse(correction.changes.occurredAt) > Date.now() + CLOCK_SKEW_MS) {
      throw invalid('changes.occurredAt', 'This is in the future.');
    }
    for (const [field, kind] of [['contributoryFactors', 'factor'], ['settingEvents', 'setting_event']] as const) {
      const value = correction.changes[field];
      if (!value) continue;
      const before = aggregate.codes.filter((c) => c.kind === kind).map((c) => c.code).sort();
      const after = [...new Set(value)].sort();
      if (before.join() !== after.join()) {
        changes[field] = { from: before, to: after };
        await repo.replaceCodes(trx, id, kind, after);
      }
    }
    const episodeUpdates = correctedEpisodes(aggregate.interventions, correction.changes.restrictiveInterventions ?? [], set.occurred_at ?? i.occurred_at, changes);
    const staff = await correctedStaff(trx, aggregate, correction.changes, changes);
    if (!Object.keys(changes).length) throw invalid('changes', 'Nothing here differs from the record.');
    const now = nowIso();
    await trx.updateTable('incidents')
      .set({
        ...set, updated_at: now, ...(isReporterAsked ? { status: 'submitted' } : {}),
        ...(staff.hasAgency !== undefined ? { has_agency_staff: toFlag(staff.hasAgency) } : {}),
      })
      .where('id', '=', id).execute();
    for (const { id: episodeId, set: episodeSet } of episodeUpdates) await repo.updateIntervention(trx, id, episodeId, episodeSet);
    for (const { target, staffIds } of staff.replacements) await repo.replaceStaff(trx, target, staffIds);
    if (changes.occurredAt || changes.harmPhysical || changes.harmPsychological || episodeUpdates.length) {
      // The incident moves month or harm band, or its episodes change: its counts follow.
      await replaceContributions(trx, countedBefore, await currentFacts(trx, [id]));
    }
    await repo.addNote(trx, {
      incident_id: id, kind: 'correction', author_user_id: authorId(ctx), author_name: authorName(ctx), created_at: now,
      text: correction.reason, changes: JSON.stringify(changes),
    });
    await audit(trx, ctx, { action: 'update', kind: 'incident', id, summary: `corrected ${Object.keys(changes).join(', ')}` });
    return presentIncident((await repo.getIncident(trx, id))!);
  });
}

type Episode = repo.IncidentAggregate['interventions'][number];

const episodeColumns = {
  typeCode: 'type_code', reasonCode: 'reason_code', startedAt: 'started_at', endedAt: 'ended_at', isPlanned: 'is_planned',
  deescalationTried: 'deescalation_tried', injuryPerson: 'injury_person', injuryStaff: 'injury_staff', injuryOthers: 'injury_others',
  debriefPerson: 'debrief_person', debriefPersonReason: 'debrief_person_reason', debriefStaff: 'debrief_staff', debriefStaffReason: 'debrief_staff_reason',
} as const;
const flagColumns = new Set<string>(['is_planned', 'injury_person', 'injury_staff', 'injury_others', 'debrief_person', 'debrief_staff']);

/**
 * Check corrections to an incident's episodes against the rules of recording them, and say what each changes: the
 * updates to write, and for the correction note each field's old and new value, under `restrictiveInterventions.N.field`
 * (N counting the episodes from 1, as the record shows them). Problems are thrown together, naming each field.
 */
function correctedEpisodes(
  episodes: readonly Episode[], corrections: readonly InterventionCorrection[], occurredAt: string, changes: Record<string, { from: unknown; to: unknown }>,
): { id: number; set: Record<string, unknown> }[] {
  const errors: FieldError[] = [];
  const updates: { id: number; set: Record<string, unknown> }[] = [];
  const latest = Date.now() + CLOCK_SKEW_MS;
  corrections.forEach((c, k) => {
    const at = `changes.restrictiveInterventions.${k}`;
    const position = episodes.findIndex((e) => e.id === c.id);
    const episode = episodes[position];
    if (!episode) {
      errors.push({ path: `${at}.id`, message: 'This incident has no such restrictive intervention.' });
      return;
    }
    const next: Record<string, unknown> = { ...episode };
    const set: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(episodeColumns) as [keyof typeof episodeColumns, (typeof episodeColumns)[keyof typeof episodeColumns]][]) {
      const value = c[field];
      if (value === undefined) continue;
      const stored = flagColumns.has(column) ? toFlag(value as boolean) : column === 'started_at' || column === 'ended_at' ? new Date(value as string).toISOString() : value || null;
      const normalised = column === 'deescalation_tried' ? (value as string) : stored;
      if (normalised === episode[column]) continue;
      next[column] = normalised;
      set[column] = normalised;
      changes[`restrictiveInterventions.${position + 1}.${field}`] = { from: flagColumns.has(column) ? fromFlag(episode[column] as number) : episode[column], to: value };
    }
    const start = Date.parse(next.started_at as string);
    const end = Date.parse(next.ended_at as string);
    if (end < start) errors.push({ path: `${at}.endedAt`, message: 'The end is before the start.' });
    else if ((end - start) / 60_000 > MAX_EPISODE_MINUTES) errors.push({ path: `${at}.endedAt`, message: 'An episode cannot last more than 31 days; record long-term segregation as separate reviewed episodes.' });
    if (end > latest) errors.push({ path: `${at}.endedAt`, message: 'This is in the future.' });
    if (start < Date.parse(occurredAt) - 24 * 3_600_000) errors.push({ path: `${at}.startedAt`, message: 'This is more than a day before the incident.' });
    if (!next.debrief_person && !next.debrief_person_reason) errors.push({ path: `${at}.debriefPersonReason`, message: 'Say why no debrief was held with the person.' });
    if (!next.debrief_staff && !next.debrief_staff_reason) errors.push({ path: `${at}.debriefStaffReason`, message: 'Say why no debrief was held with staff.' });
    // A debrief held needs no reason why not.
    if (set.debrief_person === 1) set.debrief_person_reason = null;
    if (set.debrief_staff === 1) set.debrief_staff_reason = null;
    if (set.started_at !== undefined || set.ended_at !== undefined) set.duration_minutes = durationMinutes(next.started_at as string, next.ended_at as string);
    if (Object.keys(set).length) updates.push({ id: episode.id, set });
  });
  if (errors.length) throw new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);
  return updates;
}

/**
 * Corrections to who was involved, in the incident and in each episode: each must work at the incident's service
 * (or already be on the record), and the note names them. Whether agency staff were involved follows the staff
 * record, so when the staff change it is worked out again from everyone involved.
 */
async function correctedStaff(
  db: Executor, aggregate: repo.IncidentAggregate, c: z.infer<typeof incidentCorrection>['changes'], changes: Record<string, { from: unknown; to: unknown }>,
): Promise<{ replacements: { target: { incidentId: number } | { interventionId: number }; staffIds: number[] }[]; hasAgency?: boolean }> {
  const episodeAsked = (c.restrictiveInterventions ?? []).flatMap((e, k) => (e.staffIds ? [{ k, id: e.id, staffIds: e.staffIds }] : []));
  const asked = [...new Set([...(c.staffIds ?? []), ...episodeAsked.flatMap((e) => e.staffIds)])];
  const { staff } = await repo.recordingFacts(db, aggregate.incident.service_id, [], asked);
  // Who may be named: anyone already on the record, and anyone who works at the incident's service.
  const known = new Map<number, { name: string; employmentType: string }>();
  for (const s of [...aggregate.staff, ...aggregate.interventionStaff]) known.set(s.id, { name: s.name, employmentType: s.employment_type });
  for (const s of staff) if (s.service_id === aggregate.incident.service_id) known.set(s.staff_id, { name: s.name, employmentType: s.employment_type });

  const errors: FieldError[] = [];
  const check = (ids: readonly number[], at: string) => ids.forEach((staffId, n) => {
    if (!known.has(staffId)) errors.push({ path: `${at}.${n}`, message: 'This staff member does not work at this service.' });
  });
  if (c.staffIds) check(c.staffIds, 'changes.staffIds');
  for (const e of episodeAsked) check(e.staffIds, `changes.restrictiveInterventions.${e.k}.staffIds`);
  if (errors.length) throw new AppError('validation', `Please correct: ${errors.map((e) => e.path).join(', ')}.`, errors);

  const names = (ids: readonly number[]) => ids.map((staffId) => known.get(staffId)!.name).sort((a, b) => a.localeCompare(b, 'en-GB'));
  const isSame = (a: readonly number[], b: readonly number[]) => [...a].sort().join() === [...b].sort().join();
  const replacements: { target: { incidentId: number } | { interventionId: number }; staffIds: number[] }[] = [];
  let incidentStaff = aggregate.staff.map((s) => s.id);
  if (c.staffIds) {
    const next = [...new Set(c.staffIds)];
    if (!isSame(incidentStaff, next)) {
      changes.staffIds = { from: names(incidentStaff), to: names(next) };
      replacements.push({ target: { incidentId: aggregate.incident.id }, staffIds: next });
      incidentStaff = next;
    }
  }
  const episodeStaff = new Map(aggregate.interventions.map((e) => [e.id, aggregate.interventionStaff.filter((s) => s.intervention_id === e.id).map((s) => s.id)]));
  for (const e of episodeAsked) {
    const position = aggregate.interventions.findIndex((episode) => episode.id === e.id);
    const before = episodeStaff.get(e.id);
    // An episode the incident does not have is refused by correctedEpisodes.
    if (position < 0 || !before) continue;
    const next = [...new Set(e.staffIds)];
    if (isSame(before, next)) continue;
    changes[`restrictiveInterventions.${position + 1}.staffIds`] = { from: names(before), to: names(next) };
    replacements.push({ target: { interventionId: e.id }, staffIds: next });
    episodeStaff.set(e.id, next);
  }
  if (!replacements.length) return { replacements };
  const everyone = new Set([...incidentStaff, ...[...episodeStaff.values()].flat()]);
  return { replacements, hasAgency: [...everyone].some((staffId) => known.get(staffId)?.employmentType === 'agency') };
}

/** Anyone who can see the incident may add to it; an addendum never changes what was recorded. */
export async function addAddendum(ctx: Context, id: number, text: string) {
  authorize(ctx.actor, 'read', 'incident');
  if (!can(ctx.actor, 'create', 'incident')) throw forbidden();
  return inTransaction(ctx, async (trx) => {
    await loadInScope(ctx, trx, id);
    await repo.addNote(trx, { incident_id: id, kind: 'addendum', author_user_id: authorId(ctx), author_name: authorName(ctx), created_at: nowIso(), text, changes: null });
    await audit(trx, ctx, { action: 'update', kind: 'incident', id, summary: 'addendum' });
    return presentIncident((await repo.getIncident(trx, id))!);
  });
}

