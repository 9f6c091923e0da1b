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
