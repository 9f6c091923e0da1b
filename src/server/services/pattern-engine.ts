import { detectAll, incidentDetectors, rank, themeDetectors } from '../../analytics/patterns/index.js';
import type { DetectedPattern, Detector, IncidentFact, PatternInput, SourceRecord } from '../../analytics/patterns/types.js';
import { extractPhrases } from '../../analytics/themes/keyphrases.js';
import { nowIso, type Database } from '../../db/connection.js';
import { londonDate } from '../../domain/working-days.js';
import * as repo from '../repositories/patterns.repository.js';
import type { EngineStore } from './pattern-store.js';

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

  private lastFinished = 0;
  /** How long the last run took. */
  private lastTook = 0;

  /**
   * @param delayMs how long a run waits after the first request for it, so a burst of records is read in one run
   * @param gapMs the least time between the end of one run and the start of the next, and at least as long as the last
   *   run for new records took: under a steady stream of new records the engine is busy at most half the time, and
   *   the cores are left to answering requests (on a quiet server the last run ended long ago, so a new record waits
   *   only delayMs)
   */
  constructor(
    private readonly database: Database, private readonly store: EngineStore,
    private readonly delayMs = 300, private readonly gapMs = 1000,
  ) {}

  /**
   * Ask for a run soon: `full` reloads every record, otherwise only new ones are read. Requests while one is waiting
   * join it rather than putting it off, so a steady stream of records still sees a run every few seconds. Requests
   * during a run wait for it to end, and then for the gap.
   */
  schedule(reason: string, full = false) {
    if (this.closed) return;
    this.queued = { reason, full: full || (this.queued?.full ?? false) };
    if (!this.timer && !this.running) this.startTimer();
  }

  private startTimer() {
    const wait = Math.max(this.delayMs, this.lastFinished + Math.max(this.gapMs, this.lastTook) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, wait);
  }

  /** Run now (or after the current run), without waiting for the gap, and resolve when the findings are saved. */
  async runNow(reason: string, full = true): Promise<void> {
    this.queued = { reason, full: full || (this.queued?.full ?? false) };
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.running) await this.running;
    const next = this.queued;
    if (!next || this.closed) return;
    this.queued = null;
    const started = Date.now();
    this.running = this.run(next.reason, next.full).finally(() => {
      this.running = null;
      this.lastFinished = Date.now();
      // Only runs for new records stretch the gap: they follow one another under a stream of records, whereas a
      // full run (at start-up, after an import; over a minute at national scale) must not hold up the next record.
      this.lastTook = next.full ? 0 : this.lastFinished - started;
      // Records that arrived during the run: their run starts after the gap (a caller of runNow takes it sooner).
      if (this.queued && !this.timer && !this.closed) this.startTimer();
    });
    await this.running;
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
    const { store } = this;
    const runId = await store.startRun(reason, nowIso());
    let lastWrite = 0;
    const progress = async (stage: string, share: number) => {
      if (Date.now() - lastWrite < 1000) return;
      lastWrite = Date.now();
      await store.updateRun(runId, { stage, progress: Math.round(share * 90) / 100 });
    };
    try {
      const isFull = full || !this.input || !this.watermarks;
      const facts = await this.read(isFull, (stage, share) => {
        progress(stage, share).catch(() => { /* progress is only shown; the run goes on */ });
      });
      const reference = await repo.loadReferenceFacts(db);
      await store.updateRun(runId, { stage: 'Looking for patterns', progress: 0.9 });
      const input: PatternInput = { asOf: londonDate(new Date()), ...reference, ...facts };
      // Person, service and staff findings are re-detected every run (a few seconds at provider scale); the
      // organisation-wide theme detectors, which cost as much again, only on full runs or every few minutes.
      if (isFull || !this.themeFindings || Date.now() - this.themeFindings.at > THEME_REFRESH_MS) {
        this.themeFindings = { at: Date.now(), found: await detectInTurn(input, themeDetectors) };
      }
      const found = rank([...(await detectInTurn(input, incidentDetectors)), ...this.themeFindings.found]);
      // Compared with what is stored here, on the engine's own connection; only the differences are written, and the
      // run is marked finished in the same transaction (its end is when every current finding was last found).
      await store.applyFindings(await repo.planFindings(db, found, { runId, now: nowIso() }));
    } catch (error) {
      await store.updateRun(runId, { status: 'failed', stage: 'Failed', finished_at: nowIso(), error: String(error) }).catch(() => {});
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
