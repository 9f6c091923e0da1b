import { Link, useSearchParams } from 'react-router';
import { legalStatusLabels } from '../../../domain/codes.js';
import type { Person } from '../../../domain/organisation.js';
import { DataTable } from '../../components/DataTable.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { DateText } from '../../components/DateText.js';
import { FilterCheckbox, FilterForm, FilterSearch, FilterSelect } from '../../components/FilterForm.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { usePeople } from './api.js';

const PAGE_SIZE = 25;

function PeopleFilters() {
  const { me } = useSession();
  const [params] = useSearchParams();
  return (
    <FilterForm label="Filter people">
      <FilterSearch name="q" label="Name or reference" value={params.get('q')} />
      {me.services.length > 1 && (
        <FilterSelect
          name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services"
          options={me.services.map((s) => ({ value: s.id, label: s.name }))}
        />
      )}
      <FilterCheckbox name="includeEnded" label="Include people no longer supported" isChecked={params.get('includeEnded') === 'true'} />
    </FilterForm>
  );
}

const columns = [
  {
    header: 'Name',
    isRowHeader: true,
    cell: (p: Person) => (
      <>
        <Link to={`/people/${p.id}`}>{p.displayName}</Link>
        {p.endDate && <span className="tag tag--grey">Ended</span>}
      </>
    ),
  },
  { header: 'Reference', cell: (p: Person) => p.ref },
  { header: 'Service', cell: (p: Person) => p.serviceName },
  { header: 'Supported since', cell: (p: Person) => <DateText value={p.startDate} /> },
  { header: 'Legal status', cell: (p: Person) => legalStatusLabels[p.legalStatus] },
];

/** People supported in the user's services: search by name or reference, filter by service. */
export function PeopleList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const filter = {
    q: params.get('q') ?? undefined,
    serviceId: Number(params.get('serviceId')) || undefined,
    includeEnded: params.get('includeEnded') === 'true' || undefined,
  };
  const people = usePeople({ ...filter, limit, offset });
  return (
    <>
      <PeopleFilters />
      <QueryResult query={people} loadingLabel="Loading people…">
        {(data) => (
          <>
            <DataTable
              caption="People supported" isCaptionHidden columns={columns} rows={data.items} rowKey={(p) => p.id}
              emptyMessage="No people match. Try a different name, reference or service."
            />
            <Pagination total={data.total} limit={limit} offset={offset} noun="people" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/people" filter={filter} what="people supported" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
