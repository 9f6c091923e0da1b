import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import { incidentSchema, type Incident, type IncidentInput } from '../../../domain/incidents.js';
import { personSchema, staffSchema } from '../../../domain/organisation.js';
import { get, send } from '../../api/client.js';

export const incidentListItem = z.object({
  id: z.number(),
  ref: z.string().nullable(),
  serviceId: z.number(),
  serviceName: z.string(),
  occurredAt: z.string(),
  location: z.string(),
  harmPhysical: z.string(),
  harmPsychological: z.string(),
  status: z.string(),
  interventionCount: z.number(),
  people: z.array(z.object({ id: z.number(), displayName: z.string() })),
});
export type IncidentListItem = z.infer<typeof incidentListItem>;

export interface IncidentsFilter {
  serviceId?: number;
  personId?: number;
  status?: string;
  hasIntervention?: boolean;
  reportedByMe?: boolean;
  limit: number;
  offset: number;
}

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (filter: IncidentsFilter) => ['incidents', 'list', filter] as const,
  one: (id: number) => ['incidents', 'one', id] as const,
};

/** Incidents in the user's services, newest first (the server audits each listing); only when `enabled`. */
export function useIncidents(filter: IncidentsFilter, enabled = true) {
  return useQuery({
    queryKey: incidentKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/incidents', listOf(incidentListItem), { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One incident with its episodes and history; only when `enabled`. */
export function useIncident(id: number, enabled = true) {
  return useQuery({
    queryKey: incidentKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/incidents/${id}`, incidentSchema, undefined, signal),
    enabled,
  });
}

/** The people supported and the active staff of one service, for the form's checkboxes. */
export function useServicePeople(serviceId: number | undefined) {
  return useQuery({
    queryKey: ['people', 'list', { serviceId, limit: 500, offset: 0, forIncident: true }],
    queryFn: ({ signal }) => get('/api/v1/people', listOf(personSchema), { serviceId, limit: 500, offset: 0 }, signal),
    enabled: serviceId !== undefined,
    staleTime: 5 * 60_000,
  });
}

export function useServiceStaff(serviceId: number | undefined) {
  return useQuery({
    queryKey: ['staff', 'list', { serviceId, limit: 500, offset: 0, forIncident: true }],
    queryFn: ({ signal }) => get('/api/v1/staff', listOf(staffSchema), { serviceId, limit: 500, offset: 0 }, signal),
    enabled: serviceId !== undefined,
    staleTime: 5 * 60_000,
  });
}

/**
 * Who can be named as staff in a record: the service's active staff ("Name, job title"), and anyone already on the
 * record (who may since have left or moved), in order of name.
 */
export function staffChoices(
  serviceStaff: readonly { id: number; name: string; jobTitle: string; active: boolean }[], onRecord: readonly { id: number; name: string }[] = [],
): { value: number; label: string }[] {
  const choices = new Map(onRecord.map((s) => [s.id, s.name]));
  for (const s of serviceStaff) if (s.active || choices.has(s.id)) choices.set(s.id, `${s.name}, ${s.jobTitle}`);
  return [...choices].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** `staffChoices` for correcting an incident at a service. */
export function useStaffChoices(serviceId: number, onRecord: readonly { id: number; name: string }[]) {
  const staff = useServiceStaff(serviceId);
  return useMemo(() => staffChoices(staff.data?.items ?? [], onRecord), [staff.data, onRecord]);
}

function useIncidentChange<TBody>(path: (id: number) => string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => send('POST', path(id), body, incidentSchema),
    onSuccess: async (incident: Incident) => {
      queryClient.setQueryData(incidentKeys.one(incident.id), incident);
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useRecordIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncidentInput) => send('POST', '/api/v1/incidents', body, incidentSchema),
    onSuccess: async (incident) => {
      queryClient.setQueryData(incidentKeys.one(incident.id), incident);
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export interface ReviewBody { decision: 'reviewed' | 'correction_requested'; comment: string }
export interface CorrectionBody { reason: string; changes: Record<string, unknown> }

export const useReviewIncident = (id: number) => useIncidentChange<ReviewBody>((i) => `/api/v1/incidents/${i}/review`, id);
export const useCorrectIncident = (id: number) => useIncidentChange<CorrectionBody>((i) => `/api/v1/incidents/${i}/corrections`, id);
export const useAddAddendum = (id: number) => useIncidentChange<{ text: string }>((i) => `/api/v1/incidents/${i}/addenda`, id);
