import { describe, expect, it } from 'vitest';
import { bandOf, describeCells, detectTimeHotspots } from '../../../src/analytics/patterns/time-hotspot.js';
import { World } from './build.js';

const FROM = '2024-11-01';
const TO = '2026-10-31';

/** Three services, each with ordinary people whose incidents follow the usual daily rhythm on any day. */
function background(world: World, perPerson = 25): void {
  for (const s of [1, 2, 3]) {
    world.service(s);
    for (let k = 0; k < 6; k++) {
      const id = world.person(s * 100 + k, s);
      for (let n = 0; n < perPerson; n++) world.incident({ serviceId: s, personIds: [id], date: world.dateBetween(FROM, TO), hour: world.hour() });
    }
  }
}

function addHotspotPerson(world: World, id: number, total: number, share: number): void {
  world.person(id, 1);
  for (let n = 0; n < total; n++) {
    const inCell = n < Math.round(total * share);
    world.incident({
      serviceId: 1, personIds: [id],
      date: inCell ? world.dateOn([6, 0], FROM, TO) : world.dateBetween(FROM, TO),
      hour: inCell ? world.pick([18, 19, 20, 21, 22]) : world.hour(),
    });
  }
}

describe('time hotspots', () => {
  it('bands the day and names cells', () => {
    expect([0, 6, 7, 11, 12, 17, 18, 22, 23].map(bandOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 0]);
    // Saturday (6) and Sunday (0) evenings (band 3)
    expect(describeCells([6 * 4 + 3, 0 * 4 + 3])).toEqual({ words: 'Saturday and Sunday evenings', key: 'sat-sun-evening', hours: '18:00–22:59' });
  });

  it('finds a person whose incidents cluster on weekend evenings, as one merged finding', () => {
    const world = new World();
    background(world);
    addHotspotPerson(world, 42, 60, 0.62);
    const found = detectTimeHotspots(world.input());
    const person = found.filter((f) => f.scope.type === 'person');
    expect(person).toHaveLength(1);
    const f = person[0]!;
    expect(f.key).toBe('time_hotspot:person:42:sat-sun-evening');
    expect(f.kind).toBe('time_hotspot');
    expect(f.scope).toEqual({ type: 'person', id: 42 });
    expect(f.serviceIds).toEqual([1]);
    const inCell = world.incidents.filter((i) => i.personIds.includes(42) && [0, 6].includes(i.dayOfWeek) && i.hour >= 18 && i.hour <= 22).length;
    expect(inCell).toBeGreaterThanOrEqual(37);
    expect(f.summary).toContain(`R-0042's incidents (${inCell} of 60) happen on Saturday and Sunday evenings (18:00–22:59)`);
    expect(f.statistic.value).toBeGreaterThan(4);
    expect(f.statistic.pValue).toBeLessThan(0.001);
    expect(f.strength).toBeGreaterThan(0.7);
    expect(f.evidence).toHaveLength(inCell);
    // Every piece of evidence is one of the person's weekend-evening incidents, most recent first.
    const byId = new Map(world.incidents.map((i) => [i.id, i]));
    const ev = f.evidence.map((e) => byId.get(e.id)!);
    expect(ev.every((i) => [0, 6].includes(i.dayOfWeek) && i.hour >= 18 && i.hour <= 22 && i.personIds.includes(42))).toBe(true);
    expect(ev.map((i) => i.occurredAt)).toEqual([...ev.map((i) => i.occurredAt)].sort().reverse());
    expect(f.evidence[0]!.ref).toMatch(/^INC-/);
    // The service's own weekend evenings are explained by this one person, so no separate service finding.
    expect(found.filter((x) => x.scope.type === 'service')).toEqual([]);
  });

  it('does not flag a person with a high but flat rate, nor anyone in ordinary data', () => {
    const world = new World('2026-10-31');
    background(world);
    world.person(7, 2);
    for (let n = 0; n < 180; n++) world.incident({ serviceId: 2, personIds: [7], date: world.dateBetween(FROM, TO), hour: world.hour() });
    expect(detectTimeHotspots(world.input())).toEqual([]);
  });

  it('does not flag a weak cluster below the minimum count', () => {
    const world = new World();
    background(world);
    addHotspotPerson(world, 42, 10, 0.7); // 7 in the cell: fewer than 8
    expect(detectTimeHotspots(world.input()).filter((f) => f.scope.id === 42)).toEqual([]);
  });

  it('flags a service whose incidents from several people cluster in one cell', () => {
    const world = new World();
    background(world);
    world.service(4);
    for (let k = 0; k < 5; k++) {
      const id = world.person(400 + k, 4);
      for (let n = 0; n < 12; n++) {
        const inCell = n < 6;
        world.incident({ serviceId: 4, personIds: [id], date: inCell ? world.dateOn([1], FROM, TO) : world.dateBetween(FROM, TO), hour: inCell ? 9 : world.hour() });
      }
    }
    const found = detectTimeHotspots(world.input());
    const service = found.find((f) => f.scope.type === 'service');
    expect(service?.key).toBe('time_hotspot:service:4:mon-morning');
    expect(service?.serviceIds).toEqual([4]);
    expect(found.filter((f) => f.scope.type === 'person')).toEqual([]);
  });
});
