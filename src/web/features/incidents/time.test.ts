import { describe, expect, it } from 'vitest';
import { formatDuration, localToIso, minutesBetween, nextDay } from './time.js';

describe('incident times', () => {
  it('keeps the local date and time and adds the zone offset', () => {
    const iso = localToIso('2026-11-26', '18:42');
    expect(iso).toMatch(/^2026-11-26T18:42:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(new Date(2026, 10, 26, 18, 42).getTime());
  });

  it('works out the next day across months and years', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('measures an episode, including one that ends after midnight', () => {
    expect(minutesBetween('2026-11-26', '18:00', '18:12', false)).toBe(12);
    expect(minutesBetween('2026-11-26', '18:00', '17:50', false)).toBe(-10);
    expect(minutesBetween('2026-11-26', '23:50', '00:10', true)).toBe(20);
    expect(minutesBetween('2026-11-26', '', '00:10', true)).toBeNull();
  });

  it('says a duration in words', () => {
    expect(formatDuration(0)).toBe('less than a minute');
    expect(formatDuration(1)).toBe('1 minute');
    expect(formatDuration(75)).toBe('1 hour 15 minutes');
    expect(formatDuration(120)).toBe('2 hours');
  });
});
