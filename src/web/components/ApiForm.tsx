import type { ReactNode } from 'react';
import { FormProvider, type FieldValues } from 'react-hook-form';
import { FormIdContext, type ApiFormApi } from './forms.js';
import { FormErrors } from './FormErrors.js';

interface ApiFormProps<TIn extends FieldValues, TOut> {
  form: ApiFormApi<TIn, TOut>;
  onSubmit: (values: TOut) => Promise<unknown>;
  submitLabel: string;
  /** The button's text while the answer is awaited. */
  busyLabel?: string;
  children: ReactNode;
  /** Shown beside the submit button, e.g. a Cancel link. */
  secondary?: ReactNode;
  /** Accessible name of the form when a page holds more than one. */
  label?: string;
  className?: string;
}

/** A form with the error summary at the top, its fields, and a submit button that says what it does. */
export function ApiForm<TIn extends FieldValues, TOut>(props: ApiFormProps<TIn, TOut>) {
  const { form, onSubmit, submitLabel, busyLabel = 'Saving…', children, secondary, label, className } = props;
  const { formState } = form;
  return (
    <FormProvider {...form}>
      <FormIdContext value={form.formId}>
        <form
          className={className ?? 'form'}
          noValidate
          aria-label={label}
          onSubmit={(event) => {
            if (formState.isSubmitting) event.preventDefault();
            else void form.submit(onSubmit)(event);
          }}
        >
          <FormErrors
            formId={form.formId} errors={formState.errors} fields={form.fields}
            message={form.formMessage} focusRequest={form.focusRequest}
          />
          {children}
          <div className="button-group">
            <button type="submit" className="button" aria-disabled={formState.isSubmitting || undefined}>
              {formState.isSubmitting ? busyLabel : submitLabel}
            </button>
            {secondary}
          </div>
        </form>
      </FormIdContext>
    </FormProvider>
  );
}
