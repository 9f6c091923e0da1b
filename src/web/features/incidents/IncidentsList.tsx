import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterCheckbox, FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { formatNumber } from '../../components/formatDate.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useIncidents, type IncidentListItem } from './api.js';
import { harmSummary, statusLabels, statusTagClass } from './labels.js';
import './incidents.css';

const PAGE_SIZE = 25;
const statusOptions = Object.entries(statusLabels).map(([value, label]) => ({ value, label }));

function IncidentFilters() {
  const { me } = useSession();
  const [params] = useSearchParams();
  return (
    <FilterForm label="Filter incidents">
      {me.services.length > 1 && (
        <FilterSelect
          name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services"
          options={me.services.map((s) => ({ value: s.id, label: s.name }))}
        />
      )}
      <FilterSelect name="status" label="Review" value={params.get('status')} anyLabel="Any" options={statusOptions} />
      <FilterCheckbox name="hasIntervention" label="Only incidents with a restrictive intervention" isChecked={params.get('hasIntervention') === 'true'} />
      <FilterCheckbox name="reportedByMe" label="Only incidents I reported" isChecked={params.get('reportedByMe') === 'true'} />
    </FilterForm>
  );
}

export function StatusTag({ status }: { status: string }) {
  return <span className={statusTagClass[status] ?? 'tag tag--grey'}>{statusLabels[status] ?? status}</span>;
}

const harmText = (i: IncidentListItem): string => harmSummary(i.harmPhysical, i.harmPsychological);

const columns = [
  {
    header: 'When',
    isRowHeader: true,
    cell: (i: IncidentListItem) => (
      <Link to={`/incidents/${i.id}`}>
        <DateText value={i.occurredAt} withTime />
        <span className="visually-hidden">{i.ref ? `, incident ${i.ref}` : `, incident ${i.id}`}</span>
      </Link>
    ),
  },
  { header: 'People', cell: (i: IncidentListItem) => (i.people.length ? i.people.map((p) => p.displayName).join(', ') : 'No one named') },
  { header: 'Service', cell: (i: IncidentListItem) => i.serviceName },
  { header: 'Harm', cell: harmText },
  { header: 'Restrictive interventions', isNumeric: true, cell: (i: IncidentListItem) => formatNumber(i.interventionCount) },
  { header: 'Review', cell: (i: IncidentListItem) => <StatusTag status={i.status} /> },
];

/** Incidents in the user's services, newest first, with filters that live in the address. */
export function IncidentsList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const status = params.get('status');
  const filter = {
    serviceId: Number(params.get('serviceId')) || undefined,
    status: status && status in statusLabels ? status : undefined,
    hasIntervention: params.get('hasIntervention') === 'true' || undefined,
    reportedByMe: params.get('reportedByMe') === 'true' || undefined,
  };
  const incidents = useIncidents({ ...filter, limit, offset });
  return (
    <>
      <IncidentFilters />
      <QueryResult query={incidents} loadingLabel="Loading incidents…">
        {(data) => (
          <>
            <DataTable
              caption="Incidents" isCaptionHidden columns={columns} rows={data.items} rowKey={(i) => i.id}
              emptyMessage="No incidents match. Try other filters."
            />
            <Pagination total={data.total} limit={limit} offset={offset} noun="incidents" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/incidents" filter={filter} what="incidents" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
