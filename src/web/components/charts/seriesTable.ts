import { formatMonth } from './format.js';
import { describePoint } from './spcWords.js';
import type { MeasureSeries, Spc } from './types.js';

/** One row of the data behind a chart, as words and numbers (for the table and the CSV). */
export interface SeriesRow {
  period: string;
  month: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  mean: number | null;
  lpl: number | null;
  upl: number | null;
  classification: string;
}

export function seriesRows(series: MeasureSeries, spcOverride?: Spc | null): SeriesRow[] {
  const spc = spcOverride === undefined ? series.spc : spcOverride;
  const hasSpc = spc !== null && spc.points.length === series.points.length;
  return series.points.map((p, i) => {
    const s = hasSpc ? spc.points[i]! : undefined;
    let classification = 'Not charted';
    if (p.value === null) classification = series.isSuppressed && p.numerator === null ? 'Hidden (fewer than 5)' : 'No value';
    else if (s && spc!.limitsShown) classification = describePoint(s);
    else if (s) classification = 'Limits not shown';
    return {
      period: p.period,
      month: formatMonth(p.period),
      numerator: p.numerator,
      denominator: p.denominator,
      value: p.value,
      mean: s ? s.mean : null,
      lpl: s && spc!.limitsShown ? s.lpl : null,
      upl: s && spc!.limitsShown ? s.upl : null,
      classification,
    };
  });
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Plain numbers, full precision to 4 decimals; hidden counts as `*` (the national statistics convention). */
const csvNumber = (value: number | null, hidden = '') => (value === null ? hidden : String(Math.round(value * 10_000) / 10_000));

/** The table behind a chart as CSV (RFC 4180, CRLF line ends), with the measure and unit in the headers. */
export function seriesCsv(series: MeasureSeries, spcOverride?: Spc | null): string {
  const rows = seriesRows(series, spcOverride);
  const hasDenominator = series.points.some((p) => p.denominator !== null);
  const header = ['Month', 'Count', ...(hasDenominator ? ['Denominator'] : []), `Value (${series.measure.unit})`, 'Mean', 'Lower process limit', 'Upper process limit', 'Variation'];
  const lines = rows.map((r) => [
    r.period,
    csvNumber(r.numerator, series.isSuppressed ? '*' : ''),
    ...(hasDenominator ? [csvNumber(r.denominator, series.isSuppressed ? '*' : '')] : []),
    csvNumber(r.value, series.isSuppressed ? '*' : ''),
    csvNumber(r.mean),
    csvNumber(r.lpl),
    csvNumber(r.upl),
    r.classification,
  ]);
  return [header, ...lines].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name such as "lantern-incidents-organisation-2024-12-to-2026-11.csv". */
export function csvFileName(series: MeasureSeries, scopeLabel: string): string {
  const first = series.points[0]?.period ?? '';
  const last = series.points[series.points.length - 1]?.period ?? '';
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `lantern-${slug(series.measure.key)}-${slug(scopeLabel)}-${first}-to-${last}.csv`;
}
