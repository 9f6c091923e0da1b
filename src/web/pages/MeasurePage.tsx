import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { LoadError, Loading } from '../components/QueryResult.js';
import { SpcChart } from '../components/charts/SpcChart.js';
import { formatMonth, formatValue, isRateSeries, notChartedReason } from '../components/charts/format.js';
import { AssuranceIcon, VariationIcon } from '../components/charts/SpcIcons.js';
import type { MeasureSeries, Spc } from '../components/charts/types.js';
import { useAddAnnotation, useMeasureSeries, useRemoveAnnotation, useSetTarget } from '../features/measures/api.js';
import { markersOf } from '../features/measures/changes.js';
import { ChangesForm } from '../features/measures/ChangesForm.js';
import { countsBeside } from '../features/measures/countsText.js';
import { SeriesNotes } from '../features/measures/Notes.js';
import { ScopeForm } from '../features/measures/ScopeForm.js';
import { TargetForm } from '../features/measures/TargetForm.js';
import { useScopeLabel } from '../features/measures/useScopeLabel.js';
import { isMonth, monthsIn, parseScope, periodChoices, periodRange, scopeParam } from '../features/measures/scope.js';
import '../features/measures/measures.css';

const improvementWords = { decrease: 'Lower is better.', increase: 'Higher is better.', neither: 'Neither higher nor lower is better in itself.' } as const;

function Headline({ series, spc }: { series: MeasureSeries; spc: Spc | null }) {
  const last = series.points[series.points.length - 1];
  const isRate = isRateSeries(series);
  const counts = last ? countsBeside(series.measure.key, last) : null;
  return (
    <dl className="mdc-headline">
      <div className="mdc-headline__item">
        <dt>Latest ({last ? formatMonth(last.period) : '—'})</dt>
        <dd>
          <span className="mdc-headline__value">{last ? formatValue(last.value, isRate) : '—'}</span> {series.measure.unit}
          {counts && <span className="cell-note">{counts}</span>}
        </dd>
      </div>
      <div className="mdc-headline__item">
        <dt>Variation</dt>
        <dd>
          {spc?.limitsShown && spc.variationIcon ? <VariationIcon icon={spc.variationIcon} isLabelShown />
            : <span className="cell-note">{spc ? 'Fewer than 13 months: limits not shown' : notChartedReason(series)}</span>}
        </dd>
      </div>
      <div className="mdc-headline__item">
        <dt>Assurance</dt>
        <dd>
          {spc?.assuranceIcon ? <AssuranceIcon icon={spc.assuranceIcon} isLabelShown />
            : <span className="cell-note">{series.target === null || series.measure.improvement === 'neither' ? 'No target set' : 'Target set; fewer than 13 months to judge it'}</span>}
        </dd>
      </div>
    </dl>
  );
}

/** One measure in full: its definition, SPC chart, the figures behind it, its stored target and the changes marked on it. */
export function MeasurePage() {
  const { key = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const scope = parseScope(params.get('scope'));
  const scopeText = scopeParam(scope);
  const fallback = periodRange(24);
  const from = isMonth(params.get('from')) ? params.get('from')! : fallback.from;
  const to = isMonth(params.get('to')) ? params.get('to')! : fallback.to;
  const months = Math.max(1, monthsIn(from, to));
  const scopeLabel = useScopeLabel(scope);
  const query = useMeasureSeries(key, { scope: scopeText, from, to });
  const [showTwoSigma, setShowTwoSigma] = useState(false);
  const setTarget = useSetTarget(key, scopeText);
  const addAnnotation = useAddAnnotation(key, scopeText);
  const removeAnnotation = useRemoveAnnotation(key);

  const series = query.data;
  const periods = useMemo(() => series?.points.map((p) => p.period) ?? [], [series]);
  const markers = useMemo(() => markersOf(series?.annotations ?? []), [series]);
  const spc = series?.spc ?? null;
  const dashboardMonths = (periodChoices as readonly number[]).includes(months) ? months : 24;
  const back = <BackLink to={`/dashboard?${new URLSearchParams({ scope: scopeText, months: String(dashboardMonths) }).toString()}`}>Back to the dashboard</BackLink>;

  if (query.isPending) return <>{back}<DocumentTitle title="Measure" /><Loading label="Loading the chart…" /></>;
  if (query.isError || !series) return <>{back}<DocumentTitle title="Measure" /><LoadError error={query.error} onRetry={() => void query.refetch()} /></>;

  const measure = series.measure;
  return (
    <>
      {back}
      <PageHeader
        caption={`${scopeLabel}, ${formatMonth(from)} to ${formatMonth(to)}`}
        title={measure.name}
        description={<><p className="mdc-definition">{measure.definition}</p><p className="mdc-definition">{improvementWords[measure.improvement]}</p></>}
      />
      <ScopeForm
        scope={scope} scopeLabel={scopeLabel} months={months}
        onApply={(next) => {
          const range = periodRange(next.months);
          setParams(new URLSearchParams({ scope: next.scope, from: range.from, to: range.to }));
        }}
      />
      <SeriesNotes series={[series]} />
      <Headline series={series} spc={spc} />
      <h2 className="mdc-heading">Chart</h2>
      <div className="field mdc-options">
        <div className="choice">
          <input className="choice__input" type="checkbox" id="show-two-sigma" checked={showTwoSigma} onChange={(e) => setShowTwoSigma(e.target.checked)} disabled={!spc?.limitsShown} />
          <label className="choice__label" htmlFor="show-two-sigma">Show two-sigma lines</label>
        </div>
      </div>
      <SpcChart
        series={series} measure={measure} scopeLabel={scopeLabel} spc={spc} markers={markers} showTwoSigma={showTwoSigma}
        target={series.target ?? undefined}
      />
      <TargetForm
        target={series.target} unit={measure.unit} canSet={series.permissions.canSetTarget} hasNoDirection={measure.improvement === 'neither'}
        onSave={(target) => setTarget.mutateAsync(target)} isSaving={setTarget.isPending}
      />
      <ChangesForm
        periods={periods} annotations={series.annotations} canAnnotate={series.permissions.canAnnotate}
        onAdd={(input) => addAnnotation.mutateAsync(input)} onRemove={(id) => removeAnnotation.mutateAsync(id)}
        isSaving={addAnnotation.isPending || removeAnnotation.isPending}
        recalculationBlocked={series.spc ? undefined : 'The limits cannot be recalculated while some months have no value.'}
      />
    </>
  );
}
