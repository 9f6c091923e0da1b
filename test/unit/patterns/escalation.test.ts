import { describe, expect, it } from 'vitest';
import { detectEscalation, findChange } from '../../../src/analytics/patterns/escalation.js';
import { xmrChart } from '../../../src/analytics/spc/index.js';
import { World, dayIn, monthsFrom } from './build.js';

const MONTHS = monthsFrom('2023-11', '2026-10'); // 36 complete months; the facts run to 31 Oct 2026

/** Steady monthly counts (the fraction carried forward), as the demo generator plants them. */
function steady(world: World, personId: number, serviceId: number, rateOf: (t: number) => number, riOf: (t: number) => number, harmOf: (t: number) => number = () => 0.05): void {
  let carry = 0.5;
  MONTHS.forEach((month, t) => {
    carry += rateOf(t);
    const count = Math.floor(carry);
    carry -= count;
    for (let k = 0; k < count; k++) {
      world.incident({
        serviceId, personIds: [personId], date: dayIn(world, month),
        interventions: world.chance(riOf(t)) ? [{ typeCode: '11' }] : [],
        harmPhysical: world.chance(harmOf(t)) ? 'moderate' : 'none',
      });
    }
  });
}

/** Ordinary people: Poisson counts at a constant rate each. */
function background(world: World): void {
  for (const s of [1, 2, 3]) {
    world.service(s);
    for (let k = 0; k < 12; k++) {
      const id = world.person(s * 100 + k, s, { startDate: '2023-01-01' });
      const rate = 0.3 + world.random() * 5;
      for (const month of MONTHS) {
        const count = world.poisson(rate);
        for (let n = 0; n < count; n++) {
          world.incident({ serviceId: s, personIds: [id], date: dayIn(world, month), interventions: world.chance(0.3) ? [{ typeCode: '07' }] : [], harmPhysical: world.chance(0.05) ? 'moderate' : 'none' });
        }
      }
    }
  }
}

function plantedWorld(): World {
  const world = new World('2026-10-31');
  background(world);
  // Escalation: 0.6 a month, rising steadily to 7 a month over the last six months, with more harm.
  world.person(1, 1, { startDate: '2022-05-01' });
  steady(world, 1, 1, (t) => (t < 30 ? 0.6 : 0.6 + (6.4 * (t - 29)) / 6), () => 0.2, (t) => (t >= 33 ? 0.4 : 0.05));
  // Action: a new plan from month 20 halves incidents and restrictive interventions fall by two thirds.
  world.person(2, 2, { startDate: '2021-01-01' });
  steady(world, 2, 2, (t) => (t < 20 ? 8 : 4), (t) => (t < 20 ? 0.75 : 0.5));
  // Null: an action with no effect.
  world.person(3, 3, { startDate: '2021-01-01' });
  steady(world, 3, 3, () => 8, () => 0.75);
  // High but flat.
  world.person(4, 3, { startDate: '2021-01-01' });
  steady(world, 4, 3, () => 3, () => 0.2);
  return world;
}

