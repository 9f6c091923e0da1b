import { useId, useState, type FormEvent } from 'react';
import { formatMonth } from '../../components/charts/format.js';
import type { ChartMarker } from '../../components/charts/types.js';

const textOf = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

interface ChangesFormProps {
  periods: readonly string[];
  changes: readonly ChartMarker[];
  onChange: (next: ChartMarker[]) => void;
  /** Why limits cannot be recalculated here, if they cannot. */
  recalculationBlocked?: string;
}

/** Mark an action taken (and optionally recalculate the limits from that month), and remove marks. */
export function ChangesForm({ periods, changes, onChange, recalculationBlocked }: ChangesFormProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const period = textOf(data.get('period'));
    const label = textOf(data.get('label')).trim();
    const isRecalculation = data.get('recalculate') === 'yes';
    if (!label) {
      setError('Say what changed, for example “New support model”.');
      return;
    }
    setError(null);
    onChange([...changes.filter((c) => c.period !== period), { period, label, isRecalculation }].sort((a, b) => a.period.localeCompare(b.period)));
    event.currentTarget.reset();
  };
  return (
    <section className="mdc-changes" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="mdc-changes__heading">Changes marked on the chart</h2>
      {changes.length > 0 ? (
        <ul className="mdc-changes__list">
          {changes.map((c) => (
            <li key={c.period} className="mdc-changes__item">
              <span><strong>{formatMonth(c.period)}</strong>: {c.label}{c.isRecalculation && ' (limits recalculated from here)'}</span>
              <button type="button" className="button button--link button--small" onClick={() => onChange(changes.filter((x) => x !== c))}>
                Remove<span className="visually-hidden"> the mark for {formatMonth(c.period)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">None yet. Mark when something changed, such as a new support model, to see its effect.</p>
      )}
      <details className="mdc-changes__add">
        <summary className="mdc-guide__summary">Mark a change</summary>
        <form className="mdc-changes__form" onSubmit={onSubmit} aria-label="Mark a change" noValidate>
          <div className="field">
            <label className="label" htmlFor={`${id}-period`}>Month</label>
            <select className="select" id={`${id}-period`} name="period" defaultValue={periods[periods.length - 1]}>
              {periods.map((p) => <option key={p} value={p}>{formatMonth(p)}</option>)}
            </select>
          </div>
          <div className={error ? 'field field--error' : 'field'}>
            <label className="label" htmlFor={`${id}-label`}>What changed</label>
            {error && <p id={`${id}-error`} className="field-error"><span className="visually-hidden">Error: </span>{error}</p>}
            <input
              className="input" id={`${id}-label`} name="label" maxLength={80} autoComplete="off"
              aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          <div className="field">
            <div className="choice">
              <input className="choice__input" type="checkbox" id={`${id}-recalc`} name="recalculate" value="yes" disabled={Boolean(recalculationBlocked)} aria-describedby={`${id}-recalc-hint`} />
              <label className="choice__label" htmlFor={`${id}-recalc`}>Recalculate the limits from this month</label>
              <div className="hint" id={`${id}-recalc-hint`}>
                {recalculationBlocked ?? 'Only when the process really changed then. Each part needs enough months for its own limits.'}
              </div>
            </div>
          </div>
          <button type="submit" className="button button--secondary">Add to the chart</button>
        </form>
      </details>
    </section>
  );
}
