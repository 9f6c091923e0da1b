import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { get, type FieldErrors, type FieldValues } from 'react-hook-form';
import { fieldId } from './forms.js';

interface FormErrorsProps<T extends FieldValues> {
  formId: string;
  errors: FieldErrors<T>;
  fields: readonly string[];
  /** A message that belongs to no single field, such as the server's `detail`. */
  message: string | null;
  /** Take focus whenever this number changes (after a submit that failed). */
  focusRequest: number;
  title?: string;
}

function messageOf(errors: FieldErrors, name: string): string | undefined {
  const error = get<FieldErrors, { message?: string; root?: { message?: string } } | undefined>(errors, name);
  return error?.message ?? error?.root?.message;
}

/** The question a field answers, as the user sees it: its group's legend, or its label. */
function questionOf(id: string): string | null {
  if (typeof document === 'undefined') return null;
  const element = document.getElementById(id);
  if (!element) return null;
  const group = element.closest<HTMLElement>('[data-question]');
  if (group?.dataset.question) return group.dataset.question;
  const label = document.querySelector(`label[for="${id}"]`);
  return label?.textContent?.trim() || null;
}

/** "Reference: required" – the question, then what is wrong with the answer. */
function summaryText(id: string, message: string): string {
  const question = questionOf(id);
  return question ? `${question}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
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
export function FormErrors<T extends FieldValues>({ formId, errors, fields, message, focusRequest, title = 'There is a problem' }: FormErrorsProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const items = fields
    .map((name) => ({ name, text: messageOf(errors, name) }))
    .filter((item): item is { name: string; text: string } => Boolean(item.text));
  const hasContent = items.length > 0 || Boolean(message);

  // Errors and the request to focus may arrive in separate renders: focus once both are here.
  const handledRequest = useRef(0);
  useEffect(() => {
    if (focusRequest > handledRequest.current && hasContent && ref.current) {
      handledRequest.current = focusRequest;
      ref.current.focus();
    }
  });

  if (!hasContent) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 className="error-summary__title" id={titleId}>{title}</h2>
      {message && <p className="error-summary__message">{message}</p>}
      {items.length > 0 && (
        <ul className="error-summary__list">
          {items.map((item) => (
            <li key={item.name}>
              <a href={`#${fieldId(formId, item.name)}`} onClick={(e) => focusField(e, fieldId(formId, item.name))}>
                {summaryText(fieldId(formId, item.name), item.text)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
