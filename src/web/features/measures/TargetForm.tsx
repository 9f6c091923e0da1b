import { useId, useState, type FormEvent } from 'react';

interface TargetFormProps {
  target: number | undefined;
  unit: string;
  onChange: (target: number | undefined) => void;
  /** The chart cannot be redrawn (some months have no value). */
  isBlocked: boolean;
}

/** Try a target against the chart: draws the target line and gives the assurance icon. */
export function TargetForm({ target, unit, onChange, isBlocked }: TargetFormProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  if (isBlocked) return null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('target');
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      setError(null);
      onChange(undefined);
      return;
    }
    const number = Number(text);
    if (!Number.isFinite(number) || number < 0) {
      setError('Enter the target as a number, for example 12.5');
      return;
    }
    setError(null);
    onChange(number);
  };
  return (
    <form className="mdc-target" onSubmit={onSubmit} aria-labelledby={`${id}-heading`} noValidate key={target ?? 'none'}>
      <h2 className="mdc-changes__heading" id={`${id}-heading`}>Target</h2>
      <div className={error ? 'field field--error' : 'field'}>
        <label className="label" htmlFor={`${id}-target`}>Target ({unit}), optional</label>
        <div className="hint" id={`${id}-hint`}>Shows whether the process will meet it reliably (the assurance icon). Leave empty for none.</div>
        {error && <p id={`${id}-error`} className="field-error"><span className="visually-hidden">Error: </span>{error}</p>}
        <div className="mdc-target__row">
          <input
            className="input input--short" id={`${id}-target`} name="target" inputMode="decimal" autoComplete="off" defaultValue={target ?? ''}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="button button--secondary">Set target</button>
        </div>
      </div>
    </form>
  );
}
