import type { ReactNode, Ref } from 'react';
import { get, useFormContext, useFormState, type UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '../../components/Field.js';
import { fieldId, useFormId } from '../../components/forms.js';

/** The message react-hook-form holds for a field (or for a list field as a whole). */
export function useFieldError(name: string): string | undefined {
  const { control } = useFormContext();
  const { errors } = useFormState({ control, name });
  const error = get<typeof errors, { message?: string; root?: { message?: string } } | undefined>(errors, name);
  return error?.message ?? error?.root?.message;
}

type Registered<E> = UseFormRegisterReturn & { ref?: Ref<E> };

interface InputProps extends Registered<HTMLInputElement> {
  label: ReactNode;
  hint?: ReactNode;
  type: 'text' | 'date' | 'time';
  width?: 'short' | 'medium' | 'full';
  autoComplete?: string;
}

/** A date, time or short text input. */
export function InputField({ label, hint, type, width = 'full', autoComplete, ...registered }: InputProps) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  return (
    <Field id={fieldId(formId, registered.name)} label={label} hint={hint} error={error}>
      {(a11y) => <input className={`input input--${width}`} type={type} autoComplete={autoComplete} {...registered} {...a11y} />}
    </Field>
  );
}

interface TextAreaProps extends Registered<HTMLTextAreaElement> {
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
}

/** A few lines of free text. */
export function TextAreaField({ label, hint, rows = 3, ...registered }: TextAreaProps) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  return (
    <Field id={fieldId(formId, registered.name)} label={label} hint={hint} error={error}>
      {(a11y) => <textarea className="input incident-textarea" rows={rows} spellCheck {...registered} {...a11y} />}
    </Field>
  );
}

interface GroupedSelectProps extends Registered<HTMLSelectElement> {
  label: ReactNode;
  hint?: ReactNode;
  placeholder: string;
  groups: readonly { label: string; options: readonly { value: string; label: string }[] }[];
}

/** A <select> whose choices are grouped under headings. */
export function GroupedSelectField({ label, hint, placeholder, groups, ...registered }: GroupedSelectProps) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  return (
    <Field id={fieldId(formId, registered.name)} label={label} hint={hint} error={error}>
      {(a11y) => (
        <select className="select" {...registered} {...a11y}>
          <option value="">{placeholder}</option>
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

interface YesNoProps {
  name: string;
  legend: string;
  /** How the error summary names the question when the legend alone is ambiguous. */
  question?: string;
  hint?: ReactNode;
  yesLabel?: string;
  noLabel?: string;
}

/** A yes/no question as two radios (values 'yes' and 'no'). */
export function YesNoGroup({ name, legend, question, hint, yesLabel = 'Yes', noLabel = 'No' }: YesNoProps) {
  const formId = useFormId();
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = fieldId(formId, name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset" aria-describedby={describedBy} data-question={question ?? legend}>
        <legend className="legend">{legend}</legend>
        {hint && <div className="hint" id={`${id}-hint`}>{hint}</div>}
        {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
        <div className="choices choices--inline">
          <div className="choice">
            <input className="choice__input" type="radio" value="yes" id={id} {...register(name)} />
            <label className="choice__label" htmlFor={id}>{yesLabel}</label>
          </div>
          <div className="choice">
            <input className="choice__input" type="radio" value="no" id={`${id}-no`} {...register(name)} />
            <label className="choice__label" htmlFor={`${id}-no`}>{noLabel}</label>
          </div>
        </div>
      </fieldset>
    </div>
  );
}
