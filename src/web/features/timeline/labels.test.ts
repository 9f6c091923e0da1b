import { describe, expect, it } from 'vitest';
import { isDatedByDay, linkChoices, linkFieldFor, linkInputFor, linkText, recordName, recordPath, statusText } from './labels.js';

describe('naming records on timelines', () => {
  it('opens each record on its own page', () => {
    expect(recordPath({ source: 'incident', id: 318 })).toBe('/incidents/318');
    expect(recordPath({ source: 'safeguarding', id: 12 })).toBe('/safeguarding/12');
    expect(recordPath({ source: 'complaint', id: 5 })).toBe('/complaints/5');
    expect(recordPath({ source: 'restriction', id: 7 })).toBe('/restrictions/7');
    expect(recordPath({ source: 'review', id: 3 })).toBe('/reviews/3');
    expect(recordName({ source: 'safeguarding', id: 12 })).toBe('safeguarding concern 12');
  });

  it('says where each record has got to in the words of its own page', () => {
    expect(statusText('incident', 'submitted')).toBe('Waiting for review');
    expect(statusText('safeguarding', 'enquiry')).toBe('Enquiry open');
    expect(statusText('complaint', 'acknowledged')).toBe('Acknowledged');
    expect(statusText('complaint', 'partly_upheld')).toBe('Responded: partly upheld');
    expect(statusText('restriction', 'reducing')).toBe('Being reduced');
    expect(statusText('review', 'held')).toBe('Held');
    expect(statusText('incident', 'something_new')).toBe('something_new');
  });

  it('shows reviews and restrictions, which are dated by the day, without a time', () => {
    expect(['incident', 'safeguarding', 'complaint', 'review', 'restriction'].filter((s) => isDatedByDay(s as never))).toEqual(['review', 'restriction']);
  });
});

describe('links between records', () => {
  it('read from each end: the incident raised the concern, the concern was raised by the incident', () => {
    expect(linkText({ relation: 'raised', direction: 'outgoing', source: 'safeguarding', id: 12 })).toBe('Raised safeguarding concern 12');
    expect(linkText({ relation: 'raised', direction: 'incoming', source: 'incident', id: 318 })).toBe('Was raised by incident 318');
    expect(linkText({ relation: 'relates_to', direction: 'incoming', source: 'complaint', id: 5 })).toBe('Relates to complaint 5');
    expect(linkText({ relation: 'led_to', direction: 'outgoing', source: 'review', id: 3 })).toBe('Led to practice review 3');
    expect(linkText({ relation: 'led_to', direction: 'incoming', source: 'incident', id: 9 })).toBe('Followed from incident 9');
  });

  it('offer each relation from this record’s end, and "relates to" once', () => {
    expect(linkChoices.map((c) => [c.value, c.words])).toEqual([
      ['raised:outgoing', 'raised'], ['raised:incoming', 'was raised by'], ['relates_to:outgoing', 'relates to'],
      ['led_to:outgoing', 'led to'], ['led_to:incoming', 'followed from'],
    ]);
  });

  it('send this record as the link’s start, or its end when the other record came first', () => {
    const incident = { source: 'incident' as const, id: 318 };
    const concern = { source: 'safeguarding' as const, id: 12 };
    expect(linkInputFor('raised:outgoing', incident, concern)).toEqual({ from: incident, to: concern, relation: 'raised' });
    expect(linkInputFor('raised:incoming', concern, incident)).toEqual({ from: incident, to: concern, relation: 'raised' });
    expect(linkInputFor('relates_to:outgoing', concern, incident)).toEqual({ from: concern, to: incident, relation: 'relates_to' });
    expect(() => linkInputFor('caused:outgoing', incident, concern)).toThrow();
  });

  it('put a server error about either end, or the pair, on the record chosen, and one about the relation on the relation', () => {
    expect(linkFieldFor('relation')).toBe('choice');
    expect(linkFieldFor('to')).toBe('otherId');
    expect(linkFieldFor('to.id')).toBe('otherId');
    expect(linkFieldFor('from.source')).toBe('otherId');
    expect(linkFieldFor('(body)')).toBe('(body)');
    expect(linkFieldFor('tomorrow')).toBe('tomorrow');
  });
});
