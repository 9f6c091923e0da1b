import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOf } from '../../../domain/common.js';
import { personSchema, type PersonInput } from '../../../domain/organisation.js';
import { get, send } from '../../api/client.js';

export interface PeopleFilter {
  serviceId?: number;
  q?: string;
  includeEnded?: boolean;
  limit: number;
  offset: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (filter: PeopleFilter) => ['people', 'list', filter] as const,
  one: (id: number) => ['people', 'one', id] as const,
};

/** People supported in the user's services (the server audits each listing). */
export function usePeople(filter: PeopleFilter) {
  return useQuery({
    queryKey: peopleKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/people', listOf(personSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One person's record (the server audits each read). */
export function usePerson(id: number) {
  return useQuery({
    queryKey: peopleKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/people/${id}`, personSchema, undefined, signal),
  });
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonInput) => send('POST', '/api/v1/people', body, personSchema),
    onSuccess: async (person) => {
      queryClient.setQueryData(peopleKeys.one(person.id), person);
      await queryClient.invalidateQueries({ queryKey: peopleKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useUpdatePerson(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<PersonInput>) => send('PATCH', `/api/v1/people/${id}`, body, personSchema),
    onSuccess: async (person) => {
      queryClient.setQueryData(peopleKeys.one(id), person);
      await queryClient.invalidateQueries({ queryKey: peopleKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}
