// "People restrained" counts distinct people (DOMAIN.md §4.5) at every level. Restraint is remembered per service,
// person and month; a region or the organisation must still count someone once in a month in which two of its
// services restrained them (a person who moved mid-month), and a person's own series is 1 or 0.

/** A month in which a person was restrained at a service, with the service's region. */
export interface RestrainedAt { serviceId: number; regionId: number; personId: number; period: string }

export interface PeopleRestrainedDelta {
  scope: { type: 'organisation' | 'region' | 'service' | 'person'; id: number };
  period: string;
  value: number;
}

const personMonth = (r: Pick<RestrainedAt, 'personId' | 'period'>) => `${r.personId}|${r.period}`;

/**
 * How the people-restrained counts change when `changed` months of restraint are added (`sign` 1) or taken away
 * (−1), given `others`: the months of restraint recorded for the same people and months at other services, apart from
 * the changed ones. Each service gains or loses each of its own; a region, the organisation and the person only when
 * no other service (in that region, or at all) restrained the person that month.
 */
export function peopleRestrainedChange(changed: readonly RestrainedAt[], others: readonly RestrainedAt[], sign: 1 | -1): PeopleRestrainedDelta[] {
  const elsewhere = new Map<string, { regions: Set<number> }>();
  for (const r of others) {
    const key = personMonth(r);
    const entry = elsewhere.get(key);
    if (entry) entry.regions.add(r.regionId);
    else elsewhere.set(key, { regions: new Set([r.regionId]) });
  }
  const out: PeopleRestrainedDelta[] = [];
  const countedPerson = new Set<string>();
  const countedRegion = new Set<string>();
  for (const r of changed) {
    const key = personMonth(r);
    const other = elsewhere.get(key);
    out.push({ scope: { type: 'service', id: r.serviceId }, period: r.period, value: sign });
    if (!other && !countedPerson.has(key)) {
      countedPerson.add(key);
      out.push({ scope: { type: 'organisation', id: 0 }, period: r.period, value: sign }, { scope: { type: 'person', id: r.personId }, period: r.period, value: sign });
    }
    const regionKey = `${key}|${r.regionId}`;
    if (!other?.regions.has(r.regionId) && !countedRegion.has(regionKey)) {
      countedRegion.add(regionKey);
      out.push({ scope: { type: 'region', id: r.regionId }, period: r.period, value: sign });
    }
  }
  return out;
}
