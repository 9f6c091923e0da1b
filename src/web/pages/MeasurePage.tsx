import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { LoadError, Loading } from '../components/QueryResult.js';
import { SpcChart } from '../components/charts/SpcChart.js';
import { formatMonth, formatValue, isRateSeries, notChartedReason } from '../components/charts/format.js';
import { AssuranceIcon, VariationIcon } from '../components/charts/SpcIcons.js';
import type { MeasureSeries, Spc } from '../components/charts/types.js';
import { useMeasureSeries, useRecalculatedSpc } from '../features/measures/api.js';
import { changeParam, parseChanges, recalculationIndices } from '../features/measures/changes.js';
import { ChangesForm } from '../features/measures/ChangesForm.js';
import { countsBesideRate } from '../features/measures/countsText.js';
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
  const counts = last && isRate ? countsBesideRate(series.measure.key, last) : null;
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
        <dd>{spc?.assuranceIcon ? <AssuranceIcon icon={spc.assuranceIcon} isLabelShown /> : <span className="cell-note">No target set</span>}</dd>
      </div>
    </dl>
  );
}

/** One measure in full: its definition, SPC chart, the figures behind it and changes marked on it. */
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
  const changeText = params.getAll('change').join('\n');
  const changes = useMemo(() => parseChanges(changeText ? changeText.split('\n') : []), [changeText]);
  const [showTwoSigma, setShowTwoSigma] = useState(false);

  const series = query.data;
  const periods = useMemo(() => series?.points.map((p) => p.period) ?? [], [series]);
  const recalculateAt = useMemo(() => recalculationIndices(periods, changes), [periods, changes]);
  const values = series && series.spc ? series.points.map((p) => p.value!) : null;
  const targetText = params.get('target') ?? '';
  const target = targetText !== '' && Number.isFinite(Number(targetText)) ? Number(targetText) : undefined;
  const recalculated = useRecalculatedSpc(key, { scope: scopeText, from, to }, values, series?.measure.improvement, recalculateAt, target);
  const spc = (recalculateAt.length || target !== undefined) && recalculated.data ? recalculated.data : (series?.spc ?? null);
  const setTarget = (next: number | undefined) => {
    const p = new URLSearchParams(params);
    if (next === undefined) p.delete('target');
    else p.set('target', String(next));
    setParams(p, { replace: true, preventScrollReset: true });
  };

  const setChanges = (next: { period: string; label: string; isRecalculation: boolean }[]) => {
    const p = new URLSearchParams(params);
    p.delete('change');
    next.forEach((c) => p.append('change', changeParam(c)));
    setParams(p, { replace: true, preventScrollReset: true });
  };
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
          const p = new URLSearchParams({ scope: next.scope, from: range.from, to: range.to });
          changes.forEach((c) => p.append('change', changeParam(c)));
          setParams(p);
        }}
      />
      <SeriesNotes series={[series]} />
      <Headline series={series} spc={spc} />
      <h2 className="mdc-heading">Chart</h2>
      {recalculated.isError && <LoadError error={recalculated.error} />}
      <div className="field mdc-options">
        <div className="choice">
          <input className="choice__input" type="checkbox" id="show-two-sigma" checked={showTwoSigma} onChange={(e) => setShowTwoSigma(e.target.checked)} disabled={!spc?.limitsShown} />
          <label className="choice__label" htmlFor="show-two-sigma">Show two-sigma lines</label>
        </div>
      </div>
      <SpcChart series={series} measure={measure} scopeLabel={scopeLabel} spc={spc} markers={changes} showTwoSigma={showTwoSigma} target={target} />
      <TargetForm target={target} unit={measure.unit} onChange={setTarget} isBlocked={!series.spc} />
      <ChangesForm
        periods={periods} changes={changes} onChange={setChanges}
        recalculationBlocked={series.spc ? undefined : 'The limits cannot be recalculated while some months have no value.'}
      />
    </>
  );
}
