import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../domain/incidents.js';
import { harmSummary, safeguardingPrompt } from './labels.js';

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

describe('safeguardingPrompt', () => {
  const hold = (typeCode: '01' | '11', injuryPerson = false) => ({ typeCode, injuryPerson }) as Incident['restrictiveInterventions'][number];
  it('names what in an incident may call for a safeguarding concern', () => {
    expect(safeguardingPrompt({ harmPhysical: 'low', harmPsychological: 'none', restrictiveInterventions: [hold('11')] })).toBeNull();
    expect(safeguardingPrompt({ harmPhysical: 'moderate', harmPsychological: 'none', restrictiveInterventions: [] })).toBe('This incident involved moderate or worse harm.');
    expect(safeguardingPrompt({ harmPhysical: 'none', harmPsychological: 'none', restrictiveInterventions: [hold('01'), hold('11', true)] }))
      .toBe('This incident involved prone restraint and an injury to the person.');
  });
});
