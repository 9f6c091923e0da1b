import { describe, expect, it } from 'vitest';
import { ciText, evidenceItem, findingsCount, measurePath, pValueText, scopePath, statisticText, strengthText, strengthWord } from './format.js';

describe('pattern wording', () => {
  it('gives strength as a word and a number', () => {
    expect(strengthText(0.923)).toBe('Strong (0.92)');
    expect(strengthText(0.75)).toBe('Strong (0.75)');
    expect(strengthText(0.6)).toBe('Moderate (0.60)');
    expect(strengthWord(0.49)).toBe('Weak');
    expect(strengthText(1.4)).toBe('Strong (1.00)');
    expect(strengthText(-0.2)).toBe('Weak (0.00)');
  });

  it('writes p-values the usual way', () => {
    expect(pValueText(0.00002)).toBe('p < 0.001');
    expect(pValueText(0.0042)).toBe('p = 0.004');
    expect(pValueText(0.031)).toBe('p = 0.03');
    expect(pValueText(0.999)).toBe('p > 0.99');
  });

  it('writes the statistic, p-value and confidence interval as one line', () => {
    expect(ciText([1.8, 4.2])).toBe('95 % CI 1.8 to 4.2');
    expect(statisticText({ name: 'rate_ratio', value: 2.456, pValue: 0.0004, ci95: [1.8, 4.2] }))
      .toBe('2.46 times the usual rate (rate ratio); p < 0.001; 95 % CI 1.8 to 4.2');
    expect(statisticText({ name: 'observed_to_expected', value: 3 })).toBe('3 times as many as expected (observed to expected)');
    expect(statisticText({ name: 'mention_share_after', value: 0.456, pValue: 0.02 })).toBe('Mentioned in 46 % of records since; p = 0.02');
    expect(statisticText({ name: 'new_measure', value: 1.5 })).toBe('new measure: 1.5');
  });

  it('links evidence to the record’s page, showing its reference when there is one', () => {
    expect(evidenceItem({ kind: 'incident', id: 12, ref: 'INC-0012' })).toEqual({ text: 'Incident INC-0012', to: '/incidents/12' });
    expect(evidenceItem({ kind: 'safeguarding_concern', id: 3 })).toEqual({ text: 'Safeguarding concern 3', to: '/safeguarding/3' });
    expect(evidenceItem({ kind: 'complaint', id: 4 }).to).toBe('/complaints/4');
    expect(evidenceItem({ kind: 'restriction', id: 5 }).to).toBe('/restrictions/5');
    expect(evidenceItem({ kind: 'practice_review', id: 6 })).toEqual({ text: 'Practice review 6', to: '/reviews/6' });
    expect(evidenceItem({ kind: 'restrictive_intervention', id: 7 }).to).toBeNull();
  });

  it('links the scope and, for escalation and improvement, the restrictive interventions chart', () => {
    expect(scopePath({ type: 'person', id: 7 })).toBe('/people/7');
    expect(scopePath({ type: 'service', id: 2 })).toBe('/services/2');
    expect(scopePath({ type: 'staff', id: 9 })).toBe('/staff/9');
    expect(scopePath({ type: 'organisation', id: null })).toBeNull();
    expect(measurePath({ kind: 'escalation', scope: { type: 'person', id: 7 } })).toBe('/measures/restrictive_interventions?scope=person:7');
    expect(measurePath({ kind: 'improvement', scope: { type: 'service', id: 2 } })).toBe('/measures/restrictive_interventions?scope=service:2');
    expect(measurePath({ kind: 'time_hotspot', scope: { type: 'service', id: 2 } })).toBeNull();
    expect(measurePath({ kind: 'escalation', scope: { type: 'staff', id: 2 } })).toBeNull();
  });

  it('counts findings', () => {
    expect(findingsCount(1)).toBe('1 finding');
    expect(findingsCount(23)).toBe('23 findings');
    expect(findingsCount(1200)).toBe('1,200 findings');
  });
});
