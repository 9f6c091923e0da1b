import { describe, expect, it } from 'vitest';
import { detectBlanketRestrictions, restrictionTerms } from '../../../src/analytics/patterns/blanket-restriction.js';
import { themeDetectors } from '../../../src/analytics/patterns/theme-detectors.js';
import { detectCrossServiceThemes } from '../../../src/analytics/patterns/themes-cross-service.js';
import { detectCrossSourceThemes } from '../../../src/analytics/patterns/themes-cross-source.js';
import { binomialUpperTail, poissonBinomialUpperTail } from '../../../src/analytics/themes/rise.js';
import { lastMonths, months, World } from './fixtures.js';

describe('tail probabilities', () => {
  it('binomial upper tail matches hand calculation', () => {
    expect(binomialUpperTail(3, 3, 0.5)).toBeCloseTo(0.125, 10);
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 10);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
  });
  it('the sum of binomials equals the binomial when every p is the same', () => {
    expect(poissonBinomialUpperTail(7, [{ n: 4, p: 0.3 }, { n: 6, p: 0.3 }])).toBeCloseTo(binomialUpperTail(7, 10, 0.3), 10);
    expect(poissonBinomialUpperTail(2, [{ n: 1, p: 0.5 }, { n: 1, p: 0.2 }])).toBeCloseTo(0.1, 10);
  });
});

describe('cross_service_theme', () => {
  const recent = lastMonths(9);

  it('flags a theme that rises at several services against its own baseline', () => {
    const world = new World(1);
    world.addBackground();
    world.plant('incident', [1, 2, 3, 4], recent, 1, { phrases: ['minibus', 'trip'], factors: ['support_from_central_functions'] });
    const found = detectCrossServiceThemes(world.input());
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.kind).toBe('cross_service_theme');
    expect(f.key).toBe('cross_service_theme:organisation:transport');
    expect(f.serviceIds).toEqual([1, 2, 3, 4]);
    expect(f.title).toContain("Transport ('minibus')");
    expect(f.summary).toMatch(/appears in 36 incidents at 4 services since \d{1,2} [A-Z][a-z]{2} 2026, against none in the \d+ months before/);
    expect(f.summary).toContain('Also recorded as Support from central functions');
    expect(f.statistic.pValue).toBeLessThan(0.05);
    expect(f.strength).toBeGreaterThan(0.6);
    expect(f.evidence).toHaveLength(36);
    expect(f.evidence.every((e) => e.kind === 'incident')).toBe(true);
    // Most recent first.
    const dates = f.evidence.map((e) => world.records.find((r) => r.id === e.id)!.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Stable across runs.
    expect(detectCrossServiceThemes(world.input())[0]!.key).toBe(f.key);
  });

  it('does not flag a local problem at one service (the fire alarm decoy)', () => {
    const world = new World(2);
    world.addBackground();
    world.plant('incident', [5], lastMonths(4).slice(0, 2), 8, { phrases: ['fire alarm', 'alarm'], factors: ['equipment_and_supplies'] });
    // Now and then elsewhere too, so that only the rise at one service stands out.
    world.plant('incident', [1, 2, 3, 4], months().filter((_, i) => i % 3 === 0), 1, { phrases: ['fire alarm'] });
    expect(detectCrossServiceThemes(world.input())).toEqual([]);
  });

  it('does not flag a theme that is frequent everywhere all the time', () => {
    const world = new World(3);
    world.addBackground();
    // 'minibus' at every service every month for two years: common, not unusual.
    world.plant('incident', [1, 2, 3, 4, 5, 6], months(), 1, { phrases: ['minibus'] });
    expect(detectCrossServiceThemes(world.input())).toEqual([]);
    expect(detectCrossSourceThemes(world.input())).toEqual([]);
  });

  it('finds nothing in background alone, for several seeds', () => {
    for (const seed of [4, 5, 6]) {
      const world = new World(seed);
      world.addBackground();
      expect(themeDetectors.flatMap((d) => d(world.input()))).toEqual([]);
    }
  });
});

