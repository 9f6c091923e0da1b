import { formatNumber } from '../formatDate.js';
import { mdcColours } from './spcWords.js';
import type { Classification } from './types.js';

interface SparklineProps {
  values: readonly (number | null)[];
  /** The latest point's colour. */
  lastClassification?: Classification;
  /** A mean line, when the chart has one. */
  mean?: number | null;
  /** Words for screen readers, e.g. "24 months, from 3 to 9". */
  label: string;
  width?: number;
  height?: number;
}

/** A tiny line of the series, no axes; missing or hidden months are gaps. */
export function Sparkline({ values, lastClassification = 'common', mean, label, width = 120, height = 32 }: SparklineProps) {
  const pad = 4;
  const known = values.filter((v): v is number => v !== null);
  const min = Math.min(0, ...known);
  const max = Math.max(...known, mean ?? -Infinity, min + 1e-9);
  const x = (i: number) => pad + (values.length <= 1 ? 0 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - ((v - min) / (max - min || 1)) * (height - 2 * pad);
  let path = '';
  let isPenDown = false;
  values.forEach((v, i) => {
    if (v === null) {
      isPenDown = false;
      return;
    }
    path += `${isPenDown ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    isPenDown = true;
  });
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {mean !== null && mean !== undefined && known.length > 0 && (
        <line x1={pad} x2={width - pad} y1={y(mean)} y2={y(mean)} stroke="#8c959a" strokeWidth="1" strokeDasharray="2 2" />
      )}
      <path d={path.trim()} fill="none" stroke="#505a5f" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
      {last !== null && last !== undefined && (
        <circle cx={x(lastIndex)} cy={y(last)} r="3.5" fill={mdcColours[lastClassification]} stroke="#1b1f23" strokeWidth="0.75" />
      )}
    </svg>
  );
}

/** "24 months, lowest 2, highest 9.5" */
export function sparklineLabel(values: readonly (number | null)[], decimals: number): string {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return `${values.length} months, no values shown`;
  return `Trend over ${values.length} months: lowest ${formatNumber(Math.min(...known), decimals)}, highest ${formatNumber(Math.max(...known), decimals)}`;
}
