// Time hotspots: a person's or a service's incidents concentrated on certain days and times of day, beyond what
// the times of everyone else's incidents predict. Cells are day of week × four bands of the day (England's
// clocks); each cell is a one-sided binomial test, Benjamini–Hochberg across every cell of every scope tested,
// with a minimum count and a minimum effect; flagged cells next to each other are reported as one finding.
import { joinWords } from '../../domain/words.js';
import type { DetectedPattern, Detector, Evidence, IncidentFact, PatternInput } from './types.js';
import { benjaminiHochberg, binomialUpperTail, formatP, formatRatio, formatShare, nameOf, shareInWords, strengthOf } from './stats.js';

const BANDS = [
  { key: 'night', plural: 'nights', hours: '23:00–06:59' },
  { key: 'morning', plural: 'mornings', hours: '07:00–11:59' },
  { key: 'afternoon', plural: 'afternoons', hours: '12:00–17:59' },
  { key: 'evening', plural: 'evenings', hours: '18:00–22:59' },
] as const;
const BAND_COUNT = BANDS.length;
const CELLS = 7 * BAND_COUNT;
const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Monday first, as people read a week. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** Fewest incidents in a cell (or merged cells) to report. */
export const HOTSPOT_MIN_COUNT = 8;
/** Observed must be at least this multiple of expected. */
export const HOTSPOT_MIN_RATIO = 2;
/** Benjamini–Hochberg false discovery rate across every cell tested. */
export const HOTSPOT_FDR = 0.01;
/** Weight, in incidents, of the organisation-wide pattern when a person's service has few other incidents. */
const PRIOR_WEIGHT = 100;

export function bandOf(hour: number): number {
  if (hour >= 23 || hour < 7) return 0;
  if (hour < 12) return 1;
  if (hour < 18) return 2;
  return 3;
}
export const cellOf = (incident: Pick<IncidentFact, 'dayOfWeek' | 'hour'>): number => incident.dayOfWeek * BAND_COUNT + bandOf(incident.hour);

interface Scope { type: 'person' | 'service'; id: number; cells: Float64Array; total: number; expected: Float64Array; serviceIds: Set<number> }

interface Candidate { scope: Scope; cell: number; p: number }

