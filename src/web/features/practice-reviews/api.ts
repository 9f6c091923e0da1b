import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import { practiceReviewSchema, type PracticeReviewKind, type practiceReviewInput } from '../../../domain/practice-reviews.js';
import type { Restriction } from '../../../domain/restrictions.js';
import { get, send } from '../../api/client.js';
import { timelineKeys } from '../timeline/api.js';
import { useRestrictions } from '../restrictions/api.js';

export interface PracticeReviewsFilter {
  kind?: PracticeReviewKind;
  serviceId?: number;
  personId?: number;
  incidentId?: number;
  limit: number;
  offset: number;
}

export const practiceReviewKeys = {
  all: ['practice-reviews'] as const,
  list: (filter: PracticeReviewsFilter) => ['practice-reviews', 'list', filter] as const,
  one: (id: number) => ['practice-reviews', 'one', id] as const,
};

/** Reviews in the user's services, newest first (the server audits each listing); only when `enabled`. */
export function usePracticeReviews(filter: PracticeReviewsFilter, enabled = true) {
  return useQuery({
    queryKey: practiceReviewKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/reviews', listOf(practiceReviewSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePracticeReview(id: number) {
  return useQuery({
    queryKey: practiceReviewKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/reviews/${id}`, practiceReviewSchema, undefined, signal),
  });
}

export function useRecordPracticeReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof practiceReviewInput>) => send('POST', '/api/v1/reviews', body, practiceReviewSchema),
    onSuccess: async (review) => {
      queryClient.setQueryData(practiceReviewKeys.one(review.id), review);
      // The review is on the person's timeline and the service's log too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: practiceReviewKeys.all, predicate: (q) => q.queryKey[1] === 'list' }),
        queryClient.invalidateQueries({ queryKey: timelineKeys.all }),
      ]);
    },
  });
}

const REGISTER_LIMIT = 100;

/**
 * The restrictions a review of this person judges: their own at the service, then the blanket ones there, leaving out
 * those that have ended. Undefined until both lists are in (a list kept from another person does not count).
 */
export function useRestrictionsToReview(serviceId: number | undefined, personId: number | undefined): { restrictions: Restriction[] | undefined; isError: boolean; retry: () => void } {
  const isChosen = serviceId !== undefined && personId !== undefined;
  const own = useRestrictions({ serviceId, personId, limit: REGISTER_LIMIT, offset: 0 }, isChosen);
  const blanket = useRestrictions({ serviceId, isBlanket: 'true', limit: REGISTER_LIMIT, offset: 0 }, isChosen);
  const isCurrent = isChosen && !own.isPlaceholderData && !blanket.isPlaceholderData;
  const restrictions = isCurrent && own.data && blanket.data
    ? [...own.data.items, ...blanket.data.items].filter((r) => r.status !== 'ended')
    : undefined;
  return {
    restrictions, isError: own.isError || blanket.isError,
    retry: () => { void own.refetch(); void blanket.refetch(); },
  };
}
