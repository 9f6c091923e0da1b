import { checkHeader, type ImportError, type ImportKind, type ImportReport } from '../../domain/imports.js';
import { conflict } from '../errors.js';
import { authorize } from '../policies/access.js';
import { isUniqueViolation } from './structure.service.js';
import { audit, inTransaction, type Context } from '../context.js';
import { rebuildRollups } from './rebuild.service.js';
import { readTable } from '../imports/read-table.js';
import type { Planner } from '../imports/plan.js';
import { planServices } from '../imports/services.import.js';
import { planPeople } from '../imports/people.import.js';
import { planStaff } from '../imports/staff.import.js';
import { planOccupancy } from '../imports/occupancy.import.js';
import { planIncidents } from '../imports/incidents.import.js';
import { planSafeguarding } from '../imports/safeguarding.import.js';
import { planComplaints } from '../imports/complaints.import.js';

const planners: Record<ImportKind, Planner> = {
  services: planServices,
  people: planPeople,
  staff: planStaff,
  occupancy: planOccupancy,
  incidents: planIncidents,
  safeguarding: planSafeguarding,
  complaints: planComplaints,
};

/** A report lists at most this many problems (the first, by row), so that a wholly wrong file still answers quickly. */
export const MAX_REPORTED_ERRORS = 1000;

export interface ImportRequest {
  kind: ImportKind;
  file: { buffer: Buffer; filename: string };
  isDryRun: boolean;
}

/** Refuse roles that may not import before their upload is read. */
export function assertMayImport(ctx: Context): void {
  authorize(ctx.actor, 'create', 'import');
}

/** Ends an import's transaction by rolling it back, carrying the report to answer with. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) { super('The import was rolled back'); }
}

function failed(kind: ImportKind, rows: number, errors: ImportError[]): ImportReport {
  const sorted = [...errors].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_ERRORS);
  return { kind, rows, created: 0, updated: 0, errors: sorted };
}

/**
 * Import a file of one kind: read it, check every row (codes, dates, references, the caller's scope and the
 * rules of recording by hand), and only if nothing is wrong, and it is not a dry run, write every row and one
 * audit entry in a single transaction. Rows whose reference exists are updated, never duplicated.
 */
export async function runImport(ctx: Context, request: ImportRequest): Promise<ImportReport> {
  assertMayImport(ctx);
  const { kind } = request;
  const table = await readTable(request.file.buffer, request.file.filename);
  let rows = 0;
  for (let i = 0; i < table.rowCount; i += 1) if (!table.isBlank(i)) rows += 1;
  const { index, errors } = checkHeader(kind, table.header);
  errors.push(...table.errors);
  if (!table.header.length) errors.push({ row: 1, column: '', message: 'The file is empty: its first row must be the header row' });
  if (errors.length) return failed(kind, rows, errors);

  // Validation reads inside the write transaction, so nothing can change between checking and writing.
  const report = await inTransaction(ctx, async (trx): Promise<ImportReport> => {
    const { isDryRun } = request;
    const plan = await planners[kind]({ trx, dialect: ctx.database.dialect, sqlite: ctx.database.sqlite, actor: ctx.actor, table, index, errors, now: new Date(), isDryRun });
    // Planners may write as they check (incidents do): a file with errors, or a dry run, must leave nothing behind.
    if (errors.length) throw new RolledBack(failed(kind, rows, errors));
    const report = { kind, rows, created: plan.created, updated: plan.updated, errors: [] };
    if (isDryRun) throw new RolledBack(report);
    await plan.write();
    await audit(trx, ctx, {
      action: 'create', kind: 'import', id: kind,
      // Counts only: a file's name can carry a person's name.
      summary: `${kind}: ${rows} rows, ${plan.created} created, ${plan.updated} updated`,
    });
    return report;
    // Alone: an import takes seconds, which would hold up whoever arrived with it, and its failure would undo them.
  }, { alone: true }).catch((error: unknown) => {
    if (error instanceof RolledBack) return error.report;
    // Only a change committed by someone else while this file was being written can collide (PostgreSQL).
    if (isUniqueViolation(error)) throw conflict('Someone else added records with the same references while this file was importing; import it again.');
    throw error;
  });
  // These kinds write in bulk beside the services that keep the monthly rollups in step, so recompute them once.
  // (An incidents import updates the rollups by its own incidents' contributions, inside its transaction.)
  if (!request.isDryRun && !report.errors.length && REBUILD_KINDS.has(kind)) await rebuildRollups(ctx.database);
  return report;
}

const REBUILD_KINDS = new Set<string>(['occupancy', 'safeguarding', 'complaints']);
