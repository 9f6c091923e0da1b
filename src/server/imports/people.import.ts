// People supported: each belongs to one service in the caller's scope.
import { nowIso, toFlag } from '../../db/connection.js';
import { readPersonRow, type PersonImportRow } from '../../domain/imports.js';
import * as repo from './imports.repository.js';
import { checkExistingInScope, collectRefs, eachRow, SeenRefs, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

export async function planPeople(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect } = input;
  const services = await ServiceRefs.load(input, collectRefs(input, 'service_ref'));
  const existing = new Map((await repo.peopleByRef(trx, collectRefs(input, 'person_ref'))).map((p) => [p.ref, p]));
  const seen = new SeenRefs();
  const rows: { row: PersonImportRow; serviceId: number }[] = [];
  eachRow(input, (r) => {
    const row = readPersonRow(r);
    const serviceId = services.resolve(r, 'service_ref', row.serviceRef);
    if (!seen.check(r, 'person_ref', row.ref)) return;
    checkExistingInScope(r, 'person_ref', actor, existing.get(row.ref)?.service_id, 'person');
    if (serviceId !== null) rows.push({ row, serviceId });
  });
  const updated = rows.filter(({ row }) => existing.has(row.ref)).length;

  return {
    created: rows.length - updated,
    updated,
    async write() {
      const fresh = await repo.allocateIds(trx, dialect, 'people', rows.length - updated);
      let next = 0;
      const now = nowIso();
      await repo.upsertById(trx, 'people', rows.map(({ row, serviceId }) => ({
        id: existing.get(row.ref)?.id ?? fresh[next++]!, ref: row.ref, display_name: row.displayName, service_id: serviceId,
        learning_disability: toFlag(row.learningDisability!), autism: toFlag(row.autism!), legal_status: row.legalStatus!,
        start_date: row.startDate!, end_date: row.endDate, created_at: now, updated_at: now,
      })), ['display_name', 'service_id', 'learning_disability', 'autism', 'legal_status', 'start_date', 'end_date', 'updated_at']);
    },
  };
}
