// Services: regions and commissioners are given by name and created when new.
import { nowIso } from '../../db/connection.js';
import { readServiceRow, type ServiceImportRow } from '../../domain/imports.js';
import { isInScope, serviceScope } from '../policies/access.js';
import * as repo from './imports.repository.js';
import { collectRefs, eachRow, SeenRefs, type ImportPlan, type PlanInput } from './plan.js';

export async function planServices(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect } = input;
  const existing = new Map((await repo.servicesByRef(trx, collectRefs(input, 'service_ref'))).map((s) => [s.ref!, s.id]));
  const seen = new SeenRefs();
  const rows: ServiceImportRow[] = [];
  const mayAdd = serviceScope(actor) === 'all';
  eachRow(input, (r) => {
    const row = readServiceRow(r);
    if (!seen.check(r, 'service_ref', row.ref)) return;
    const id = existing.get(row.ref);
    if (id !== undefined && !isInScope(actor, id)) r.error('service_ref', 'A service with this reference is outside your services');
    if (id === undefined && !mayAdd) r.error('service_ref', 'Only someone with access to all services can add a service');
    rows.push(row);
  });
  const updated = rows.filter((row) => existing.has(row.ref)).length;

  return {
    created: rows.length - updated,
    updated,
    async write() {
      const regionNames = [...new Set(rows.map((r) => r.region))];
      const commissionerNames = [...new Set(rows.flatMap((r) => r.commissioners))];
      const regions = new Map((await repo.regionsByName(trx, regionNames)).map((r) => [r.name, r.id]));
      const commissioners = new Map((await repo.commissionersByName(trx, commissionerNames)).map((c) => [c.name, c.id]));
      const newRegions = regionNames.filter((n) => !regions.has(n));
      const newCommissioners = commissionerNames.filter((n) => !commissioners.has(n));
      const regionIds = await repo.allocateIds(trx, dialect, 'regions', newRegions.length);
      const commissionerIds = await repo.allocateIds(trx, dialect, 'commissioners', newCommissioners.length);
      newRegions.forEach((name, i) => regions.set(name, regionIds[i]!));
      newCommissioners.forEach((name, i) => commissioners.set(name, commissionerIds[i]!));
      await repo.bulkInsert(trx, 'regions', newRegions.map((name) => ({ id: regions.get(name)!, name })));
      await repo.bulkInsert(trx, 'commissioners', newCommissioners.map((name) => ({ id: commissioners.get(name)!, name })));

      const fresh = await repo.allocateIds(trx, dialect, 'services', rows.length - updated);
      let next = 0;
      const now = nowIso();
      const records = rows.map((row) => ({
        id: existing.get(row.ref) ?? fresh[next++]!, ref: row.ref, name: row.name, type: row.type!, region_id: regions.get(row.region)!,
        capacity: row.capacity!, registration_number: row.registrationNumber, created_at: now, updated_at: now,
      }));
      await repo.upsertById(trx, 'services', records, ['name', 'type', 'region_id', 'capacity', 'registration_number', 'updated_at']);
      await repo.deleteChildren(trx, 'service_commissioners', 'service_id', records.map((s) => s.id));
      await repo.bulkInsert(trx, 'service_commissioners', records.flatMap((s, i) =>
        rows[i]!.commissioners.map((name) => ({ service_id: s.id, commissioner_id: commissioners.get(name)! }))));
    },
  };
}
