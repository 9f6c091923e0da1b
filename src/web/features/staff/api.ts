import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOf } from '../../../domain/common.js';
import { staffSchema, type StaffInput } from '../../../domain/organisation.js';
import { get, send } from '../../api/client.js';

export interface StaffFilter {
  serviceId?: number;
  q?: string;
  limit: number;
  offset: number;
}

export const staffKeys = {
  all: ['staff'] as const,
  list: (filter: StaffFilter) => ['staff', 'list', filter] as const,
  one: (id: number) => ['staff', 'one', id] as const,
};

export function useStaffList(filter: StaffFilter) {
  return useQuery({
    queryKey: staffKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/staff', listOf(staffSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStaffMember(id: number) {
  return useQuery({
    queryKey: staffKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/staff/${id}`, staffSchema, undefined, signal),
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffInput) => send('POST', '/api/v1/staff', body, staffSchema),
    onSuccess: async (member) => {
      queryClient.setQueryData(staffKeys.one(member.id), member);
      await queryClient.invalidateQueries({ queryKey: staffKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useUpdateStaff(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<StaffInput>) => send('PATCH', `/api/v1/staff/${id}`, body, staffSchema),
    onSuccess: async (member) => {
      queryClient.setQueryData(staffKeys.one(id), member);
      await queryClient.invalidateQueries({ queryKey: staffKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}
