import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import { occupancyMonth, serviceSchema, type ServiceInput } from '../../../domain/organisation.js';
import { get, send } from '../../api/client.js';
import { toIsoDay } from '../../components/formatDate.js';

/** Board members and commissioners get a service's summary fields only; the rest are then absent. */
export const serviceOrSummary = serviceSchema.partial({ ref: true, regionId: true, registrationNumber: true, commissioners: true });
export type ServiceView = z.infer<typeof serviceOrSummary>;

export interface ServiceFilter {
  q?: string;
  regionId?: number;
  limit: number;
  offset: number;
}

export const serviceKeys = {
  all: ['services'] as const,
  list: (filter: ServiceFilter) => ['services', 'list', filter] as const,
  one: (id: number) => ['services', 'one', id] as const,
  occupancy: (id: number, from: string, to: string) => ['services', 'occupancy', id, from, to] as const,
};

export function useServices(filter: ServiceFilter) {
  return useQuery({
    queryKey: serviceKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/services', listOf(serviceOrSummary), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useService(id: number) {
  return useQuery({
    queryKey: serviceKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/services/${id}`, serviceOrSummary, undefined, signal),
  });
}

/** The last twelve months, this one included: from the 1st of the month eleven months ago to today. */
export function lastTwelveMonths(today = new Date()): { from: string; to: string } {
  const start = new Date(today.getFullYear(), today.getMonth() - 11, 1);
  return { from: toIsoDay(start), to: toIsoDay(today) };
}

export function useOccupancy(id: number, range: { from: string; to: string }, isEnabled: boolean) {
  return useQuery({
    queryKey: serviceKeys.occupancy(id, range.from, range.to),
    queryFn: ({ signal }) => get(`/api/v1/services/${id}/occupancy`, z.object({ items: z.array(occupancyMonth) }), range, signal),
    select: (data) => data.items,
    enabled: isEnabled,
  });
}

export function useCreateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceInput) => send('POST', '/api/v1/services', body, serviceSchema),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useUpdateService(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<ServiceInput>) => send('PATCH', `/api/v1/services/${id}`, body, serviceSchema),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useRecordOccupancy(serviceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (day: { date: string; occupiedDays: number }) =>
      send('PUT', '/api/v1/occupancy', { serviceId, days: [day] }, z.object({ serviceId: z.number(), recorded: z.number() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['services', 'occupancy', serviceId] }),
  });
}
