import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client.js';
import { formatMonth } from '../../components/charts/format.js';
import type { Annotation } from '../../components/charts/types.js';
import { annotationKindLabels } from './changes.js';

const textOf = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

interface ChangesFormProps {
  periods: readonly string[];
  annotations: readonly Annotation[];
  /** Whether the reader may add and remove marks on this chart. */
  canAnnotate: boolean;
  onAdd: (input: { period: string; kind: 'recalculation' | 'action'; label: string }) => Promise<unknown>;
  onRemove: (id: number) => Promise<unknown>;
  isSaving: boolean;
  /** Why limits cannot be recalculated here, if they cannot. */
  recalculationBlocked?: string;
}

const problemText = (error: unknown) => (isApiError(error) ? (error.fieldErrors[0]?.message ?? error.message) : 'The change could not be saved. Please try again.');

/** The changes stored on this chart (actions taken and recalculations), with a form to add and remove them for those allowed. */
export function ChangesForm({ periods, annotations, canAnnotate, onAdd, onRemove, isSaving, recalculationBlocked }: ChangesFormProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const period = textOf(data.get('period'));
    const label = textOf(data.get('label')).trim();
    const kind = data.get('recalculate') === 'yes' ? 'recalculation' : 'action';
    if (!label) {
      setError('Say what changed, for example “New support model”.');
      return;
    }
    setError(null);
    setSaveError(null);
    try {
      await onAdd({ period, kind, label });
      form.reset();
    } catch (e) {
      setSaveError(problemText(e));
    }
  };
  const remove = async (annotation: Annotation) => {
    setSaveError(null);
    try {
      await onRemove(annotation.id);
    } catch (e) {
      setSaveError(problemText(e));
    }
  };
  if (!canAnnotate && annotations.length === 0) return null;
  return (
    <section className="mdc-changes" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="mdc-changes__heading">Changes marked on the chart</h2>
      {saveError && <p className="field-error" role="alert">{saveError}</p>}
      {annotations.length > 0 ? (
        <ul className="mdc-changes__list">
          {annotations.map((a) => (
            <li key={a.id} className="mdc-changes__item">
              <span>
                <strong>{formatMonth(a.period)}</strong>: {a.label} ({annotationKindLabels[a.kind].toLowerCase()}; marked by {a.createdBy})
              </span>
              {canAnnotate && (
                <button type="button" className="button button--link button--small" disabled={isSaving} onClick={() => void remove(a)}>
                  Remove<span className="visually-hidden"> the mark “{a.label}” for {formatMonth(a.period)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">None yet. Mark when something changed, such as a new support model, to see its effect.</p>
      )}
      {canAnnotate && (
        <details className="mdc-changes__add">
          <summary className="mdc-guide__summary">Mark a change</summary>
          <form className="mdc-changes__form" onSubmit={(e) => void onSubmit(e)} aria-label="Mark a change" noValidate>
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
                className="input" id={`${id}-label`} name="label" maxLength={120} autoComplete="off"
                aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
              />
            </div>
            <div className="field">
              <div className="choice">
                <input className="choice__input" type="checkbox" id={`${id}-recalc`} name="recalculate" value="yes" disabled={Boolean(recalculationBlocked)} aria-describedby={`${id}-recalc-hint`} />
                <label className="choice__label" htmlFor={`${id}-recalc`}>Recalculate the limits from this month</label>
                <div className="hint" id={`${id}-recalc-hint`}>
                  {recalculationBlocked ?? 'Only when the process really changed then. Each part needs enough months for its own limits. Everyone who sees this chart sees the change.'}
                </div>
              </div>
            </div>
            <button type="submit" className="button button--secondary" disabled={isSaving}>Add to the chart</button>
          </form>
        </details>
      )}
    </section>
  );
}
