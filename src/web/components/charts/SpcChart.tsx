import { useMemo, useState } from 'react';
import { DataTable, type Column } from '../DataTable.js';
import { EChart } from './EChart.js';
import { formatCount, formatMonth, formatValue, isRateSeries, latestWithValue, notChartedReason } from './format.js';
import { csvFileName, seriesCsv, seriesRows, type SeriesRow } from './seriesTable.js';
import { spcChartOption, type SpcChartSettings } from './spcChartOption.js';
import { classificationLabels, mdcColours, variationLabels } from './spcWords.js';
import type { Classification, Measure, MeasureSeries, Spc } from './types.js';
import './charts.css';

interface SpcChartProps extends Omit<SpcChartSettings, 'isCompact' | 'spc'> {
  series: MeasureSeries;
  measure?: Measure;
  /** Whose figures these are, e.g. "Organisation" or "Poplar Road". */
  scopeLabel: string;
  /** A chart to draw instead of series.spc (e.g. with recalculations). */
  spc?: Spc | null;
}

/** Words for the chart's accessible name: what it shows, the latest value and what the variation says. */
export function chartSummary(series: MeasureSeries, measure: Measure, scopeLabel: string, spc: Spc | null): string {
  const points = series.points;
  if (!points.length) return `${measure.name}, ${scopeLabel}: no months to chart.`;
  const isRate = isRateSeries(series);
  const latest = latestWithValue(points);
  const span = `${points.length} months, ${formatMonth(points[0]!.period)} to ${formatMonth(points[points.length - 1]!.period)}`;
  const latestText = latest ? `Latest value ${formatValue(latest.value, isRate)} ${measure.unit} in ${formatMonth(latest.period)}.` : 'No month has a value that can be shown.';
  let variation = 'Limits not shown.';
  if (spc?.limitsShown && spc.variationIcon) variation = `${variationLabels[spc.variationIcon]}.`;
  else if (spc && !spc.limitsShown) variation = 'Fewer than 13 months: limits not shown.';
  return `SPC chart of ${measure.name}, ${scopeLabel}, ${span}. ${latestText} ${variation} The figures are in the table below the chart.`;
}

function downloadText(text: string, fileName: string) {
  // A byte-order mark so Excel reads the file as UTF-8.
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const keyItems: Classification[] = ['common', 'improvement', 'concern', 'neutral'];

/** An XmR chart (ECharts, SVG) with its key, the table of figures behind it and a CSV download. */
export function SpcChart({ series, measure = series.measure, scopeLabel, spc: spcOverride, showTwoSigma, target, markers }: SpcChartProps) {
  const [width, setWidth] = useState(800);
  const isCompact = width < 560;
  const spc = spcOverride === undefined ? series.spc : spcOverride;
  const option = useMemo(
    () => spcChartOption(series, measure, { spc, showTwoSigma, target, markers, isCompact }),
    [series, measure, spc, showTwoSigma, target, markers, isCompact],
  );
  const isRate = isRateSeries(series);
  const rows = useMemo(() => seriesRows(series, spc), [series, spc]);
  const limitsShown = Boolean(spc?.limitsShown);
  const caption = `${measure.name}, ${scopeLabel}: figures by month`;
  const unitNote = `Values are ${/^(per|%)/.test(measure.unit) ? measure.unit : `in ${measure.unit}`}.`;

  const columns: Column<SeriesRow>[] = [
    { header: 'Month', isRowHeader: true, isNoWrap: true, cell: (r) => r.month },
    { header: 'Count', isNumeric: true, cell: (r) => formatCount(r.numerator) },
    ...(isRate ? [{ header: 'Denominator', isNumeric: true, cell: (r: SeriesRow) => formatCount(r.denominator) }] : []),
    { header: 'Value', isNumeric: true, cell: (r) => formatValue(r.value, isRate) },
    ...(spc ? [{ header: 'Mean', isNumeric: true, cell: (r: SeriesRow) => (r.mean === null ? '' : formatValue(r.mean, true)) }] : []),
    ...(limitsShown
      ? [
        { header: 'Lower limit', isNumeric: true, cell: (r: SeriesRow) => (r.lpl === null ? '' : formatValue(Math.max(0, r.lpl), true)) },
        { header: 'Upper limit', isNumeric: true, cell: (r: SeriesRow) => (r.upl === null ? '' : formatValue(r.upl, true)) },
      ]
      : []),
    { header: 'Variation', cell: (r) => r.classification },
  ];

  return (
    <div className="spc-chart">
      <figure className="spc-chart__figure">
        <EChart className="spc-chart__canvas" option={option} label={chartSummary(series, measure, scopeLabel, spc)} onWidth={setWidth} />
        <figcaption className="spc-chart__key">
          <span className="visually-hidden">Key: </span>
          {limitsShown ? (
            <ul className="spc-key">
              {keyItems.map((c) => (
                <li key={c} className="spc-key__item">
                  <span className="spc-key__dot" style={{ background: mdcColours[c] }} aria-hidden="true" />
                  {c === 'neutral' ? 'Special cause (no direction)' : classificationLabels[c]}
                </li>
              ))}
            </ul>
          ) : (
            <span>{spc ? 'Fewer than 13 months: the mean is shown, but not the process limits or special causes.' : `${notChartedReason(series)}, so there is no mean or process limits.`}</span>
          )}
          {series.isSuppressed && <span className="spc-chart__note">Hidden months (fewer than 5) are gaps in the line.</span>}
        </figcaption>
      </figure>
      <div className="spc-chart__table-actions">
        <p className="spc-chart__unit">{unitNote}{series.isSuppressed ? ' Hidden figures (fewer than 5) are shown as *.' : ''}</p>
        <button type="button" className="button button--secondary" onClick={() => downloadText(seriesCsv(series, spc), csvFileName(series, scopeLabel))}>
          Download CSV<span className="visually-hidden"> of {measure.name}, {scopeLabel}</span>
        </button>
      </div>
      <p className="spc-chart__caption" aria-hidden="true">{caption}</p>
      <DataTable caption={caption} isCaptionHidden columns={columns} rows={rows} rowKey={(r) => r.period} phoneLayout="scroll" emptyMessage="No months to show." />
    </div>
  );
}
