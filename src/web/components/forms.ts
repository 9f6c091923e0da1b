import { createContext, useContext, useId, useState } from 'react';
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { isApiError } from '../api/client.js';

/** The id of the input for a form field (unique per form), so error summaries can link to it. */
export const fieldId = (formId: string, name: string) => `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Each form's prefix for its field ids, so two forms on a page never share an id. */
export const FormIdContext = createContext('form');
export const useFormId = () => useContext(FormIdContext);

/**
 * Plain-English wording for zod's default messages. Messages written into the shared schemas
 * (such as 'Required' or 'Use a date as YYYY-MM-DD') take precedence over these.
 */
export const friendlyErrors: z.core.$ZodErrorMap = (issue) => {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null || input === '' || (typeof input === 'number' && Number.isNaN(input))) return 'Required';
      if (issue.expected === 'int') return 'Enter a whole number';
      if (issue.expected === 'number') return 'Enter a number';
      return 'Check this answer';
    case 'too_small':
      if (issue.origin === 'number') return `Enter ${String(issue.minimum)} or more`;
      if (issue.origin === 'array') return issue.minimum === 1 ? 'Choose at least one' : `Choose at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return issue.minimum === 1 ? 'Required' : `Use at least ${String(issue.minimum)} characters`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'number') return `Enter ${String(issue.maximum)} or less`;
      if (issue.origin === 'array') return `Choose at most ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `At most ${String(issue.maximum)} characters`;
      return undefined;
    case 'invalid_value':
      return 'Choose one of the options';
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      // The schema's own message (or zod's) says it well enough.
      return undefined;
  }
};

/** For <select> and number inputs: '' becomes undefined (so "Required" is shown), anything else a number. */
export const asNumber = (value: unknown): number | undefined =>
  value === '' || value === undefined || value === null ? undefined : Number(value);
/** For optional selects of ids: '' becomes null. */
export const asNumberOrNull = (value: unknown): number | null =>
  value === '' || value === undefined || value === null ? null : Number(value);
/** For optional date inputs: '' becomes null. */
export const asDateOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
/** For required date inputs: '' becomes undefined (so "Required" is shown). */
export const asDate = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export interface ApiFormExtras<TOut> {
  /** A message for the top of the form that belongs to no single field (or null). */
  formMessage: string | null;
  /** Changes each time the error summary should take focus (after a failed submit). */
  focusRequest: number;
  /** The fields in the order they appear, for ordering the error summary and placing server errors. */
  fields: readonly string[];
  /** Prefix of this form's field ids. */
  formId: string;
  /** Validate, then run `onValid`; a problem from the server lands on its fields or the summary. */
  submit: (onValid: (values: TOut) => Promise<unknown>) => (event?: React.BaseSyntheticEvent) => Promise<void>;
}
export type ApiFormApi<TIn extends FieldValues, TOut> = UseFormReturn<TIn, unknown, TOut> & ApiFormExtras<TOut>;

interface ApiFormOptions<TIn extends FieldValues, TOut> extends Omit<UseFormProps<TIn, unknown, TOut>, 'resolver'> {
  /** The form's fields in screen order. */
  fields: readonly Path<TIn>[];
  /** Rename a server error path to a form field (e.g. `days.0.date` → `date`). */
  mapPath?: (path: string) => string;
}

/**
 * A react-hook-form form validated by a shared zod schema, that shows server problems the same way:
 * each `errors[].path` on its field, anything else in the summary at the top.
 */
export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  { fields, mapPath = (p) => p, ...options }: ApiFormOptions<z.input<S>, z.output<S>>,
): ApiFormApi<z.input<S>, z.output<S>> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    ...options,
    resolver: zodResolver(schema, { error: friendlyErrors }),
    // The error summary takes focus instead, and links to each field.
    shouldFocusError: false,
  });
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const formId = `form${useId().replace(/[^A-Za-z0-9]/g, '')}`;

  const showProblem = (error: unknown) => {
    if (!isApiError(error)) {
      console.error(error);
      setFormMessage('Something went wrong. Please try again.');
    } else {
      // Every problem with a field is shown on it: closing a concern can lack both an outcome and an answer.
      const onField = new Map<string, string[]>();
      const unplaced = error.fieldErrors.filter((fieldError) => {
        const name = mapPath(fieldError.path).split('.')[0] ?? '';
        if (!fields.includes(name as Path<z.input<S>>)) return true;
        onField.set(name, [...(onField.get(name) ?? []), fieldError.message]);
        return false;
      });
      for (const [name, messages] of onField) {
        const unique = [...new Set(messages)];
        // Several problems on one field read as sentences, not as one run-on line.
        const message = unique.length === 1 ? unique[0]! : unique.map((m) => (/[.!?…]$/.test(m) ? m : `${m}.`)).join(' ');
        form.setError(name as Path<z.input<S>>, { type: 'server', message });
      }
      const isAllPlaced = error.fieldErrors.length > 0 && unplaced.length === 0;
      setFormMessage(isAllPlaced ? null : error.problem.detail);
    }
    setFocusRequest((n) => n + 1);
  };

  const submit: ApiFormExtras<z.output<S>>['submit'] = (onValid) =>
    form.handleSubmit(
      async (values) => {
        setFormMessage(null);
        try {
          await onValid(values);
        } catch (error) {
          showProblem(error);
        }
      },
      () => {
        setFormMessage(null);
        setFocusRequest((n) => n + 1);
      },
    );

  return { ...form, formMessage, focusRequest, fields, formId, submit };
}

// '' and a missing value mean the same to the API; lists of ids are compared whatever their order.
function comparable(value: unknown): string {
  if (value === '' || value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return JSON.stringify([...(value as unknown[])].map(String).sort());
  return JSON.stringify(value);
}

/** Only the answers that differ from the record as it was loaded, so a change (and its audit entry) names just those. */
export function changedValues<T extends object>(original: Partial<T>, values: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (comparable(values[key]) !== comparable(original[key])) changed[key] = values[key];
  }
  return changed;
}
