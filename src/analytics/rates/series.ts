/** Every month from `from` to `to` inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return out;
}

export interface RatePoint { period: string; numerator: number; denominator: number | null; value: number | null }

/**
 * A monthly rate series: numerator ÷ denominator × per, or the plain count when there is no denominator.
 * A month with no exposure has no rate (null), never zero.
 */
export function rateSeries(periods: readonly string[], numerators: ReadonlyMap<string, number>, denominators: ReadonlyMap<string, number> | null, per: number): RatePoint[] {
  return periods.map((period) => {
    const numerator = numerators.get(period) ?? 0;
    if (!denominators) return { period, numerator, denominator: null, value: numerator };
    const denominator = denominators.get(period) ?? 0;
    return { period, numerator, denominator, value: denominator > 0 ? (numerator / denominator) * per : null };
  });
}

/** Small-number suppression for anything shown outside the provider: under 5 hidden, the rest rounded to the nearest 5. */
export function suppressCount(count: number): number | null {
  return count < 5 ? null : Math.round(count / 5) * 5;
}

/**
 * The median of values given as counts of each value (minutes → episodes): the middle one, or halfway between the two
 * middle ones when there is an even number; null when there are none.
 */
export function medianOfCounts(counts: ReadonlyMap<number, number>): number | null {
  const values = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return null;
  // The 0-based positions of the middle value(s) in the sorted list.
  const lower = Math.floor((total - 1) / 2);
  const upper = Math.floor(total / 2);
  let seen = 0;
  let lowerValue: number | null = null;
  for (const [value, n] of values) {
    if (lowerValue === null && lower < seen + n) lowerValue = value;
    if (upper < seen + n) return (lowerValue! + value) / 2;
    seen += n;
  }
  return lowerValue;
}

/** A monthly series of medians from each month's counts of values, with the number of values as its numerator. */
export function medianSeries(periods: readonly string[], countsByPeriod: ReadonlyMap<string, ReadonlyMap<number, number>>): RatePoint[] {
  return periods.map((period) => {
    const counts = countsByPeriod.get(period);
    let numerator = 0;
    for (const n of counts?.values() ?? []) numerator += n;
    return { period, numerator, denominator: null, value: counts ? medianOfCounts(counts) : null };
  });
}
