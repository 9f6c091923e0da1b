/** Times entered on a phone: a local date and time, sent with the browser's offset from UTC. */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-26" + "18:42" → "2026-11-26T18:42:00+00:00" using the offset the browser's zone has at that moment. */
export function localToIso(date: string, time: string): string {
  const local = new Date(`${date}T${time}:00`);
  if (Number.isNaN(local.getTime())) return '';
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1);
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}

/** The time now as HH:MM in the browser's zone. */
export function timeNow(now = new Date()): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** Minutes between two times on a day (or ending the next day), or null when either is missing. */
export function minutesBetween(date: string, start: string, end: string, endsNextDay: boolean): number | null {
  if (!date || !start || !end) return null;
  const from = Date.parse(localToIso(date, start));
  const to = Date.parse(localToIso(endsNextDay ? nextDay(date) : date, end));
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.round((to - from) / 60_000);
}

/** 75 → "1 hour 15 minutes"; 1 → "1 minute"; 0 → "less than a minute". */
export function formatDuration(minutes: number): string {
  if (minutes <= 0) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}
