import { describe, expect, it } from 'vitest';
import { markersOf } from './changes.js';
import { countsBeside } from './countsText.js';
import { addMonths, currentMonth, monthsIn, parseMonths, parseScope, periodRange, scopeParam } from './scope.js';

describe('dashboard scope and period', () => {
  it('reads and writes scopes, treating anything unknown as the organisation', () => {
    expect(parseScope('service:12')).toEqual({ type: 'service', id: 12 });
    expect(parseScope('person:40')).toEqual({ type: 'person', id: 40 });
    expect(parseScope('region:0')).toEqual({ type: 'organisation' });
    expect(parseScope(null)).toEqual({ type: 'organisation' });
    expect(scopeParam({ type: 'region', id: 3 })).toBe('region:3');
  });

  it('uses the last complete months in England', () => {
    // London is on GMT in winter, so this is already December.
    expect(currentMonth(new Date('2026-12-01T00:30:00Z'))).toBe('2026-12');
    // 23:30 UTC on 31 Mar 2026 is already 1 Apr in London (BST).
    expect(currentMonth(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04');
    expect(periodRange(24, new Date('2026-11-26T12:00:00Z'))).toEqual({ from: '2024-11', to: '2026-10' });
    expect(periodRange(12, new Date('2026-01-15T12:00:00Z'))).toEqual({ from: '2025-01', to: '2025-12' });
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsIn('2024-11', '2026-10')).toBe(24);
    expect(parseMonths('36')).toBe(36);
    expect(parseMonths('7')).toBe(24);
  });
});

describe('changes marked on a chart', () => {
  it('draws stored recalculations and actions as the chart’s markers, in their order', () => {
    const stored = (id: number, period: string, kind: 'recalculation' | 'action', label: string) => ({
      id, period, kind, label, link: kind === 'action' ? { kind: 'action', id: 9 } : null, createdBy: 'Quality Lead', createdAt: '2026-01-01T00:00:00Z',
    });
    expect(markersOf([stored(1, '2025-01', 'action', 'Training'), stored(2, '2025-06', 'recalculation', 'New support model')])).toEqual([
      { period: '2025-01', label: 'Training', isRecalculation: false },
      { period: '2025-06', label: 'New support model', isRecalculation: true },
    ]);
    expect(markersOf([])).toEqual([]);
  });
});

describe('counts beside rates', () => {
  it('says what the numerator and denominator count, with hidden counts as *', () => {
    expect(countsBeside('restrictive_interventions_per_1000_obd', { numerator: 3, denominator: 186 })).toBe('3 of 186 bed days');
    expect(countsBeside('prone_over_10_min_share', { numerator: null, denominator: 10 })).toBe('* of 10 prone restraints');
    expect(countsBeside('restraint_minutes_median', { numerator: 14, denominator: null })).toBe('of 14 episodes');
    expect(countsBeside('incidents', { numerator: 14, denominator: null })).toBeNull();
    expect(countsBeside('incidents', { numerator: 3, denominator: null })).toBeNull();
    expect(countsBeside('something_new', { numerator: 1, denominator: 2 })).toBe('1 ÷ 2');
  });
});
