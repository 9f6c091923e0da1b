import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { patternListSchema, patternRunSchema, patternSchema, type PatternKindName } from '../../../domain/patterns.js';
import { get, send } from '../../api/client.js';

export interface PatternFilter {
  /** organisation, region:{id}, service:{id}, person:{id} or staff:{id}. */
  scope: string;
  kind?: PatternKindName;
  includeDismissed?: boolean;
  limit?: number;
}

export const patternKeys = {
  all: ['patterns'] as const,
  list: (filter: PatternFilter) => ['patterns', 'list', filter] as const,
  one: (id: number) => ['patterns', 'one', id] as const,
  run: ['patterns', 'run'] as const,
};

/** Findings for a scope, strongest first (the server leaves out what the reader may not see). */
export function usePatterns(filter: PatternFilter) {
  return useQuery({
    queryKey: patternKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/patterns', patternListSchema, {
      scope: filter.scope, kind: filter.kind, includeDismissed: filter.includeDismissed ? 'true' : undefined, limit: filter.limit,
    }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePattern(id: number) {
  return useQuery({
    queryKey: patternKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/patterns/${id}`, patternSchema, undefined, signal),
    retry: false,
  });
}

const latestRunSchema = z.object({ run: patternRunSchema.nullable() });

/** The latest run; asked again every `pollMs` while `isPolling` (a run is going, or one was asked for). */
export function useLatestPatternRun(isPolling: boolean, pollMs = 1000) {
  return useQuery({
    queryKey: patternKeys.run,
    queryFn: ({ signal }) => get('/api/v1/patterns/runs/latest', latestRunSchema, undefined, signal),
    refetchInterval: (query) => (isPolling || query.state.data?.run?.status === 'running' ? pollMs : false),
  });
}

/** Ask for a full recompute; it runs in the background. */
export function useStartPatternRun() {
  return useMutation({
    mutationFn: () => send('POST', '/api/v1/patterns/runs', {}, z.object({ status: z.literal('scheduled') })),
  });
}

export function useDismissPattern(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) => send('POST', `/api/v1/patterns/${id}/dismiss`, body, patternSchema),
    onSuccess: async (pattern) => {
      queryClient.setQueryData(patternKeys.one(id), pattern);
      await queryClient.invalidateQueries({ queryKey: patternKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

/** After a run finishes, every list may have changed. */
export function useRefreshPatterns() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: patternKeys.all, predicate: (q) => q.queryKey[1] !== 'run' });
}
