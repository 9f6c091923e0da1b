import type { ReactNode, Ref } from 'react';
import {
  get, useController, useFormContext, useFormState, type Control, type FieldValues, type Path, type UseFormRegisterReturn,
} from 'react-hook-form';
import { fieldId, useFormId } from './forms.js';

interface A11yProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** The error message react-hook-form holds for a field (or for an array field as a whole). */
function useFieldError(name: string): string | undefined {
  const { control } = useFormContext();
  const { errors } = useFormState({ control, name });
  const error = get<typeof errors, { message?: string; root?: { message?: string } } | undefined>(errors, name);
  return error?.message ?? error?.root?.message;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null;
}

/** A field's error, read out with it ("Error: …"); its id is `<field id>-error`, for aria-describedby. */
export function ErrorMessage({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  ) : null;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (a11y: A11yProps) => ReactNode;
}

/** A labelled control with its hint and error message, wired up with aria-describedby and aria-invalid. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="label" htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children({ id, 'aria-describedby': describedBy(id, hint, error), 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

type Registered = UseFormRegisterReturn & { ref?: Ref<HTMLInputElement> };

interface TextFieldProps extends Registered {
  label: ReactNode;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  /** Narrower input for short answers such as dates and numbers. */
  width?: 'short' | 'medium' | 'full';
  spellCheck?: boolean;
}

/** A text-like input registered with react-hook-form (`{...register('name')}`). */
export function TextField({ label, hint, type = 'text', autoComplete, inputMode, width = 'full', spellCheck, ...registered }: TextFieldProps) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  return (
    <Field id={fieldId(formId, registered.name)} label={label} hint={hint} error={error}>
      {(a11y) => (
        <input
          className={`input input--${width}`}
          type={type}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={spellCheck}
          {...registered}
          {...a11y}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string | number;
  label: string;
}

interface SelectFieldProps extends Omit<Registered, 'ref'> {
  ref?: Ref<HTMLSelectElement>;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly Option[];
  /** Text of a first, empty choice (e.g. "Choose a service"); omit when a value is always chosen. */
  placeholder?: string;
}

/** A <select> registered with react-hook-form. */
export function SelectField({ label, hint, options, placeholder, ...registered }: SelectFieldProps) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  return (
    <Field id={fieldId(formId, registered.name)} label={label} hint={hint} error={error}>
      {(a11y) => (
        <select className="select" {...registered} {...a11y}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

interface CheckboxFieldProps extends Registered {
  label: ReactNode;
  hint?: ReactNode;
}

/** One yes/no checkbox registered with react-hook-form. */
export function CheckboxField({ label, hint, ...registered }: CheckboxFieldProps) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  const id = fieldId(formId, registered.name);
  return (
    <div className={error ? 'field field--choice field--error' : 'field field--choice'}>
      <ErrorMessage id={id} error={error} />
      <div className="choice">
        <input
          className="choice__input" type="checkbox" {...registered} id={id}
          aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}
        />
        <label className="choice__label" htmlFor={id}>{label}</label>
        <Hint id={id} hint={hint} />
      </div>
    </div>
  );
}

interface GroupProps {
  legend: string;
  hint?: ReactNode;
  /** Each choice, with a line under its label when it needs one. */
  options: readonly (Option & { hint?: string })[];
}

/** Radios for one choice among a few, registered with react-hook-form. */
export function RadioGroup({ legend, hint, options, ...registered }: GroupProps & Registered) {
  const formId = useFormId();
  const error = useFieldError(registered.name);
  const id = fieldId(formId, registered.name);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error)} data-question={legend}>
        <legend className="legend">{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div className="choices">
          {options.map((o, index) => {
            const optionId = index === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="choice" key={o.value}>
                <input
                  className="choice__input" type="radio" value={o.value} {...registered} id={optionId}
                  aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                />
                <label className="choice__label" htmlFor={optionId}>{o.label}</label>
                {o.hint && <div className="hint" id={`${optionId}-hint`}>{o.hint}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

interface CheckboxesProps {
  id: string;
  name: string;
  legend: string;
  hint?: ReactNode;
  error: string | undefined;
  options: readonly { value: string | number; label: string; hint?: string }[];
  isChecked: (value: string) => boolean;
  onToggle: (value: string, isChecked: boolean) => void;
  onBlur: () => void;
  firstRef: (element: HTMLInputElement | null) => void;
  layout: 'list' | 'chips';
}

/** The fieldset of checkboxes shared by the id and code variants below. */
function Checkboxes({ id, name, legend, hint, error, options, isChecked, onToggle, onBlur, firstRef, layout }: CheckboxesProps) {
  const css = layout === 'chips' ? { group: 'chips', item: 'chip' } : { group: 'choices', item: 'choice' };
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error)} data-question={legend}>
        <legend className="legend">{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div className={css.group}>
          {options.map((o, index) => {
            const optionId = index === 0 ? id : `${id}-${o.value}`;
            const value = String(o.value);
            return (
              <div className={css.item} key={value}>
                <input
                  className={`${css.item}__input`} type="checkbox" id={optionId} name={name} value={value}
                  checked={isChecked(value)} onChange={(e) => onToggle(value, e.target.checked)} onBlur={onBlur}
                  ref={index === 0 ? firstRef : undefined} aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                />
                <label className={`${css.item}__label`} htmlFor={optionId}>{o.label}</label>
                {o.hint && <div className="hint" id={`${optionId}-hint`}>{o.hint}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** Keeps a list field in the options' order as boxes are ticked and unticked. */
function useCheckedList<T extends FieldValues, TOut>(control: Control<T, unknown, TOut> | undefined, name: Path<T>, options: readonly { value: string | number }[], parse: (value: string) => string | number) {
  const formId = useFormId();
  const { field, fieldState } = useController({ control, name });
  const error = fieldState.error?.message ?? (fieldState.error as { root?: { message?: string } } | undefined)?.root?.message;
  const selected = new Set<string>(Array.isArray(field.value) ? (field.value as (string | number)[]).map(String) : []);
  const onToggle = (value: string, isChecked: boolean) => {
    const next = new Set(selected);
    if (isChecked) next.add(value);
    else next.delete(value);
    field.onChange(options.map((o) => String(o.value)).filter((v) => next.has(v)).map(parse));
  };
  return { id: fieldId(formId, name), error, isChecked: (value: string) => selected.has(value), onToggle, onBlur: field.onBlur, firstRef: field.ref };
}

interface CheckboxGroupProps<T extends FieldValues, TOut> extends GroupProps {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
}

/** Checkboxes that together hold a list of ids (numbers), e.g. the services a person works in. */
export function CheckboxGroup<T extends FieldValues, TOut>({ control, name, legend, hint, options }: CheckboxGroupProps<T, TOut>) {
  const state = useCheckedList(control, name, options, Number);
  return <Checkboxes {...state} name={name} legend={legend} hint={hint} options={options} layout="list" />;
}

interface CodeCheckboxGroupProps {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string; hint?: string }[];
  /** Chips sit side by side (short labels such as setting events); a list stacks them with room for hints. */
  layout?: 'list' | 'chips';
}

/** Checkboxes that together hold a list of codes (strings), in the surrounding form's context. */
export function CodeCheckboxGroup({ name, legend, hint, options, layout = 'list' }: CodeCheckboxGroupProps) {
  const state = useCheckedList(undefined, name, options, String);
  return <Checkboxes {...state} name={name} legend={legend} hint={hint} options={options} layout={layout} />;
}
