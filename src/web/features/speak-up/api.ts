import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import {
  followUpResult, ownSpeakUpSchema, speakUpCreated, speakUpDetailSchema, speakUpSummarySchema,
  type FollowUpInput, type SpeakUpInput, type SpeakUpStatus, type SpeakUpUpdate,
} from '../../../domain/speak-up.js';
import { get, send } from '../../api/client.js';

export interface SpeakUpFilter {
  status?: SpeakUpStatus;
  limit: number;
  offset: number;
}

export const speakUpKeys = {
  all: ['speak-up'] as const,
  mine: ['speak-up', 'mine'] as const,
  list: (filter: SpeakUpFilter) => ['speak-up', 'list', filter] as const,
  one: (id: number) => ['speak-up', 'one', id] as const,
};

export function useRaiseSpeakUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SpeakUpInput) => send('POST', '/api/v1/speak-up', body, speakUpCreated),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: speakUpKeys.all }),
  });
}

/** Public: what the holder of a receipt key may read, and add to. */
export function useFollowUp() {
  return useMutation({ mutationFn: (body: FollowUpInput) => send('POST', '/api/v1/speak-up/follow-up', body, followUpResult) });
}

export function useMySpeakUps() {
  return useQuery({
    queryKey: speakUpKeys.mine,
    queryFn: ({ signal }) => get('/api/v1/speak-up/mine', z.object({ items: z.array(ownSpeakUpSchema) }), undefined, signal),
  });
}

export function useSpeakUpCases(filter: SpeakUpFilter) {
  return useQuery({
    queryKey: speakUpKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/speak-up', listOf(speakUpSummarySchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSpeakUpCase(id: number) {
  return useQuery({
    queryKey: speakUpKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/speak-up/${id}`, speakUpDetailSchema, undefined, signal),
  });
}

function useCaseChange<TBody>(id: number, method: 'POST' | 'PATCH', path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => send(method, path, body, speakUpDetailSchema),
    onSuccess: async (detail) => {
      queryClient.setQueryData(speakUpKeys.one(id), detail);
      await queryClient.invalidateQueries({ queryKey: speakUpKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export const useReplyToSpeakUp = (id: number) => useCaseChange<{ message: string }>(id, 'POST', `/api/v1/speak-up/${id}/replies`);
export const useUpdateSpeakUp = (id: number) => useCaseChange<SpeakUpUpdate>(id, 'PATCH', `/api/v1/speak-up/${id}`);
