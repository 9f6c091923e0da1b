import { formatCount } from '../../components/charts/format.js';
import type { SeriesPoint } from '../../components/charts/types.js';

// What the numerator and denominator of each rate count, so a rate can be read with its raw counts (DOMAIN.md §4.5),
// and how many episodes a median is the middle of.
const countWords: Record<string, (n: string, d: string) => string> = {
  restrictive_interventions_per_1000_obd: (n, d) => `${n} of ${d} bed days`,
  prone_over_10_min_share: (n, d) => `${n} of ${d} prone restraints`,
  severity_index: (n, d) => `${n} harm points, ${d} incidents`,
  restraint_minutes_median: (n) => `of ${n} episodes`,
  people_restrained_share: (n, d) => `${n} of ${d} people on an average day`,
};

/** "3 of 186 bed days" beside a rate, "of 14 episodes" beside a median; null for a plain count. */
export function countsBeside(measureKey: string, point: Pick<SeriesPoint, 'numerator' | 'denominator'>): string | null {
  if (point.denominator === null && !(measureKey in countWords)) return null;
  const n = formatCount(point.numerator);
  const d = formatCount(point.denominator);
  return (countWords[measureKey] ?? ((a, b) => `${a} ÷ ${b}`))(n, d);
}
