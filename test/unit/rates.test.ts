import { describe, expect, it } from 'vitest';
import { harmPoints, holdLengths, incidentContributions, isModerateOrWorse } from '../../src/analytics/rates/contributions.js';
import { medianOfCounts, medianSeries, monthsBetween, rateSeries, suppressCount } from '../../src/analytics/rates/series.js';
import { periodOf } from '../../src/analytics/rates/incident-sums.js';
import { peopleRestrainedChange } from '../../src/analytics/rates/people-restrained.js';
import { daysSupported, incidentDeltas } from '../../src/server/services/measures.service.js';

describe('what an incident adds to the monthly counts', () => {
  // Amira (7) is held prone for 12 minutes, then seated twice, then given oral PRN; Ben (8) was present.
  const contributions = incidentContributions({
    occurredPeriod: '2026-03', harmPhysical: 'low', harmPsychological: 'moderate', personIds: [7, 8],
    interventions: [
      { personId: 7, typeCode: '01', startedPeriod: '2026-03', durationMinutes: 12, durationMs: 12 * 60_000 },
      { personId: 7, typeCode: '11', startedPeriod: '2026-03', durationMinutes: 5, durationMs: 5 * 60_000 },
      { personId: 7, typeCode: '11', startedPeriod: '2026-03', durationMinutes: 3, durationMs: 3 * 60_000 },
      { personId: 7, typeCode: '16', startedPeriod: '2026-03', durationMinutes: 30, durationMs: 30 * 60_000 },
    ],
  });
  const total = (metric: string, personId?: number) =>
    contributions.filter((c) => c.metric === metric && c.personId === personId).reduce((sum, c) => sum + c.value, 0);

  it('counts interventions as distinct incident-and-type pairs, as the national statistics do', () => {
    expect(total('interventions')).toBe(3); // 01, 11 and 16: the second seated hold is the same pair
    expect(total('interventions', 7)).toBe(3);
    expect(total('interventions', 8)).toBe(0);
  });

  it('counts prone episodes, those over 10 minutes, chemical restraint and minutes of holds (not of the oral PRN)', () => {
    expect(total('prone_restraints')).toBe(1);
    expect(total('prone_over_10_min')).toBe(1);
    expect(total('chemical_restraints')).toBe(1);
    expect(total('restraint_minutes')).toBe(20);
  });

  it('splits prone restraint at 10 minutes to the second, not by the rounded minutes', () => {
    const proneFor = (ms: number) => incidentContributions({
      occurredPeriod: '2026-03', harmPhysical: 'none', harmPsychological: 'none', personIds: [7],
      interventions: [{ personId: 7, typeCode: '01', startedPeriod: '2026-03', durationMinutes: Math.round(ms / 60_000), durationMs: ms }],
    }).filter((c) => c.metric === 'prone_over_10_min' && c.personId === undefined).reduce((sum, c) => sum + c.value, 0);
    expect(proneFor(10 * 60_000 + 20_000)).toBe(1); // 10 min 20 s: recorded as 10 minutes, yet over 10
    expect(proneFor(10 * 60_000)).toBe(0); // exactly 10 minutes is not over
    expect(proneFor(9 * 60_000 + 40_000)).toBe(0); // 9 min 40 s: recorded as 10 minutes
  });

  it('scores harm by the worse of physical and psychological harm', () => {
    expect(total('incidents')).toBe(1);
    expect(total('incidents', 8)).toBe(1);
    expect(total('incidents_moderate_or_worse')).toBe(1);
    expect(total('harm_points')).toBe(2);
    expect(harmPoints('fatal', 'none')).toBe(4);
    expect(harmPoints('none', 'severe')).toBe(3);
    expect(isModerateOrWorse('low', 'low')).toBe(false);
  });

  it('spreads an incident over organisation, region, service and each person', () => {
    const deltas = incidentDeltas({
      serviceId: 3, regionId: 2, occurredAt: '2026-03-31T23:30:00Z', harmPhysical: 'none', harmPsychological: 'none', personIds: [7], interventions: [],
    });
    // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in England (BST): the incident belongs to April.
    expect(deltas.filter((d) => d.metric === 'incidents').map((d) => [d.scope.type, d.scope.id, d.period])).toEqual([
      ['organisation', 0, '2026-04'], ['region', 2, '2026-04'], ['service', 3, '2026-04'], ['person', 7, '2026-04'],
    ]);
    expect(periodOf('2026-01-31T23:30:00Z')).toBe('2026-01');
  });
});

