import { describe, expect, it } from 'vitest';
import { timelineSources } from '../../../domain/timeline.js';
import { searchFilterFrom, sourcesFrom, timelineFilterFrom } from './filters.js';

const all = timelineSources;

describe('a timeline’s filters in the address', () => {
  it('take the sources ticked, as a form sends them or comma-separated, in the order offered', () => {
    expect(sourcesFrom(new URLSearchParams('sources=complaint&sources=incident'), all)).toEqual(['incident', 'complaint']);
    expect(sourcesFrom(new URLSearchParams('sources=review,incident'), all)).toEqual(['incident', 'review']);
  });

  it('mean every source offered when none, or none known or offered, is ticked', () => {
    expect(sourcesFrom(new URLSearchParams(''), all)).toEqual([...all]);
    expect(sourcesFrom(new URLSearchParams('sources=speak_up'), all)).toEqual([...all]);
    expect(sourcesFrom(new URLSearchParams('sources=complaint'), ['incident', 'safeguarding'])).toEqual(['incident', 'safeguarding']);
  });

  it('ask the API for a subset of sources only, and pass dates on as typed, for the API to check', () => {
    expect(timelineFilterFrom(new URLSearchParams('sources=incident&from=2026-11-01&to=2026-11-30'), all))
      .toEqual({ sources: 'incident', from: '2026-11-01', to: '2026-11-30' });
    expect(timelineFilterFrom(new URLSearchParams(all.map((s) => `sources=${s}`).join('&')), all)).toEqual({});
    expect(timelineFilterFrom(new URLSearchParams('from=%20&to=not-a-date'), all)).toEqual({ to: 'not-a-date' });
  });

  it('add the words and the service for a search', () => {
    expect(searchFilterFrom(new URLSearchParams('q=%20curtains%20&serviceId=2&sources=incident&sources=complaint'), all))
      .toEqual({ q: 'curtains', sources: 'incident,complaint', serviceId: '2' });
    expect(searchFilterFrom(new URLSearchParams(''), all)).toEqual({});
  });
});
