// Safeguarding concerns: the answers must be coherent by the same rules as a concern recorded by hand
// (concernStateProblems), and each imported concern's decision log says it was imported, with the decisions
// the file records.
import { nowIso } from '../../db/connection.js';
import { readConcernRow, type ConcernImportRow } from '../../domain/imports.js';
import {
  abuseCategoryLabels, concernStateProblems, concernStatus, decisionEntries, type ConcernState,
} from '../../domain/safeguarding.js';
import * as repo from './imports.repository.js';
import { checkExistingInScope, collectRefs, eachRow, SeenRefs, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

/** Fields of a concern's state as columns of the file (fields the file cannot set are not listed). */
const columnOfField: Partial<Record<keyof ConcernState, string>> = {
  raisedAt: 'raised_at', referredToLaAt: 'referred_to_la_at', laDecision: 'la_decision', enquiryOutcome: 'outcome',
  riskOutcome: 'risk_outcome', mspAsked: 'msp_asked', mspAchieved: 'msp_achieved', cqcNotifiedAt: 'cqc_notified_at', closedAt: 'closed_at',
};

/** What the file does not record about the immediate protection given. */
export const IMMEDIATE_PROTECTION_NOT_IMPORTED = 'Not recorded in import';

function stateOf(row: ConcernImportRow, localAuthorityId: number | null): ConcernState {
  return {
    raisedAt: row.raisedAt ?? '', categories: row.categories, locationOfRisk: row.locationOfRisk!, sourceOfRisk: row.sourceOfRisk!,
    contributoryFactors: row.contributoryFactors, policeInvolved: false, policeReference: null, localAuthorityId,
    referredToLaAt: row.referredToLaAt, laReference: row.laReference, laDecision: row.laDecision, laDecisionAt: null, causedEnquiry: false,
    causedEnquiryRequestedOn: null, causedEnquiryDueOn: null, causedEnquiryCompletedOn: null, safeguardingPlan: null,
    enquiryOutcome: row.enquiryOutcome, enquiryOutcomeAt: null, riskOutcome: row.riskOutcome, mspAsked: row.mspAsked, mspDesiredOutcomes: null,
    mspAchieved: row.mspAchieved, lackedCapacity: null, advocateInvolved: null, cqcNotificationRequired: true, cqcNotifiedAt: row.cqcNotifiedAt,
    closedAt: row.closedAt,
  };
}

export async function planSafeguarding(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect } = input;
  const services = await ServiceRefs.load(input, collectRefs(input, 'service_ref'));
  const [people, found] = await Promise.all([
    repo.peopleByRef(trx, collectRefs(input, 'person_ref')),
    repo.concernsByRef(trx, collectRefs(input, 'concern_ref')),
  ]);
  const personByRef = new Map(people.map((p) => [p.ref, p]));
  const existing = new Map(found.map((c) => [c.ref!, c]));
  const seen = new SeenRefs();
  const rows: { row: ConcernImportRow; serviceId: number; personId: number }[] = [];
  eachRow(input, (r) => {
    const row = readConcernRow(r);
    const serviceId = services.resolve(r, 'service_ref', row.serviceRef);
    const person = personByRef.get(row.personRef);
    if (row.personRef && !person) r.error('person_ref', `No such person: ${row.personRef}`);
    else if (person && serviceId !== null && person.service_id !== serviceId) r.error('person_ref', `${row.personRef} is not supported by this service`);
    if (!seen.check(r, 'concern_ref', row.ref)) return;
    checkExistingInScope(r, 'concern_ref', actor, existing.get(row.ref)?.service_id, 'concern');
    if (row.raisedAt && row.locationOfRisk && row.sourceOfRisk) {
      for (const problem of concernStateProblems(stateOf(row, null), input.now)) {
        r.error(columnOfField[problem.path as keyof ConcernState] ?? problem.path, problem.message);
      }
    }
    if (serviceId !== null && person) rows.push({ row, serviceId, personId: person.id });
  });
  const updated = rows.filter(({ row }) => existing.has(row.ref)).length;

  return {
    created: rows.length - updated,
    updated,
    async write() {
      const now = nowIso();
      // As when raised by hand, the local authority is the service's commissioner when it has exactly one.
      const commissioners = await repo.commissionersOfServices(trx, [...new Set(rows.map((r) => r.serviceId))]);
      const authorityOf = new Map<number, { id: number; name: string } | null>();
      for (const c of commissioners) authorityOf.set(c.service_id, authorityOf.has(c.service_id) ? null : { id: c.id, name: c.name });
      const fresh = await repo.allocateIds(trx, dialect, 'safeguarding_concerns', rows.length - updated);
      let next = 0;
      const ids = rows.map(({ row }) => existing.get(row.ref)?.id ?? fresh[next++]!);
      await repo.upsertById(trx, 'safeguarding_concerns', rows.map(({ row, serviceId, personId }, i) => ({
        id: ids[i]!, ref: row.ref, service_id: serviceId, person_id: personId, raised_at: row.raisedAt!, raised_by_user_id: null,
        raised_by_name: `${actor.name} (import)`, status: concernStatus(row), location_of_risk: row.locationOfRisk!, source_of_risk: row.sourceOfRisk!,
        immediate_protection: IMMEDIATE_PROTECTION_NOT_IMPORTED, narrative: row.narrative, police_involved: 0, cqc_notification_required: 1,
        cqc_notified_at: row.cqcNotifiedAt, local_authority_id: authorityOf.get(serviceId)?.id ?? null, referred_to_la_at: row.referredToLaAt,
        la_reference: row.laReference, la_decision: row.laDecision, caused_enquiry: 0, enquiry_outcome: row.enquiryOutcome,
        risk_outcome: row.riskOutcome, msp_asked: row.mspAsked, msp_achieved: row.mspAchieved, closed_at: row.closedAt, created_at: now, updated_at: now,
      })), [
        'service_id', 'person_id', 'raised_at', 'status', 'location_of_risk', 'source_of_risk', 'narrative', 'cqc_notified_at', 'referred_to_la_at',
        'la_reference', 'la_decision', 'enquiry_outcome', 'risk_outcome', 'msp_asked', 'msp_achieved', 'closed_at', 'updated_at',
      ]);
      const replaced = rows.flatMap(({ row }, i) => (existing.has(row.ref) ? [ids[i]!] : []));
      await repo.deleteChildren(trx, 'safeguarding_concern_categories', 'concern_id', replaced);
      await repo.deleteChildren(trx, 'safeguarding_concern_factors', 'concern_id', replaced);
      await repo.bulkInsert(trx, 'safeguarding_concern_categories', rows.flatMap(({ row }, i) => row.categories.map((category) => ({ concern_id: ids[i]!, category }))));
      await repo.bulkInsert(trx, 'safeguarding_concern_factors', rows.flatMap(({ row }, i) => row.contributoryFactors.map((factor) => ({ concern_id: ids[i]!, factor }))));

      const by = { actor_user_id: actor.kind === 'user' ? actor.userId : null, actor_name: actor.name };
      await repo.bulkInsert(trx, 'safeguarding_decisions', rows.flatMap(({ row, serviceId }, i) => {
        const concern_id = ids[i]!;
        if (existing.has(row.ref)) return [{ concern_id, at: now, ...by, kind: 'update', value: null, summary: 'Updated by import', reason: 'Imported from a file' }];
        const authority = authorityOf.get(serviceId) ?? null;
        const after = stateOf(row, authority?.id ?? null);
        const raised: ConcernState = {
          ...after, referredToLaAt: null, laDecision: null, enquiryOutcome: null, riskOutcome: null, cqcNotifiedAt: null, closedAt: null,
        };
        return [
          {
            concern_id, at: now, ...by, kind: 'raised', value: null, reason: 'Imported from a file',
            summary: `Concern imported: ${row.categories.map((c) => abuseCategoryLabels[c]).join(', ')}`,
          },
          ...decisionEntries(raised, after, authority?.name ?? null).map((d) => ({ concern_id, at: now, ...by, ...d, reason: 'Imported from a file' })),
        ];
      }));
    },
  };
}
