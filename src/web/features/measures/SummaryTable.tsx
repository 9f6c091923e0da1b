import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/DataTable.js';
import { formatMonth, formatValue, isRateSeries, notChartedReason } from '../../components/charts/format.js';
import { Sparkline, sparklineLabel } from '../../components/charts/Sparkline.js';
import { AssuranceIcon, VariationIcon } from '../../components/charts/SpcIcons.js';
import type { Measure, MeasureSeries } from '../../components/charts/types.js';
import { countsBeside } from './countsText.js';

interface Row {
  measure: Measure;
  series: MeasureSeries | undefined;
}

interface SummaryTableProps {
  measures: readonly Measure[];
  /** Each measure's series, by measure key; absent while loading or when loading failed. */
  seriesByKey: ReadonlyMap<string, MeasureSeries>;
  isError: boolean;
  caption: string;
  /** The last month of the period (YYYY-MM). */
  to: string;
  /** Where each measure's name links to. */
  linkTo: (measure: Measure) => string;
}

function Pending({ isError }: { isError: boolean }) {
  if (isError) return <span className="cell-note">Could not be loaded</span>;
  return <span className="cell-note">Loading…</span>;
}

function LatestCell({ measure, series }: { measure: Measure; series: MeasureSeries }) {
  const last = series.points[series.points.length - 1];
  if (!last) return <>—</>;
  const isRate = isRateSeries(series);
  const counts = countsBeside(measure.key, last);
  if (last.value === null) {
    const why = series.isSuppressed && last.numerator === null ? 'hidden: fewer than 5' : 'no value this month';
    return <>* <span className="cell-note">({counts ? `${counts}; ` : ''}{why})</span></>;
  }
  return (
    <>
      <span className="mdc-summary__value">{formatValue(last.value, isRate)}</span>
      {counts && <> <span className="mdc-summary__counts">({counts})</span></>}
      <span className="cell-note">{measure.unit}</span>
    </>
  );
}

function VariationCell({ series }: { series: MeasureSeries }) {
  if (!series.spc) return <span className="cell-note">{notChartedReason(series)}</span>;
  if (!series.spc.limitsShown || !series.spc.variationIcon) return <span className="cell-note">Fewer than 13 months: limits not shown</span>;
  return <VariationIcon icon={series.spc.variationIcon} isLabelShown />;
}

function AssuranceCell({ series }: { series: MeasureSeries }) {
  if (!series.spc?.assuranceIcon) {
    return <span className="cell-note">{series.target === null || series.measure.improvement === 'neither' ? 'No target' : 'Target set; limits not shown'}</span>;
  }
  return <AssuranceIcon icon={series.spc.assuranceIcon} isLabelShown />;
}

/** The Making Data Count summary: each measure's latest value, variation and assurance icons and a sparkline. */
export function SummaryTable({ measures, seriesByKey, isError, caption, to, linkTo }: SummaryTableProps) {
  const rows: Row[] = measures.map((measure) => ({ measure, series: seriesByKey.get(measure.key) }));
  const withData = (render: (series: MeasureSeries, measure: Measure) => ReactNode) => (row: Row) =>
    row.series ? render(row.series, row.measure) : <Pending isError={isError} />;
  const columns: Column<Row>[] = [
    { header: 'Measure', isRowHeader: true, cell: (r) => <Link to={linkTo(r.measure)}>{r.measure.name}</Link> },
    { header: `Latest (${formatMonth(to)})`, cell: withData((s, m) => <LatestCell measure={m} series={s} />) },
    { header: 'Variation', cell: withData((s) => <VariationCell series={s} />) },
    { header: 'Assurance', cell: withData((s) => <AssuranceCell series={s} />) },
    {
      header: 'Trend',
      cell: withData((s) => {
        const values = s.points.map((p) => p.value);
        if (values.every((v) => v === null)) return <span className="cell-note">No months to show</span>;
        const lastSpc = s.spc?.limitsShown ? s.spc.points[s.spc.points.length - 1] : undefined;
        return (
          <Sparkline
            values={values} mean={s.spc?.points[s.spc.points.length - 1]?.mean ?? null}
            lastClassification={lastSpc?.classification} label={sparklineLabel(values, isRateSeries(s) ? 1 : 0)}
          />
        );
      }),
    },
  ];
  return (
    <div className="mdc-summary">
      <p className="mdc-summary__hint">Scroll the table sideways to see the variation, assurance and trend of each measure.</p>
      <DataTable caption={caption} isCaptionHidden columns={columns} rows={rows} rowKey={(r) => r.measure.key} phoneLayout="scroll" emptyMessage="There are no measures." />
    </div>
  );
}
