import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { SpcChartEChartsOption } from './spcChartOption.js';

// Only what an XmR chart needs, drawn as SVG (crisp, small, printable and readable by tests).
echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

interface EChartProps {
  option: SpcChartEChartsOption;
  /** What the chart shows, for screen readers (the data table follows it). */
  label: string;
  className?: string;
  onWidth?: (width: number) => void;
}

/** An ECharts chart in a box that says what it shows; resizes with its container. */
export function EChart({ option, label, className, onWidth }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const widthCallback = useRef(onWidth);
  useEffect(() => {
    widthCallback.current = onWidth;
  }, [onWidth]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg', locale: 'EN' });
    chart.current = instance;
    const observer = new ResizeObserver(([entry]) => {
      instance.resize();
      if (entry) widthCallback.current?.(entry.contentRect.width);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className} role="img" aria-label={label} data-testid="spc-chart" />;
}
