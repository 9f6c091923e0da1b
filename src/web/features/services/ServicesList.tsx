import { Link, useSearchParams } from 'react-router';
import { serviceTypeLabels } from '../../../domain/codes.js';
import { DataTable } from '../../components/DataTable.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterForm, FilterSearch, FilterSelect } from '../../components/FilterForm.js';
import { formatNumber } from '../../components/formatDate.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useRegions } from '../organisation/api.js';
import { useServices, type ServiceView } from './api.js';

const PAGE_SIZE = 25;

function ServiceFilters() {
  const { can } = useSession();
  const [params] = useSearchParams();
  const regions = useRegions(can('readRegions'));
  return (
    <FilterForm label="Filter services">
      <FilterSearch name="q" label="Service name" value={params.get('q')} />
      {regions.data && (
        <FilterSelect
          name="regionId" label="Region" value={params.get('regionId')} anyLabel="All regions"
          options={regions.data.map((r) => ({ value: r.id, label: r.name }))}
        />
      )}
    </FilterForm>
  );
}

const columns = [
  { header: 'Service', isRowHeader: true, cell: (s: ServiceView) => <Link to={`/services/${s.id}`}>{s.name}</Link> },
  { header: 'Type', cell: (s: ServiceView) => serviceTypeLabels[s.type] },
  { header: 'Region', cell: (s: ServiceView) => s.regionName },
  { header: 'Places', isNumeric: true, cell: (s: ServiceView) => formatNumber(s.capacity) },
];

/** The services in the user's scope, searchable by name and region. */
export function ServicesList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const regionId = Number(params.get('regionId')) || undefined;
  const filter = { q: params.get('q') ?? undefined, regionId };
  const services = useServices({ ...filter, limit, offset });
  return (
    <>
      <ServiceFilters />
      <QueryResult query={services} loadingLabel="Loading services…">
        {(data) => (
          <>
            <DataTable
              caption="Services" isCaptionHidden columns={columns} rows={data.items} rowKey={(s) => s.id}
              emptyMessage="No services match. Try a different name or region."
            />
            <Pagination total={data.total} limit={limit} offset={offset} noun="services" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/services" filter={filter} what="services" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
