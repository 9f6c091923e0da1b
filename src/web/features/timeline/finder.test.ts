import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../domain/timeline.js';
import { candidatesFor, canFind, shortened } from './finder.js';

const found = (source: TimelineItem['source'], id: number, at: string, summary = 'Kai has bruising to both forearms.'): TimelineItem => ({
  source, id, at, title: 'Safeguarding concern', summary, status: 'raised', serviceId: 2, serviceName: 'Ash Lodge', links: [],
});
const incident = { source: 'incident' as const, id: 318 };

describe('finding the record to link to', () => {
  it('offers what the search found, each named with its number, when and where, and its words as a hint', () => {
    expect(candidatesFor({ source: 'safeguarding', q: 'bruising' }, [found('safeguarding', 6, '2026-11-20T18:40:00.000Z')], incident)).toEqual([
      { value: 6, label: 'Safeguarding concern 6, 20 Nov 2026, 18:40, Ash Lodge', hint: 'Kai has bruising to both forearms.' },
    ]);
    expect(candidatesFor({ source: 'review', q: 'drink' }, [found('review', 3, '2026-11-21T00:00:00.000Z')], incident)[0]?.label)
      .toBe('Practice review 3, 21 Nov 2026, Ash Lodge');
  });

  it('offers the record with the number typed first, unless the search found it already', () => {
    expect(candidatesFor({ source: 'safeguarding', q: '7' }, undefined, incident)).toEqual([{ value: 7, label: 'Safeguarding concern 7 (by its number)' }]);
    expect(candidatesFor({ source: 'safeguarding', q: '6' }, [found('safeguarding', 6, '2026-11-20T18:40:00.000Z')], incident).map((c) => c.value)).toEqual([6]);
  });

  it('never offers the record itself', () => {
    expect(candidatesFor({ source: 'incident', q: '318' }, [found('incident', 318, '2026-11-20T18:40:00.000Z')], incident)).toEqual([]);
    expect(candidatesFor(null, [found('incident', 1, '2026-11-20T18:40:00.000Z')], incident)).toEqual([]);
  });

  it('looks for two characters or more, or a record’s number', () => {
    expect([canFind('7'), canFind('ab'), canFind('a'), canFind(' '), canFind('0')]).toEqual([true, true, false, false, false]);
  });

  it('shortens a long summary at a word’s end with an ellipsis', () => {
    expect(shortened('a'.repeat(10), 10)).toBe('a'.repeat(10));
    expect(shortened('one two three four', 10)).toBe('one two…');
  });
});
