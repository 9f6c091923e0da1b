import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import { partitionsOf, spcChartOption } from './spcChartOption.js';
import { csvFileName, seriesCsv, seriesRows } from './seriesTable.js';
import { mdcColours } from './spcWords.js';
import type { MeasureSeries, SpcPoint } from './types.js';

const measure = { key: 'incidents', name: 'Incidents', definition: 'Incidents that happened in the month.', unit: 'incidents', improvement: 'decrease' as const };
const periods = Array.from({ length: 15 }, (_, i) => `2025-${String((i % 12) + 1).padStart(2, '0')}`).map((p, i) => (i >= 12 ? p.replace('2025', '2026') : p));

function spcPoint(value: number, over: Partial<SpcPoint> = {}): SpcPoint {
  return { value, mean: 5, upl: 10, lpl: -1, upperTwoSigma: 8.3, lowerTwoSigma: 1.7, classification: 'common', rules: [], ...over };
}

function makeSeries(over: Partial<MeasureSeries> = {}): MeasureSeries {
  const values = [4, 5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 5, 12];
  return {
    measure,
    points: values.map((v, i) => ({ period: periods[i]!, numerator: v, denominator: null, value: v })),
    spc: {
      points: values.map((v, i) => spcPoint(v, i === 14 ? { classification: 'concern', rules: ['single_point'] } : {})),
      limitsShown: true,
      variationIcon: 'concern_high',
      assuranceIcon: null,
    },
    isSuppressed: false,
    target: null,
    annotations: [],
    permissions: { canSetTarget: false, canAnnotate: false },
    ...over,
  };
}

const seriesOf = (option: ReturnType<typeof spcChartOption>) => option.series as LineSeriesOption[];
const named = (option: ReturnType<typeof spcChartOption>, name: string) => seriesOf(option).filter((s) => s.name === name);

describe('spcChartOption', () => {
  it('labels the months the en-GB way and names the y axis with the unit', () => {
    const option = spcChartOption(makeSeries(), measure);
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data[0]).toBe('Jan 2025');
    expect(xAxis.data[14]).toBe('Mar 2026');
    expect((option.yAxis as { name: string }).name).toBe('incidents');
  });

  it('colours each point by its classification, the Making Data Count way', () => {
    const option = spcChartOption(makeSeries(), measure);
    const values = seriesOf(option)[0]!;
    const data = values.data as { value: number; itemStyle: { color: string } }[];
    expect(data[0]!.itemStyle.color).toBe(mdcColours.common);
    expect(data[14]!.itemStyle.color).toBe('#e46c0a');
    expect(data[14]!.value).toBe(12);
  });

  it('draws the mean, dashed process limits (the lower one no lower than zero) and optional two-sigma lines', () => {
    const without = spcChartOption(makeSeries(), measure);
    expect(named(without, 'Mean')).toHaveLength(1);
    const limits = named(without, 'Process limits');
    expect(limits).toHaveLength(2);
    expect(limits.every((l) => (l.lineStyle as { type: string }).type === 'dashed')).toBe(true);
    expect(limits[1]!.data![0]).toBe(0);
    expect(named(without, 'Two-sigma lines')).toHaveLength(0);
    expect(named(spcChartOption(makeSeries(), measure, { showTwoSigma: true }), 'Two-sigma lines')).toHaveLength(2);
  });

  it('shows the mean only, in grey, when there are fewer than 13 points', () => {
    const base = makeSeries();
    const series = { ...base, spc: { ...base.spc!, limitsShown: false, variationIcon: null, points: base.spc!.points.map((p) => ({ ...p, upl: null, lpl: null, classification: 'common' as const, rules: [] })) } };
    const option = spcChartOption(series, measure);
    expect(named(option, 'Mean')).toHaveLength(1);
    expect(named(option, 'Process limits')).toHaveLength(0);
    const data = seriesOf(option)[0]!.data as { itemStyle: { color: string } }[];
    expect(new Set(data.map((d) => d.itemStyle.color))).toEqual(new Set([mdcColours.common]));
  });

  it('leaves a gap for hidden months and draws no SPC lines without a chart', () => {
    const base = makeSeries();
    const points = base.points.map((p, i) => (i === 3 ? { ...p, numerator: null, value: null } : p));
    const option = spcChartOption({ ...base, points, spc: null, isSuppressed: true }, measure);
    const values = seriesOf(option)[0]!;
    expect(values.data![3]).toBeNull();
    expect(values.connectNulls).toBe(false);
    expect(seriesOf(option)).toHaveLength(1);
  });

  it('steps the lines at a recalculation and marks recalculations and actions', () => {
    const base = makeSeries();
    const spc = { ...base.spc!, points: base.spc!.points.map((p, i) => (i >= 8 ? { ...p, mean: 4, upl: 8, lpl: 0 } : p)) };
    expect(partitionsOf(spc)).toEqual([[0, 8], [8, 15]]);
    const option = spcChartOption(base, measure, {
      spc,
      target: 3,
      markers: [{ period: periods[8]!, label: 'New support model', isRecalculation: true }, { period: '1999-01', label: 'Outside', isRecalculation: false }],
    });
    const means = named(option, 'Mean');
    expect(means).toHaveLength(2);
    expect(means[0]!.data![8]).toBeNull();
    expect(means[1]!.data![7]).toBeNull();
    expect(means[1]!.data![8]).toBe(4);
    expect(named(option, 'Target')[0]!.data![0]).toBe(3);
    const markLine = seriesOf(option)[0]!.markLine as { data: { xAxis: string; name: string }[] };
    expect(markLine.data).toHaveLength(1);
    expect(markLine.data[0]!.xAxis).toMatch(/^Sept? 2025$/);
    expect(markLine.data[0]!.name).toBe('New support model');
  });

  it('is plain data that survives JSON (so it could be rendered on a server)', () => {
    const option = spcChartOption(makeSeries(), measure);
    const { tooltip: _tooltip, yAxis: _yAxis, ...rest } = option;
    expect(() => JSON.stringify(rest)).not.toThrow();
    expect((JSON.parse(JSON.stringify(rest)) as { series: unknown[] }).series).toHaveLength(seriesOf(option).length);
  });
});

describe('the table behind the chart', () => {
  it('says each month’s classification in words', () => {
    const rows = seriesRows(makeSeries());
    expect(rows[0]!.classification).toBe('Common cause');
    expect(rows[14]!.classification).toBe('Special cause concern (outside the limits)');
  });

  it('makes a CSV with counts, denominators and hidden counts as *', () => {
    const base = makeSeries();
    const points = base.points.map((p, i) => ({ ...p, denominator: 200, value: i === 2 ? null : p.value, numerator: i === 2 ? null : p.numerator }));
    const csv = seriesCsv({ ...base, points, spc: null, isSuppressed: true });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Month,Count,Denominator,Value (incidents),Mean,Lower process limit,Upper process limit,Variation');
    expect(lines).toHaveLength(16);
    expect(lines[1]).toBe('2025-01,4,200,4,,,,Not charted');
    expect(lines[3]).toBe('2025-03,*,200,*,,,,Hidden (fewer than 5)');
  });

  it('quotes cells that need it and names the file after the measure, scope and months', () => {
    const base = makeSeries();
    const csv = seriesCsv({ ...base, measure: { ...measure, unit: 'per 1,000 days' } });
    expect(csv.split('\r\n')[0]).toContain('"Value (per 1,000 days)"');
    expect(csvFileName(base, 'Poplar Road')).toBe('lantern-incidents-poplar-road-2025-01-to-2026-03.csv');
  });
});
