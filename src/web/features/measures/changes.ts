import type { ChartMarker } from '../../components/charts/types.js';

// Changes marked on a chart live in the address for now (?change=2025-06|r|New support model), so they can be shared;
// the server does not store them yet.

export function parseChanges(values: readonly string[]): ChartMarker[] {
  return values.flatMap((value) => {
    const match = /^(\d{4}-(?:0[1-9]|1[0-2]))\|([ra])\|(.{0,80})$/s.exec(value);
    return match ? [{ period: match[1]!, isRecalculation: match[2] === 'r', label: match[3]!.trim() }] : [];
  });
}

export const changeParam = (m: ChartMarker) => `${m.period}|${m.isRecalculation ? 'r' : 'a'}|${m.label.slice(0, 80)}`;

/** Indices at which to recalculate the limits (a new partition cannot start at the first point). */
export function recalculationIndices(periods: readonly string[], markers: readonly ChartMarker[]): number[] {
  const indices = markers.filter((m) => m.isRecalculation).map((m) => periods.indexOf(m.period)).filter((i) => i >= 1);
  return [...new Set(indices)].sort((a, b) => a - b);
}
