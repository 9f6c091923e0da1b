import type { Me } from '../../../domain/auth.js';

export type Scope = { type: 'organisation' } | { type: 'region' | 'service' | 'person'; id: number };

/** Read `organisation`, `region:3`, `service:12` or `person:40` (anything else is the organisation). */
export function parseScope(value: string | null): Scope {
  const match = /^(region|service|person):([1-9]\d{0,9})$/.exec(value ?? '');
  if (!match) return { type: 'organisation' };
  return { type: match[1] as 'region' | 'service' | 'person', id: Number(match[2]) };
}

export const scopeParam = (scope: Scope) => (scope.type === 'organisation' ? 'organisation' : `${scope.type}:${scope.id}`);

/** The current month in England as YYYY-MM. */
export function currentMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** Move a YYYY-MM month by some months. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const periodChoices = [12, 24, 36] as const;
export type PeriodChoice = (typeof periodChoices)[number];

export function parseMonths(value: string | null): PeriodChoice {
  const n = Number(value);
  return (periodChoices as readonly number[]).includes(n) ? (n as PeriodChoice) : 24;
}

/** The last `months` complete months (the current month is still filling up, so it is left out). */
export function periodRange(months: number, now = new Date()): { from: string; to: string } {
  const to = addMonths(currentMonth(now), -1);
  return { from: addMonths(to, -(months - 1)), to };
}

/** How many months from `from` to `to` inclusive. */
export function monthsIn(from: string, to: string): number {
  const index = (m: string) => {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    return y * 12 + mm;
  };
  return index(to) - index(from) + 1;
}

export const isMonth = (value: string | null): value is string => value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** The whole organisation, or just the services this person is given. */
export const organisationLabel = (me: Me) => (me.allServices ? 'Whole organisation' : 'All your services');