describe('people restrained, counted as distinct people', () => {
  const at = (serviceId: number, regionId: number, period = '2026-03') => ({ serviceId, regionId, personId: 7, period });
  const totals = (deltas: ReturnType<typeof peopleRestrainedChange>) =>
    Object.fromEntries(deltas.map((d) => [`${d.scope.type}:${d.scope.id}`, d.value]));

  it('counts a person once in the organisation and each region, and once at each service, within one change', () => {
    // Restrained at services 1 and 2 (region 10) and 3 (region 20) in March, all recorded at once.
    expect(totals(peopleRestrainedChange([at(1, 10), at(2, 10), at(3, 20)], [], 1))).toEqual({
      'service:1': 1, 'service:2': 1, 'service:3': 1, 'organisation:0': 1, 'person:7': 1, 'region:10': 1, 'region:20': 1,
    });
  });

  it('adds only the service when another service in the region already restrained them that month', () => {
    expect(totals(peopleRestrainedChange([at(2, 10)], [at(1, 10)], 1))).toEqual({ 'service:2': 1 });
    expect(totals(peopleRestrainedChange([at(3, 20)], [at(1, 10)], 1))).toEqual({ 'service:3': 1, 'region:20': 1 });
    // Another month is another count.
    expect(totals(peopleRestrainedChange([at(2, 10, '2026-04')], [at(1, 10)], 1))).toEqual({ 'service:2': 1, 'organisation:0': 1, 'person:7': 1, 'region:10': 1 });
  });

  it('takes a person away from the organisation only when no service restrained them that month any more', () => {
    expect(totals(peopleRestrainedChange([at(1, 10)], [at(2, 10)], -1))).toEqual({ 'service:1': -1 });
    expect(totals(peopleRestrainedChange([at(1, 10)], [], -1))).toEqual({ 'service:1': -1, 'organisation:0': -1, 'person:7': -1, 'region:10': -1 });
  });
});

describe('the median length of a hold', () => {
  it('takes the lengths of holds, seclusion and segregation, not of chemical restraint', () => {
    const lengths = holdLengths({
      occurredPeriod: '2026-03', harmPhysical: 'none', harmPsychological: 'none', personIds: [7, 8],
      interventions: [
        { personId: 7, typeCode: '01', startedPeriod: '2026-03', durationMinutes: 12, durationMs: 12 * 60_000 },
        { personId: null, typeCode: '05', startedPeriod: '2026-04', durationMinutes: 90, durationMs: 90 * 60_000 },
        { personId: 7, typeCode: '14', startedPeriod: '2026-03', durationMinutes: 30, durationMs: 30 * 60_000 },
      ],
    });
    expect(lengths).toEqual([
      { period: '2026-03', minutes: 12 }, { period: '2026-03', minutes: 12, personId: 7 }, { period: '2026-04', minutes: 90 },
    ]);
  });

  it('is the middle length, or halfway between the two middle ones, from counts of each length', () => {
    expect(medianOfCounts(new Map([[3, 1], [4, 1], [6, 1], [12, 1]]))).toBe(5);
    expect(medianOfCounts(new Map([[2, 3], [40, 1]]))).toBe(2); // 2, 2, 2, 40: one long hold does not move it
    expect(medianOfCounts(new Map([[5, 2], [7, 2]]))).toBe(6);
    expect(medianOfCounts(new Map([[9, 1]]))).toBe(9);
    expect(medianOfCounts(new Map([[1, 1], [2, 0], [30, 1], [31, 1]]))).toBe(30);
    expect(medianOfCounts(new Map())).toBeNull();
    expect(medianSeries(['2026-01', '2026-02'], new Map([['2026-01', new Map([[4, 2], [10, 1]])]]))).toEqual([
      { period: '2026-01', numerator: 3, denominator: null, value: 4 }, { period: '2026-02', numerator: 0, denominator: null, value: null },
    ]);
  });
});

describe('rates', () => {
  it('lists months across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('gives no rate, not zero, for a month with no occupied days', () => {
    const series = rateSeries(['2026-01', '2026-02'], new Map([['2026-01', 6]]), new Map([['2026-01', 186]]), 1000);
    expect(series[0]).toEqual({ period: '2026-01', numerator: 6, denominator: 186, value: (6 / 186) * 1000 });
    expect(series[1]).toEqual({ period: '2026-02', numerator: 0, denominator: 0, value: null });
  });
  it('suppresses counts under 5 and rounds the rest to 5, as national statistics do', () => {
    expect([0, 4, 5, 7, 8, 12, 13].map(suppressCount)).toEqual([null, null, 5, 5, 10, 10, 15]);
  });
  it('counts the days a person was supported in a month', () => {
    expect(daysSupported('2020-01-01', null, '2026-02')).toBe(28);
    expect(daysSupported('2026-02-10', null, '2026-02')).toBe(19);
    expect(daysSupported('2020-01-01', '2026-02-05', '2026-02')).toBe(5);
    expect(daysSupported('2026-03-01', null, '2026-02')).toBe(0);
  });
});
