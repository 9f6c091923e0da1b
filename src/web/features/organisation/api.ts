import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  commissionerSchema, organisationSchema, regionSchema, type commissionerInput, type organisationUpdate, type regionInput,
} from '../../../domain/organisation.js';
import { get, send } from '../../api/client.js';

const organisationWithFlag = organisationSchema.extend({ isDemo: z.boolean() });
const regionList = z.object({ items: z.array(regionSchema) });
const commissionerList = z.object({ items: z.array(commissionerSchema) });

export const organisationKeys = {
  organisation: ['organisation'] as const,
  regions: ['regions'] as const,
  commissioners: ['commissioners'] as const,
};

export function useOrganisation() {
  return useQuery({
    queryKey: organisationKeys.organisation,
    queryFn: ({ signal }) => get('/api/v1/organisation', organisationWithFlag, undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useRegions(isEnabled = true) {
  return useQuery({
    queryKey: organisationKeys.regions,
    queryFn: ({ signal }) => get('/api/v1/regions', regionList, undefined, signal),
    select: (data) => data.items,
    enabled: isEnabled,
  });
}

export function useCommissioners(isEnabled = true) {
  return useQuery({
    queryKey: organisationKeys.commissioners,
    queryFn: ({ signal }) => get('/api/v1/commissioners', commissionerList, undefined, signal),
    select: (data) => data.items,
    enabled: isEnabled,
  });
}

export function useRenameOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof organisationUpdate>) => send('PATCH', '/api/v1/organisation', body, organisationWithFlag),
    onSuccess: (organisation) => queryClient.setQueryData(organisationKeys.organisation, organisation),
  });
}

export function useAddRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof regionInput>) => send('POST', '/api/v1/regions', body, regionSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.regions }),
  });
}

export function useRenameRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: z.infer<typeof regionInput> & { id: number }) => send('PATCH', `/api/v1/regions/${id}`, body, regionSchema),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organisationKeys.regions });
      await queryClient.invalidateQueries({ queryKey: ['services'] });
    },
  });
}

export function useAddCommissioner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof commissionerInput>) => send('POST', '/api/v1/commissioners', body, commissionerSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.commissioners }),
  });
}
