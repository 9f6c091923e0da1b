import { describe, expect, it } from 'vitest';
import { csvHref } from './CsvDownloadLink.js';

describe('csvHref', () => {
  it('keeps the filters in use, drops paging and empty values, and asks for CSV', () => {
    expect(csvHref('/api/v1/people', { q: 'Amira K.', serviceId: 3, includeEnded: true, limit: 25, offset: 50, status: undefined, role: '' }))
      .toBe('/api/v1/people?q=Amira+K.&serviceId=3&includeEnded=true&format=csv');
  });

  it('with no filters is the whole list', () => {
    expect(csvHref('/api/v1/staff', {})).toBe('/api/v1/staff?format=csv');
  });

  it('encodes what a filter holds, so it cannot add parameters of its own', () => {
    expect(csvHref('/api/v1/audit', { entityId: '1&format=json', from: '2026-11-26T00:00:00.000Z' }))
      .toBe('/api/v1/audit?entityId=1%26format%3Djson&from=2026-11-26T00%3A00%3A00.000Z&format=csv');
  });
});
