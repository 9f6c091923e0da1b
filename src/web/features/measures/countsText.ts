import { formatCount } from '../../components/charts/format.js';
import type { SeriesPoint } from '../../components/charts/types.js';

// What the numerator and denominator of each rate count, so a rate can be read with its raw counts (DOMAIN.md §4.5).
const rateWords: Record<string, (n: string, d: string) => string> = {
  restrictive_interventions_per_1000_obd: (n, d) => `${n} of ${d} bed days`,
  prone_over_10_min_share: (n, d) => `${n} of ${d} prone restraints`,
  severity_index: (n, d) => `${n} harm points, ${d} incidents`,
};

/** "3 of 186 bed days" beside a rate; null for a plain count. */
export function countsBesideRate(measureKey: string, point: Pick<SeriesPoint, 'numerator' | 'denominator'>): string | null {
  if (point.denominator === null && !(measureKey in rateWords)) return null;
  const n = formatCount(point.numerator);
  const d = formatCount(point.denominator);
  return (rateWords[measureKey] ?? ((a, b) => `${a} ÷ ${b}`))(n, d);
}
