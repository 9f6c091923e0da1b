// Staff: `role` is the job title; service_refs lists where they work. Links to services outside the caller's
// scope are left as they are.
import { toFlag } from '../../db/connection.js';
import { readStaffRow, type StaffImportRow } from '../../domain/imports.js';
import { isInScope, serviceScope } from '../policies/access.js';
import * as repo from './imports.repository.js';
import { collectRefs, eachRow, SeenRefs, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

export async function planStaff(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect } = input;
  const services = await ServiceRefs.load(input, collectRefs(input, 'service_refs', true));
  const found = await repo.staffByRef(trx, collectRefs(input, 'staff_ref'));
  const existing = new Map(found.map((s) => [s.ref!, s.id]));
  const worksIn = new Map<number, number[]>();
  for (const link of await repo.staffServices(trx, found.map((s) => s.id))) {
    worksIn.set(link.staff_id, [...(worksIn.get(link.staff_id) ?? []), link.service_id]);
  }
  const seen = new SeenRefs();
  const rows: { row: StaffImportRow; serviceIds: number[] }[] = [];
  eachRow(input, (r) => {
    const row = readStaffRow(r);
    const serviceIds = row.serviceRefs.map((ref) => services.resolve(r, 'service_refs', ref));
    if (!seen.check(r, 'staff_ref', row.ref)) return;
    const id = existing.get(row.ref);
    const current = id === undefined ? [] : (worksIn.get(id) ?? []);
    if (current.length && !current.some((s) => isInScope(actor, s))) {
      r.error('staff_ref', 'A staff member with this reference works only in services outside your services');
    }
    if (serviceIds.every((s) => s !== null)) rows.push({ row, serviceIds: [...new Set(serviceIds)] as number[] });
  });
  const updated = rows.filter(({ row }) => existing.has(row.ref)).length;

  return {
    created: rows.length - updated,
    updated,
    async write() {
      const fresh = await repo.allocateIds(trx, dialect, 'staff', rows.length - updated);
      let next = 0;
      const records = rows.map(({ row }) => ({
        id: existing.get(row.ref) ?? fresh[next++]!, ref: row.ref, name: row.name, job_title: row.jobTitle,
        employment_type: row.employmentType!, active: toFlag(true),
      }));
      await repo.upsertById(trx, 'staff', records, ['name', 'job_title', 'employment_type']);
      await repo.deleteStaffLinks(trx, records.map((s) => s.id), serviceScope(actor));
      await repo.bulkInsert(trx, 'staff_services', records.flatMap((s, i) => rows[i]!.serviceIds.map((service_id) => ({ staff_id: s.id, service_id }))));
    },
  };
}
