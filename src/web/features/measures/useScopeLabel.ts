import { useQuery } from '@tanstack/react-query';
import { personSchema } from '../../../domain/organisation.js';
import { get } from '../../api/client.js';
import { useSession } from '../auth/session.js';
import { useRegions } from '../organisation/api.js';
import { peopleKeys } from '../people/api.js';
import { organisationLabel, type Scope } from './scope.js';

/** A name for whose figures these are: "Whole organisation", a region, a service or a person. */
export function useScopeLabel(scope: Scope): string {
  const { me, can } = useSession();
  const regions = useRegions(scope.type === 'region' && can('readRegions'));
  const personId = scope.type === 'person' ? scope.id : 0;
  const person = useQuery({
    queryKey: peopleKeys.one(personId),
    queryFn: ({ signal }) => get(`/api/v1/people/${personId}`, personSchema, undefined, signal),
    enabled: personId > 0 && can('readPeople'),
    retry: false,
  });
  switch (scope.type) {
    case 'organisation':
      return organisationLabel(me);
    case 'service':
      return me.services.find((s) => s.id === scope.id)?.name ?? `Service ${scope.id}`;
    case 'region':
      return regions.data?.find((r) => r.id === scope.id)?.name ?? `Region ${scope.id}`;
    case 'person':
      return person.data?.displayName ?? 'This person';
  }
}

/** The regions this user may choose (only those who see the whole organisation). */
export function useRegionChoices() {
  const { me, can } = useSession();
  return useRegions(me.allServices && can('readRegions')).data ?? [];
}