export const detectTimeHotspots: Detector = (input: PatternInput): DetectedPattern[] => {
  const org = new Float64Array(CELLS);
  const byService = new Map<number, Float64Array>();
  const byPerson = new Map<number, { cells: Float64Array; services: Map<number, number> }>();
  for (const incident of input.incidents) {
    const cell = cellOf(incident);
    org[cell]! += 1;
    let s = byService.get(incident.serviceId);
    if (!s) byService.set(incident.serviceId, (s = new Float64Array(CELLS)));
    s[cell]! += 1;
    for (const personId of incident.personIds) {
      let p = byPerson.get(personId);
      if (!p) byPerson.set(personId, (p = { cells: new Float64Array(CELLS), services: new Map() }));
      p.cells[cell]! += 1;
      p.services.set(incident.serviceId, (p.services.get(incident.serviceId) ?? 0) + 1);
    }
  }
  const orgTotal = sum(org);

  const scopes: Scope[] = [];
  for (const [id, cells] of byService) {
    const total = sum(cells);
    if (total < HOTSPOT_MIN_COUNT) continue;
    // Expected from everyone else in the organisation.
    const rest = org.map((v, c) => v - cells[c]!);
    scopes.push({ type: 'service', id, cells, total, expected: shares(rest, null, 0), serviceIds: new Set([id]) });
  }
  const mainServiceOf = new Map<number, number>();
  for (const [id, person] of byPerson) {
    const total = sum(person.cells);
    const main = [...person.services].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    mainServiceOf.set(id, main);
    if (total < HOTSPOT_MIN_COUNT) continue;
    // Expected from the other people at the person's service, leaning on the organisation where they have few
    // incidents, and never below the organisation's own share for the cell.
    const service = byService.get(main)!;
    const others = service.map((v, c) => Math.max(0, v - person.cells[c]!));
    const rest = org.map((v, c) => v - person.cells[c]!);
    // A cell must stand out against both: a service's few other incidents can make a cell look rarer than it is.
    const fromService = shares(others, rest, PRIOR_WEIGHT);
    const fromOrganisation = shares(rest, null, 0);
    const expected = fromService.map((v, c) => Math.max(v, fromOrganisation[c]!));
    scopes.push({ type: 'person', id, cells: person.cells, total, expected, serviceIds: new Set(person.services.keys()) });
  }
  if (orgTotal === 0) return [];

  // Only cells that could be reported are tested exactly; every cell of every scope counts towards the correction.
  const candidates: Candidate[] = [];
  for (const scope of scopes) {
    for (let c = 0; c < CELLS; c++) {
      const k = scope.cells[c]!;
      const e = scope.expected[c]! * scope.total;
      if (k < HOTSPOT_MIN_COUNT || k < HOTSPOT_MIN_RATIO * e) continue;
      candidates.push({ scope, cell: c, p: binomialUpperTail(k, scope.total, scope.expected[c]!) });
    }
  }
  const q = benjaminiHochberg(candidates.map((x) => x.p), scopes.length * CELLS);
  const flagged = new Map<Scope, Set<number>>();
  candidates.forEach((x, i) => {
    if (q[i]! >= HOTSPOT_FDR) return;
    let cells = flagged.get(x.scope);
    if (!cells) flagged.set(x.scope, (cells = new Set()));
    cells.add(x.cell);
  });

  // Group neighbouring flagged cells: the same band on consecutive days (Saturday then Sunday), or consecutive bands on one day.
  interface Group { scope: Scope; cells: number[]; k: number; expected: number; p: number; ratio: number }
  const groups: Group[] = [];
  for (const [scope, cells] of flagged) {
    for (const component of components(cells)) {
      const k = component.reduce((s, c) => s + scope.cells[c]!, 0);
      const share = component.reduce((s, c) => s + scope.expected[c]!, 0);
      const p = binomialUpperTail(k, scope.total, share);
      groups.push({ scope, cells: component, k, expected: share * scope.total, p, ratio: k / Math.max(1e-9, share * scope.total) });
    }
  }
  // Adjust the merged findings' p-values the same way, so the reported p is never below the cell-level evidence.
  const groupQ = benjaminiHochberg(groups.map((g) => g.p), scopes.length * CELLS);

  // A service hotspot that one person's hotspot already explains is not a separate finding.
  const personGroups = groups.filter((g) => g.scope.type === 'person');
  const kept = groups.map((g, i) => ({ g, q: groupQ[i]! })).filter(({ g }) => {
    if (g.scope.type !== 'service') return true;
    let k = g.k;
    let total = g.scope.total;
    for (const pg of personGroups) {
      if (mainServiceOf.get(pg.scope.id) !== g.scope.id) continue;
      k -= g.cells.reduce((s, c) => s + pg.scope.cells[c]!, 0);
      total -= pg.scope.total;
    }
    if (k === g.k) return true;
    const share = g.cells.reduce((s, c) => s + g.scope.expected[c]!, 0);
    return k >= HOTSPOT_MIN_COUNT && k >= HOTSPOT_MIN_RATIO * share * total && binomialUpperTail(k, total, share) < 0.001;
  });
  if (!kept.length) return [];

  // One more pass for the evidence: the incidents in each finding's cells, most recent first.
  const wanted = new Map<string, Evidence[]>();
  const keyOf = (type: string, id: number, cell: number) => `${type}:${id}:${cell}`;
  for (const { g } of kept) for (const c of g.cells) wanted.set(keyOf(g.scope.type, g.scope.id, c), []);
  const sorted = [...input.incidents].filter((i) => wanted.has(keyOf('service', i.serviceId, cellOf(i))) || i.personIds.some((p) => wanted.has(keyOf('person', p, cellOf(i)))));
  sorted.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id - a.id));
  for (const incident of sorted) {
    const cell = cellOf(incident);
    const ev: Evidence = incident.ref ? { kind: 'incident', id: incident.id, ref: incident.ref } : { kind: 'incident', id: incident.id };
    wanted.get(keyOf('service', incident.serviceId, cell))?.push(ev);
    for (const p of incident.personIds) wanted.get(keyOf('person', p, cell))?.push(ev);
  }

  const rank = new Map<number, number>();
  sorted.forEach((i, n) => rank.set(i.id, n));
  const people = new Map(input.people.map((p) => [p.id, p]));
  const services = new Map(input.services.map((s) => [s.id, s]));
  return kept.map(({ g, q: adjusted }) => {
    const { scope } = g;
    const label = describeCells(g.cells);
    const who = scope.type === 'person'
      ? nameOf(people.get(scope.id)?.ref, `Person ${scope.id}`)
      : nameOf(services.get(scope.id)?.ref ?? services.get(scope.id)?.name, `Service ${scope.id}`);
    const serviceName = scope.type === 'person' ? nameOf(services.get(mainServiceOf.get(scope.id)!)?.ref ?? services.get(mainServiceOf.get(scope.id)!)?.name, 'their service') : null;
    const share = g.k / scope.total;
    const expectedShare = g.expected / scope.total;
    const comparedWith = scope.type === 'person' ? `the times of other people's incidents at ${serviceName} and across the organisation (whichever is higher)` : 'the times of incidents across the rest of the organisation';
    const evidence: Evidence[] = [];
    const seen = new Set<number>();
    for (const c of g.cells) {
      for (const ev of wanted.get(keyOf(scope.type, scope.id, c)) ?? []) if (!seen.has(ev.id)) { seen.add(ev.id); evidence.push(ev); }
    }
    const ciLow = g.ratio * Math.exp(-1.96 / Math.sqrt(g.k));
    const ciHigh = g.ratio * Math.exp(1.96 / Math.sqrt(g.k));
    return {
      key: `time_hotspot:${scope.type}:${scope.id}:${label.key}`,
      kind: 'time_hotspot',
      scope: { type: scope.type, id: scope.id },
      serviceIds: [...scope.serviceIds].sort((a, b) => a - b),
      title: `${who}: incidents cluster on ${label.words}`,
      summary: `${shareInWords(share)} of ${who}'s incidents (${g.k} of ${scope.total}) happen on ${label.words} (${label.hours}), `
        + `against ${formatShare(expectedShare)} expected from ${comparedWith}: ${formatRatio(g.ratio)} times as many as expected (${formatP(adjusted)}).`,
      statistic: { name: 'observed_to_expected', value: round(g.ratio), pValue: adjusted, ci95: [round(ciLow), round(ciHigh)] as const },
      strength: strengthOf(g.ratio, adjusted),
      evidence: sortByRecency(evidence, rank).slice(0, 50),
    } satisfies DetectedPattern;
  }).sort((a, b) => b.strength - a.strength || a.key.localeCompare(b.key));
};

