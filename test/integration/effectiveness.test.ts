import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/analytics/effectiveness/index.js';
import { monthsBetween } from '../../src/analytics/rates/series.js';
import { seedDemoOrganisation } from '../../src/db/seed/demo.js';
import { readGroundTruth, type GroundTruth, type PlantedPattern } from '../../src/db/seed/ground-truth.js';
import { effectEvaluationSchema } from '../../src/domain/effectiveness.js';
import { londonDate } from '../../src/domain/working-days.js';
import { AppError } from '../../src/server/errors.js';
import { evaluateEffect, lastCompleteMonth } from '../../src/server/services/effectiveness.service.js';
import { rebuildRollups } from '../../src/server/services/rebuild.service.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

const today = new Date('2026-11-26T09:00:00Z');
const asOf = '2026-11-26';
const seed = Number(process.env.LANTERN_TEST_SEED ?? 2026);
const daysIn = (period: string) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate();

describe.each(testDialects())('effectiveness of actions on %s', (dialect) => {
  let database: TestDatabase;
  let truth: GroundTruth;
  const pattern = (kind: PlantedPattern['kind']) => truth.patterns.find((p) => p.kind === kind)!;
  const personId = async (ref: string) => (await database.db.selectFrom('people').select('id').where('ref', '=', ref).executeTakeFirstOrThrow()).id;
  const actionDateOf = (p: PlantedPattern) => p.parameters.actionDate as string;

  /** Restrictive interventions counted from the raw episodes, independently of the rollups: distinct (incident, type) pairs in the month (England) the first episode started. */
  async function interventionsByMonth(where: { personId?: number; serviceId?: number }) {
    let query = database.db.selectFrom('restrictive_interventions').innerJoin('incidents', 'incidents.id', 'restrictive_interventions.incident_id')
      .select(['restrictive_interventions.incident_id', 'restrictive_interventions.type_code', 'restrictive_interventions.started_at']);
    if (where.personId !== undefined) query = query.where('restrictive_interventions.person_id', '=', where.personId);
    if (where.serviceId !== undefined) query = query.where('incidents.service_id', '=', where.serviceId);
    const first = new Map<string, string>();
    for (const e of await query.execute()) {
      const key = `${e.incident_id}|${e.type_code}`;
      const at = String(e.started_at);
      if (!first.has(key) || at < first.get(key)!) first.set(key, at);
    }
    const months = new Map<string, number>();
    for (const at of first.values()) {
      const period = londonDate(at).slice(0, 7);
      months.set(period, (months.get(period) ?? 0) + 1);
    }
    return months;
  }
  const sumOver = (byMonth: Map<string, number>, from: string, to: string) => monthsBetween(from, to).reduce((s, m) => s + (byMonth.get(m) ?? 0), 0);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const seeded = await seedDemoOrganisation(database, 'demo', { seed, today });
    truth = readGroundTruth(seeded.groundTruthFile!);
    await rebuildRollups(database);
  }, 300_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('calls the planted action effective, with the planted fall inside the interval and counts that match the raw records', async () => {
    const effect = pattern('action_effect');
    const id = await personId(effect.scope.ref);
    const r = await evaluateEffect(database.db, {
      measureKey: 'restrictive_interventions', scope: { type: 'person', id }, actionDate: actionDateOf(effect), asOf, actionName: 'the new support plan',
    });
    expect(() => effectEvaluationSchema.parse(r)).not.toThrow();
    expect(r.verdict, r.explanation).toBe('effective');
    expect(r.explanation).toContain('the action looks effective');
    expect(r.explanation).toMatch(/^After the new support plan in [A-Z][a-z]{2} 20\d\d, restrictive interventions fell from /);

    // Matched windows either side of the action month, which is left out; the last month used is October (complete by 26 Nov).
    const actionMonth = actionDateOf(effect).slice(0, 7);
    expect(r.actionMonth).toBe(actionMonth);
    expect(r.before.to).toBe(addMonths(actionMonth, -1));
    expect(r.after.from).toBe(addMonths(actionMonth, 1));
    expect(r.after.to).toBe('2026-10');
    expect(r.before.months).toBe(r.after.months);
    expect(r.before.months).toBeGreaterThanOrEqual(6);

    const raw = await interventionsByMonth({ personId: id });
    expect(r.before.count).toBe(sumOver(raw, r.before.from!, r.before.to!));
    expect(r.after.count).toBe(sumOver(raw, r.after.from!, r.after.to!));
    // The person was supported throughout: exposure is every day of the window's months.
    expect(r.before.exposure).toBe(monthsBetween(r.before.from!, r.before.to!).reduce((s, m) => s + daysIn(m), 0));

    // Planted: 8 a month before, 1.6 after (ratio 0.2); the rates measured are within a quarter of them.
    const planted = effect.parameters.plantedRatio as number;
    const { rateBefore, rateAfter } = effect.parameters as { rateBefore: number; rateAfter: number };
    expect(rateBefore).toBe(8);
    expect(rateAfter).toBeCloseTo(1.6);
    expect(r.before.rate!).toBeGreaterThan(rateBefore * 0.75);
    expect(r.before.rate!).toBeLessThan(rateBefore * 1.25);
    expect(r.after.rate!).toBeLessThan(rateAfter * 1.5);
    expect(r.ci95![0]).toBeLessThan(planted);
    expect(r.ci95![1]).toBeGreaterThan(planted);
    expect(r.ci95![1]).toBeLessThan(1);
    expect(r.evidence.isSpecialCauseImprovement).toBe(true);
    // The chart: before, the action month, after, recalculated at the action month.
    expect(r.periods[r.before.months]).toBe(actionMonth);
    expect(r.spc.points).toHaveLength(r.periods.length);
    expect(r.spc.points[r.before.months]!.mean).not.toBe(r.spc.points[0]!.mean);
  });

  it('never calls the planted null effective, at its action date and at every later review', async () => {
    const none = pattern('null_effect');
    const id = await personId(none.scope.ref);
    const actionDate = actionDateOf(none);
    const r = await evaluateEffect(database.db, { measureKey: 'restrictive_interventions', scope: { type: 'person', id }, actionDate, asOf });
    expect(r.verdict, r.explanation).not.toBe('effective');
    expect(r.verdict).toBe('not_yet_evident');
    expect(r.ci95![0]).toBeLessThan(1);
    expect(r.ci95![1]).toBeGreaterThan(1);
    // Reviews month by month from the first possible one to today: none may say effective.
    const verdicts: string[] = [];
    for (const month of monthsBetween(addMonths(actionDate.slice(0, 7), 1), '2026-10')) {
      const review = `${month}-${String(daysIn(month)).padStart(2, '0')}`;
      const v = await evaluateEffect(database.db, { measureKey: 'restrictive_interventions', scope: { type: 'person', id }, actionDate, asOf: review });
      verdicts.push(v.verdict);
    }
    expect(verdicts.length).toBeGreaterThan(6);
    expect(verdicts).not.toContain('effective');
    expect(verdicts.slice(0, 2)).toEqual(['insufficient_data', 'insufficient_data']);
  });

  it('does not reach back before the records begin: the first, partial month of data is left out', async () => {
    const none = pattern('null_effect');
    const id = await personId(none.scope.ref);
    // An action two months after the records begin: at most one complete month before it.
    const early = addMonths(truth.from.slice(0, 7), 2);
    const r = await evaluateEffect(database.db, { measureKey: 'restrictive_interventions', scope: { type: 'person', id }, actionDate: `${early}-15`, asOf });
    expect(r.verdict).toBe('insufficient_data');
    expect(r.before.from).toBe(addMonths(truth.from.slice(0, 7), 1));
    expect(r.explanation).toContain('only 1 month of data before it');
  });

  it('uses occupied bed days as the exposure for a service rate, and the service’s own counts', async () => {
    const effect = pattern('action_effect');
    const person = await database.db.selectFrom('people').select('service_id').where('ref', '=', effect.scope.ref).executeTakeFirstOrThrow();
    const r = await evaluateEffect(database.db, {
      measureKey: 'restrictive_interventions_per_1000_obd', scope: { type: 'service', id: person.service_id }, actionDate: actionDateOf(effect), asOf,
    });
    const occupancy = await database.db.selectFrom('occupancy').select(['date', 'occupied_days']).where('service_id', '=', person.service_id).execute();
    const occupied = (from: string, to: string) => occupancy.filter((o) => String(o.date).slice(0, 7) >= from && String(o.date).slice(0, 7) <= to)
      .reduce((s, o) => s + Number(o.occupied_days), 0);
    expect(r.before.exposure).toBe(occupied(r.before.from!, r.before.to!));
    expect(r.after.exposure).toBe(occupied(r.after.from!, r.after.to!));
    const raw = await interventionsByMonth({ serviceId: person.service_id });
    expect(r.before.count).toBe(sumOver(raw, r.before.from!, r.before.to!));
    expect(r.before.rate!).toBeCloseTo((r.before.count / r.before.exposure) * 1000, 10);
    expect(r.explanation).toContain('per 1,000 occupied bed days');
  });

  it('counts one a month as the exposure when a measure has no denominator', async () => {
    const r = await evaluateEffect(database.db, {
      measureKey: 'incidents', scope: { type: 'organisation' }, actionDate: actionDateOf(pattern('action_effect')), asOf,
    });
    expect(r.before.exposure).toBe(r.before.months);
    expect(r.after.exposure).toBe(r.after.months);
    const incidents = await database.db.selectFrom('incidents').select('occurred_at').execute();
    const inWindow = incidents.filter((i) => {
      const period = londonDate(String(i.occurred_at)).slice(0, 7);
      return period >= r.after.from! && period <= r.after.to!;
    });
    expect(r.after.count).toBe(inWindow.length);
  });

  it('refuses what cannot be judged, naming the field', async () => {
    const reject = async (input: Parameters<typeof evaluateEffect>[1]) => {
      try {
        await evaluateEffect(database.db, input);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return error as AppError;
      }
      throw new Error('expected a rejection');
    };
    const base = { measureKey: 'restrictive_interventions', scope: { type: 'organisation' as const }, actionDate: '2026-01-15', asOf };
    expect((await reject({ ...base, measureKey: 'no_such_measure' })).fieldErrors[0]!.path).toBe('measureKey');
    const neither = await reject({ ...base, measureKey: 'safeguarding_concerns' });
    expect(neither.fieldErrors[0]!.path).toBe('measureKey');
    expect(neither.detail).toContain('no better direction');
    expect((await reject({ ...base, measureKey: 'restraint_minutes' })).detail).toContain('not a count of events');
    expect((await reject({ ...base, measureKey: 'prone_over_10_min_share' })).detail).toContain('percentage');
    expect((await reject({ ...base, measureKey: 'people_restrained_share' })).detail).toContain('percentage');
    expect((await reject({ ...base, measureKey: 'restraint_minutes_median' })).detail).toContain('middle of each month');
    expect((await reject({ ...base, actionDate: '2026-02-30' })).fieldErrors[0]!.path).toBe('actionDate');
    expect((await reject({ ...base, actionDate: '2026-12-01' })).detail).toContain('after the date of the evaluation');
    const missing = await reject({ ...base, scope: { type: 'person', id: 999_999 } });
    expect(missing.status).toBe(404);
  });

  it('uses only months complete on the review date', () => {
    expect(lastCompleteMonth('2026-11-26')).toBe('2026-10');
    expect(lastCompleteMonth('2026-11-30')).toBe('2026-11');
    expect(lastCompleteMonth('2024-02-29')).toBe('2024-02');
    expect(lastCompleteMonth('2026-01-01')).toBe('2025-12');
  });
});
