import { describe, expect, it } from 'vitest';
import { detectStaffOverrepresented } from '../../../src/analytics/patterns/staff-overrepresented.js';
import { World } from './build.js';

const FROM = '2024-11-01';
const TO = '2026-10-31';
const OTHER = ['07', '08', '09', '10', '11', '12', '13'];

/**
 * A hospital unit with ten core staff; `special` takes part in `proneShare` of prone restraints (and their ordinary
 * share of others), `busy` in 40 % of both.
 */
function hospital(world: World, options: { special?: number; proneShare?: number; busy?: number } = {}): void {
  world.service(1);
  const core = Array.from({ length: 10 }, (_, k) => world.staffMember(10 + k));
  for (let k = 0; k < 8; k++) world.person(100 + k, 1);
  let proneSeen = 0;
  for (let n = 0; n < 400; n++) {
    const isProne = n % 8 === 0; // 50 prone, 350 other
    const code = isProne ? '01' : world.pick(OTHER);
    const staff = new Set<number>();
    while (staff.size < 2) staff.add(world.pick(core));
    if (isProne && options.special !== undefined) {
      proneSeen += 1;
      staff.delete(options.special);
      if (Math.floor(proneSeen * (options.proneShare ?? 0.8)) > Math.floor((proneSeen - 1) * (options.proneShare ?? 0.8))) staff.add(options.special);
    }
    if (options.busy !== undefined) {
      staff.delete(options.busy);
      if (world.chance(0.4)) staff.add(options.busy);
    }
    world.incident({ serviceId: 1, personIds: [100 + (n % 8)], date: world.dateBetween(FROM, TO), interventions: [{ typeCode: code, staffIds: [...staff] }] });
  }
}

describe('staff over-represented in prone restraint', () => {
  it('finds the staff member in most prone restraints at a service', () => {
    const world = new World();
    hospital(world, { special: 10, proneShare: 0.8, busy: 11 });
    const found = detectStaffOverrepresented(world.input());
    expect(found.map((f) => f.key)).toEqual(['staff_overrepresented:staff:10:service:1:prone']);
    const f = found[0]!;
    expect(f.scope).toEqual({ type: 'staff', id: 10 });
    expect(f.serviceIds).toEqual([1]);
    expect(f.summary).toMatch(/^Staff 10 \(ST-10\) took part in 40 of the 50 prone restraints at S-001 \(80%\), against \d+ of its 350 other physical restraints/);
    expect(f.statistic.value).toBeGreaterThan(3);
    expect(f.statistic.pValue).toBeLessThan(0.001);
    expect(f.evidence).toHaveLength(40);
    expect(f.strength).toBeGreaterThan(0.6);
  });

  it('does not flag a busy colleague who takes part in prone and other restraints alike, nor anyone in ordinary data', () => {
    const world = new World();
    hospital(world, { busy: 11 });
    expect(detectStaffOverrepresented(world.input())).toEqual([]);
  });

  it('ignores services with too few prone restraints to judge', () => {
    const world = new World();
    world.service(2);
    world.staffMember(1);
    world.staffMember(2);
    for (let n = 0; n < 4; n++) world.incident({ serviceId: 2, date: '2026-01-10', interventions: [{ typeCode: '01', staffIds: [1] }] });
    for (let n = 0; n < 40; n++) world.incident({ serviceId: 2, date: '2026-01-11', interventions: [{ typeCode: '07', staffIds: [2] }] });
    expect(detectStaffOverrepresented(world.input())).toEqual([]);
  });
});