function sortByRecency(evidence: Evidence[], rank: ReadonlyMap<number, number>): Evidence[] {
  return evidence.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
}

function sum(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Shares per cell of `counts`, shrunk towards `prior`'s shares with `weight` pseudo-incidents; every cell kept above zero. */
function shares(counts: Float64Array, prior: Float64Array | null, weight: number): Float64Array {
  const total = sum(counts);
  const priorTotal = prior ? sum(prior) : 0;
  const out = new Float64Array(CELLS);
  const usePrior = prior !== null && priorTotal > 0;
  const w = usePrior ? weight : 0;
  const floor = 0.5 / CELLS;
  let norm = 0;
  for (let c = 0; c < CELLS; c++) {
    const priorShare = usePrior ? prior[c]! / priorTotal : 1 / CELLS;
    const value = total + w > 0 ? (counts[c]! + w * priorShare) / (total + w) : 1 / CELLS;
    // Half an incident's weight per cell keeps an unseen cell from having an expected share of zero.
    out[c] = value * (total + w) + floor;
    norm += out[c]!;
  }
  for (let c = 0; c < CELLS; c++) out[c] = out[c]! / norm;
  return out;
}

/** Connected groups of cells: same band on neighbouring days (Saturday–Sunday wraps), or neighbouring bands on one day. */
function components(cells: Set<number>): number[][] {
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of [...cells].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const group: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const c = stack.pop()!;
      group.push(c);
      const day = Math.floor(c / BAND_COUNT);
      const band = c % BAND_COUNT;
      const neighbours = [((day + 1) % 7) * BAND_COUNT + band, ((day + 6) % 7) * BAND_COUNT + band];
      if (band > 0) neighbours.push(day * BAND_COUNT + band - 1);
      if (band < BAND_COUNT - 1) neighbours.push(day * BAND_COUNT + band + 1);
      for (const n of neighbours) if (cells.has(n) && !seen.has(n)) { seen.add(n); stack.push(n); }
    }
    out.push(group);
  }
  return out;
}

/** Words, key and hours for a group of cells, e.g. "Saturday and Sunday evenings", "sat-sun-evening". */
export function describeCells(cells: readonly number[]): { words: string; key: string; hours: string } {
  const days = WEEK_ORDER.filter((d) => cells.some((c) => Math.floor(c / BAND_COUNT) === d));
  const bands = [0, 1, 2, 3].filter((b) => cells.some((c) => c % BAND_COUNT === b));
  const words = `${joinWords(days.map((d) => DAY_NAMES[d]!))} ${joinWords(bands.map((b) => BANDS[b]!.plural))}`;
  return {
    words,
    key: `${days.map((d) => DAY_KEYS[d]).join('-')}-${bands.map((b) => BANDS[b]!.key).join('-')}`,
    hours: bands.map((b) => BANDS[b]!.hours).join(', '),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
