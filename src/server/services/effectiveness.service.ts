// Effectiveness of an action: read a measure's monthly counts and exposure from the rollups and judge, with the
// pure rules in src/analytics/effectiveness, whether the measure moved after the action date. No access checks here:
// the caller (the actions service) has already decided the actor may see the action and its scope.
import { addMonths, evaluateEffect as judgeEffect, type EffectEvaluation, type MonthlyCount } from '../../analytics/effectiveness/index.js';
import { monthsBetween } from '../../analytics/rates/series.js';
import type { Executor } from '../../db/connection.js';
import { unjudgeableReason } from '../../domain/effectiveness.js';
import { measureCatalogue, type Metric } from '../../domain/measures.js';
import { londonDate } from '../../domain/working-days.js';
import { invalid, notFound } from '../errors.js';
import { getPerson } from '../repositories/organisation.repository.js';
import * as rollups from '../repositories/rollups.repository.js';
import { daysSupported, type ScopeParam } from './measures.service.js';

export interface EvaluateEffectInput {
  measureKey: string;
  scope: ScopeParam;
  /** The date the action took effect, YYYY-MM-DD. */
  actionDate: string;
  /** The date of the evaluation, YYYY-MM-DD (default: today in England). Only months complete by then are used. */
  asOf?: string;
  /** The action in words for the explanation, e.g. "the new support plan" (default "the action"). */
  actionName?: string;
}

/** Average days in a month: a person's rate "a month" is events per 30.44 days supported. */
const DAYS_PER_MONTH = 365.25 / 12;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The keys of measures an action can be judged on. */
export const judgeableMeasureKeys = (): string[] => measureCatalogue.filter((m) => unjudgeableReason(m) === null).map((m) => m.key);

/** The last month complete on `asOf`: its own month when it is the month's last day, otherwise the month before. */
export function lastCompleteMonth(asOf: string): string {
  const next = new Date(`${asOf}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const tomorrow = next.toISOString().slice(0, 10);
  return tomorrow.slice(0, 7) !== asOf.slice(0, 7) ? asOf.slice(0, 7) : addMonths(asOf.slice(0, 7), -1);
}

/**
 * The first month with complete data: the month after the earliest month with any organisation-wide count. The
 * earliest month is left out because records may start part-way through it (a provider's history imported from the
 * 25th would otherwise look like a quiet month). Null when nothing has been recorded.
 */
async function firstCompleteMonth(db: Executor, to: string): Promise<string | null> {
  const rows = await rollups.readCounts(db, { type: 'organisation', id: 0 }, ['incidents', 'occupied_days'], '0000-01', to);
  const first = rows.reduce<string | null>((min, r) => (min === null || r.period < min ? r.period : min), null);
  return first === null ? null : addMonths(first, 1);
}

/**
 * Judge whether an action moved a measure for a scope: matched windows of whole months either side of the action
 * month, a rate ratio with its 95 % CI, and the chart read against the old process's lines. Exposure is occupied
 * days for a rate per occupied bed days, days supported for one person, and otherwise one a month.
 */
export async function evaluateEffect(db: Executor, input: EvaluateEffectInput): Promise<EffectEvaluation> {
  const measure = measureCatalogue.find((m) => m.key === input.measureKey);
  if (!measure) throw invalid('measureKey', `There is no measure called "${input.measureKey}".`);
  const reason = unjudgeableReason(measure);
  if (reason || measure.numerator === undefined) throw invalid('measureKey', reason ?? `${measure.name} cannot be judged.`);
  const numerator = measure.numerator;
  if (!isRealDate(input.actionDate)) throw invalid('actionDate', 'Give the action date as a real date, YYYY-MM-DD.');
  const asOf = input.asOf ?? londonDate(new Date());
  if (!isRealDate(asOf)) throw invalid('asOf', 'Give the evaluation date as a real date, YYYY-MM-DD.');
  if (input.actionDate > asOf) throw invalid('actionDate', 'The action date is after the date of the evaluation.');

  const actionMonth = input.actionDate.slice(0, 7);
  const reviewMonth = lastCompleteMonth(asOf);
  const from = addMonths(actionMonth, -12);
  const cap = addMonths(actionMonth, 12);
  const latest = reviewMonth < cap ? reviewMonth : cap;
  const to = latest > actionMonth ? latest : actionMonth;

  const person = input.scope.type === 'person' ? await getPerson(db, input.scope.id) : null;
  if (input.scope.type === 'person' && !person) throw notFound('person');
  const scopeKey: rollups.ScopeKey = input.scope.type === 'organisation' ? { type: 'organisation', id: 0 } : { type: input.scope.type, id: input.scope.id };
  const isRate = measure.denominator?.metric === 'occupied_days';
  const metrics: Metric[] = isRate && !person ? [numerator, 'occupied_days'] : [numerator];

  const [rows, firstMonth] = await Promise.all([rollups.readCounts(db, scopeKey, metrics, from, to), firstCompleteMonth(db, to)]);
  const values = (metric: Metric) => new Map(rows.filter((r) => r.metric === metric).map((r) => [r.period, Number(r.value)]));
  const counts = values(numerator);
  const occupied = isRate && !person ? values('occupied_days') : null;

  const series: MonthlyCount[] = firstMonth === null ? [] : monthsBetween(from > firstMonth ? from : firstMonth, to).map((period) => ({
    period,
    count: counts.get(period) ?? 0,
    exposure: person ? daysSupported(person.start_date, person.end_date, period) : occupied ? occupied.get(period) ?? 0 : 1,
  }));

  const baseName = measure.name.replace(/ per 1,000 occupied bed days$/, '');
  const name = baseName.charAt(0).toLowerCase() + baseName.slice(1);
  return judgeEffect({
    series,
    actionMonth,
    reviewMonth,
    improvement: measure.improvement as 'increase' | 'decrease',
    per: isRate ? 1000 : person ? DAYS_PER_MONTH : 1,
    rateUnit: isRate ? (person ? 'per 1,000 days supported' : 'per 1,000 occupied bed days') : 'a month',
    measureName: name,
    ...(input.actionName ? { actionName: input.actionName } : {}),
  });
}
