import { useSearchParams } from 'react-router';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterSearch, FilterSelect, filterErrors } from '../../components/FilterForm.js';
import { formatNumber } from '../../components/formatDate.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useSearch } from './api.js';
import { searchFilterFrom } from './filters.js';
import { TimelineFilters, useReadableSources } from './Timeline.js';
import { TimelineTable } from './TimelineTable.js';
import './timeline.css';

/** A search answers its newest matches only; the CSV holds every one. */
const SEARCH_LIMIT = 50;
const searchFilterNames = ['q', 'sources', 'serviceId', 'from', 'to'] as const;

/** Search the records of the user's services, with the search in the address so that it survives a reload and Back. */
export function SearchRecords() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const offered = useReadableSources();
  const filter = searchFilterFrom(params, offered);
  const results = useSearch(filter, SEARCH_LIMIT);
  const errors = filterErrors(results.error, searchFilterNames);
  const hasFilterErrors = Object.keys(errors).length > 0;
  return (
    <>
      <TimelineFilters label="Search" submitLabel="Search" offered={offered} errors={errors} focusRequest={results.errorUpdateCount} isOpenOnLoad>
        <FilterSearch
          name="q" label="Words or reference" value={params.get('q')} error={errors.q}
          hint="At least two characters. Every word must be in the record."
        />
        {me.services.length > 1 && (
          <FilterSelect
            name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services" error={errors.serviceId}
            options={me.services.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
      </TimelineFilters>
      {!filter.q ? (
        <p>Enter words or a reference (such as INC-000042), then choose Search.</p>
      ) : hasFilterErrors ? null : (
        <QueryResult query={results} loadingLabel="Searching…">
          {(data) => (
            <>
              {data.items.length > 0 && (
                <p className="pagination__status" aria-live="polite">
                  {data.items.length < SEARCH_LIMIT
                    ? `${formatNumber(data.items.length)} ${data.items.length === 1 ? 'record' : 'records'} found, newest first.`
                    : `Showing the newest ${formatNumber(SEARCH_LIMIT)} records found. Add words or dates to find older ones, or download them all.`}
                </p>
              )}
              <TimelineTable caption="Records found" items={data.items} emptyMessage="Nothing matches. Try other words, fewer words or other dates." />
              {data.items.length > 0 && <CsvDownloadLink path="/api/v1/search" filter={{ ...filter }} what="the records found" />}
            </>
          )}
        </QueryResult>
      )}
    </>
  );
}
