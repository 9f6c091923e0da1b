import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import {
  restrictionChallengeSchema, restrictionDetailSchema, restrictionSchema,
  type ChallengeOutcomeInput, type restrictionInput, type restrictionUpdate,
} from '../../../domain/restrictions.js';
import { get, send } from '../../api/client.js';

export interface RestrictionsFilter {
  serviceId?: number;
  /** Only this person's own restrictions (not the blanket ones at their service). */
  personId?: number;
  category?: string;
  status?: string;
  isOverdue?: 'true';
  isBlanket?: 'true' | 'false';
  limit: number;
  offset: number;
}
export interface ChallengesFilter { mine?: 'true'; status?: 'open' | 'closed'; limit: number; offset: number }

const keys = {
  all: ['restrictions'] as const,
  list: (f: RestrictionsFilter) => ['restrictions', 'list', f] as const,
  one: (id: number) => ['restrictions', 'one', id] as const,
  challenges: (f: ChallengesFilter) => ['restrictions', 'challenges', f] as const,
};

/** The register, soonest review first (the server audits each listing); only when `enabled`. */
export function useRestrictions(filter: RestrictionsFilter, enabled = true) {
  return useQuery({
    queryKey: keys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/restrictions', listOf(restrictionSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRestriction(id: number) {
  return useQuery({ queryKey: keys.one(id), queryFn: ({ signal }) => get(`/api/v1/restrictions/${id}`, restrictionDetailSchema, undefined, signal) });
}

export function useChallenges(filter: ChallengesFilter, enabled = true) {
  return useQuery({
    queryKey: keys.challenges(filter),
    queryFn: ({ signal }) => get('/api/v1/restriction-challenges', listOf(restrictionChallengeSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidating<TBody, TOut>(fn: (body: TBody) => Promise<TOut>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }) });
}

export const useAddRestriction = () => useInvalidating((body: z.input<typeof restrictionInput>) => send('POST', '/api/v1/restrictions', body, restrictionSchema));
export const useChallengeRestriction = (id: number) =>
  useInvalidating((body: { text: string }) => send('POST', `/api/v1/restrictions/${id}/challenges`, body, restrictionChallengeSchema));
export const useReportUnwrittenRule = () =>
  useInvalidating((body: { serviceId: number; text: string }) => send('POST', '/api/v1/restriction-challenges', body, restrictionChallengeSchema));
export const useChallengeOutcome = (id: number) =>
  useInvalidating((body: ChallengeOutcomeInput) => send('POST', `/api/v1/restriction-challenges/${id}/outcome`, body, restrictionChallengeSchema));

export function useUpdateRestriction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof restrictionUpdate>) => send('PATCH', `/api/v1/restrictions/${id}`, body, restrictionDetailSchema),
    onSuccess: async (detail) => {
      queryClient.setQueryData(keys.one(id), detail);
      await queryClient.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}
