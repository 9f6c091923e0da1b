import type { Evidence, EvidenceKind } from '../../analytics/patterns/types.js';
import { nowIso } from '../../db/connection.js';
import type { Pattern, PatternRun } from '../../domain/patterns.js';
import { conflict, invalid, notFound } from '../errors.js';
import { authorize, can, serviceScope, type Resource } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/patterns.repository.js';
import { patternEngine } from './pattern-engine-thread.js';

const evidenceResource: Record<EvidenceKind, Resource | null> = {
  incident: 'incident', restrictive_intervention: 'incident', safeguarding_concern: 'safeguarding_concern', complaint: 'complaint',
  practice_review: 'practice_review', restriction: 'restriction',
  // Speak-up reports are the guardian's alone: a finding may count them, but never points at one.
  speak_up: null,
};

export type PatternScopeParam = repo.PatternFilter['scope'];

export function parsePatternScope(value: string): PatternScopeParam {
  if (value === 'organisation') return { type: 'organisation' };
  const match = /^(region|service|person|staff):([1-9]\d{0,9})$/.exec(value);
  if (!match) throw invalid('query.scope', 'Use organisation, region:{id}, service:{id}, person:{id} or staff:{id}.');
  return { type: match[1] as 'region' | 'service' | 'person' | 'staff', id: Number(match[2]) };
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findingById>>>;

function present(ctx: Context, row: Row, latestSave: string | null) {
  const evidence = (JSON.parse(row.evidence) as Evidence[]).filter((e) => {
    const resource = evidenceResource[e.kind];
    return resource !== null && can(ctx.actor, 'read', resource);
  });
  return {
    id: row.id,
    kind: row.kind as Pattern['kind'],
    scope: { type: row.scope_type as Pattern['scope']['type'], id: row.scope_id },
    title: row.title,
    summary: row.summary,
    statistic: JSON.parse(row.statistic) as { name: string; value: number; pValue?: number; ci95?: [number, number] },
    strength: row.strength,
    evidence: evidence.map((e) => (e.ref ? { kind: e.kind, id: e.id, ref: e.ref } : { kind: e.kind, id: e.id })),
    status: row.status as Pattern['status'],
    dismissal: row.status === 'dismissed' ? { reason: row.dismissed_reason ?? '', by: row.dismissed_by_name ?? '', at: row.dismissed_at ?? '' } : null,
    firstFoundAt: row.first_found_at,
    lastFoundAt: repo.lastFoundOf(row, latestSave),
  };
}

/** Kinds the actor may see: findings naming staff are for the safeguarding and quality leads alone. */
function visibleKinds(ctx: Context): string[] {
  const kinds = ['time_hotspot', 'trigger', 'staffing_agency', 'escalation', 'improvement', 'cross_service_theme', 'cross_source_theme', 'blanket_restriction'];
  return can(ctx.actor, 'read', 'pattern_staff') ? [...kinds, 'staff_overrepresented'] : kinds;
}

export async function listPatterns(ctx: Context, query: { scope: string; kind?: string; includeDismissed?: boolean; limit?: number }) {
  authorize(ctx.actor, 'read', 'pattern');
  const scope = parsePatternScope(query.scope);
  let kinds = visibleKinds(ctx);
  if (query.kind) kinds = kinds.filter((k) => k === query.kind);
  const db = ctx.database.db;
  const rows = await repo.listFindings(db, {
    services: serviceScope(ctx.actor), kinds, scope, includeDismissed: query.includeDismissed ?? false, limit: query.limit ?? 100,
  });
  if (scope.type === 'person') {
    await inTransaction(ctx, (trx) => audit(trx, ctx, { action: 'read', kind: 'person', id: scope.id, summary: `patterns (${rows.length})` }));
  }
  const [run, saved] = await Promise.all([repo.latestRun(db), repo.latestSave(db)]);
  return {
    patterns: rows.map((row) => present(ctx, row, saved)),
    run: run ? { status: run.status as PatternRun['status'], stage: run.stage, progress: run.progress, startedAt: run.started_at, finishedAt: run.finished_at } : null,
  };
}

/** A finding the actor may see, or 404 as if it did not exist. */
async function visibleFinding(ctx: Context, id: number) {
  const db = ctx.database.db;
  const row = await repo.findingById(db, id);
  if (!row || !visibleKinds(ctx).includes(row.kind)) throw notFound('pattern');
  const scope = serviceScope(ctx.actor);
  if (scope !== 'all') {
    const services = await repo.servicesOfFinding(db, id);
    if (!services.every((s) => scope.includes(s))) throw notFound('pattern');
  }
  return row;
}

export async function getPattern(ctx: Context, id: number) {
  authorize(ctx.actor, 'read', 'pattern');
  const row = await visibleFinding(ctx, id);
  return present(ctx, row, await repo.latestSave(ctx.database.db));
}

export async function dismissPattern(ctx: Context, id: number, reason: string) {
  authorize(ctx.actor, 'update', 'pattern');
  const row = await visibleFinding(ctx, id);
  if (row.status === 'dismissed') throw conflict('This pattern is already dismissed.', 'id');
  return inTransaction(ctx, async (trx) => {
    await repo.dismissFinding(trx, id, reason, ctx.actor.name, nowIso());
    await audit(trx, ctx, { action: 'update', kind: 'pattern', id, summary: `dismissed: ${reason.slice(0, 200)}` });
    return present(ctx, (await repo.findingById(trx, id))!, await repo.latestSave(trx));
  });
}

/** Start a full recompute in the background; progress is read from `runStatus`. */
export async function startRecompute(ctx: Context) {
  authorize(ctx.actor, 'create', 'pattern');
  await inTransaction(ctx, (trx) => audit(trx, ctx, { action: 'create', kind: 'pattern_run', summary: 'full recompute requested' }));
  patternEngine(ctx.database).schedule('requested', true);
  return { status: 'scheduled' as const };
}

export async function runStatus(ctx: Context) {
  authorize(ctx.actor, 'read', 'pattern');
  const run = await repo.latestRun(ctx.database.db);
  return run ? { status: run.status as PatternRun['status'], stage: run.stage, progress: run.progress, startedAt: run.started_at, finishedAt: run.finished_at, found: run.found } : null;
}
