import { describe, expect, it } from 'vitest';
import { summaryOf } from './ImportForm.js';

const report = { kind: 'occupancy' as const, rows: 3, created: 2, updated: 1, errors: [] };

describe('the import summary', () => {
  it('says a dry run saved nothing', () => {
    expect(summaryOf({ report, isDryRun: true })).toBe('3 rows checked: 2 would be created, 1 updated — nothing has been saved yet.');
  });
  it('says what was written', () => {
    expect(summaryOf({ report, isDryRun: false })).toBe('Imported: 3 rows: 2 created, 1 updated.');
  });
  it('counts the problems', () => {
    const errors = [{ row: 3, column: 'date', message: 'This date does not exist' }];
    expect(summaryOf({ report: { ...report, created: 0, updated: 0, errors }, isDryRun: true })).toBe('3 rows checked: 1 problem found.');
  });
});
