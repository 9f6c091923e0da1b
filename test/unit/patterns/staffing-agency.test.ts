import { describe, expect, it } from 'vitest';
import { detectStaffingAgency } from '../../../src/analytics/patterns/staffing-agency.js';
import { World } from './build.js';

const FROM = '2024-11-01';
const TO = '2026-10-31';

/** Services where agency staff are on shift for `share` of everyone's incidents. */
function service(world: World, id: number, share: number, people = 6, perPerson = 30): void {
  world.service(id);
  for (let k = 0; k < people; k++) {
    const person = world.person(id * 100 + k, id);
    for (let n = 0; n < perPerson; n++) {
      world.incident({ serviceId: id, personIds: [person], date: world.dateBetween(FROM, TO), hour: world.hour(), hasAgencyStaff: world.chance(share) });
    }
  }
}

describe('agency staffing', () => {
  it('finds the person whose weekend-evening incidents happen with agency staff, with a rate ratio and CI', () => {
    const world = new World();
    service(world, 1, 0.12);
    service(world, 2, 0.12);
    world.person(42, 1);
    for (let n = 0; n < 60; n++) {
      const weekendEvening = n % 8 < 5;
      world.incident({
        serviceId: 1, personIds: [42],
        date: weekendEvening ? world.dateOn([6, 0], FROM, TO) : world.dateBetween(FROM, TO),
        hour: weekendEvening ? world.pick([18, 19, 20, 21, 22]) : world.pick([9, 10, 13, 14]),
        hasAgencyStaff: weekendEvening ? n % 20 !== 0 : world.chance(0.12),
      });
    }
    const found = detectStaffingAgency(world.input());
    expect(found.map((f) => f.key)).toEqual(['staffing_agency:person:42:service:1']);
    const f = found[0]!;
    expect(f.scope).toEqual({ type: 'person', id: 42 });
    expect(f.serviceIds).toEqual([1]);
    expect(f.statistic.name).toBe('rate_ratio');
    expect(f.statistic.value).toBeGreaterThan(4);
    expect(f.statistic.ci95![0]).toBeGreaterThan(2);
    expect(f.statistic.ci95![0]).toBeLessThan(f.statistic.value);
    expect(f.statistic.ci95![1]).toBeGreaterThan(f.statistic.value);
    expect(f.summary).toContain('Most of it is on Saturday and Sunday evenings');
    // Evidence starts with the weekend-evening incidents.
    const byId = new Map(world.incidents.map((i) => [i.id, i]));
    const first = byId.get(f.evidence[0]!.id)!;
    expect([0, 6]).toContain(first.dayOfWeek);
    expect(first.hour).toBeGreaterThanOrEqual(18);
    expect(f.strength).toBeGreaterThan(0.6);
  });

  it('does not flag a service where agency staff cover half of everyone\'s incidents, nor a busy person with ordinary cover', () => {
    const world = new World();
    service(world, 1, 0.12);
    service(world, 2, 0.5, 8, 40);
    world.person(7, 1);
    for (let n = 0; n < 150; n++) world.incident({ serviceId: 1, personIds: [7], date: world.dateBetween(FROM, TO), hour: world.hour(), hasAgencyStaff: world.chance(0.12) });
    expect(detectStaffingAgency(world.input())).toEqual([]);
  });

  it('flags a service whose weekend nights, for everyone, come with agency staff', () => {
    const world = new World();
    service(world, 2, 0.12);
    world.service(3);
    for (let k = 0; k < 6; k++) {
      const person = world.person(300 + k, 3);
      for (let n = 0; n < 30; n++) {
        const weekendNight = n % 5 === 0;
        world.incident({
          serviceId: 3, personIds: [person],
          date: weekendNight ? world.dateOn([6, 0], FROM, TO) : world.dateOn([1, 2, 3, 4, 5], FROM, TO),
          hour: weekendNight ? 2 : world.pick([9, 13, 17]), hasAgencyStaff: weekendNight ? world.chance(0.8) : world.chance(0.1),
        });
      }
    }
    const found = detectStaffingAgency(world.input());
    expect(found.map((f) => f.key)).toEqual(['staffing_agency:service:3:weekend-night']);
    expect(found[0]!.scope).toEqual({ type: 'service', id: 3 });
    expect(found[0]!.summary).toMatch(/on Saturday and Sunday nights/);
  });
});
