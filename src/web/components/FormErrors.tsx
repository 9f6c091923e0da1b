import { useEffect, useRef, type MouseEvent } from 'react';
import { get, type FieldErrors, type FieldValues } from 'react-hook-form';
import { fieldId } from './forms.js';

interface FormErrorsProps<T extends FieldValues> {
  errors: FieldErrors<T>;
  fields: readonly string[];
  /** A message that belongs to no single field, such as the server's `detail`. */
  message: string | null;
  /** Take focus whenever this number changes (after a submit that failed). */
  focusRequest: number;
  title?: string;
}

function messageOf(errors: FieldErrors, name: string): string | undefined {
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  // Bring the question (its label or legend) into view, then put the cursor in the field.
  const container = target.closest('.field') ?? target;
  container.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

/** The error summary at the top of a form: one link per problem field, focused after a failed submit. */
export function FormErrors<T extends FieldValues>({ errors, fields, message, focusRequest, title = 'There is a problem' }: FormErrorsProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const items = fields
    .map((name) => ({ name, text: messageOf(errors, name) }))
    .filter((item): item is { name: string; text: string } => Boolean(item.text));
  const hasContent = items.length > 0 || Boolean(message);

  useEffect(() => {
    if (focusRequest > 0) ref.current?.focus();
  }, [focusRequest]);

  if (!hasContent) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">{title}</h2>
      {message && <p className="error-summary__message">{message}</p>}
      {items.length > 0 && (
        <ul className="error-summary__list">
          {items.map((item) => (
            <li key={item.name}>
              <a href={`#${fieldId(item.name)}`} onClick={(e) => focusField(e, fieldId(item.name))}>{item.text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
