import { describe, expect, it } from 'vitest';
import { evidenceCode, evidenceHref, parseFrom } from './labels.js';

describe('start-from links', () => {
  it('read ?from= into evidence, leaving out what is not a record', () => {
    expect(parseFrom('incident:123,complaint:4')).toEqual([{ source: 'incident', id: 123 }, { source: 'complaint', id: 4 }]);
    expect(parseFrom(' safeguarding_concern:7 , pattern:17')).toEqual([{ source: 'safeguarding_concern', id: 7 }, { source: 'pattern', key: '17' }]);
    expect(parseFrom('incident:0,incident:x,nonsense:3,incident,:4,incident:2.5')).toEqual([]);
    expect(parseFrom(null)).toEqual([]);
  });

  it('name each piece of evidence by a code and link to its record where it has a page', () => {
    expect(evidenceCode({ source: 'incident', id: 9 })).toBe('incident:9');
    expect(evidenceCode({ source: 'pattern', key: '17' })).toBe('pattern:17');
    expect(evidenceHref({ source: 'incident', id: 9, key: null })).toBe('/incidents/9');
    expect(evidenceHref({ source: 'safeguarding_concern', id: 3, key: null })).toBe('/safeguarding/3');
    expect(evidenceHref({ source: 'pattern', id: null, key: '17' })).toBe('/patterns/17');
    expect(evidenceHref({ source: 'pattern', id: null, key: 'time_hotspot:service:1:evening' })).toBeNull();
    expect(evidenceHref({ source: 'practice_review', id: 6, key: null })).toBe('/reviews/6');
    expect(evidenceHref({ source: 'speak_up', id: 5, key: null })).toBeNull();
  });
});
