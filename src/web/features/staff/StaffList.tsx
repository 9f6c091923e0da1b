import { Link, useSearchParams } from 'react-router';
import { employmentTypeLabels } from '../../../domain/codes.js';
import type { Staff } from '../../../domain/organisation.js';
import { DataTable } from '../../components/DataTable.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterForm, FilterSearch, FilterSelect } from '../../components/FilterForm.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useStaffList } from './api.js';

const PAGE_SIZE = 25;

function StaffFilters() {
  const { me } = useSession();
  const [params] = useSearchParams();
  return (
    <FilterForm label="Filter staff">
      <FilterSearch name="q" label="Name" value={params.get('q')} />
      {me.services.length > 1 && (
        <FilterSelect
          name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services"
          options={me.services.map((s) => ({ value: s.id, label: s.name }))}
        />
      )}
    </FilterForm>
  );
}

const columns = [
  {
    header: 'Name',
    isRowHeader: true,
    cell: (s: Staff) => (
      <>
        <Link to={`/staff/${s.id}`}>{s.name}</Link>
        {!s.active && <span className="tag tag--grey">Left</span>}
      </>
    ),
  },
  { header: 'Job title', cell: (s: Staff) => s.jobTitle },
  { header: 'Employment', cell: (s: Staff) => employmentTypeLabels[s.employmentType] },
  { header: 'Services', cell: (s: Staff) => s.services.map((x) => x.name).join(', ') },
];

/** Staff in the user's services, searchable by name and filterable by service. */
export function StaffList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const filter = { q: params.get('q') ?? undefined, serviceId: Number(params.get('serviceId')) || undefined };
  const staff = useStaffList({ ...filter, limit, offset });
  return (
    <>
      <StaffFilters />
      <QueryResult query={staff} loadingLabel="Loading staff…">
        {(data) => (
          <>
            <DataTable
              caption="Staff" isCaptionHidden columns={columns} rows={data.items} rowKey={(s) => s.id}
              emptyMessage="No staff match. Try a different name or service."
            />
            <Pagination total={data.total} limit={limit} offset={offset} noun="staff" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/staff" filter={filter} what="staff" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
