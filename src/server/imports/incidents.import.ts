// Incidents: one row per restrictive intervention episode; rows sharing incident_ref are one incident, whose own
// columns are read from its first row (later rows must agree or leave them blank). The rows are checked on a thread
// of their own (incident-check.ts) against references looked up here, in the import's transaction; each incident is
// written here as soon as its last row has been checked, a batch at a time, and the whole import is rolled back if
// any row is wrong.
import { restrainedMonthKey, type IncidentForRollup, type IncidentSumsData } from '../../analytics/rates/incident-sums.js';
import { nowIso } from '../../db/connection.js';
import { isInScope } from '../policies/access.js';
import { serviceRegions } from '../repositories/rollups.repository.js';
import { applyIncidentSums } from '../services/measures.service.js';
import {
  codeRows, countEpisodeRows, episodeRows, episodeStaffRows, incidentRows, incidentUpdateColumns, personRows, staffRows,
  type CheckJob, type IncidentLookups, type RowsBatch,
} from './incident-check.js';
import { checkOnThread } from './incident-check-thread.js';
import { currentFacts, removeReplacedContributions } from '../services/incident-rollups.js';
import * as repo from './imports.repository.js';
import { collectRefs, type ImportPlan, type PlanInput } from './plan.js';


/** The tables an incidents import writes. */
const INCIDENT_TABLES = ['incidents', 'incident_people', 'incident_staff', 'incident_codes', 'restrictive_interventions', 'intervention_staff'];
/** Fewer new incidents than this are added to the indexes as they go, however empty the tables. */
const BULK_LOAD_MIN = 1000;

export async function planIncidents(input: PlanInput): Promise<ImportPlan> {
  const { trx, actor, dialect, index, sqlite, table, errors, isDryRun } = input;
  const incidentRefs = collectRefs(input, 'incident_ref');
  const staffRefs = [...new Set([...collectRefs(input, 'staff_refs', true), ...collectRefs(input, 'intervention_staff_refs', true)])];
  const [services, regionOf, people, staff, existing] = await Promise.all([
    repo.servicesByRef(trx, collectRefs(input, 'service_ref')),
    serviceRegions(trx),
    repo.peopleByRef(trx, collectRefs(input, 'person_ref', true)),
    repo.staffByRef(trx, staffRefs),
    repo.incidentsByRef(trx, incidentRefs),
  ]);
  const staffAt = new Map<number, Set<number>>();
  for (const link of await repo.staffServices(trx, staff.map((s) => s.id))) {
    const at = staffAt.get(link.staff_id);
    if (at) at.add(link.service_id);
    else staffAt.set(link.staff_id, new Set([link.service_id]));
  }
  const lookups: IncidentLookups = {
    services: new Map(services.filter((s) => isInScope(actor, s.id)).map((s) => [s.ref!, { id: s.id, regionId: regionOf.get(s.id)! }])),
    people: new Map(people.map((p) => [p.ref, { id: p.id, serviceId: p.service_id }])),
    staff: new Map(staff.map((s) => [s.ref!, { id: s.id, isAgency: s.employment_type === 'agency' }])),
    staffAt,
    existing: new Map(existing.map((i) => [i.ref!, { id: i.id, isInScope: isInScope(actor, i.service_id) }])),
  };
  const updated = existing.length;
  const created = incidentRefs.length - updated;

  // Ids are handed out here, in the import's transaction: new incidents' in the order they first appear.
  const incidentIds = isDryRun ? [] : await repo.allocateIds(trx, dialect, 'incidents', created);
  const episodeIds = isDryRun ? [] : await repo.allocateIds(trx, dialect, 'restrictive_interventions', countEpisodeRows(table.data, index));
  // A first load of history (at least as many new incidents as were ever recorded) builds the tables' indexes
  // afterwards, once and sorted, rather than adding every row to every index as it goes.
  const isFirstLoad = sqlite !== undefined && created >= BULK_LOAD_MIN && incidentIds[0]! - 1 <= created;
  const writer = isDryRun ? null : new IncidentWriter(input, isFirstLoad, existing.map((i) => i.id));

  const job: CheckJob = { table: table.data, index, lookups, now: input.now.getTime(), nowIso: nowIso(), isDryRun, incidentIds, episodeIds };
  // Batches are written one after another, as they arrive; the first failure stops the writing and fails the import.
  // Whatever the check's outcome, the writing settles before the transaction can end, so that none lands after it.
  let writing = Promise.resolve();
  const failures: unknown[] = [];
  const result = await checkOnThread(job, (batch) => {
    writing = writing.then(() => (failures.length ? undefined : writer?.write(batch))).catch((error: unknown) => { failures.push(error); });
  }).finally(() => writing);
  if (failures.length) throw failures[0];
  errors.push(...result.errors);

  return { created, updated, write: async () => writer?.finish(result.sums) };
}

/** Writes complete incidents, a batch of rows at a time, inside the import's transaction, and then the rollups. */
class IncidentWriter {
  private hasStarted = false;
  private rebuildIndexes: (() => void) | null = null;
  /** What re-imported incidents contributed to the rollups before the import, read before anything changed. */
  private before: IncidentForRollup[] = [];

  constructor(private readonly input: PlanInput, private readonly isFirstLoad: boolean, private readonly replaced: readonly number[]) {}

  private async start(): Promise<void> {
    const { trx, sqlite } = this.input;
    this.hasStarted = true;
    this.before = await currentFacts(trx, this.replaced);
    // A re-imported incident's people, staff, codes and episodes are replaced by the file's.
    if (this.replaced.length) {
      for (const child of ['incident_people', 'incident_staff', 'incident_codes', 'restrictive_interventions'] as const) {
        await repo.deleteChildren(trx, child, 'incident_id', this.replaced);
      }
    }
    if (this.isFirstLoad && sqlite) this.rebuildIndexes = repo.setIndexesAside(sqlite, INCIDENT_TABLES);
  }

  async write(batch: RowsBatch): Promise<void> {
    if (!this.hasStarted) await this.start();
    const { trx, dialect, sqlite } = this.input;
    // New incidents go in by plain insert: on SQLite an upsert journals each statement, several times slower.
    await repo.insertRows(trx, dialect, incidentRows, batch.incidents, [], sqlite);
    await repo.insertRows(trx, dialect, incidentRows, batch.updatedIncidents, incidentUpdateColumns, sqlite);
    await repo.insertRows(trx, dialect, personRows, batch.people, [], sqlite);
    await repo.insertRows(trx, dialect, staffRows, batch.staff, [], sqlite);
    await repo.insertRows(trx, dialect, codeRows, batch.codes, [], sqlite);
    await repo.insertRows(trx, dialect, episodeRows, batch.episodes, [], sqlite);
    await repo.insertRows(trx, dialect, episodeStaffRows, batch.episodeStaff, [], sqlite);
  }

  /**
   * After the last batch: build any indexes set aside, add what the imported incidents contribute to the rollups, and
   * take out what re-imported incidents used to.
   */
  async finish(sums: IncidentSumsData): Promise<void> {
    if (!this.hasStarted) return;
    const { trx } = this.input;
    this.rebuildIndexes?.();
    await applyIncidentSums(trx, sums);
    const restrainedMonths = new Set(sums.restrained.map((r) => restrainedMonthKey(r.service_id, r.person_id, r.period)));
    await removeReplacedContributions(trx, this.before, restrainedMonths);
  }
}
