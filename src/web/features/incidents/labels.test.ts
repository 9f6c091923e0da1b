import { describe, expect, it } from 'vitest';
import { harmSummary } from './labels.js';

describe('harmSummary', () => {
  it('says "No harm" when there was none of either kind', () => {
    expect(harmSummary('none', 'none')).toBe('No harm');
  });

  it('names both kinds otherwise, keeping a code it does not know', () => {
    expect(harmSummary('low', 'none')).toBe('Low physical harm; No psychological harm');
    expect(harmSummary('none', 'severe')).toBe('No physical harm; Severe psychological harm');
    expect(harmSummary('unknown', 'low')).toBe('unknown; Low psychological harm');
  });
});
