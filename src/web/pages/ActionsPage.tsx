import { useSearchParams } from 'react-router';
import { actionStatuses, actionStatusLabels } from '../../domain/learning.js';
import { BackLink } from '../components/BackLink.js';
import { CsvDownloadLink } from '../components/CsvDownloadLink.js';
import { FilterCheckbox, FilterForm, FilterSelect } from '../components/FilterForm.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination, usePageParams } from '../components/Pagination.js';
import { QueryResult } from '../components/QueryResult.js';
import { ActionsTable } from '../features/learning/Actions.js';
import { useActions } from '../features/learning/api.js';

export function ActionsPage() {
  const [params] = useSearchParams();
  const overdue = params.get('overdue') === 'true' ? 'true' as const : undefined;
  const status = actionStatuses.find((s) => s === params.get('status'));
  const { limit, offset } = usePageParams(50);
  const filter = { ...(overdue ? { overdue } : {}), ...(status ? { status } : {}) };
  const list = useActions({ ...filter, limit, offset });
  return (
    <>
      <BackLink to="/learning">Learning</BackLink>
      <PageHeader title="Actions" description="Actions from lessons, by due date. Create an action from a lesson’s page." />
      <FilterForm label="Filter actions">
        <FilterSelect name="status" label="Status" value={status ?? null} anyLabel="Any status" options={actionStatuses.map((s) => ({ value: s, label: actionStatusLabels[s] }))} />
        <FilterCheckbox name="overdue" label="Overdue only" isChecked={overdue !== undefined} />
      </FilterForm>
      <QueryResult query={list} loadingLabel="Loading actions…">
        {(page) => (
          <>
            <ActionsTable actions={page.items} caption="Actions, by due date" isCaptionHidden />
            <Pagination total={page.total} limit={limit} offset={offset} noun="actions" />
            {page.total > 0 && <CsvDownloadLink path="/api/v1/actions" filter={filter} what="the actions" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
