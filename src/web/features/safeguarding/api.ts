import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import {
  concernSchema, concernSummarySchema, decisionSchema, worklistItemSchema,
  type ConcernInput, type ConcernStatus, type ConcernUpdate, type DecisionNoteInput,
} from '../../../domain/safeguarding.js';
import { get, send } from '../../api/client.js';

export interface ConcernsFilter {
  serviceId?: number;
  status?: ConcernStatus;
  overdue?: 'true';
  limit: number;
  offset: number;
}

export const concernKeys = {
  all: ['safeguarding'] as const,
  list: (filter: ConcernsFilter) => ['safeguarding', 'list', filter] as const,
  worklist: ['safeguarding', 'worklist'] as const,
  one: (id: number) => ['safeguarding', 'one', id] as const,
};

export function useConcerns(filter: ConcernsFilter) {
  return useQuery({
    queryKey: concernKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/safeguarding-concerns', listOf(concernSummarySchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

const worklistSchema = z.object({ asOf: z.string(), items: z.array(worklistItemSchema), total: z.number() });

export function useWorklist(enabled: boolean) {
  return useQuery({
    queryKey: concernKeys.worklist,
    queryFn: ({ signal }) => get('/api/v1/safeguarding/worklist', worklistSchema, undefined, signal),
    enabled,
  });
}

export function useConcern(id: number) {
  return useQuery({
    queryKey: concernKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/safeguarding-concerns/${id}`, concernSchema, undefined, signal),
  });
}

export function useRaiseConcern() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConcernInput) => send('POST', '/api/v1/safeguarding-concerns', body, concernSchema),
    onSuccess: async (concern) => {
      queryClient.setQueryData(concernKeys.one(concern.id), concern);
      await queryClient.invalidateQueries({ queryKey: concernKeys.all });
    },
  });
}

export function useUpdateConcern(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConcernUpdate) => send('PATCH', `/api/v1/safeguarding-concerns/${id}`, body, concernSchema),
    onSuccess: async (concern) => {
      queryClient.setQueryData(concernKeys.one(concern.id), concern);
      await queryClient.invalidateQueries({ queryKey: concernKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

export function useAddDecisionNote(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionNoteInput) => send('POST', `/api/v1/safeguarding-concerns/${id}/decisions`, body, decisionSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: concernKeys.one(id) }),
  });
}
