import type { MeasureSeries } from '../../components/charts/types.js';

/** The notes a reader needs before the figures: suppression for aggregate-only views, and short series. */
export function SeriesNotes({ series }: { series: readonly (MeasureSeries | undefined)[] }) {
  const loaded = series.filter((s): s is MeasureSeries => s !== undefined);
  const isSuppressed = loaded.some((s) => s.isSuppressed);
  const isShort = loaded.some((s) => s.spc !== null && !s.spc.limitsShown);
  if (!isSuppressed && !isShort) return null;
  return (
    <div className="notice notice--info mdc-notes">
      <p className="notice__title">About these figures</p>
      <ul className="notice__body mdc-notes__list">
        {isSuppressed && (
          <li>Figures under 5 are hidden and others rounded to the nearest 5. Hidden figures are shown as *.</li>
        )}
        {isShort && <li>Fewer than 13 months: limits not shown. Choose a longer period to see process limits and special causes.</li>}
      </ul>
    </div>
  );
}

/** How to read the icons, folded away. */
export function ReadingGuide() {
  return (
    <details className="mdc-guide">
      <summary className="mdc-guide__summary">How to read this dashboard</summary>
      <div className="mdc-guide__body">
        <p>
          Each measure is charted month by month as a statistical process control (XmR) chart, the NHS Making Data Count way.
          The process limits show the range a stable process would stay within.
        </p>
        <ul>
          <li><strong>Variation</strong> says what the latest month shows: common cause (grey, nothing unusual), special cause improvement (blue),
            special cause concern (orange), or special cause with no better direction (purple). “High” or “low” says which side of the mean it lies.</li>
          <li><strong>Assurance</strong> says whether a target will be met reliably; it is shown only for measures with a target.</li>
          <li>Rates are shown with the counts behind them, because a small service can have a high rate from very few events.</li>
        </ul>
      </div>
    </details>
  );
}
