import { describe, expect, it } from 'vitest';
import { londonOffsetMinutes } from '../../src/domain/working-days.js';
import { londonClock } from '../../src/server/repositories/patterns.repository.js';

describe('londonClock', () => {
  it('agrees with the Intl time zone database at 7,800 instants across 2020–2030 (every 12 h 20 min, so every hour of the day is hit)', () => {
    const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' });
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 20 * 60_000 * 37) {
      const instant = new Date(ms).toISOString();
      const parts = Object.fromEntries(london.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
      const expected = { dayOfWeek: days.indexOf(parts.weekday!), hour: Number(parts.hour), date: `${parts.year}-${parts.month}-${parts.day}` };
      const got = londonClock(instant);
      if (got.dayOfWeek !== expected.dayOfWeek || got.hour !== expected.hour || got.date !== expected.date) mismatches.push(instant);
    }
    expect(mismatches).toEqual([]);
  });

  it('changes at 01:00 UTC on the last Sundays of March and October', () => {
    expect(londonClock('2026-03-29T00:59:00Z').hour).toBe(0);
    expect(londonClock('2026-03-29T01:00:00Z').hour).toBe(2);
    expect(londonClock('2026-10-25T00:59:00Z').hour).toBe(1);
    expect(londonClock('2026-10-25T01:00:00Z').hour).toBe(1);
    expect(londonOffsetMinutes('2026-10-25T00:59:00Z')).toBe(60);
    expect(londonClock('2026-06-30T23:30:00Z')).toMatchObject({ date: '2026-07-01', month: '2026-07', hour: 0 });
  });
});
