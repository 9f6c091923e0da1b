import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { formatMonth } from '../components/charts/format.js';
import { useDashboard, useMeasures } from '../features/measures/api.js';
import { ReadingGuide, SeriesNotes } from '../features/measures/Notes.js';
import { ScopeForm } from '../features/measures/ScopeForm.js';
import { SummaryTable } from '../features/measures/SummaryTable.js';
import { useScopeLabel } from '../features/measures/useScopeLabel.js';
import { parseMonths, parseScope, periodRange, scopeParam } from '../features/measures/scope.js';
import '../features/measures/measures.css';

/** Making Data Count summary of every measure for the organisation, a region, a service or a person. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const scope = parseScope(params.get('scope'));
  const months = parseMonths(params.get('months'));
  const { from, to } = periodRange(months);
  const scopeText = scopeParam(scope);
  const scopeLabel = useScopeLabel(scope);
  const measures = useMeasures();
  const dashboard = useDashboard({ scope: scopeText, from, to });
  const seriesByKey = dashboard.data ?? new Map();
  const period = `${formatMonth(from)} to ${formatMonth(to)}`;
  const measureLink = (key: string) => `/measures/${encodeURIComponent(key)}?${new URLSearchParams({ scope: scopeText, from, to }).toString()}`;

  return (
    <>
      <PageHeader
        title={scope.type === 'person' ? `Dashboard: ${scopeLabel}` : 'Dashboard'}
        documentTitle="Dashboard"
        description="Restrictive practice and harm, month by month, read the Making Data Count way. Choose a measure to see its full chart and figures."
      />
      <ScopeForm
        scope={scope} scopeLabel={scopeLabel} months={months}
        onApply={(next) => setParams(new URLSearchParams({ scope: next.scope, months: String(next.months) }))}
      />
      <h2 className="mdc-heading">{scopeLabel}, {period}</h2>
      <SeriesNotes series={[...seriesByKey.values()]} />
      <QueryResult query={measures} loadingLabel="Loading measures…">
        {(items) => (
          <SummaryTable
            measures={items} seriesByKey={seriesByKey} isError={dashboard.isError} to={to} caption={`Measures for ${scopeLabel}, ${period}`}
            linkTo={(m) => measureLink(m.key)}
          />
        )}
      </QueryResult>
      <ReadingGuide />
    </>
  );
}
