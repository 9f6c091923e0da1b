import { describe, expect, it } from 'vitest';
import {
  parseCode, parseDate, parseDateTime, parseFlag, parseInteger, parseList, parseNumber, parsePhysicalHarm, parseTwoDigitCode,
} from '../../src/domain/parse-cells.js';
import { checkHeader } from '../../src/domain/imports.js';

const value = <T>(parsed: { ok: true; value: T } | { ok: false; message: string }) => (parsed.ok ? parsed.value : `error: ${parsed.message}`);

describe('reading import cells', () => {
  it('reads dates written the UK way or as ISO 8601, and refuses dates that do not exist', () => {
    expect(value(parseDate('2026-03-01'))).toBe('2026-03-01');
    expect(value(parseDate('01/03/2026'))).toBe('2026-03-01');
    expect(value(parseDate('1/3/2026'))).toBe('2026-03-01');
    expect(value(parseDate('29/02/2028'))).toBe('2028-02-29');
    expect(value(parseDate('29/02/2026'))).toBe('error: This date does not exist');
    expect(value(parseDate('31/04/2026'))).toBe('error: This date does not exist');
    expect(value(parseDate('03-01-2026'))).toMatch(/^error: Use a date/);
  });

  it('reads UK wall-clock times in GMT in winter and BST in summer', () => {
    expect(value(parseDateTime('15/01/2026 14:30'))).toBe('2026-01-15T14:30:00.000Z');
    expect(value(parseDateTime('15/07/2026 14:30'))).toBe('2026-07-15T13:30:00.000Z');
    expect(value(parseDateTime('2026-07-15T14:30'))).toBe('2026-07-15T13:30:00.000Z');
    expect(value(parseDateTime('2026-07-15 14:30:15'))).toBe('2026-07-15T13:30:15.000Z');
    expect(value(parseDateTime('5/7/2026 9:05'))).toBe('2026-07-05T08:05:00.000Z');
    // A date alone is midnight in the UK.
    expect(value(parseDateTime('15/07/2026'))).toBe('2026-07-14T23:00:00.000Z');
  });

  it('follows the clocks on the days they change', () => {
    // 29 March 2026: clocks go forward at 01:00 GMT; 25 October 2026: back at 02:00 BST.
    expect(value(parseDateTime('29/03/2026 00:30'))).toBe('2026-03-29T00:30:00.000Z');
    expect(value(parseDateTime('29/03/2026 02:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(value(parseDateTime('25/10/2026 00:30'))).toBe('2026-10-24T23:30:00.000Z');
    expect(value(parseDateTime('25/10/2026 03:00'))).toBe('2026-10-25T03:00:00.000Z');
  });

  it('takes an explicit offset as written', () => {
    expect(value(parseDateTime('2026-07-15T14:30:00Z'))).toBe('2026-07-15T14:30:00.000Z');
    expect(value(parseDateTime('2026-07-15T14:30:00+01:00'))).toBe('2026-07-15T13:30:00.000Z');
    expect(value(parseDateTime('2026-07-15T14:30:00.250-0500'))).toBe('2026-07-15T19:30:00.250Z');
  });

  it('refuses times that do not exist or are not dates at all', () => {
    expect(value(parseDateTime('15/07/2026 24:10'))).toBe('error: This time does not exist');
    expect(value(parseDateTime('31/06/2026 10:00'))).toBe('error: This date does not exist');
    expect(value(parseDateTime('yesterday'))).toMatch(/^error: Use a date and time/);
    expect(value(parseDateTime('15/07/2026 14:30 pm'))).toMatch(/^error: Use a date and time/);
  });

  it('reads Y/N flags', () => {
    expect(value(parseFlag('Y'))).toBe(true);
    expect(value(parseFlag('n'))).toBe(false);
    expect(value(parseFlag('yes'))).toBe(true);
    expect(value(parseFlag('maybe'))).toBe('error: Use Y or N (yes or no also work)');
  });

  it('splits ; lists, trimming and dropping blanks and repeats', () => {
    expect(parseList(' S-1; S-2 ;;S-1 ')).toEqual(['S-1', 'S-2']);
    expect(parseList('')).toEqual([]);
  });

  it('maps LFPSE physical harm codes 5…1 to none…fatal and accepts the stored codes', () => {
    expect(['5', '4', '3', '2', '1'].map((code) => value(parsePhysicalHarm(code)))).toEqual(['none', 'low', 'moderate', 'severe', 'fatal']);
    expect(value(parsePhysicalHarm('Moderate'))).toBe('moderate');
    expect(value(parsePhysicalHarm('6'))).toMatch(/^error: Use one of/);
    expect(value(parsePhysicalHarm('constructor'))).toMatch(/^error: Use one of/);
  });

  it('reads codes, two-digit national codes and numbers', () => {
    expect(value(parseCode('Agency', ['permanent', 'bank', 'agency']))).toBe('agency');
    expect(value(parseTwoDigitCode('1', ['01', '04']))).toBe('01');
    expect(value(parseTwoDigitCode('02', ['01', '04']))).toMatch(/^error: Unknown code/);
    expect(value(parseInteger('12', 0, 100))).toBe(12);
    expect(value(parseInteger('1.5', 0, 100))).toBe('error: Use a whole number');
    expect(value(parseNumber('5.5', 0, 10))).toBe(5.5);
    expect(value(parseNumber('11', 0, 10))).toBe('error: Use a number from 0 to 10');
  });

  it('checks a header row: unknown, repeated and missing columns', () => {
    const { errors } = checkHeader('occupancy', ['Service_Ref', 'date', 'date', 'beds']);
    expect(errors).toEqual([
      { row: 1, column: 'date', message: 'This column appears twice' },
      { row: 1, column: 'beds', message: 'Unknown column "beds": occupancy files have no such column' },
      { row: 1, column: 'occupied_days', message: 'Missing required column' },
    ]);
  });
});
