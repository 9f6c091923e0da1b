import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { auditEntrySchema } from '../../../domain/organisation.js';
import { DataTable } from '../../components/DataTable.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { DateText } from '../../components/DateText.js';
import { FilterDate, FilterForm, FilterSearch, FilterSelect } from '../../components/FilterForm.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useUsers } from '../users/api.js';
import { useAuditTrail } from './api.js';
import { actionLabel, actionLabels, entityKindLabel, entityKindLabels } from './labels.js';

type AuditEntry = z.infer<typeof auditEntrySchema>;
const PAGE_SIZE = 50;

/** A date from a filter (YYYY-MM-DD, the user's day) as the instant that day starts, or the next day starts. */
function dayStart(value: string | null, addDays = 0): string | undefined {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays).toISOString();
}

function AuditFilters() {
  const [params] = useSearchParams();
  const users = useUsers({ limit: 500, offset: 0 });
  const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
  return (
    <FilterForm label="Filter the audit trail">
      <FilterSelect name="action" label="What was done" value={params.get('action')} anyLabel="Anything" options={toOptions(actionLabels)} />
      <FilterSelect name="entityKind" label="Kind of record" value={params.get('entityKind')} anyLabel="Any record" options={toOptions(entityKindLabels)} />
      <FilterSearch name="entityId" label="Record number" value={params.get('entityId')} />
      <FilterSelect
        name="actorUserId" label="Who did it" value={params.get('actorUserId')} anyLabel="Anyone"
        options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      <FilterDate name="from" label="From" value={params.get('from')} />
      <FilterDate name="to" label="To (including that day)" value={params.get('to')} />
    </FilterForm>
  );
}

const columns = [
  { header: 'When', isRowHeader: true, isNoWrap: true, cell: (e: AuditEntry) => <DateText value={e.at} withTime /> },
  { header: 'Who', cell: (e: AuditEntry) => e.actorName ?? 'System' },
  { header: 'What', isNoWrap: true, cell: (e: AuditEntry) => actionLabel(e.action) },
  { header: 'Record', cell: (e: AuditEntry) => `${entityKindLabel(e.entityKind)}${e.entityId ? ` ${e.entityId}` : ''}` },
  { header: 'Details', cell: (e: AuditEntry) => e.summary ?? '' },
  { header: 'From address', cell: (e: AuditEntry) => e.ip ?? '' },
];

/** Search the audit trail, newest first (administrators). */
export function AuditTrail() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const filter = {
    action: params.get('action') ?? undefined,
    entityKind: params.get('entityKind') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    actorUserId: Number(params.get('actorUserId')) || undefined,
    from: dayStart(params.get('from')),
    to: dayStart(params.get('to'), 1),
  };
  const trail = useAuditTrail({ ...filter, limit, offset });
  return (
    <>
      <AuditFilters />
      <QueryResult query={trail} loadingLabel="Loading the audit trail…">
        {(data) => (
          <>
            <DataTable
              caption="Audit entries, newest first" columns={columns} rows={data.items} rowKey={(e) => e.id}
              emptyMessage="No entries match these filters."
            />
            <Pagination total={data.total} limit={limit} offset={offset} noun="entries" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/audit" filter={filter} what="the audit trail" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
