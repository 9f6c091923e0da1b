import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth, formatNumber } from './formatDate.js';

describe('dates the en-GB way', () => {
  it('shows a calendar date as day, short month and year, whatever the time zone', () => {
    expect(formatDate('2026-11-26')).toBe('26 Nov 2026');
    expect(formatDate('2026-01-01')).toBe('1 Jan 2026');
    // Lantern's own month names: newer en-GB data in browsers say "Sept".
    expect(formatDate('2026-09-20')).toBe('20 Sep 2026');
    expect(formatMonth('2026-09')).toBe('Sep 2026');
  });

  it('shows the day a timestamp falls on in England, not in UTC', () => {
    expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 Jul 2026'); // 00:30 British Summer Time
    expect(formatDateTime('2026-09-07T08:00:00Z')).toBe('7 Sep 2026, 09:00');
  });

  it('shows a missing date as the fallback', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(null, 'Still supported')).toBe('Still supported');
  });

  it('shows a timestamp in UK time on the 24-hour clock', () => {
    expect(formatDateTime('2026-07-01T13:05:00Z')).toBe('1 Jul 2026, 14:05'); // British Summer Time
    expect(formatDateTime('2026-11-26T23:30:00Z')).toBe('26 Nov 2026, 23:30'); // Greenwich Mean Time
  });

  it('rounds numbers to whole ones unless asked for decimals', () => {
    expect(formatNumber(99.3333)).toBe('99');
    expect(formatNumber(1234.56, 1)).toBe('1,234.6');
  });

  it('shows a month as short month and year', () => {
    expect(formatMonth('2026-11')).toBe('Nov 2026');
  });
});
