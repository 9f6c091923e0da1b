import type { ReactNode } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { fieldId, useFormId } from '../../components/forms.js';

interface ChecklistProps {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string; hint?: string }[];
}

/** Checkboxes that together hold a list of codes (strings), with a legend, hint and error message. */
export function Checklist({ name, legend, hint, options }: ChecklistProps) {
  const formId = useFormId();
  const { control } = useFormContext();
  const { field, fieldState } = useController({ control, name });
  const error = fieldState.error?.message ?? (fieldState.error as { root?: { message?: string } } | undefined)?.root?.message;
  const id = fieldId(formId, name);
  const selected = new Set<string>(Array.isArray(field.value) ? (field.value as string[]) : []);
  const toggle = (value: string, isChecked: boolean) => {
    const next = new Set(selected);
    if (isChecked) next.add(value);
    else next.delete(value);
    field.onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset className="fieldset" aria-describedby={describedBy} data-question={legend}>
        <legend className="legend">{legend}</legend>
        {hint && <div className="hint" id={`${id}-hint`}>{hint}</div>}
        {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
        <div className="choices">
          {options.map((o, index) => {
            const optionId = index === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="choice" key={o.value}>
                <input
                  className="choice__input" type="checkbox" id={optionId} name={name} value={o.value}
                  checked={selected.has(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} onBlur={field.onBlur}
                  ref={index === 0 ? field.ref : undefined} aria-describedby={o.hint ? `${optionId}-hint` : undefined}
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

/** Options for a RadioGroup or SelectField from a code → label record. */
export const optionsOf = <K extends string>(codes: readonly K[], labels: Record<K, string>) => codes.map((value) => ({ value, label: labels[value] }));
