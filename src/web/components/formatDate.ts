// Dates are shown the en-GB way: "26 Nov 2026"; times on the 24-hour clock in UK time.

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London',
});

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD) or timestamp as "26 Nov 2026"; `fallback` when there is none. */
export function formatDate(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  const day = isoDay.exec(value);
  const date = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** A timestamp as "26 Nov 2026, 14:05" (UK time, 24-hour clock). */
export function formatDateTime(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/** A month (YYYY-MM) as "Nov 2026". */
export function formatMonth(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? monthFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))) : value;
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