describe('cross_source_theme', () => {
  const recent = lastMonths(8);

  it('flags a theme rising in incidents, complaints, speak-up and safeguarding at the same services', () => {
    const world = new World(7);
    world.addBackground();
    world.plant('incident', [2, 3, 5], recent, 1, { phrases: ['short-staffed', 'night'], factors: ['management_of_staff_and_staffing_levels', 'staff_workload'] });
    world.plant('complaint', [2, 3, 5], recent.slice(1, 3), 1, { phrases: ['short-staffed', 'house'], labels: ['staffing levels'] });
    world.plant('speak_up', [2, 3, 5], recent.slice(2, 3), 1, { phrases: ['short-staffed', 'one-to-one'], labels: ['staffing levels', 'staffing'] });
    world.plant('safeguarding_concern', [2, 3, 5], recent.slice(3, 4), 1, { phrases: ['short-staffed', 'night shift'], factors: ['management_of_staff_and_staffing_levels'] });
    const found = detectCrossSourceThemes(world.input());
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.key).toBe('cross_source_theme:organisation:staffing_levels');
    expect(f.serviceIds).toEqual([2, 3, 5]);
    expect(f.title).toBe("Staffing levels ('short-staffed') across 4 sources at 3 services");
    expect(f.summary).toContain('24 incidents, 3 safeguarding concerns, 6 complaints and 3 speak-up reports');
    expect(new Set(f.evidence.map((e) => e.kind))).toEqual(new Set(['incident', 'complaint', 'speak_up', 'safeguarding_concern']));
    expect(f.strength).toBeGreaterThan(0.7);
    // Reported once, as cross-source, not again as cross-service.
    expect(detectCrossServiceThemes(world.input()).filter((p) => p.key.endsWith('staffing_levels'))).toEqual([]);
  });

  it('is only cross-service when the theme rises in one source', () => {
    const world = new World(8);
    world.addBackground();
    world.plant('incident', [2, 3, 5], recent, 2, { phrases: ['short-staffed'] });
    expect(detectCrossSourceThemes(world.input())).toEqual([]);
    expect(detectCrossServiceThemes(world.input()).map((p) => p.key)).toEqual(['cross_service_theme:organisation:staffing_levels']);
  });
});

describe('blanket_restriction', () => {
  const start = '2025-09-01';
  const after = months('2025-09', '2026-11');

  function world(seed: number, o: { rise: boolean; mention: boolean }) {
    const w = new World(seed);
    w.addBackground(6);
    w.restrictions.push({ id: 1, serviceId: 6, personId: null, category: 'environmental', description: 'Kitchen locked from 8pm to 7am for everyone; drinks and snacks on request', startedOn: start, endedOn: null, status: 'active' });
    w.restrictions.push({ id: 2, serviceId: 5, personId: null, category: 'internet', description: 'Wi-Fi router switched off from midnight to 6am for the whole house', startedOn: '2025-10-01', endedOn: null, status: 'active' });
    w.restrictions.push({ id: 3, serviceId: 6, personId: 600, category: 'access_to_items', description: 'Sharp knives kept locked away', startedOn: '2025-01-01', endedOn: null, status: 'active' });
    w.plant('incident', [6], after, o.rise ? 8 : 0, { phrases: o.mention ? ['locked kitchen', 'kitchen', 'snack'] : ['walk'] });
    if (!o.rise && o.mention) for (const m of after) w.add('incident', 6, w.day(m), { phrases: ['locked kitchen', 'kitchen'] });
    return w;
  }

  it('takes the subject of the restriction from its description', () => {
    expect(restrictionTerms('Kitchen locked from 8pm to 7am for everyone; drinks and snacks on request')).toEqual(expect.arrayContaining(['locked kitchen', 'drink', 'snack']));
    expect(restrictionTerms('Kitchen locked from 8pm to 7am for everyone')).not.toContain('everyone');
  });

  it('flags a blanket restriction followed by more incidents that mention it', () => {
    const found = detectBlanketRestrictions(world(9, { rise: true, mention: true }).input());
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.key).toBe('blanket_restriction:service:6:restriction:1');
    expect(f.scope).toEqual({ type: 'service', id: 6 });
    expect(f.serviceIds).toEqual([6]);
    expect(f.evidence[0]).toEqual({ kind: 'restriction', id: 1 });
    expect(f.evidence.length).toBe(50);
    expect(f.summary).toMatch(/^Since 1 Sep 2025 \(“Kitchen locked/);
    expect(f.summary).toContain("'locked kitchen'");
    expect(f.summary).toMatch(/Incidents of the 5 people living there throughout went from [\d.]+ to [\d.]+ per 1,000 occupied days \([\d.]+ times; p/);
    expect(f.statistic.value).toBeGreaterThan(0.5);
    expect(f.strength).toBeGreaterThan(0.8);
  });

  it('does not flag the blanket restriction nobody’s incidents mention (the Wi-Fi decoy)', () => {
    const found = detectBlanketRestrictions(world(10, { rise: true, mention: true }).input());
    expect(found.map((f) => f.key)).not.toContain('blanket_restriction:service:5:restriction:2');
    expect(detectBlanketRestrictions(world(11, { rise: true, mention: false }).input())).toEqual([]);
  });

  it('is weaker when incidents mention it but do not rise', () => {
    const rising = detectBlanketRestrictions(world(12, { rise: true, mention: true }).input())[0]!;
    const flat = detectBlanketRestrictions(world(12, { rise: false, mention: true }).input())[0]!;
    expect(flat.summary).not.toMatch(/times; p/);
    expect(flat.strength).toBeLessThan(rising.strength);
  });
});
