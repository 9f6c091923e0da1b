import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../src/analytics/patterns/types.js';
import { assignThemes, factorTheme, lexiconThemeOf, summariseThemes } from '../../../src/analytics/themes/themes.js';
import { extractPhrases } from '../../../src/analytics/themes/keyphrases.js';

let nextId = 1;
const record = (o: Partial<SourceRecord> & Pick<SourceRecord, 'source' | 'date'>): SourceRecord => ({
  id: nextId++, ref: null, serviceId: 1, personId: null, month: o.date.slice(0, 7), factors: [], labels: [], phrases: [], ...o,
});

describe('lexicon', () => {
  it('groups phrase variants under one named theme', () => {
    for (const p of ['short-staffed', 'not enough staff', 'agency cover', 'understaffed']) expect(lexiconThemeOf(p)?.key).toBe('staffing_levels');
    for (const p of ['minibus', 'minibus driver', 'outing cancelled']) expect(lexiconThemeOf(p)?.key).toBe('transport');
    for (const p of ['locked kitchen', 'locked door']) expect(lexiconThemeOf(p)?.key).toBe('environment_restrictions');
    expect(lexiconThemeOf('fire alarm')).toBeUndefined();
    expect(lexiconThemeOf('kitchen')).toBeUndefined();
  });

  it('names contributory factor themes from the domain labels', () => {
    expect(factorTheme('support_from_central_functions')).toEqual({ key: 'factor:support_from_central_functions', name: 'Support from central functions', kind: 'factor' });
  });
});

describe('assignThemes', () => {
  it('gives each record its lexicon, label, factor and data-driven themes', () => {
    const records = [
      record({ source: 'incident', date: '2026-01-02', phrases: extractPhrases('We were short-staffed on nights again.'), factors: ['management_of_staff_and_staffing_levels'] }),
      record({ source: 'complaint', date: '2026-01-03', labels: ['staffing levels'], phrases: ['house'] }),
      record({ source: 'speak_up', date: '2026-01-04', labels: ['staffing', 'closed_culture'] }),
      ...Array.from({ length: 5 }, (_, k) => record({ source: 'incident', date: `2026-02-0${k + 1}`, phrases: ['fire alarm', 'alarm', 'fire'] })),
      record({ source: 'incident', date: '2026-02-09', phrases: ['alarm'] }),
    ];
    const { themes, recordThemes } = assignThemes(records);
    expect(recordThemes[0]).toEqual(expect.arrayContaining(['staffing_levels', 'factor:management_of_staff_and_staffing_levels']));
    expect(recordThemes[1]).toContain('staffing_levels');
    expect(recordThemes[2]).toEqual(expect.arrayContaining(['staffing_levels', 'label:closed culture']));
    expect(themes.get('label:closed culture')?.name).toBe('Closed culture');
    // 'fire alarm' (5 records) is a data-driven theme; 'alarm' (6) nearly always comes inside it, so gives way.
    expect(recordThemes[3]).toContain('phrase:fire alarm');
    expect(themes.has('phrase:alarm')).toBe(false);
    // 'house' is in one record only: below the threshold for a theme of its own.
    expect(themes.has('phrase:house')).toBe(false);
  });
});

describe('summariseThemes', () => {
  it('counts per source and service, gives a monthly trend and the most recent examples', () => {
    const records = [
      record({ source: 'incident', serviceId: 1, date: '2026-01-10', phrases: ['minibus'], ref: 'INC-1' }),
      record({ source: 'incident', serviceId: 2, date: '2026-03-10', phrases: ['minibus'], ref: 'INC-2' }),
      record({ source: 'incident', serviceId: 2, date: '2026-03-12', phrases: ['outing cancelled'], ref: 'INC-3' }),
      record({ source: 'complaint', serviceId: 2, date: '2026-02-01', phrases: ['minibus driver'], ref: 'CMP-1' }),
      record({ source: 'speak_up', serviceId: null, date: '2026-03-20', phrases: ['minibus'] }),
    ];
    const services = [{ id: 1, ref: null, name: 'Ash House' }, { id: 2, ref: null, name: 'Beech Court' }];
    const [transport] = summariseThemes(records, services, {
      months: ['2026-01', '2026-02', '2026-03', '2026-04'], examples: 3, canExample: (r) => r.source !== 'speak_up',
    }).filter((t) => t.key === 'transport');
    expect(transport).toBeDefined();
    expect(transport!.name).toBe('Transport');
    expect(transport!.total).toBe(5);
    expect(transport!.bySource).toEqual({ incident: 3, safeguarding_concern: 0, complaint: 1, speak_up: 1, practice_review: 0 });
    expect(transport!.byService).toEqual([{ serviceId: 2, name: 'Beech Court', count: 3 }, { serviceId: 1, name: 'Ash House', count: 1 }]);
    expect(transport!.trend).toEqual([{ month: '2026-01', count: 1 }, { month: '2026-02', count: 1 }, { month: '2026-03', count: 3 }, { month: '2026-04', count: 0 }]);
    expect(transport!.examples).toEqual([{ kind: 'incident', id: records[2]!.id, ref: 'INC-3' }, { kind: 'incident', id: records[1]!.id, ref: 'INC-2' }, { kind: 'complaint', id: records[3]!.id, ref: 'CMP-1' }]);
  });

  it('orders themes by total and limits them', () => {
    const records = [
      ...Array.from({ length: 3 }, () => record({ source: 'incident', date: '2026-01-01', factors: ['staff_workload'] })),
      record({ source: 'incident', date: '2026-01-01', factors: ['team_factors'] }),
    ];
    const out = summariseThemes(records, [], { limit: 1 });
    expect(out.map((t) => [t.key, t.total])).toEqual([['factor:staff_workload', 3]]);
  });
});
