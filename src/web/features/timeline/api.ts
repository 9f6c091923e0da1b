import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { linkSchema, recordLinksSchema, type LinkInput } from '../../../domain/links.js';
import { searchResultsSchema, timelinePageSchema, type RecordRef } from '../../../domain/timeline.js';
import { get, send, sendNoContent } from '../../api/client.js';
import type { SearchFilter, TimelineFilter } from './filters.js';

export const timelineKeys = {
  all: ['timeline'] as const,
  pages: (path: string, filter: TimelineFilter) => ['timeline', 'pages', path, filter] as const,
  search: (filter: SearchFilter, limit: number) => ['timeline', 'search', filter, limit] as const,
  links: (ref: RecordRef) => ['timeline', 'links', ref.source, ref.id] as const,
};

/** How many items a timeline shows at first, and how many more "Show older" adds. */
export const TIMELINE_PAGE_SIZE = 25;

/**
 * A person's timeline (`/api/v1/people/:id/timeline`) or a service's log (`/api/v1/services/:id/log`), newest first,
 * a page at a time along the API's cursor. The server audits each page read.
 */
export function useTimeline(path: string, filter: TimelineFilter) {
  return useInfiniteQuery({
    queryKey: timelineKeys.pages(path, filter),
    queryFn: ({ pageParam, signal }) => get(path, timelinePageSchema, { ...filter, limit: TIMELINE_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The newest records matching a search, up to `limit`; nothing is asked until there are words to look for. */
export function useSearch(filter: SearchFilter, limit: number) {
  return useQuery({
    queryKey: timelineKeys.search(filter, limit),
    queryFn: ({ signal }) => get('/api/v1/search', searchResultsSchema, { ...filter, limit }, signal),
    enabled: Boolean(filter.q),
    placeholderData: keepPreviousData,
  });
}

/** The links of one record that the user may follow. */
export function useRecordLinks(ref: RecordRef) {
  return useQuery({
    queryKey: timelineKeys.links(ref),
    queryFn: ({ signal }) => get('/api/v1/links', recordLinksSchema, { source: ref.source, id: ref.id }, signal),
  });
}

// A link shows on both records and on every timeline holding either, so all of them are asked for again.
function useLinkChange<TVariables, TResult>(change: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}

/** Link two records (this incident raised that concern). */
export const useLinkRecords = () => useLinkChange((body: LinkInput) => send('POST', '/api/v1/links', body, linkSchema));

/** Remove a link between two records. */
export const useRemoveLink = () => useLinkChange((linkId: number) => sendNoContent('DELETE', `/api/v1/links/${linkId}`));
