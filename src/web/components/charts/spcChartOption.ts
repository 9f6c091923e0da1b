// The ECharts option for an XmR chart, built without touching the DOM or ECharts itself,
// so the same chart could later be rendered on the server (echarts SSR) or tested in Node.
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatNumber } from '../formatDate.js';
import { formatMonth, isRateSeries } from './format.js';
import { describePoint, mdcColours } from './spcWords.js';
import type { ChartMarker, Measure, MeasureSeries, Spc } from './types.js';

export type SpcChartEChartsOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption>;

export interface SpcChartSettings {
  /** Draw the lines two-thirds of the way to the limits (2σ). */
  showTwoSigma?: boolean;
  /** A target line, in the measure's unit. */
  target?: number;
  /** Actions taken and recalculations, drawn as vertical lines. */
  markers?: readonly ChartMarker[];
  /** Use this chart instead of series.spc (e.g. recalculated through POST /api/v1/analytics/spc). */
  spc?: Spc | null;
  /** Narrow screens: fewer axis labels, smaller margins. */
  isCompact?: boolean;
}

export const chartColours = {
  line: '#6f777b',
  mean: '#1b1f23',
  limit: '#505a5f',
  twoSigma: '#8c959a',
  target: '#b3261e',
  marker: '#0b3a5c',
  recalculation: '#5b3a8c',
} as const;

/** Index ranges [start, end) of the chart's partitions: a new one wherever the mean or limits change. */
export function partitionsOf(spc: Spc): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  spc.points.forEach((p, i) => {
    const prev = spc.points[i - 1];
    if (prev && (prev.mean !== p.mean || prev.upl !== p.upl || prev.lpl !== p.lpl)) {
      out.push([start, i]);
      start = i;
    }
  });
  if (spc.points.length) out.push([start, spc.points.length]);
  return out;
}

/** A count or rate cannot be negative: show a lower line below zero at zero (the rules still use the computed value). */
const atLeastZero = (v: number | null) => (v === null ? null : Math.max(0, v));

/** One line per partition, blank outside it, so lines step (not slope) at a recalculation. */
function partitionLines(spc: Spc, pick: (i: number) => number | null, base: Omit<LineSeriesOption, 'data' | 'type'>): LineSeriesOption[] {
  return partitionsOf(spc).map(([start, end]) => ({
    ...base,
    // The legend takes its swatch from the item colour.
    itemStyle: { color: (base.lineStyle as { color?: string } | undefined)?.color },
    type: 'line',
    data: spc.points.map((_, i) => (i >= start && i < end ? pick(i) : null)),
    symbol: 'none',
    connectNulls: false,
    silent: true,
    z: 1,
  }));
}

