import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { annotationSchema, catalogueItemSchema, type AnnotationInput } from '../../../domain/measures.js';
import { get, send, sendNoContent } from '../../api/client.js';
import { measureSeriesSchema } from '../../components/charts/types.js';

const measureList = z.object({ items: z.array(catalogueItemSchema) });

export interface SeriesQuery {
  scope: string;
  from: string;
  to: string;
}

export const measureKeys = {
  list: ['measures', 'list'] as const,
  series: (key: string, q: SeriesQuery) => ['measures', 'series', key, q] as const,
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

const targetAnswer = z.object({ key: z.string(), scope: z.string(), target: z.number().nullable() });

/** Every measures query (series, dashboards, catalogue) shows targets and annotations, so refresh them all after a change. */
function useRefreshMeasures() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['measures'] });
}

const settingsPath = (key: string, what: string, scope: string) => `/api/v1/measures/${encodeURIComponent(key)}/${what}?${new URLSearchParams({ scope }).toString()}`;

/** Store a measure's target for a scope, or remove it with null (quality leads and admins). */
export function useSetTarget(key: string, scope: string) {
  const refresh = useRefreshMeasures();
  return useMutation({
    mutationFn: (target: number | null) => send('PUT', settingsPath(key, 'target', scope), { target }, targetAnswer),
    onSuccess: refresh,
  });
}

/** Mark a recalculation or an action on a measure's chart for a scope. */
export function useAddAnnotation(key: string, scope: string) {
  const refresh = useRefreshMeasures();
  return useMutation({
    mutationFn: (input: AnnotationInput) => send('POST', settingsPath(key, 'annotations', scope), input, annotationSchema),
    onSuccess: refresh,
  });
}

/** Remove a mark from a measure's chart. */
export function useRemoveAnnotation(key: string) {
  const refresh = useRefreshMeasures();
  return useMutation({
    mutationFn: (id: number) => sendNoContent('DELETE', `/api/v1/measures/${encodeURIComponent(key)}/annotations/${id}`),
    onSuccess: refresh,
  });
}
