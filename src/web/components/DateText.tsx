import { formatDate, formatDateTime } from './formatDate.js';

/** A date in a machine-readable <time> element, shown as "26 Nov 2026" (or with a 24-hour time). */
export function DateText({ value, withTime = false, fallback = '—' }: { value: string | null | undefined; withTime?: boolean; fallback?: string }) {
  if (!value) return <>{fallback}</>;
  return <time dateTime={value}>{withTime ? formatDateTime(value) : formatDate(value)}</time>;
}
