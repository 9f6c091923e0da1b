import type { Theme } from './api.js';
import { trendText } from './format.js';

/**
 * A small bar chart of a theme's monthly counts. The bars are decoration: the same figures are given in words
 * (as the image's label), so nothing depends on seeing them. Suppressed months are drawn as a short hatched stub.
 */
export function Sparkline({ trend }: { trend: Theme['trend'] }) {
  const width = Math.max(40, trend.length * 6);
  const height = 24;
  const max = Math.max(1, ...trend.map((p) => p.count ?? 0));
  const bar = width / Math.max(1, trend.length);
  return (
    <svg className="theme-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Month by month: ${trendText(trend)}`}>
      {trend.map((p, i) => {
        const h = p.count === null ? 3 : Math.max(p.count > 0 ? 2 : 0, Math.round((p.count / max) * (height - 2)));
        return (
          <rect
            key={p.month} x={i * bar + 0.5} y={height - h} width={Math.max(1, bar - 1)} height={h}
            className={p.count === null ? 'theme-sparkline__bar theme-sparkline__bar--suppressed' : 'theme-sparkline__bar'}
          />
        );
      })}
    </svg>
  );
}
