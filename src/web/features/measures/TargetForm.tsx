import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client.js';
import { formatNumber } from '../../components/formatDate.js';

interface TargetFormProps {
  /** The stored target for this measure and scope. */
  target: number | null;
  unit: string;
  /** Whether the reader may change it (quality leads and admins, for a scope they see whole). */
  canSet: boolean;
  /** Neither higher nor lower is better: a target gives no assurance. */
  hasNoDirection: boolean;
  onSave: (target: number | null) => Promise<unknown>;
  isSaving: boolean;
}

/** The measure's stored target for this scope: it draws the target line and gives the assurance icon. */
export function TargetForm({ target, unit, canSet, hasNoDirection, onSave, isSaving }: TargetFormProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  if (hasNoDirection) return null;
  if (!canSet) {
    if (target === null) return null;
    return (
      <section className="mdc-target" aria-labelledby={`${id}-heading`}>
        <h2 className="mdc-changes__heading" id={`${id}-heading`}>Target</h2>
        <p>{formatNumber(target, Number.isInteger(target) ? 0 : 1)} {unit}</p>
      </section>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('target');
    const text = typeof value === 'string' ? value.trim() : '';
    const number = Number(text);
    if (text !== '' && (!Number.isFinite(number) || number < 0)) {
      setError('Enter the target as a number, for example 12.5');
      return;
    }
    setError(null);
    try {
      await onSave(text === '' ? null : number);
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.message) : 'The target could not be saved. Please try again.');
    }
  };
  return (
    <form className="mdc-target" onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${id}-heading`} noValidate key={target ?? 'none'}>
      <h2 className="mdc-changes__heading" id={`${id}-heading`}>Target</h2>
      <div className={error ? 'field field--error' : 'field'}>
        <label className="label" htmlFor={`${id}-target`}>Target ({unit}), optional</label>
        <div className="hint" id={`${id}-hint`}>Shows whether the process will meet it reliably (the assurance icon). Saved for everyone who sees this chart. Leave empty for none.</div>
        {error && <p id={`${id}-error`} className="field-error"><span className="visually-hidden">Error: </span>{error}</p>}
        <div className="mdc-target__row">
          <input
            className="input input--short" id={`${id}-target`} name="target" inputMode="decimal" autoComplete="off" defaultValue={target ?? ''}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="button button--secondary" disabled={isSaving}>Save target</button>
        </div>
      </div>
    </form>
  );
}
