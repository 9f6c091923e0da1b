import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import { complaintSchema, type complaintUpdate, type ComplaintInput } from '../../../domain/complaints.js';
import { get, send } from '../../api/client.js';

export interface ComplaintsFilter {
  kind?: string;
  isOpen?: 'true';
  isOverdue?: 'true';
  limit: number;
  offset: number;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (filter: ComplaintsFilter) => ['complaints', 'list', filter] as const,
  one: (id: number) => ['complaints', 'one', id] as const,
};

export function useComplaints(filter: ComplaintsFilter) {
  return useQuery({
    queryKey: complaintKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/complaints', listOf(complaintSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: number) {
  return useQuery({
    queryKey: complaintKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/complaints/${id}`, complaintSchema, undefined, signal),
  });
}

export function useRecordComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintInput) => send('POST', '/api/v1/complaints', body, complaintSchema),
    onSuccess: async (c) => {
      queryClient.setQueryData(complaintKeys.one(c.id), c);
      await queryClient.invalidateQueries({ queryKey: complaintKeys.all });
    },
  });
}

export function useUpdateComplaint(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof complaintUpdate>) => send('PATCH', `/api/v1/complaints/${id}`, body, complaintSchema),
    onSuccess: async (c) => {
      queryClient.setQueryData(complaintKeys.one(c.id), c);
      await queryClient.invalidateQueries({ queryKey: complaintKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}
