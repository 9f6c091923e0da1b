import { useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { ErrorMessage, Field } from './Field.js';
import { FormErrors } from './FormErrors.js';

const isWideScreen = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 48em)').matches;

// A filter field's id is `filter-<name>`, which is what FormErrors links to for the form id "filter".
const FILTER_FORM_ID = 'filter';
const filterFieldId = (name: string) => `${FILTER_FORM_ID}-${name}`;

/**
 * The API's field errors for a list's filters, by filter name: `query.to` → `to`, the first message for each.
 * Only the filters on screen are kept; an error about anything else is not the user's to fix.
 */
export function filterErrors(error: unknown, filters: readonly string[]): Record<string, string> {
  if (!isApiError(error)) return {};
  const byName: Record<string, string> = {};
  for (const { path, message } of error.fieldErrors) {
    const name = path.replace(/^query\./, '').split('.')[0] ?? '';
    if (filters.includes(name) && !(name in byName)) byName[name] = message;
  }
  return byName;
}

interface FilterFormProps {
  label: string;
  children: ReactNode;
  submitLabel?: string;
  /** Problems the API found with the filters in the address, by filter name (see `filterErrors`). */
  errors?: Readonly<Record<string, string>>;
  /** Changes each time the error summary should take focus (after a search that failed). */
  focusRequest?: number;
  /** Open even on a phone with no filter in use, when the form is the page's purpose (search). */
  isOpenOnLoad?: boolean;
}

/**
 * A search/filter form that writes its answers into the address (so Back and sharing work) and goes to page 1.
 * It folds away on a phone (unless a filter is in use) so the list is on the first screen. Boxes ticked under one
 * name each add the name once (`sources=incident&sources=complaint`), as an HTML form sends them.
 */
export function FilterForm({ label, children, submitLabel = 'Apply filters', errors = {}, focusRequest = 0, isOpenOnLoad = false }: FilterFormProps) {
  const [params, setParams] = useSearchParams();
  const [isInitiallyOpen] = useState(() => isOpenOnLoad || isWideScreen() || [...params.keys()].some((k) => k !== 'offset'));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [key, value] of data.entries()) {
      if (typeof value === 'string' && value.trim() !== '') next.append(key, value.trim());
    }
    setParams(next);
  };
  const hasFilters = [...params.keys()].some((k) => k !== 'offset');
  const errorNames = Object.keys(errors);
  return (
    <details className="filters" open={isInitiallyOpen || errorNames.length > 0}>
      <summary className="filters__summary">{label}{hasFilters && <span className="tag tag--grey">In use</span>}</summary>
      <form className="filters__form" role="search" aria-label={label} onSubmit={onSubmit} key={params.toString()}>
        <FormErrors
          formId={FILTER_FORM_ID} fields={errorNames} message={null} focusRequest={errorNames.length ? focusRequest : 0}
          errors={Object.fromEntries(errorNames.map((name) => [name, { type: 'server', message: errors[name] }]))}
        />
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
  /** What the API said is wrong with the value, shown on the field. */
  error?: string;
}

/** A labelled search box inside a FilterForm. */
export function FilterSearch({ name, label, value, hint, error }: FilterFieldProps & { hint?: string }) {
  return (
    <Field id={filterFieldId(name)} label={label} hint={hint} error={error}>
      {(a11y) => <input className="input" type="search" name={name} defaultValue={value ?? ''} {...a11y} />}
    </Field>
  );
}

/** A labelled select inside a FilterForm; the first option means "any". */
export function FilterSelect({ name, label, value, anyLabel, options, error }: FilterFieldProps & { anyLabel: string; options: readonly { value: string | number; label: string }[] }) {
  return (
    <Field id={filterFieldId(name)} label={label} error={error}>
      {(a11y) => (
        <select className="select" name={name} defaultValue={value ?? ''} {...a11y}>
          <option value="">{anyLabel}</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

/** A labelled date inside a FilterForm. */
export function FilterDate({ name, label, value, error }: FilterFieldProps) {
  return (
    <Field id={filterFieldId(name)} label={label} error={error}>
      {(a11y) => <input className="input input--short" type="date" name={name} defaultValue={value ?? ''} {...a11y} />}
    </Field>
  );
}

interface FilterCheckboxesProps {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  /** The values ticked, from the address. */
  checked: readonly string[];
  error?: string;
}

/** Checkboxes inside a FilterForm that together hold a list (the name once for each box ticked), across the form's width. */
export function FilterCheckboxes({ name, legend, options, checked, error }: FilterCheckboxesProps) {
  const id = filterFieldId(name);
  return (
    <div className={error ? 'field field--error filters__wide' : 'field filters__wide'}>
      <fieldset className="fieldset" data-question={legend} aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="legend">{legend}</legend>
        <ErrorMessage id={id} error={error} />
        <div className="choices choices--row">
          {options.map((o, index) => {
            const optionId = index === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="choice" key={o.value}>
                <input className="choice__input" type="checkbox" id={optionId} name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
                <label className="choice__label" htmlFor={optionId}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A labelled checkbox inside a FilterForm. */
export function FilterCheckbox({ name, label, isChecked }: { name: string; label: string; isChecked: boolean }) {
  const id = filterFieldId(name);
  return (
    <div className="field field--inline">
      <div className="choice">
        <input className="choice__input" type="checkbox" id={id} name={name} value="true" defaultChecked={isChecked} />
        <label className="choice__label" htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
