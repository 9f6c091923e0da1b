import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listOf } from '../../../domain/common.js';
import { auditEntrySchema } from '../../../domain/organisation.js';
import { get } from '../../api/client.js';

export interface AuditFilter {
  action?: string;
  entityKind?: string;
  entityId?: string;
  actorUserId?: number;
  /** ISO timestamps: from (inclusive) and to (exclusive). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function useAuditTrail(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) => get('/api/v1/audit', listOf(auditEntrySchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}
