import { describe, expect, it } from 'vitest';
import { annotationInput, measureCatalogue, stockMeasures, targetInput } from '../../src/domain/measures.js';
import { monthEnds, parseScope, recalculationIndices, scopeKey } from '../../src/server/services/measures.service.js';

describe('month ends for the register measures', () => {
  it('gives the last day of each month and the instant the next day starts in England', () => {
    expect(monthEnds(['2026-01', '2026-02', '2024-02', '2026-04', '2026-10', '2026-12'])).toEqual([
      { period: '2026-01', lastDay: '2026-01-31', after: '2026-02-01T00:00:00.000Z' },
      { period: '2026-02', lastDay: '2026-02-28', after: '2026-03-01T00:00:00.000Z' },
      { period: '2024-02', lastDay: '2024-02-29', after: '2024-03-01T00:00:00.000Z' },
      // British Summer Time: midnight on 1 May in England is 23:00 UTC on 30 April.
      { period: '2026-04', lastDay: '2026-04-30', after: '2026-04-30T23:00:00.000Z' },
      // The clocks go back on 25 Oct 2026, so 1 Nov starts at midnight UTC.
      { period: '2026-10', lastDay: '2026-10-31', after: '2026-11-01T00:00:00.000Z' },
      { period: '2026-12', lastDay: '2026-12-31', after: '2027-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('recalculation points from stored annotations', () => {
  const periods = ['2025-01', '2025-02', '2025-03', '2025-04'];
  it('takes recalculations only, in order, once each, never at the first month or outside the period', () => {
    expect(recalculationIndices(periods, [
      { kind: 'recalculation', period: '2025-03' }, { kind: 'action', period: '2025-02' }, { kind: 'recalculation', period: '2025-03' },
      { kind: 'recalculation', period: '2025-01' }, { kind: 'recalculation', period: '2024-12' }, { kind: 'recalculation', period: '2025-02' },
    ])).toEqual([1, 2]);
    expect(recalculationIndices(periods, [])).toEqual([]);
  });
});

describe('scopes, targets and annotations as input', () => {
  it('parses and writes scopes back the same way, naming the field when wrong', () => {
    for (const text of ['organisation', 'region:3', 'service:12', 'person:7']) expect(scopeKey(parseScope(text))).toBe(text);
    expect(() => parseScope('service:0')).toThrow(/organisation, region/);
    expect(() => parseScope('team:1')).toThrow(/organisation, region/);
  });
  it('accepts a number or null as a target, never a negative or text', () => {
    expect(targetInput.parse({ target: 12.5 })).toEqual({ target: 12.5 });
    expect(targetInput.parse({ target: null })).toEqual({ target: null });
    expect(targetInput.safeParse({ target: -1 }).success).toBe(false);
    expect(targetInput.safeParse({ target: '5' }).success).toBe(false);
    expect(targetInput.safeParse({}).success).toBe(false);
  });
  it('needs a real month, a known kind and a label', () => {
    expect(annotationInput.parse({ period: '2025-06', kind: 'recalculation', label: '  New model of care  ' }).label).toBe('New model of care');
    expect(annotationInput.safeParse({ period: '2025-13', kind: 'action', label: 'x' }).success).toBe(false);
    expect(annotationInput.safeParse({ period: '2025-06', kind: 'baseline', label: 'x' }).success).toBe(false);
    expect(annotationInput.safeParse({ period: '2025-06', kind: 'action', label: '   ' }).success).toBe(false);
  });
  it('lists both register measures in the catalogue, lower being better', () => {
    for (const stock of stockMeasures) expect(measureCatalogue.find((m) => m.key === stock)).toMatchObject({ stock, improvement: 'decrease' });
  });
});
