import { formatDay } from './dates.js';
// UK working days for safeguarding timescales: England and Wales bank holidays, and the calendar day as it
// is in Europe/London (not the server's zone), so "end of the next working day" means what a care team means.
// Pure: no I/O, no clock. Dates are YYYY-MM-DD strings; instants are Date objects or ISO-8601 strings.

export const UK_TIME_ZONE = 'Europe/London';

/** Years whose one-off bank holidays (jubilees, funerals, coronations, moved days) are known to this module. */
export const BANK_HOLIDAY_YEARS = { from: 2015, to: 2035 } as const;

export interface BankHoliday { date: string; name: string }

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function ymd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function toUtcMidday(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** The calendar date `days` days after (or before, when negative) a YYYY-MM-DD date. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(toUtcMidday(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a YYYY-MM-DD date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return toUtcMidday(date).getUTCDay();
}

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first given weekday (0 = Sunday) of a month. */
function firstWeekdayOf(year: number, month: number, weekday: number): string {
  const first = ymd(year, month, 1);
  return addCalendarDays(first, (weekday - dayOfWeek(first) + 7) % 7);
}

/** The last given weekday (0 = Sunday) of a month. */
function lastWeekdayOf(year: number, month: number, weekday: number): string {
  const last = addCalendarDays(month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1), -1);
  return addCalendarDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

// Changes to the usual pattern proclaimed for particular years (gov.uk/bank-holidays).
const movedEarlyMay: Record<number, string> = { 2020: '2020-05-08' }; // VE Day 75th anniversary, Friday
const movedSpring: Record<number, string> = { 2022: '2022-06-02' }; // Platinum Jubilee, Thursday
const extraHolidays: readonly BankHoliday[] = [
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
];

/**
 * England and Wales bank holidays of a year, in date order: New Year's Day, Good Friday, Easter Monday, the
 * early May and spring bank holidays, the summer bank holiday, Christmas Day and Boxing Day, with the
 * substitute weekday when a fixed holiday falls at a weekend, and the one-off changes of 2015–2035.
 */
export function englandAndWalesBankHolidays(year: number): BankHoliday[] {
  const holidays: BankHoliday[] = [];

  const newYear = ymd(year, 1, 1);
  const newYearDow = dayOfWeek(newYear);
  holidays.push({
    date: newYearDow === 6 ? addCalendarDays(newYear, 2) : newYearDow === 0 ? addCalendarDays(newYear, 1) : newYear,
    name: newYearDow === 6 || newYearDow === 0 ? 'New Year’s Day (substitute day)' : 'New Year’s Day',
  });

  const easter = easterSunday(year);
  holidays.push({ date: addCalendarDays(easter, -2), name: 'Good Friday' });
  holidays.push({ date: addCalendarDays(easter, 1), name: 'Easter Monday' });
  holidays.push({ date: movedEarlyMay[year] ?? firstWeekdayOf(year, 5, 1), name: 'Early May bank holiday' });
  holidays.push({ date: movedSpring[year] ?? lastWeekdayOf(year, 5, 1), name: 'Spring bank holiday' });
  holidays.push({ date: lastWeekdayOf(year, 8, 1), name: 'Summer bank holiday' });

  // Christmas Day and Boxing Day: a day falling at a weekend moves to the next weekday not already a holiday.
  const christmas = ymd(year, 12, 25);
  switch (dayOfWeek(christmas)) {
    case 5: // Friday: Boxing Day (Saturday) moves to Monday 28th
      holidays.push({ date: christmas, name: 'Christmas Day' }, { date: ymd(year, 12, 28), name: 'Boxing Day (substitute day)' });
      break;
    case 6: // Saturday: both move, to Monday 27th and Tuesday 28th
      holidays.push({ date: ymd(year, 12, 27), name: 'Christmas Day (substitute day)' }, { date: ymd(year, 12, 28), name: 'Boxing Day (substitute day)' });
      break;
    case 0: // Sunday: Boxing Day stays on Monday 26th; Christmas moves to Tuesday 27th
      holidays.push({ date: ymd(year, 12, 26), name: 'Boxing Day' }, { date: ymd(year, 12, 27), name: 'Christmas Day (substitute day)' });
      break;
    default:
      holidays.push({ date: christmas, name: 'Christmas Day' }, { date: ymd(year, 12, 26), name: 'Boxing Day' });
  }

  holidays.push(...extraHolidays.filter((h) => h.date.startsWith(`${year}-`)));
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(englandAndWalesBankHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set;
}

/** Whether a YYYY-MM-DD date is an England and Wales bank holiday. */
export function isBankHoliday(date: string): boolean {
  return holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** A working day: Monday to Friday and not an England and Wales bank holiday. */
export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isBankHoliday(date);
}

/**
 * The working day `n` working days after `date`: with n = 0, the date itself when it is a working day, else the
 * next working day ("the same working day"); with n = 1, the next working day after it ("the next working day").
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number of working days, 0 or more');
  let day = date;
  if (n === 0) {
    while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
    return day;
  }
  let remaining = n;
  while (remaining > 0) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function partsOf(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of londonParts.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

function toDate(instant: Date | string): Date {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return date;
}

/** The calendar date (YYYY-MM-DD) of an instant on a clock in England (GMT or BST). */
export function londonDate(instant: Date | string): string {
  const p = partsOf(toDate(instant));
  return ymd(p.year ?? 0, p.month ?? 1, p.day ?? 1);
}

/**
 * An instant as England's clocks showed it, to the minute (or the second, when it has one): "2026-07-01 14:05".
 * Spreadsheets read it as a date and time, and an import reads it back as UK time.
 */
export function londonDateTimeText(instant: Date | string): string {
  const p = partsOf(toDate(instant));
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${ymd(p.year ?? 0, p.month ?? 1, p.day ?? 1)} ${two(p.hour)}:${two(p.minute)}${p.second ? `:${two(p.second)}` : ''}`;
}

/** Minutes England's clocks are ahead of UTC at an instant: 0 in GMT, 60 in BST. */
export function londonOffsetMinutes(instant: Date | string): number {
  const date = toDate(instant);
  const p = partsOf(date);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a London wall-clock time occurs (times in the spring-forward gap resolve to the later offset). */
export function londonWallClock(date: string, time = '00:00:00.000'): Date {
  const naive = Date.parse(`${date}T${time}Z`);
  // Two passes settle the offset even on the days the clocks change.
  let guess = naive - londonOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - londonOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/**
 * The instants (ISO, UTC, as stored) from the start of day `from` to the start of the day after `to`, in England: what
 * a filter "from 1 Jul to 31 Jul" means, taking in the whole of the 31st and nothing of 30 June after 23:00 UTC.
 */
export function londonDayRange(from?: string, to?: string): { fromAt?: string; beforeAt?: string } {
  return {
    ...(from ? { fromAt: londonWallClock(from).toISOString() } : {}),
    ...(to ? { beforeAt: londonWallClock(addCalendarDays(to, 1)).toISOString() } : {}),
  };
}

/** The last millisecond of a calendar day in England: the deadline meant by "by the end of" that day. */
export function endOfLondonDay(date: string): Date {
  return new Date(londonWallClock(addCalendarDays(date, 1)).getTime() - 1);
}

/** The end of the `n`th working day counted from the day (in England) on which `instant` falls; see addWorkingDays. */
export function endOfWorkingDaysAfter(instant: Date | string, n: number): Date {
  return endOfLondonDay(addWorkingDays(londonDate(instant), n));
}

/** The day (in England) an instant falls on, as people write it: "29 Dec 2027". */
export function formatLondonDay(instant: Date | string): string {
  return formatDay(londonDate(instant));
}
