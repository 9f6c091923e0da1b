// Dates are shown the en-GB way: "26 Nov 2026"; times on the 24-hour clock in UK time.
import { formatDay, formatMonthOf } from '../../domain/dates.js';
import { londonDate } from '../../domain/working-days.js';

const londonTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isValid = (value: string) => !Number.isNaN(new Date(value).getTime());

/** A calendar date (YYYY-MM-DD), or the day in England of a timestamp, as "26 Nov 2026"; `fallback` when there is none. */
export function formatDate(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  if (isoDay.test(value)) return formatDay(value);
  return isValid(value) ? formatDay(londonDate(value)) : value;
}

/** A timestamp as "26 Nov 2026, 14:05" (UK time, 24-hour clock). */
export function formatDateTime(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  return isValid(value) ? `${formatDay(londonDate(value))}, ${londonTime.format(new Date(value))}` : value;
}

/** A month (YYYY-MM) as "Nov 2026". */
export function formatMonth(value: string): string {
  return /^\d{4}-\d{2}$/.test(value) ? formatMonthOf(value) : value;
}

/** Today's date as YYYY-MM-DD in the browser's time zone (for date inputs and ranges). */
export function todayIso(now = new Date()): string {
  return toIsoDay(now);
}

/** A Date as YYYY-MM-DD in the browser's time zone. */
export function toIsoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();
/** A number with thousands separators and at most `maximumFractionDigits` decimals: "1,234", "5.9". */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) numberFormats.set(maximumFractionDigits, (format = new Intl.NumberFormat('en-GB', { maximumFractionDigits })));
  return format.format(value);
}
