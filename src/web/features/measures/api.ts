import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { measureSchema } from '../../../domain/measures.js';
import { spcResponse } from '../../../domain/spc.js';
import { get, send } from '../../api/client.js';
import { measureSeriesSchema } from '../../components/charts/types.js';
import type { Measure } from '../../components/charts/types.js';

const measureList = z.object({ items: z.array(measureSchema) });

export interface SeriesQuery {
  scope: string;
  from: string;
  to: string;
}

export const measureKeys = {
  list: ['measures', 'list'] as const,
  series: (key: string, q: SeriesQuery) => ['measures', 'series', key, q] as const,
  recalculated: (key: string, q: SeriesQuery, recalculateAt: readonly number[], target: number | undefined) => ['measures', 'recalculated', key, q, recalculateAt, target ?? null] as const,
};

/** The measures catalogue: names, definitions, units and improvement direction. */
export function useMeasures() {
  return useQuery({
    queryKey: measureKeys.list,
    queryFn: ({ signal }) => get('/api/v1/measures', measureList, undefined, signal),
    select: (data) => data.items,
    staleTime: 60 * 60_000,
  });
}

const seriesQueryOptions = (key: string, q: SeriesQuery) => ({
  queryKey: measureKeys.series(key, q),
  queryFn: ({ signal }: { signal: AbortSignal }) => get(`/api/v1/measures/${encodeURIComponent(key)}/series`, measureSeriesSchema, { ...q }, signal),
  staleTime: 5 * 60_000,
});

/** One measure by month for a scope, with its SPC chart. */
export function useMeasureSeries(key: string, q: SeriesQuery) {
  return useQuery({ ...seriesQueryOptions(key, q), placeholderData: keepPreviousData });
}

const dashboardSchema = z.object({ scope: z.string(), items: z.array(measureSeriesSchema) });

/** Every measure's series for the same scope and period, in one request (the dashboard's rows). */
export function useDashboard(q: SeriesQuery) {
  return useQuery({
    queryKey: ['measures', 'dashboard', q] as const,
    queryFn: ({ signal }) => get('/api/v1/dashboards', dashboardSchema, { ...q }, signal),
    select: (data) => new Map(data.items.map((s) => [s.measure.key, s])),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * The chart again with the limits recalculated from the given points and/or a target (POST /api/v1/analytics/spc).
 * Only for series whose every month has a value.
 */
export function useRecalculatedSpc(
  key: string, q: SeriesQuery, values: readonly number[] | null, improvement: Measure['improvement'] | undefined,
  recalculateAt: readonly number[], target: number | undefined,
) {
  return useQuery({
    queryKey: measureKeys.recalculated(key, q, recalculateAt, target),
    queryFn: () => send('POST', '/api/v1/analytics/spc', {
      values, improvement, ...(recalculateAt.length ? { recalculateAt } : {}), ...(target === undefined ? {} : { target }),
    }, spcResponse),
    enabled: values !== null && improvement !== undefined && (recalculateAt.length > 0 || target !== undefined),
    staleTime: Infinity,
  });
}
