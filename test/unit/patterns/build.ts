// A small builder of PatternInput for the detector tests: services, people, staff and incidents with sensible
// defaults, and a seeded random source so "ordinary" background data is the same on every run.
import type { IncidentFact, InterventionFact, PatternInput, PersonFact, ServiceFact, StaffFact } from '../../../src/analytics/patterns/types.js';

/** Mulberry32: small, fast and deterministic. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface IncidentSpec {
  serviceId: number;
  personIds?: number[];
  /** Local date YYYY-MM-DD (England); day of week and month come from it. */
  date: string;
  hour?: number;
  location?: string;
  settingEvents?: string[];
  hasAgencyStaff?: boolean;
  harmPhysical?: string;
  harmPsychological?: string;
  staffIds?: number[];
  interventions?: { typeCode: string; staffIds?: number[]; personId?: number | null; durationMinutes?: number }[];
}

const DAY = 86_400_000;

export class World {
  readonly services: ServiceFact[] = [];
  readonly people: PersonFact[] = [];
  readonly staff: StaffFact[] = [];
  readonly incidents: IncidentFact[] = [];
  private nextIncident = 1;
  private nextIntervention = 1;

  constructor(readonly asOf = '2026-10-31', readonly random = seeded(42)) {}

  service(id: number, ref = `S-${String(id).padStart(3, '0')}`): number {
    this.services.push({ id, ref, name: `Service ${id}` });
    return id;
  }

  person(id: number, serviceId: number, options: { startDate?: string; endDate?: string | null } = {}): number {
    this.people.push({ id, ref: `R-${String(id).padStart(4, '0')}`, serviceId, startDate: options.startDate ?? '2020-01-01', endDate: options.endDate ?? null });
    return id;
  }

  staffMember(id: number, employmentType = 'permanent'): number {
    this.staff.push({ id, ref: `ST-${id}`, name: `Staff ${id}`, employmentType });
    return id;
  }

  incident(spec: IncidentSpec): IncidentFact {
    const id = this.nextIncident++;
    const hour = spec.hour ?? 12;
    const [y, m, d] = spec.date.split('-').map(Number) as [number, number, number];
    const dayOfWeek = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const interventions: InterventionFact[] = (spec.interventions ?? []).map((i) => ({
      id: this.nextIntervention++,
      typeCode: i.typeCode,
      personId: i.personId === undefined ? (spec.personIds?.[0] ?? null) : i.personId,
      durationMinutes: i.durationMinutes ?? 5,
      staffIds: i.staffIds ?? [],
    }));
    const incident: IncidentFact = {
      id,
      ref: `INC-${String(id).padStart(6, '0')}`,
      serviceId: spec.serviceId,
      personIds: spec.personIds ?? [],
      occurredAt: `${spec.date}T${String(hour).padStart(2, '0')}:30:00.000Z`,
      dayOfWeek,
      hour,
      month: spec.date.slice(0, 7),
      location: spec.location ?? 'Lounge',
      settingEvents: spec.settingEvents ?? [],
      factors: [],
      hasAgencyStaff: spec.hasAgencyStaff ?? false,
      harmPhysical: spec.harmPhysical ?? 'none',
      harmPsychological: spec.harmPsychological ?? 'none',
      staffIds: spec.staffIds ?? [...new Set(interventions.flatMap((i) => i.staffIds))],
      interventions,
    };
    this.incidents.push(incident);
    return incident;
  }

  /** A random date in [from, to] (YYYY-MM-DD), uniform over days. */
  dateBetween(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + Math.floor(this.random() * ((b - a) / DAY + 1)) * DAY).toISOString().slice(0, 10);
  }

  /** A random date in [from, to] falling on one of `days` (0 = Sunday). */
  dateOn(days: readonly number[], from: string, to: string): string {
    for (;;) {
      const date = this.dateBetween(from, to);
      if (days.includes(new Date(`${date}T00:00:00Z`).getUTCDay())) return date;
    }
  }

  /** An hour drawn from a daytime-heavy profile like the demo data's. */
  hour(): number {
    const weights = [1, 0.6, 0.5, 0.4, 0.4, 0.6, 1.5, 3, 5, 5, 4, 4, 4.5, 4, 4, 5, 6, 6.5, 6.5, 6, 5, 4, 3, 1.8];
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.random() * total;
    for (let h = 0; h < 24; h++) {
      r -= weights[h]!;
      if (r < 0) return h;
    }
    return 23;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** Poisson draw (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.random();
    while (p > limit) {
      k += 1;
      p *= this.random();
    }
    return k;
  }

  input(): PatternInput {
    return {
      asOf: this.asOf, incidents: this.incidents, records: [], restrictions: [], people: this.people, services: this.services, staff: this.staff,
      occupancy: [],
    };
  }
}

/** Months from `from` to `to` inclusive, YYYY-MM. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** A random day (YYYY-MM-DD) within a month YYYY-MM. */
export function dayIn(world: World, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(1 + Math.floor(world.random() * days)).padStart(2, '0')}`;
}
