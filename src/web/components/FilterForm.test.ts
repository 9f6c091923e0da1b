import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { filterErrors } from './FilterForm.js';

const problem = (errors: { path: string; message: string }[]) =>
  new ApiError({ type: 'https://lantern.example/problems/validation', title: 'Some details need correcting', status: 400, detail: 'Please correct', errors });

describe('filterErrors', () => {
  it('puts each query error on the filter it names, the first message for each', () => {
    expect(filterErrors(problem([
      { path: 'query.to', message: 'The end is before the start' },
      { path: 'query.from', message: 'Use a date as YYYY-MM-DD' },
      { path: 'query.from', message: 'This date does not exist' },
    ]), ['from', 'to'])).toEqual({ to: 'The end is before the start', from: 'Use a date as YYYY-MM-DD' });
  });

  it('keeps only the filters on screen', () => {
    expect(filterErrors(problem([{ path: 'query.cursor', message: 'Not a cursor' }]), ['from', 'to'])).toEqual({});
  });

  it('has nothing to say about an error that is not the API’s', () => {
    expect(filterErrors(new Error('offline'), ['from'])).toEqual({});
    expect(filterErrors(null, ['from'])).toEqual({});
  });
});
