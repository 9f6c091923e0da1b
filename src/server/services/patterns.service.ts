import { detectAll, incidentDetectors, rank, themeDetectors } from '../../analytics/patterns/index.js';
import type { DetectedPattern, Detector, Evidence, EvidenceKind, IncidentFact, PatternInput, SourceRecord } from '../../analytics/patterns/types.js';
import { extractPhrases } from '../../analytics/themes/keyphrases.js';
import { nowIso, type Database } from '../../db/connection.js';
import type { Pattern, PatternRun } from '../../domain/patterns.js';
import { londonDate } from '../../domain/working-days.js';
import { conflict, invalid, notFound } from '../errors.js';
import { authorize, can, serviceScope, type Resource } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import * as repo from '../repositories/patterns.repository.js';

const evidenceResource: Record<EvidenceKind, Resource | null> = {
  incident: 'incident', restrictive_intervention: 'incident', safeguarding_concern: 'safeguarding_concern', complaint: 'complaint',
  practice_review: 'practice_review', restriction: 'restriction',
  // Speak-up reports are the guardian's alone: a finding may count them, but never points at one.
  speak_up: null,
};

/** Themes span months and services: after a new record they are re-detected at most this often (full runs always). */
const THEME_REFRESH_MS = 5 * 60_000;

/**
 * Keeps the detectors' facts in memory between runs, so a newly recorded event needs only the new rows read before
 * the detectors run again (a few seconds at provider scale) rather than a reload of everything. Corrections and
 * imports change old rows, so they ask for a full reload. One run at a time; requests during a run are folded into
 * one follow-up run.
 */
export class PatternEngine {
  private input: { incidents: IncidentFact[]; records: SourceRecord[] } | null = null;
  private watermarks: repo.Watermarks | null = null;
  private running: Promise<void> | null = null;
  private queued: { reason: string; full: boolean } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private themeFindings: { at: number; found: DetectedPattern[] } | null = null;
  /** Reads of new rows one at a time, so a run and a themes request never append the same rows twice. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(private readonly database: Database, private readonly debounceMs = 300) {}

  /** Ask for a run soon (debounced): `full` reloads every record, otherwise only new ones are read. */
  schedule(reason: string, full = false) {
    if (this.closed) return;
    this.queued = { reason, full: full || (this.queued?.full ?? false) };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.debounceMs);
  }

  /** Run now (or after the current run) and resolve when the findings are saved. */
  async runNow(reason: string, full = true): Promise<void> {
    this.queued = { reason, full: full || (this.queued?.full ?? false) };
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.running) await this.running;
    const next = this.queued;
    if (!next || this.closed) return;
    this.queued = null;
    this.running = this.run(next.reason, next.full).finally(() => {
      this.running = null;
    });
    await this.running;
    if (this.queued && !this.timer) await this.drain();
  }

  async close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running.catch(() => {});
  }

  /** Bring the facts up to date: every record when `full`, otherwise only rows added since the last read. */
  private read(full: boolean, onProgress?: (stage: string, share: number) => void) {
    const next = this.reading.then(async () => {
      const since = full || !this.input ? null : this.watermarks;
      const loaded = await repo.loadNewRecords(this.database.db, extractPhrases, since, onProgress);
      if (!since || !this.input) this.input = { incidents: loaded.incidents, records: loaded.records };
      else {
        this.input.incidents.push(...loaded.incidents);
        this.input.records.push(...loaded.records);
      }
      this.watermarks = loaded.watermarks;
      return this.input;
    });
    this.reading = next.catch(() => {});
    return next;
  }

  /**
   * Every record's phrases, factors and labels as the detectors see them, with anything added since the last read:
   * what the themes page counts, so a request never re-reads and re-parses the free text of every source.
   */
  currentFacts(): Promise<{ incidents: readonly IncidentFact[]; records: readonly SourceRecord[] }> {
    return this.read(false);
  }

  private async run(reason: string, full: boolean) {
    const db = this.database.db;
    const runId = await repo.startRun(db, reason, nowIso());
    let lastWrite = 0;
    const progress = async (stage: string, share: number) => {
      if (Date.now() - lastWrite < 1000) return;
      lastWrite = Date.now();
      await repo.updateRun(db, runId, { stage, progress: Math.round(share * 90) / 100 });
    };
    try {
      const isFull = full || !this.input || !this.watermarks;
      const facts = await this.read(isFull, (stage, share) => {
        void progress(stage, share);
      });
      const reference = await repo.loadReferenceFacts(db);
      await repo.updateRun(db, runId, { stage: 'Looking for patterns', progress: 0.9 });
      const input: PatternInput = { asOf: londonDate(new Date()), ...reference, ...facts };
      // Person, service and staff findings are re-detected every run (a few seconds at provider scale); the
      // organisation-wide theme detectors, which cost as much again, only on full runs or every few minutes.
      if (isFull || !this.themeFindings || Date.now() - this.themeFindings.at > THEME_REFRESH_MS) {
        this.themeFindings = { at: Date.now(), found: await detectInTurn(input, themeDetectors) };
      }
      const found = rank([...(await detectInTurn(input, incidentDetectors)), ...this.themeFindings.found]);
      await db.transaction().execute((trx) => repo.saveFindings(trx, found, nowIso()));
      await repo.updateRun(db, runId, { status: 'finished', stage: 'Done', progress: 1, finished_at: nowIso(), found: found.length });
    } catch (error) {
      await repo.updateRun(db, runId, { status: 'failed', stage: 'Failed', finished_at: nowIso(), error: String(error) }).catch(() => {});
      if (!this.closed) throw error;
    }
  }
}

