import { Link, useSearchParams } from 'react-router';
import { concernStatuses, timescaleRuleLabels, type ConcernSummary, type WorklistItem } from '../../../domain/safeguarding.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterCheckbox, FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useConcerns, useWorklist } from './api.js';
import { categoryPlain, statusShort, statusTag, timescaleTag } from './labels.js';
import './records.css';

const PAGE_SIZE = 25;

export function ConcernStatusTag({ status }: { status: ConcernSummary['status'] }) {
  return <span className={`${statusTag[status]} rec-tag--first`}>{statusShort[status]}</span>;
}

const columns = [
  {
    header: 'Person',
    isRowHeader: true,
    cell: (c: ConcernSummary) => <Link to={`/safeguarding/${c.id}`}>{c.personName}<span className="visually-hidden">, concern {c.id}</span></Link>,
  },
  { header: 'Raised', isNoWrap: true, cell: (c: ConcernSummary) => <DateText value={c.raisedAt} /> },
  { header: 'Kind', cell: (c: ConcernSummary) => c.categories.map((k) => categoryPlain[k].label).join(', ') },
  { header: 'Service', cell: (c: ConcernSummary) => c.serviceName },
  {
    header: 'Stage',
    cell: (c: ConcernSummary) => (
      <>
        <ConcernStatusTag status={c.status} />
        {c.isOverdue && <span className="tag rec-tag--red">Overdue: {c.overdueRules.map((r) => timescaleRuleLabels[r].toLowerCase()).join(', ')}</span>}
      </>
    ),
  },
];

/** Concerns in the user's services, newest first, with filters in the address. */
export function ConcernsList() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const status = params.get('status');
  const filter = {
    serviceId: Number(params.get('serviceId')) || undefined,
    status: concernStatuses.find((s) => s === status),
    overdue: params.get('overdue') === 'true' ? ('true' as const) : undefined,
  };
  const concerns = useConcerns({ ...filter, limit, offset });
  return (
    <>
      <FilterForm label="Filter concerns">
        {me.services.length > 1 && (
          <FilterSelect
            name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services"
            options={me.services.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <FilterSelect name="status" label="Stage" value={status} anyLabel="Any stage" options={concernStatuses.map((s) => ({ value: s, label: statusShort[s] }))} />
        <FilterCheckbox name="overdue" label="Only concerns with something overdue" isChecked={params.get('overdue') === 'true'} />
      </FilterForm>
      <QueryResult query={concerns} loadingLabel="Loading concerns…">
        {(data) => (
          <>
            <DataTable
              caption="Safeguarding concerns" isCaptionHidden columns={columns} rows={data.items} rowKey={(c) => c.id}
              emptyMessage="No concerns match. Try other filters."
            />
            <Pagination total={data.total} limit={limit} offset={offset} noun="concerns" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/safeguarding-concerns" filter={filter} what="safeguarding concerns" />}
          </>
        )}
      </QueryResult>
    </>
  );
}

/** What safeguarding leads and managers must act on: overdue first, then due soon. */
export function Worklist() {
  const worklist = useWorklist(true);
  return (
    <QueryResult query={worklist} loadingLabel="Loading your worklist…">
      {(data) => {
        const rows = [...data.items].sort((a, b) => (a.state === b.state ? b.minutesOverdue - a.minutesOverdue : a.state === 'overdue' ? -1 : 1));
        return rows.length === 0 ? (
          <p className="empty">Nothing is overdue or due soon.</p>
        ) : (
          <ul className="rec-timescales">
            {rows.map((w: WorklistItem) => (
              <li key={`${w.concernId}-${w.rule}`} className={w.state === 'overdue' ? 'is-overdue' : 'is-soon'}>
                <span className={`${timescaleTag[w.state].className} rec-tag--first`}>{timescaleTag[w.state].text}</span>{' '}
                <Link to={`/safeguarding/${w.concernId}`}>{w.personName}, {w.serviceName}</Link>
                <p className="rec-log__why">{w.summary}</p>
              </li>
            ))}
          </ul>
        );
      }}
    </QueryResult>
  );
}
