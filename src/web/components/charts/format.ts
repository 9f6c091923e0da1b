import { formatMonth, formatNumber } from '../formatDate.js';
import type { MeasureSeries, SeriesPoint } from './types.js';

/**
 * Rates (a measure with a denominator) get one decimal place; counts none. A rate whose denominators are all
 * hidden still reads as a rate from its unit ("per 1,000 …", "% of …").
 */
export const isRateSeries = (series: Pick<MeasureSeries, 'points'> & { measure?: { unit: string } }) =>
  series.points.some((p) => p.denominator !== null) || /(^|\s)per\s|%/.test(series.measure?.unit ?? '');

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A value as shown: rates always with one decimal place ("37.0"), counts whole; `*` when hidden. */
export function formatValue(value: number | null, isRate: boolean): string {
  if (value === null) return '*';
  return isRate ? oneDecimal.format(value) : formatNumber(value);
}

/** A count as shown: `*` when hidden (under 5, for aggregate-only views). */
export function formatCount(count: number | null): string {
  return count === null ? '*' : formatNumber(count);
}

export { formatMonth };

/** The last month that has a value, if any. */
export function latestWithValue(points: readonly SeriesPoint[]): SeriesPoint | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) if (points[i]!.value !== null) return points[i];
  return undefined;
}

/** Why a series has no SPC chart: hidden months (aggregate-only views) or months without a value (no denominator). */
export function notChartedReason(series: Pick<MeasureSeries, 'points' | 'isSuppressed'>): string {
  const isHidden = series.isSuppressed && series.points.some((p) => p.value === null && p.numerator === null);
  return isHidden ? 'Not charted: some months are hidden (fewer than 5)' : 'Not charted: some months have no value';
}
