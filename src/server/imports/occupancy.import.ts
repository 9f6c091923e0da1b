// Occupancy: occupied days per service per day; a day already recorded is replaced.
import { readOccupancyRow } from '../../domain/imports.js';
import * as repo from './imports.repository.js';
import { collectRefs, eachRow, ServiceRefs, type ImportPlan, type PlanInput } from './plan.js';

export async function planOccupancy(input: PlanInput): Promise<ImportPlan> {
  const { trx } = input;
  const services = await ServiceRefs.load(input, collectRefs(input, 'service_ref'));
  const days = new Map<string, { service_id: number; date: string; occupied_days: number }>();
  const firstRow = new Map<string, number>();
  eachRow(input, (r) => {
    const row = readOccupancyRow(r);
    const serviceId = services.resolve(r, 'service_ref', row.serviceRef);
    if (serviceId === null || row.date === null || row.occupiedDays === null) return;
    const key = `${serviceId}|${row.date}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      r.error('date', `This service and day are already on row ${first}`);
      return;
    }
    firstRow.set(key, r.row);
    days.set(key, { service_id: serviceId, date: row.date, occupied_days: row.occupiedDays });
  });
  const records = [...days.values()];
  const dates = records.map((d) => d.date).sort();
  const recorded = records.length
    ? new Set((await repo.occupancyDays(trx, [...new Set(records.map((d) => d.service_id))], dates[0]!, dates[dates.length - 1]!))
      .map((d) => `${d.service_id}|${d.date}`))
    : new Set<string>();
  const updated = [...days.keys()].filter((key) => recorded.has(key)).length;
  return {
    created: records.length - updated,
    updated,
    write: () => repo.upsertOccupancyDays(trx, records),
  };
}