describe('escalation and improvement', () => {
  it('finds the escalating person and the improving person, and nothing about the null or the flat decoy', () => {
    const world = plantedWorld();
    const found = detectEscalation(world.input());
    const people = found.filter((f) => f.scope.type === 'person');
    expect(people.map((f) => f.key).sort()).toEqual(['escalation:person:1', 'improvement:person:2']);

    const up = people.find((f) => f.key === 'escalation:person:1')!;
    expect(up.kind).toBe('escalation');
    expect(up.scope).toEqual({ type: 'person', id: 1 });
    expect(up.serviceIds).toEqual([1]);
    expect(up.statistic.name).toBe('rate_ratio');
    expect(up.statistic.value).toBeGreaterThan(3);
    expect(up.statistic.pValue).toBeLessThan(0.001);
    expect(up.summary).toMatch(/^R-0001's incidents have risen: \d+\.\d a month since [A-Z][a-z]{2} 2026, against 0\.\d a month before/);
    expect(up.summary).toMatch(/since May 2026/);
    expect(up.summary).toContain('Against the average and limits of the months before, the chart shows a run of months above the average, a steady rise month on month');
    // Evidence: incidents from the last six months only, most recent first.
    const byId = new Map(world.incidents.map((i) => [i.id, i]));
    const ev = up.evidence.map((e) => byId.get(e.id)!);
    expect(ev.length).toBeGreaterThan(10);
    expect(ev.every((i) => i.month >= '2026-05' && i.personIds.includes(1))).toBe(true);

    const down = people.find((f) => f.key === 'improvement:person:2')!;
    expect(down.kind).toBe('improvement');
    expect(down.statistic.value).toBeLessThan(0.6);
    expect(down.summary).toMatch(/since Jul 2025/);
    expect(down.strength).toBeGreaterThan(0.6);
  });

  it('finds nothing in ordinary data', () => {
    const world = new World('2026-10-31');
    background(world);
    expect(detectEscalation(world.input())).toEqual([]);
  });

  it('leaves out people who have left', () => {
    const world = new World('2026-10-31');
    background(world);
    world.person(1, 1, { startDate: '2022-05-01', endDate: '2026-06-30' });
    steady(world, 1, 1, (t) => (t < 26 ? 0.6 : 8), () => 0.2);
    expect(detectEscalation(world.input()).filter((f) => f.scope.type === 'person')).toEqual([]);
  });

  it('needs a sustained or confirmed signal in the recent months', () => {
    // A drop long ago that has since recovered is not an improvement now.
    const values = [6, 7, 6, 5, 7, 6, 1, 1, 2, 1, 1, 1, 1, 6, 7, 6, 5, 6, 7, 6, 6, 5, 7, 6];
    const exposure = values.map(() => 30.4375);
    expect(findChange(values, values, exposure, 'improvement')).toBeNull();
    expect(xmrChart({ values, improvement: 'decrease' }).points[8]!.classification).toBe('improvement'); // it was special then
    // A clear rise over the last months is found, from where the run began.
    const rising = [1, 1, 2, 1, 0, 1, 1, 2, 1, 1, 1, 0, 1, 1, 2, 1, 1, 1, 4, 5, 6, 7, 8, 9];
    const change = findChange(rising, rising, rising.map(() => 30.4375), 'escalation');
    expect(change?.fromIndex).toBe(18);
    expect(change?.p).toBeLessThan(1e-10);
    expect(change?.rules).toContain('single_point');
    // A fall that began before the recent months and has lasted is an improvement, dated from where it began.
    const fallen = [8, 9, 8, 7, 8, 9, 8, 8, 7, 9, 8, 8, 3, 2, 3, 2, 4, 3, 2, 3, 3, 2, 3, 2];
    const fall = findChange(fallen, fallen, fallen.map(() => 30.4375), 'improvement');
    expect(fall?.fromIndex).toBe(12);
    expect(fall?.rules).toContain('shift');
    expect(findChange(fallen, fallen, fallen.map(() => 30.4375), 'escalation')).toBeNull();
  });

  it('dates a fall that levels off low from where the shift began, even inside a falling trend', () => {
    // Restrictive interventions a month for a person whose new plan started at month 12: the chart's falling trend
    // begins at the high month 9, so the trend alone would put the change three months early (and, with the months
    // before the plan counted as "after", too weak to report). The shift below the mean begins at month 12.
    const counts = [5, 3, 5, 6, 7, 3, 7, 5, 3, 9, 8, 6, 4, 2, 1, 1, 2, 3, 3, 2, 3, 4, 2];
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30];
    const values = counts.map((c, i) => (c * 30.4375) / days[i]!);
    const whole = xmrChart({ values, improvement: 'decrease' });
    expect(whole.points[9]!.rules).toContain('trend');
    expect(whole.points[11]!.rules).not.toContain('shift');
    expect(whole.points[12]!.rules).toContain('shift');
    const fall = findChange(values, counts, days, 'improvement');
    expect(fall?.fromIndex).toBe(12);
    expect(fall?.p).toBeLessThan(0.001);
  });

  it('does not call a service escalating because someone with many incidents moved in', () => {
    const world = new World('2026-10-31');
    background(world);
    // From Jan 2026 a new person at service 2 has 40 incidents a month, steadily: the service's count doubles.
    world.person(50, 2, { startDate: '2026-01-01' });
    MONTHS.forEach((month) => {
      if (month < '2026-01') return;
      for (let n = 0; n < 40; n++) world.incident({ serviceId: 2, personIds: [50], date: dayIn(world, month) });
    });
    const found = detectEscalation(world.input());
    expect(found).toEqual([]);
  });
});
