import { z } from 'zod';
import { annotationSchema, measurePermissionsSchema, measureSchema, seriesPointSchema } from '../../../domain/measures.js';
import { spcResponse } from '../../../domain/spc.js';

/** GET /api/v1/measures/{key}/series: a measure by month with its SPC chart (null when any month has no value). */
export const measureSeriesSchema = z.object({
  measure: measureSchema,
  points: z.array(seriesPointSchema),
  spc: spcResponse.nullable(),
  isSuppressed: z.boolean(),
  /** The stored target for this scope; the SPC chart's assurance icon is computed with it. */
  target: z.number().nullable(),
  /** Stored recalculations (the chart's limits restart there) and action markers. */
  annotations: z.array(annotationSchema),
  permissions: measurePermissionsSchema,
});

export type Measure = z.infer<typeof measureSchema>;
export type MeasureSeries = z.infer<typeof measureSeriesSchema>;
export type SeriesPoint = MeasureSeries['points'][number];
export type Spc = z.infer<typeof spcResponse>;
export type SpcPoint = Spc['points'][number];
export type Classification = SpcPoint['classification'];
export type VariationIcon = NonNullable<Spc['variationIcon']>;
export type AssuranceIcon = NonNullable<Spc['assuranceIcon']>;

export type Annotation = MeasureSeries['annotations'][number];

/** A change marked on the chart: an action taken, or a recalculation of the limits from that month. */
export interface ChartMarker {
  /** YYYY-MM */
  period: string;
  label: string;
  isRecalculation: boolean;
}
