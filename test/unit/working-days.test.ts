import { describe, expect, it } from 'vitest';
import {
  londonDayRange,
  addWorkingDays, BANK_HOLIDAY_YEARS, dayOfWeek, easterSunday, endOfLondonDay, endOfWorkingDaysAfter, englandAndWalesBankHolidays,
  formatLondonDay, isBankHoliday, isWorkingDay, londonDate, londonOffsetMinutes, londonWallClock, workingDaysBetween,
} from '../../src/domain/working-days.js';

const datesOf = (year: number) => englandAndWalesBankHolidays(year).map((h) => h.date);

describe('a range of days in England', () => {
  it('runs from the start of the first day to the start of the day after the last, on England\'s clocks', () => {
    // July is in British Summer Time: its days start at 23:00 UTC the evening before.
    expect(londonDayRange('2026-07-01', '2026-07-31')).toEqual({ fromAt: '2026-06-30T23:00:00.000Z', beforeAt: '2026-07-31T23:00:00.000Z' });
    expect(londonDayRange('2026-12-01')).toEqual({ fromAt: '2026-12-01T00:00:00.000Z' });
    // The clocks go back at 02:00 on 25 Oct 2026: that day still starts in summer time.
    expect(londonDayRange(undefined, '2026-10-24')).toEqual({ beforeAt: '2026-10-24T23:00:00.000Z' });
  });
});

describe('Easter Sunday', () => {
  it.each([
    [2015, '2015-04-05'], [2016, '2016-03-27'], [2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'],
    [2026, '2026-04-05'], [2027, '2027-03-28'], [2028, '2028-04-16'], [2029, '2029-04-01'], [2030, '2030-04-21'], [2035, '2035-03-25'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(dayOfWeek(date)).toBe(0);
  });
});

describe('England and Wales bank holidays', () => {
  it('2026: as published on gov.uk, with Boxing Day moved from Saturday to Monday 28 December', () => {
    expect(datesOf(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
  });

  it('2027: Easter at the end of March, and Christmas on a Saturday moves both days to Monday 27 and Tuesday 28 December', () => {
    expect(datesOf(2027)).toEqual(['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']);
    expect(englandAndWalesBankHolidays(2027).slice(-2).map((h) => h.name)).toEqual(['Christmas Day (substitute day)', 'Boxing Day (substitute day)']);
  });

  it('Christmas on a Sunday keeps Boxing Day on Monday and moves Christmas to Tuesday (2016, 2022)', () => {
    expect(datesOf(2016).slice(-2)).toEqual(['2016-12-26', '2016-12-27']);
    expect(datesOf(2022).slice(-2)).toEqual(['2022-12-26', '2022-12-27']);
  });

  it('New Year’s Day at a weekend moves to the Monday (2017 Sunday, 2022 Saturday)', () => {
    expect(datesOf(2017)[0]).toBe('2017-01-02');
    expect(datesOf(2022)[0]).toBe('2022-01-03');
  });

  it('includes the one-off changes: VE Day 2020, the Platinum Jubilee and the State Funeral 2022, the Coronation 2023', () => {
    expect(datesOf(2020)).toContain('2020-05-08');
    expect(datesOf(2020)).not.toContain('2020-05-04');
    expect(datesOf(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(datesOf(2022)).not.toContain('2022-05-30');
    expect(datesOf(2023)).toEqual(['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']);
  });

  it(`gives every year ${BANK_HOLIDAY_YEARS.from}–${BANK_HOLIDAY_YEARS.to} eight distinct weekday holidays in order (plus the one-offs)`, () => {
    for (let year: number = BANK_HOLIDAY_YEARS.from; year <= BANK_HOLIDAY_YEARS.to; year += 1) {
      const dates = datesOf(year);
      const extra = year === 2022 ? 2 : year === 2023 ? 1 : 0;
      expect(dates, String(year)).toHaveLength(8 + extra);
      expect(new Set(dates).size, String(year)).toBe(dates.length);
      expect([...dates].sort(), String(year)).toEqual(dates);
      for (const date of dates) {
        expect(date.startsWith(`${year}-`), date).toBe(true);
        expect([0, 6], date).not.toContain(dayOfWeek(date));
      }
    }
  });
});

describe('working days', () => {
  it('are Monday to Friday except bank holidays', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // Thursday before Easter
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isBankHoliday('2026-12-28')).toBe(true);
    expect(isBankHoliday('2026-12-26')).toBe(false); // a Saturday: its substitute is the holiday
  });

  it('"the next working day" skips weekends and bank holidays', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07'); // over Easter
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29'); // over Christmas 2027
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday to Monday
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Saturday to Monday
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // across the year end and New Year's Day
  });

  it('"the same working day" is the day itself, or the next working day when raised on a day off', () => {
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2026-12-25', 0)).toBe('2026-12-29');
  });

  it('counts many working days (28 working days from Monday 2 March 2026 crosses Easter)', () => {
    expect(addWorkingDays('2026-03-02', 28)).toBe('2026-04-13');
    expect(workingDaysBetween('2026-03-02', '2026-04-13')).toBe(28);
    expect(workingDaysBetween('2026-04-13', '2026-03-02')).toBe(0);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('the day in England, whatever the server’s zone', () => {
  it('reads an instant on London clocks: 23:30 UTC on 30 June is already 1 July in BST, but not in GMT', () => {
    expect(londonDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(londonDate('2026-12-31T23:30:00Z')).toBe('2026-12-31');
  });

  it('knows when the clocks change (last Sundays of March and October, at 01:00 UTC)', () => {
    expect(londonOffsetMinutes('2026-03-29T00:59:59Z')).toBe(0);
    expect(londonOffsetMinutes('2026-03-29T01:00:00Z')).toBe(60);
    expect(londonOffsetMinutes('2026-10-25T00:59:59Z')).toBe(60);
    expect(londonOffsetMinutes('2026-10-25T01:00:00Z')).toBe(0);
  });

  it('puts the end of a day at the last millisecond before London midnight, including on the days the clocks change', () => {
    expect(endOfLondonDay('2026-01-15').toISOString()).toBe('2026-01-15T23:59:59.999Z');
    expect(endOfLondonDay('2026-07-15').toISOString()).toBe('2026-07-15T22:59:59.999Z');
    expect(endOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T22:59:59.999Z'); // a 23-hour day
    expect(endOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-25T23:59:59.999Z'); // a 25-hour day
    expect(londonWallClock('2026-07-15', '09:00:00').toISOString()).toBe('2026-07-15T08:00:00.000Z');
  });

  it('worked example: raised Friday 24 December 2027 at 17:00, referral due by the end of Wednesday 29 December', () => {
    const due = endOfWorkingDaysAfter('2027-12-24T17:00:00Z', 1);
    expect(due.toISOString()).toBe('2027-12-29T23:59:59.999Z');
    expect(formatLondonDay(due)).toBe('29 Dec 2027');
  });

  it('worked example: raised late on Friday 27 March 2026 (GMT), due by the end of Monday 30 March (BST)', () => {
    expect(endOfWorkingDaysAfter('2026-03-27T23:30:00Z', 1).toISOString()).toBe('2026-03-30T22:59:59.999Z');
  });

  it('worked example: raised at 00:30 BST on Wednesday 1 July 2026 counts from 1 July, not from 30 June', () => {
    expect(endOfWorkingDaysAfter('2026-06-30T23:30:00Z', 1).toISOString()).toBe('2026-07-02T22:59:59.999Z');
  });
});