/** The ECharts option for a measure's XmR chart (SVG-friendly: no gradients, no animation). */
export function spcChartOption(series: MeasureSeries, measure: Measure, settings: SpcChartSettings = {}): SpcChartEChartsOption {
  const { showTwoSigma = false, target, markers = [], isCompact = false } = settings;
  const spc = settings.spc === undefined ? series.spc : settings.spc;
  const isRate = isRateSeries(series);
  const decimals = isRate ? 1 : 0;
  const months = series.points.map((p) => formatMonth(p.period));
  const hasSpc = spc !== null && spc.points.length === series.points.length;
  const limitsShown = hasSpc && spc.limitsShown;

  const values: LineSeriesOption = {
    type: 'line',
    name: 'Monthly value',
    data: series.points.map((p, i) => {
      if (p.value === null) return null;
      const classification = limitsShown ? spc.points[i]!.classification : 'common';
      return { value: p.value, itemStyle: { color: mdcColours[classification], borderColor: classification === 'common' ? '#6f777b' : mdcColours[classification] } };
    }),
    connectNulls: false,
    symbol: 'circle',
    symbolSize: isCompact ? 6 : 8,
    showAllSymbol: true,
    lineStyle: { color: chartColours.line, width: 1.5 },
    itemStyle: { color: mdcColours.common },
    z: 3,
    animation: false,
  };

  const lines: LineSeriesOption[] = [];
  if (hasSpc) {
    lines.push(...partitionLines(spc, (i) => spc.points[i]!.mean, { name: 'Mean', lineStyle: { color: chartColours.mean, width: 1.5 } }));
  }
  if (limitsShown) {
    const limit = { name: 'Process limits', lineStyle: { color: chartColours.limit, width: 1.5, type: 'dashed' as const } };
    lines.push(...partitionLines(spc, (i) => spc.points[i]!.upl, limit));
    lines.push(...partitionLines(spc, (i) => atLeastZero(spc.points[i]!.lpl), limit));
    if (showTwoSigma) {
      const sigma = { name: 'Two-sigma lines', lineStyle: { color: chartColours.twoSigma, width: 1, type: 'dotted' as const } };
      lines.push(...partitionLines(spc, (i) => spc.points[i]!.upperTwoSigma, sigma));
      lines.push(...partitionLines(spc, (i) => atLeastZero(spc.points[i]!.lowerTwoSigma), sigma));
    }
  }
  if (target !== undefined) {
    lines.push({
      type: 'line', name: 'Target', data: series.points.map(() => target), symbol: 'none', silent: true, z: 2, itemStyle: { color: chartColours.target },
      lineStyle: { color: chartColours.target, width: 1.5, type: [8, 4] },
    });
  }

  const periods = series.points.map((p) => p.period);
  const markerLines = markers
    .filter((m) => periods.includes(m.period))
    .map((m) => ({
      xAxis: formatMonth(m.period),
      name: m.label,
      label: { formatter: m.label || (m.isRecalculation ? 'Recalculated' : 'Action'), position: 'insideEndTop' as const, color: m.isRecalculation ? chartColours.recalculation : chartColours.marker, fontSize: 11 },
      lineStyle: { color: m.isRecalculation ? chartColours.recalculation : chartColours.marker, type: m.isRecalculation ? ('solid' as const) : ('dashed' as const), width: 1.5 },
    }));
  if (markerLines.length) {
    values.markLine = { symbol: 'none', silent: true, animation: false, data: markerLines };
  }

  // One legend entry per kind of line (the partitions share names).
  const legendNames = [...new Set([values, ...lines].map((s) => s.name as string))];

  return {
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: '#1b1f23' },
    // On a phone the legend may take two rows.
    grid: { left: isCompact ? 8 : 16, right: isCompact ? 12 : 24, top: isCompact && legendNames.length > 3 ? 72 : isCompact ? 56 : 48, bottom: 8, containLabel: true },
    legend: {
      data: legendNames, top: 0, left: 0, itemWidth: 22, itemHeight: 10, textStyle: { fontSize: isCompact ? 11 : 12, color: '#1b1f23' },
      selectedMode: false,
    },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const index = first?.dataIndex ?? 0;
        const point = series.points[index];
        if (!point) return '';
        const value = point.value === null ? 'hidden (fewer than 5)' : formatNumber(point.value, decimals);
        const status = limitsShown ? `<br>${describePoint(spc.points[index]!)}` : '';
        return `${formatMonth(point.period)}: <b>${value}</b>${status}`;
      },
    },
    xAxis: {
      type: 'category',
      data: months,
      boundaryGap: false,
      axisLabel: { color: '#1b1f23', fontSize: isCompact ? 10 : 12, hideOverlap: true },
      axisLine: { lineStyle: { color: '#505a5f' } },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      name: measure.unit,
      nameLocation: 'end',
      nameTextStyle: { color: '#1b1f23', fontSize: isCompact ? 11 : 12, align: 'left' },
      min: 0,
      axisLabel: { color: '#1b1f23', fontSize: isCompact ? 10 : 12, formatter: (v: number) => formatNumber(v, 1) },
      splitLine: { lineStyle: { color: '#e4e8eb' } },
    },
    series: [values, ...lines],
  };
}
