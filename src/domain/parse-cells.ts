// Pure parsers for the cells of an import file (docs/import.md): dates and times as people in England write
// them, Y/N flags, `;` lists and the LFPSE harm codes. Each returns a value or a message saying what to write.
import { lfpseHarmCode, physicalHarmLevels, type PhysicalHarm } from './incidents.js';
import { londonWallClock } from './working-days.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const DATE_MESSAGE = 'Use a date as YYYY-MM-DD or dd/mm/yyyy';
const DATE_TIME_MESSAGE = 'Use a date and time such as 02/03/2026 14:30 (UK time), or 2026-03-02T14:30:00Z';

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const ukDatePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const isoOffsetPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeap(year) ? 29 : daysInMonth[month - 1]!);
}

function dateText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** A calendar date written as ISO 8601 (YYYY-MM-DD) or the UK way (dd/mm/yyyy), as YYYY-MM-DD; it must exist. */
export function parseDate(text: string): Parsed<string> {
  const iso = isoDatePattern.exec(text);
  const uk = iso ? null : ukDatePattern.exec(text);
  if (!iso && !uk) return fail(DATE_MESSAGE);
  const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [Number(uk![3]), Number(uk![2]), Number(uk![1])];
  return isCalendarDate(year, month, day) ? ok(dateText(year, month, day)) : fail('This date does not exist');
}

// The offset of UK clocks is the same through any wall-clock hour (the clocks change on the hour), so one
// Intl lookup per date and hour serves every row in it; large files repeat dates and hours constantly.
const offsetCache = new Map<number, number>();

/** The instant a wall-clock time in England (GMT or BST) names, in milliseconds since the epoch. */
export function londonInstantMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const key = ((year * 100 + month) * 100 + day) * 100 + hour;
  const naive = Date.UTC(year, month - 1, day, hour);
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = londonWallClock(dateText(year, month, day), `${pad2(hour)}:00:00.000`).getTime() - naive;
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return naive + offset + minute * 60_000 + second * 1000;
}

/** Read `count` decimal digits at `at`, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** A local date and time as [year, month, day, hour, minute, second], or null if not in a supported layout. */
function scanLocal(text: string): [number, number, number, number, number, number] | null {
  let year: number, month: number, day: number, at: number;
  if (text.charCodeAt(4) === 45 /* - */) {
    // YYYY-MM-DD[T ]hh:mm[:ss[.fff]]
    year = digitsAt(text, 0, 4); month = digitsAt(text, 5, 2); day = digitsAt(text, 8, 2);
    if (text.charCodeAt(7) !== 45 || year < 0 || month < 0 || day < 0) return null;
    if (text.length === 10) return [year, month, day, 0, 0, 0];
    const sep = text.charCodeAt(10);
    if (sep !== 84 && sep !== 116 && sep !== 32) return null;
    at = 11;
  } else {
    // d[d]/m[m]/yyyy[ hh:mm[:ss]]
    const slash1 = text.indexOf('/');
    const slash2 = slash1 < 0 ? -1 : text.indexOf('/', slash1 + 1);
    if (slash1 < 1 || slash1 > 2 || slash2 - slash1 < 2 || slash2 - slash1 > 3) return null;
    day = digitsAt(text, 0, slash1); month = digitsAt(text, slash1 + 1, slash2 - slash1 - 1); year = digitsAt(text, slash2 + 1, 4);
    if (year < 0 || month < 0 || day < 0) return null;
    at = slash2 + 5;
    if (text.length === at) return [year, month, day, 0, 0, 0];
    if (text.charCodeAt(at) !== 32 && text.charCodeAt(at) !== 84) return null;
    while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 84) at += 1;
  }
  const colon = text.indexOf(':', at);
  if (colon - at < 1 || colon - at > 2) return null;
  const hour = digitsAt(text, at, colon - at);
  const minute = digitsAt(text, colon + 1, 2);
  let end = colon + 3;
  let second = 0;
  if (text.charCodeAt(end) === 58 /* : */) {
    second = digitsAt(text, end + 1, 2);
    end += 3;
    if (text.charCodeAt(end) === 46 /* . */) {
      end += 1;
      while (end < text.length && digitsAt(text, end, 1) >= 0) end += 1;
    }
  }
  if (hour < 0 || minute < 0 || second < 0 || end !== text.length) return null;
  return [year, month, day, hour, minute, second];
}

/**
 * An instant, as ISO-8601 UTC. Accepts ISO 8601 with an offset or Z; and, read as UK time (GMT or BST on that
 * day): ISO without an offset, dd/mm/yyyy hh:mm[:ss], or a date alone (midnight).
 */
