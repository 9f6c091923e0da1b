import { describe, expect, it } from 'vitest';
import { attachment, csvCell, csvRow, csvStream, toCsv } from '../../src/server/presenters/csv.js';

describe('CSV writer (RFC 4180)', () => {
  it('leaves plain text alone and writes empty cells for missing values', () => {
    expect(csvRow(['Birch House', 12, true, null, undefined])).toBe('Birch House,12,true,,\r\n');
  });

  it('quotes cells holding commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('Lounge, then kitchen')).toBe('"Lounge, then kitchen"');
    expect(csvCell('She said "no"')).toBe('"She said ""no"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('line one\r\nline two')).toBe('"line one\r\nline two"');
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1'])('neutralises a cell a spreadsheet would run: %s', (text) => {
    const cell = csvCell(text);
    expect(cell.replace(/^"/, '')).toMatch(/^'/);
  });

  it('keeps quoting correct after neutralising', () => {
    expect(csvCell('=A1,"x"')).toBe('"\'=A1,""x"""');
  });

  it('does not touch numbers, even negative ones, nor text with a formula character later on', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('Staff used a 2-person hold')).toBe('Staff used a 2-person hold');
  });

  it('writes a header and rows, after the byte-order mark that tells a spreadsheet it is UTF-8', () => {
    expect(toCsv(['id', 'title'], [[1, 'A'], [2, 'B, C']])).toBe('\uFEFFid,title\r\n1,A\r\n2,"B, C"\r\n');
  });

  it('writes an instant as England\'s clocks showed it, which a spreadsheet reads and an import reads back', () => {
    expect(csvCell('2026-07-01T13:05:00.000Z')).toBe('2026-07-01 14:05'); // British Summer Time
    expect(csvCell('2026-12-07T13:05:20Z')).toBe('2026-12-07 13:05:20');
    expect(csvCell('2026-07-01')).toBe('2026-07-01'); // a calendar date is left as it is
  });

  it('streams pages after the header', async () => {
    const pages = [[[1, 'a']], [], [[2, '=b']]];
    let text = '';
    for await (const chunk of csvStream(['id', 'v'], (async function* () { yield* await Promise.resolve(pages); })())) text += String(chunk);
    expect(text).toBe("\uFEFFid,v\r\n1,a\r\n2,'=b\r\n");
  });

  it('names a download with safe characters only', () => {
    expect(attachment('timeline person 12 "x".csv')).toBe('attachment; filename="timeline_person_12__x_.csv"');
  });
});
