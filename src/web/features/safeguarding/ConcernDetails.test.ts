import { describe, expect, it } from 'vitest';
import { abuseCategories } from '../../../domain/safeguarding.js';
import { plainSummary } from './ConcernDetails.js';
import { categoryPlain } from './labels.js';

const entry = (kind: 'update' | 'referred', summary: string) =>
  ({ id: 1, at: '2026-11-26T12:00:00Z', by: { userId: 1, name: 'Daniel Okafor' }, kind, value: null, summary, reason: 'Why' });

describe('the decision log in plain words', () => {
  it('names the parts of an update, not the stored field names', () => {
    expect(plainSummary(entry('update', 'Updated: mspAsked, mspDesiredOutcomes, mspAchieved'))).toBe('Updated: Making Safeguarding Personal');
    expect(plainSummary(entry('update', 'Updated: safeguardingPlan, lackedCapacity'))).toBe('Updated: safeguarding plan, capacity');
  });

  it('leaves decisions as the server words them', () => {
    expect(plainSummary(entry('referred', 'Referred to Kent County Council on 26 Nov 2026'))).toBe('Referred to Kent County Council on 26 Nov 2026');
  });

  it('has a plain label and example for every category', () => {
    for (const category of abuseCategories) {
      expect(categoryPlain[category].label).not.toBe('');
      expect(categoryPlain[category].hint).toMatch(/\.$/);
    }
  });
});
