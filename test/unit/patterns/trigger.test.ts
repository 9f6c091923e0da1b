import { describe, expect, it } from 'vitest';
import { detectTriggers } from '../../../src/analytics/patterns/trigger.js';
import { World } from './build.js';

const FROM = '2024-11-01';
const TO = '2026-10-31';
const EVENTS: [string, number][] = [
  ['poor_sleep', 20], ['pain', 10], ['illness', 8], ['routine_change', 16], ['noise', 14], ['hunger', 6],
  ['medication_change', 6], ['staff_change', 12], ['heat', 4], ['family_contact', 4],
];
const LOCATIONS = ['Lounge', 'Bedroom', 'Kitchen', 'Garden', 'Bathroom', 'Community'];

function settingEvents(world: World): string[] {
  const out = new Set<string>();
  const count = world.pick([0, 0, 0, 1, 1, 1, 2]);
  const total = EVENTS.reduce((s, [, w]) => s + w, 0);
  for (let k = 0; k < count; k++) {
    let r = world.random() * total;
    for (const [code, w] of EVENTS) if ((r -= w) < 0) { out.add(code); break; }
  }
  return [...out];
}

function background(world: World): void {
  for (const s of [1, 2, 3]) {
    world.service(s);
    for (let k = 0; k < 6; k++) {
      const id = world.person(s * 100 + k, s);
      for (let n = 0; n < 30; n++) {
        world.incident({ serviceId: s, personIds: [id], date: world.dateBetween(FROM, TO), settingEvents: settingEvents(world), location: world.pick(LOCATIONS) });
      }
    }
  }
}

describe('triggers', () => {
  it('finds a person whose incidents mostly follow family contact, and says the share is steady', () => {
    const world = new World();
    background(world);
    world.person(9, 2);
    for (let n = 0; n < 36; n++) {
      const family = n % 5 < 3; // 60%, spread evenly over time
      const date = world.dateBetween(FROM, TO);
      world.incident({ serviceId: 2, personIds: [9], date, settingEvents: family ? ['family_contact'] : settingEvents(world), location: world.pick(LOCATIONS) });
    }
    const found = detectTriggers(world.input());
    const f = found.find((x) => x.scope.id === 9);
    expect(f?.key).toBe('trigger:person:9:setting_event:family_contact');
    expect(f?.scope).toEqual({ type: 'person', id: 9 });
    expect(f?.serviceIds).toEqual([2]);
    const withFamily = world.incidents.filter((i) => i.personIds.includes(9) && i.settingEvents.includes('family_contact')).length;
    expect(f?.summary).toContain(`${withFamily} of R-0009's 36 incidents`);
    expect(f?.summary).toContain('follow family contact');
    expect(f?.summary).toMatch(/The share is much the same in both halves of the period \(\d+% and \d+%\)\./);
    expect(f?.statistic.value).toBeGreaterThan(5);
    expect(f?.statistic.pValue).toBeLessThan(0.001);
    expect(f?.evidence).toHaveLength(withFamily);
    expect(f?.strength).toBeGreaterThan(0.6);
    // Nobody else stands out.
    expect(found.filter((x) => x.scope.id !== 9)).toEqual([]);
  });

  it('says when the share has risen between the two halves of the period', () => {
    const world = new World();
    background(world);
    world.person(9, 2);
    for (let n = 0; n < 40; n++) {
      const late = n >= 20;
      const date = late ? world.dateBetween('2025-11-15', TO) : world.dateBetween(FROM, '2025-10-15');
      const family = late && n % 4 !== 0; // none early, 75% late
      world.incident({ serviceId: 2, personIds: [9], date, settingEvents: family ? ['family_contact'] : [], location: 'Lounge' });
    }
    const f = detectTriggers(world.input()).find((x) => x.key === 'trigger:person:9:setting_event:family_contact');
    expect(f?.summary).toMatch(/The share has risen, from 0% in the first half of the period to 75% in the second\./);
  });

  it('does not flag ordinary people, a busy person without a trigger, or what everyone at a service shares', () => {
    const world = new World();
    background(world);
    world.person(8, 1);
    for (let n = 0; n < 150; n++) world.incident({ serviceId: 1, personIds: [8], date: world.dateBetween(FROM, TO), settingEvents: settingEvents(world), location: world.pick(LOCATIONS) });
    // Everyone at service 4 is hungry in the kitchen half the time (a blanket restriction, not a personal trigger).
    world.service(4);
    for (let k = 0; k < 5; k++) {
      const id = world.person(400 + k, 4);
      for (let n = 0; n < 30; n++) {
        const kitchen = n % 2 === 0;
        world.incident({ serviceId: 4, personIds: [id], date: world.dateBetween(FROM, TO), settingEvents: kitchen ? ['hunger'] : settingEvents(world), location: kitchen ? 'Kitchen' : world.pick(LOCATIONS) });
      }
    }
    expect(detectTriggers(world.input())).toEqual([]);
  });

  it('finds a location trigger', () => {
    const world = new World();
    background(world);
    world.person(9, 3);
    for (let n = 0; n < 30; n++) world.incident({ serviceId: 3, personIds: [9], date: world.dateBetween(FROM, TO), location: n < 20 ? 'Minibus' : 'Lounge' });
    const f = detectTriggers(world.input()).find((x) => x.scope.id === 9);
    expect(f?.key).toBe('trigger:person:9:location:minibus');
    expect(f?.summary).toContain('20 of R-0009\'s 30 incidents (67%) happen in the minibus');
  });

  it('compares a place only with other people at the same service, where places differ by kind of service', () => {
    const world = new World();
    background(world);
    // A ward: the dining area is a common place for everyone there, though rare across the organisation.
    world.service(5);
    for (let k = 0; k < 2; k++) {
      const id = world.person(500 + k, 5);
      for (let n = 0; n < 20; n++) world.incident({ serviceId: 5, personIds: [id], date: world.dateBetween(FROM, TO), location: world.chance(0.3) ? 'Dining area' : 'Day room' });
    }
    world.person(9, 5);
    for (let n = 0; n < 30; n++) world.incident({ serviceId: 5, personIds: [9], date: world.dateBetween(FROM, TO), location: n < 13 ? 'Dining area' : 'Day room' });
    expect(detectTriggers(world.input())).toEqual([]);
  });
});
