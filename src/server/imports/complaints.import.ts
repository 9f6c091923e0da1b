// Complaints, feedback and compliments, with the timing and outcome rules of recording them by hand.
import { nowIso } from '../../db/connection.js';
import { readComplaintRow, type ComplaintImportRow } from '../../domain/imports.js';
import * as repo from './imports.repository.js';
import { checkExistingInScope, collectRefs, eachRow, SeenRefs, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

const CLOCK_SKEW_MS = 5 * 60_000;

export async function planComplaints(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect } = input;
  const latest = input.now.getTime() + CLOCK_SKEW_MS;
  const services = await ServiceRefs.load(input, collectRefs(input, 'service_ref'));
  const [people, found] = await Promise.all([
    repo.peopleByRef(trx, collectRefs(input, 'person_ref')),
    repo.complaintsByRef(trx, collectRefs(input, 'complaint_ref')),
  ]);
  const personByRef = new Map(people.map((p) => [p.ref, p]));
  const existing = new Map(found.map((c) => [c.ref!, c]));
  const seen = new SeenRefs();
  const rows: { row: ComplaintImportRow; serviceId: number; personId: number | null }[] = [];
  eachRow(input, (r) => {
    const row = readComplaintRow(r);
    const serviceId = services.resolve(r, 'service_ref', row.serviceRef);
    const person = row.personRef ? personByRef.get(row.personRef) : undefined;
    if (row.personRef && !person) r.error('person_ref', `No such person: ${row.personRef}`);
    else if (person && serviceId !== null && person.service_id !== serviceId) r.error('person_ref', `${row.personRef} is not supported by this service`);
    for (const [column, value] of [['received_at', row.receivedAt], ['acknowledged_at', row.acknowledgedAt], ['responded_at', row.respondedAt]] as const) {
      if (value && Date.parse(value) > latest) r.error(column, 'This is in the future');
    }
    if (!seen.check(r, 'complaint_ref', row.ref)) return;
    checkExistingInScope(r, 'complaint_ref', actor, existing.get(row.ref)?.service_id, 'complaint');
    if (serviceId !== null) rows.push({ row, serviceId, personId: person?.id ?? null });
  });
  const updated = rows.filter(({ row }) => existing.has(row.ref)).length;

  return {
    created: rows.length - updated,
    updated,
    async write() {
      const now = nowIso();
      const fresh = await repo.allocateIds(trx, dialect, 'complaints', rows.length - updated);
      let next = 0;
      const ids = rows.map(({ row }) => existing.get(row.ref)?.id ?? fresh[next++]!);
      await repo.upsertById(trx, 'complaints', rows.map(({ row, serviceId, personId }, i) => ({
        id: ids[i]!, ref: row.ref, kind: row.kind!, service_id: serviceId, person_id: personId, received_at: row.receivedAt!,
        raised_by: row.raisedBy!, channel: row.channel!, subject: row.subject, narrative: row.narrative, outcome: row.outcome,
        acknowledged_at: row.acknowledgedAt, responded_at: row.respondedAt, response_summary: null,
        created_by_user_id: actor.kind === 'user' ? actor.userId : null, created_at: now, updated_at: now,
      })), [
        'kind', 'service_id', 'person_id', 'received_at', 'raised_by', 'channel', 'subject', 'narrative', 'outcome', 'acknowledged_at',
        'responded_at', 'updated_at',
      ]);
      await repo.deleteChildren(trx, 'complaint_themes', 'complaint_id', rows.flatMap(({ row }, i) => (existing.has(row.ref) ? [ids[i]!] : [])));
      await repo.bulkInsert(trx, 'complaint_themes', rows.flatMap(({ row }, i) => row.themes.map((theme) => ({ complaint_id: ids[i]!, theme }))));
    },
  };
}
