// A small crafted organisation for the theme detectors: background records at six services over two years, with
// themes planted (or not) on top. Deterministic (seeded), so a test fails the same way every time.
import type { IncidentFact, PatternInput, PersonFact, RestrictionFact, Source, SourceRecord } from '../../../src/analytics/patterns/types.js';

export const AS_OF = '2026-11-25';
const FIRST_MONTH = '2024-12';

export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function months(from = FIRST_MONTH, to = AS_OF.slice(0, 7)): string[] {
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

const background = ['staff', 'room', 'drink', 'walk', 'music', 'noise', 'door', 'shop', 'peer', 'support plan'];

export class World {
  readonly records: SourceRecord[] = [];
  readonly incidents: IncidentFact[] = [];
  readonly restrictions: RestrictionFact[] = [];
  readonly people: PersonFact[] = [];
  private nextId = 1;
  private readonly rand: () => number;

  constructor(seed = 1, readonly serviceIds = [1, 2, 3, 4, 5, 6]) {
    this.rand = random(seed);
    for (const s of serviceIds) for (let k = 0; k < 5; k += 1) this.people.push({ id: s * 100 + k, ref: `P-${s}-${k}`, serviceId: s, startDate: '2020-01-01', endDate: null });
  }

  /** One record; incidents also get an incident fact. */
  add(source: Source, serviceId: number | null, date: string, o: { phrases?: string[]; factors?: string[]; labels?: string[]; personId?: number } = {}): SourceRecord {
    const id = this.nextId++;
    const personId = o.personId ?? (serviceId === null ? null : serviceId * 100 + Math.floor(this.rand() * 5));
    const record: SourceRecord = {
      source, id, ref: `${source.slice(0, 3).toUpperCase()}-${id}`, serviceId, personId, date, month: date.slice(0, 7),
      factors: o.factors ?? [], labels: o.labels ?? [], phrases: o.phrases ?? [],
    };
    this.records.push(record);
    if (source === 'incident' && serviceId !== null) {
      this.incidents.push({
        id, ref: record.ref, serviceId, personIds: personId === null ? [] : [personId], occurredAt: `${date}T12:00:00.000Z`, dayOfWeek: 1, hour: 12,
        month: record.month, location: 'Lounge', settingEvents: [], factors: record.factors, hasAgencyStaff: false, harmPhysical: 'none',
        harmPsychological: 'none', staffIds: [], interventions: [],
      });
    }
    return record;
  }

  /** A day in the month, spread by the generator. */
  day(month: string): string {
    return `${month}-${String(1 + Math.floor(this.rand() * 28)).padStart(2, '0')}`;
  }

  /** Ordinary records everywhere, every month: incidents with common phrases, some complaints and speak-up. */
  addBackground(perServiceMonth = 12) {
    for (const month of months()) {
      for (const s of this.serviceIds) {
        for (let k = 0; k < perServiceMonth; k += 1) {
          const phrases = background.filter(() => this.rand() < 0.3);
          const factors = this.rand() < 0.5 ? ['patient_factors'] : this.rand() < 0.3 ? ['management_of_staff_and_staffing_levels'] : [];
          this.add('incident', s, this.day(month), { phrases, factors });
        }
        if (this.rand() < 0.4) this.add('complaint', s, this.day(month), { phrases: ['phone'], labels: ['communication'] });
        if (this.rand() < 0.1) this.add('speak_up', s, this.day(month), { phrases: ['late shift'], labels: ['culture', 'closed_culture'] });
      }
    }
  }

  /** `count` records a month with these phrases (and factors) at each service, in the months given. */
  plant(source: Source, serviceIds: readonly number[], inMonths: readonly string[], count: number, o: { phrases?: string[]; factors?: string[]; labels?: string[] }) {
    for (const month of inMonths) for (const s of serviceIds) for (let k = 0; k < count; k += 1) this.add(source, s, this.day(month), o);
  }

  input(): PatternInput {
    return {
      asOf: AS_OF, incidents: this.incidents, records: this.records, restrictions: this.restrictions, people: this.people,
      services: this.serviceIds.map((id) => ({ id, ref: `SVC-${id}`, name: `Service ${id}` })), staff: [], occupancy: [],
    };
  }
}

/** The last n months up to AS_OF. */
export const lastMonths = (n: number) => months().slice(-n);