export function parseDateTime(text: string): Parsed<string> {
  let parsed = dateTimeCache.get(text);
  if (parsed === undefined) {
    parsed = readDateTime(text);
    if (dateTimeCache.size > 100_000) dateTimeCache.clear();
    dateTimeCache.set(text, parsed);
  }
  return parsed;
}

// Large files repeat the same times on row after row (an incident's episodes, a shift's incidents).
const dateTimeCache = new Map<string, Parsed<string>>();

function readDateTime(text: string): Parsed<string> {
  const local = scanLocal(text);
  if (local) {
    const [year, month, day, hour, minute, second] = local;
    if (!isCalendarDate(year, month, day)) return fail('This date does not exist');
    if (hour > 23 || minute > 59 || second > 59) return fail('This time does not exist');
    return ok(new Date(londonInstantMs(year, month, day, hour, minute, second)).toISOString());
  }
  if (isoOffsetPattern.test(text)) {
    const ms = Date.parse(/[+-]\d{4}$/.test(text) ? `${text.slice(0, -2)}:${text.slice(-2)}` : text);
    return Number.isNaN(ms) ? fail('This date and time does not exist') : ok(new Date(ms).toISOString());
  }
  return fail(DATE_TIME_MESSAGE);
}

const YES: Parsed<boolean> = ok(true);
const NO: Parsed<boolean> = ok(false);
const NOT_A_FLAG: Parsed<boolean> = fail('Use Y or N (yes or no also work)');

/** A flag as files write it: Y or N (also yes/no, any case). */
export function parseFlag(text: string): Parsed<boolean> {
  // Files write Y and N on row after row: answer those without lower-casing.
  if (text === 'Y' || text === 'y') return YES;
  if (text === 'N' || text === 'n') return NO;
  switch (text.toLowerCase()) {
    case 'y': case 'yes': return YES;
    case 'n': case 'no': return NO;
    default: return NOT_A_FLAG;
  }
}

/** A `;`-separated list: items trimmed, empty items dropped, each kept once in first-seen order. */
export function parseList(text: string): string[] {
  if (!text) return [];
  if (!text.includes(';')) {
    const item = text.trim();
    return item ? [item] : [];
  }
  const items: string[] = [];
  for (const part of text.split(';')) {
    const item = part.trim();
    // Lists are short: a linear check beats building a Set for each cell.
    if (item && !items.includes(item)) items.push(item);
  }
  return items;
}

/** Physical harm as a stored code (none…fatal) or an LFPSE code (5 = none … 1 = fatal), DOMAIN.md §3.3. */
export function parsePhysicalHarm(text: string): Parsed<PhysicalHarm> {
  const lower = text.toLowerCase();
  if (Object.hasOwn(lfpseHarmCode, lower)) return ok(lfpseHarmCode[lower]!);
  return (physicalHarmLevels as readonly string[]).includes(lower)
    ? ok(lower as PhysicalHarm)
    : fail(`Use one of ${physicalHarmLevels.join(', ')} or an LFPSE code 5 (none) to 1 (fatal)`);
}

/** One of a closed set of stored codes (case-insensitive). */
export function parseCode<T extends string>(text: string, codes: readonly T[]): Parsed<T> {
  const lower = text.toLowerCase();
  return (codes as readonly string[]).includes(lower) ? ok(lower as T) : fail(`Use one of ${codes.join(', ')}`);
}

/** A whole number within bounds. */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  if (!/^-?\d+$/.test(text)) return fail('Use a whole number');
  const value = Number(text);
  return value < min || value > max ? fail(`Use a number from ${min} to ${max}`) : ok(value);
}

/** A decimal number within bounds. */
export function parseNumber(text: string, min: number, max: number): Parsed<number> {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return fail('Use a number');
  const value = Number(text);
  return value < min || value > max ? fail(`Use a number from ${min} to ${max}`) : ok(value);
}

// The answers for each list of codes, by cell text: a large file repeats a handful of codes on every row.
const twoDigitAnswers = new WeakMap<readonly string[], Map<string, Parsed<string>>>();

/** A two-digit national code; spreadsheets drop the leading zero of "01", so one digit is padded. */
export function parseTwoDigitCode<T extends string>(text: string, codes: readonly T[]): Parsed<T> {
  let answers = twoDigitAnswers.get(codes);
  if (!answers) twoDigitAnswers.set(codes, answers = new Map<string, Parsed<string>>());
  let parsed = answers.get(text);
  if (!parsed) {
    const padded = /^\d$/.test(text) ? `0${text}` : text;
    parsed = (codes as readonly string[]).includes(padded) ? ok(padded) : fail(`Unknown code: use one of ${codes.join(', ')}`);
    // Only the valid codes are remembered, so that a file of nonsense cannot grow the map.
    if (parsed.ok) answers.set(text, parsed);
  }
  return parsed as Parsed<T>;
}