/**
 * Detectors are synchronous: run them one at a time, letting the event loop answer waiting requests in between,
 * so a run in the background never holds the server for longer than one detector takes.
 */
async function detectInTurn(input: PatternInput, using: readonly Detector[]): Promise<DetectedPattern[]> {
  const found: DetectedPattern[] = [];
  for (const detector of using) {
    await new Promise((resolve) => setImmediate(resolve));
    found.push(...detectAll(input, [detector]));
  }
  return found;
}

const engines = new WeakMap<Database, PatternEngine>();

/** The one engine for a database in this process. */
export function patternEngine(database: Database): PatternEngine {
  let engine = engines.get(database);
  if (!engine) {
    engine = new PatternEngine(database);
    engines.set(database, engine);
  }
  return engine;
}

export type PatternScopeParam = repo.PatternFilter['scope'];

export function parsePatternScope(value: string): PatternScopeParam {
  if (value === 'organisation') return { type: 'organisation' };
  const match = /^(region|service|person|staff):([1-9]\d{0,9})$/.exec(value);
  if (!match) throw invalid('query.scope', 'Use organisation, region:{id}, service:{id}, person:{id} or staff:{id}.');
  return { type: match[1] as 'region' | 'service' | 'person' | 'staff', id: Number(match[2]) };
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findingById>>>;

function present(ctx: Context, row: Row) {
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
    lastFoundAt: row.last_found_at,
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
  const run = await repo.latestRun(db);
  return {
    patterns: rows.map((row) => present(ctx, row)),
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
  return present(ctx, await visibleFinding(ctx, id));
}

export async function dismissPattern(ctx: Context, id: number, reason: string) {
  authorize(ctx.actor, 'update', 'pattern');
  const row = await visibleFinding(ctx, id);
  if (row.status === 'dismissed') throw conflict('This pattern is already dismissed.', 'id');
  return inTransaction(ctx, async (trx) => {
    await repo.dismissFinding(trx, id, reason, ctx.actor.name, nowIso());
    await audit(trx, ctx, { action: 'update', kind: 'pattern', id, summary: `dismissed: ${reason.slice(0, 200)}` });
    return present(ctx, (await repo.findingById(trx, id))!);
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
