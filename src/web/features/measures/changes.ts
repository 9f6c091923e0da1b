import type { Annotation, ChartMarker } from '../../components/charts/types.js';

// Recalculations and action markers are stored on the server per measure and scope (and come back with the series,
// already applied to its SPC chart); these draw them.

/** The chart's vertical lines for the stored annotations. */
export function markersOf(annotations: readonly Annotation[]): ChartMarker[] {
  return annotations.map((a) => ({ period: a.period, label: a.label, isRecalculation: a.kind === 'recalculation' }));
}

export const annotationKindLabels = { recalculation: 'Limits recalculated from here', action: 'Action taken' } as const;
