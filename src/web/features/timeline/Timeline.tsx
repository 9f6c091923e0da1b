import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { timelineSources, type TimelineSource } from '../../../domain/timeline.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { FilterCheckboxes, FilterDate, FilterForm, filterErrors } from '../../components/FilterForm.js';
import { formatNumber } from '../../components/formatDate.js';
import { LoadError, Loading } from '../../components/QueryResult.js';
import { useSession } from '../auth/session.js';
import { useTimeline } from './api.js';
import { sourcesFrom, timelineFilterFrom } from './filters.js';
import { readCapability, sourceNames } from './labels.js';
import { TimelineTable } from './TimelineTable.js';
import './timeline.css';

/** The sources the user's role reads, in the API's order. */
export function useReadableSources(): TimelineSource[] {
  const { can } = useSession();
  return timelineSources.filter((source) => can(readCapability[source]));
}

interface TimelineFiltersProps {
  label: string;
  submitLabel?: string;
  offered: readonly TimelineSource[];
  errors: Readonly<Record<string, string>>;
  focusRequest: number;
  isOpenOnLoad?: boolean;
  /** Fields shown before the kinds of record and dates (the search box). */
  children?: ReactNode;
}

/** Which kinds of record, and between which dates: the filters shared by timelines, service logs and search. */
export function TimelineFilters({ label, submitLabel, offered, errors, focusRequest, isOpenOnLoad, children }: TimelineFiltersProps) {
  const [params] = useSearchParams();
  return (
    <FilterForm label={label} submitLabel={submitLabel} errors={errors} focusRequest={focusRequest} isOpenOnLoad={isOpenOnLoad}>
      {children}
      <FilterCheckboxes
        name="sources" legend="Kinds of record" checked={sourcesFrom(params, offered)} error={errors.sources}
        options={offered.map((source) => ({ value: source, label: sourceNames[source].many }))}
      />
      <FilterDate name="from" label="From" value={params.get('from')} error={errors.from} />
      <FilterDate name="to" label="To (including that day)" value={params.get('to')} error={errors.to} />
    </FilterForm>
  );
}

const timelineFilterNames = ['sources', 'from', 'to'] as const;

interface RecordTimelineProps {
  /** The API's address for the list: `/api/v1/people/12/timeline` or `/api/v1/services/3/log`. */
  path: string;
  /** What the list is, for the table's caption and the CSV link: "Kai H.’s timeline". */
  what: string;
  filterLabel: string;
  isServiceShown?: boolean;
}

/**
 * A person's timeline or a service's log: filters that live in the address, the newest records first, "Show older"
 * to follow the API's cursor, and a CSV of everything the filters match.
 */
export function RecordTimeline({ path, what, filterLabel, isServiceShown = true }: RecordTimelineProps) {
  const [params] = useSearchParams();
  const offered = useReadableSources();
  const filter = timelineFilterFrom(params, offered);
  const timeline = useTimeline(path, filter);
  const errors = filterErrors(timeline.error, timelineFilterNames);
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const hasFilterErrors = Object.keys(errors).length > 0;
  return (
    <>
      <TimelineFilters label={filterLabel} offered={offered} errors={errors} focusRequest={timeline.errorUpdateCount} />
      {hasFilterErrors ? null : timeline.isPending ? (
        <Loading label="Loading the records…" />
      ) : timeline.isError && !timeline.isFetchNextPageError ? (
        <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : (
        <>
          <TimelineTable caption={what} items={items} isServiceShown={isServiceShown} emptyMessage="Nothing recorded matches these filters." />
          {items.length > 0 && (
            <p className="pagination__status" aria-live="polite">
              {timeline.hasNextPage ? `Showing the newest ${formatNumber(items.length)} records.` : `Showing all ${formatNumber(items.length)} records.`}
            </p>
          )}
          {timeline.isFetchNextPageError && <LoadError error={timeline.error} onRetry={() => void timeline.fetchNextPage()} />}
          {timeline.hasNextPage && (
            <p>
              <button
                type="button" className="button button--secondary" aria-disabled={timeline.isFetchingNextPage || undefined}
                onClick={() => { if (!timeline.isFetchingNextPage) void timeline.fetchNextPage(); }}
              >
                {timeline.isFetchingNextPage ? 'Loading older records…' : 'Show older'}
              </button>
            </p>
          )}
          {items.length > 0 && <CsvDownloadLink path={path} filter={{ ...filter }} what={what} />}
        </>
      )}
    </>
  );
}
