import { useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

const isWideScreen = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 48em)').matches;

/**
 * A search/filter form that writes its answers into the address (so Back and sharing work) and goes to page 1.
 * It folds away on a phone (unless a filter is in use) so the list is on the first screen.
 */
export function FilterForm({ label, children, submitLabel = 'Apply filters' }: { label: string; children: ReactNode; submitLabel?: string }) {
  const [params, setParams] = useSearchParams();
  const [isInitiallyOpen] = useState(() => isWideScreen() || [...params.keys()].some((k) => k !== 'offset'));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [key, value] of data.entries()) {
      if (typeof value === 'string' && value.trim() !== '') next.set(key, value.trim());
    }
    setParams(next);
  };
  const hasFilters = [...params.keys()].some((k) => k !== 'offset');
  return (
    <details className="filters" open={isInitiallyOpen}>
      <summary className="filters__summary">{label}{hasFilters && <span className="tag tag--grey">In use</span>}</summary>
      <form className="filters__form" role="search" aria-label={label} onSubmit={onSubmit} key={params.toString()}>
        <div className="filters__fields">{children}</div>
        <div className="filters__actions">
          <button type="submit" className="button button--secondary">{submitLabel}</button>
          {hasFilters && (
            <button type="button" className="button button--link" onClick={() => setParams(new URLSearchParams())}>Clear filters</button>
          )}
        </div>
      </form>
    </details>
  );
}

interface FilterFieldProps {
  name: string;
  label: string;
  /** The current value from the address. */
  value: string | null;
}

/** A labelled search box inside a FilterForm. */
export function FilterSearch({ name, label, value, hint }: FilterFieldProps & { hint?: string }) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label className="label" htmlFor={id}>{label}</label>
      {hint && <div className="hint" id={`${id}-hint`}>{hint}</div>}
      <input className="input" type="search" id={id} name={name} defaultValue={value ?? ''} aria-describedby={hint ? `${id}-hint` : undefined} />
    </div>
  );
}

/** A labelled select inside a FilterForm; the first option means "any". */
export function FilterSelect({ name, label, value, anyLabel, options }: FilterFieldProps & { anyLabel: string; options: readonly { value: string | number; label: string }[] }) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label className="label" htmlFor={id}>{label}</label>
      <select className="select" id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{anyLabel}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** A labelled date inside a FilterForm. */
export function FilterDate({ name, label, value }: FilterFieldProps) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label className="label" htmlFor={id}>{label}</label>
      <input className="input input--short" type="date" id={id} name={name} defaultValue={value ?? ''} />
    </div>
  );
}

/** A labelled checkbox inside a FilterForm. */
export function FilterCheckbox({ name, label, isChecked }: { name: string; label: string; isChecked: boolean }) {
  const id = `filter-${name}`;
  return (
    <div className="field field--inline">
      <div className="choice">
        <input className="choice__input" type="checkbox" id={id} name={name} value="true" defaultChecked={isChecked} />
        <label className="choice__label" htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
