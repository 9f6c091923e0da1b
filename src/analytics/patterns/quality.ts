// How well detection did against a world whose patterns are known (the demo generator's ground truth):
// recall of the planted patterns, how many of the strongest findings are real, and whether the planted null drew
// an escalation or improvement claim. Used by the pattern tests and by `npm run bench:patterns`.

export interface PlantedLike {
  kind: string;
  scope: { type: string; id: number | null; ref: string };
  parameters: Record<string, unknown>;
}

export interface FindingLike {
  kind: string;
  scope: { type: string; id: number | null };
  serviceIds: readonly number[];
  strength: number;
  title: string;
}

export interface QualityReport {
  /** Planted patterns a detector is expected to find (the null is excluded: it must produce nothing). */
  planted: number;
  found: number;
  recall: number;
  missed: string[];
  topTen: { title: string; kind: string; isReal: boolean }[];
  realInTopTen: number;
  /** Escalation or improvement claims about the planted null person. */
  nullClaims: string[];
}

/** Which finding kinds count as finding each planted kind (a planted action effect is an improvement). */
const detectedAs: Record<string, string> = {
  time_hotspot: 'time_hotspot', staffing_agency: 'staffing_agency', blanket_restriction: 'blanket_restriction',
  staff_overrepresented: 'staff_overrepresented', cross_service_theme: 'cross_service_theme', cross_source_theme: 'cross_source_theme',
  escalation: 'escalation', action_effect: 'improvement', trigger: 'trigger',
};

export function assessFindings(
  planted: readonly PlantedLike[], findings: readonly FindingLike[],
  serviceIdOfRef: (ref: string) => number | undefined, serviceOfPerson: (personId: number) => number | undefined,
): QualityReport {
  const plantedServices = (p: PlantedLike): number[] => {
    const refs = Array.isArray(p.parameters.serviceRefs) ? (p.parameters.serviceRefs as string[])
      : typeof p.parameters.serviceRef === 'string' ? [p.parameters.serviceRef] : [];
    const ids = refs.map(serviceIdOfRef).filter((id): id is number => id !== undefined);
    if (p.scope.type === 'service' && p.scope.id !== null) ids.push(p.scope.id);
    if (p.scope.type === 'person' && p.scope.id !== null) {
      const s = serviceOfPerson(p.scope.id);
      if (s !== undefined) ids.push(s);
    }
    return [...new Set(ids)];
  };

  /** A finding about the planted thing: same scope, or for organisation-wide themes, two or more of its services. */
  const matches = (p: PlantedLike, f: FindingLike, kindMustMatch: boolean) => {
    if (kindMustMatch && detectedAs[p.kind] !== f.kind) return false;
    if (p.scope.type === 'organisation') {
      const services = new Set(plantedServices(p));
      return f.serviceIds.filter((s) => services.has(s)).length >= 2;
    }
    if (f.scope.type === p.scope.type && f.scope.id === p.scope.id) return true;
    // A person's pattern also shows at their service: the same finding seen from one level up.
    if (!kindMustMatch && p.scope.type === 'person' && f.scope.type === 'service') return plantedServices(p).includes(f.scope.id ?? -1);
    return false;
  };

  const detectable = planted.filter((p) => p.kind in detectedAs);
  const missed = detectable.filter((p) => !findings.some((f) => matches(p, f, true)));
  const top = [...findings].sort((a, b) => b.strength - a.strength).slice(0, 10);
  const topTen = top.map((f) => ({ title: f.title, kind: f.kind, isReal: detectable.some((p) => matches(p, f, false)) }));
  const nullPeople = planted.filter((p) => p.kind === 'null_effect').map((p) => p.scope.id);
  const nullClaims = findings.filter((f) => (f.kind === 'escalation' || f.kind === 'improvement') && f.scope.type === 'person' && nullPeople.includes(f.scope.id))
    .map((f) => f.title);
  return {
    planted: detectable.length,
    found: detectable.length - missed.length,
    recall: detectable.length ? (detectable.length - missed.length) / detectable.length : 1,
    missed: missed.map((p) => `${p.kind} ${p.scope.type} ${p.scope.ref}`),
    topTen,
    realInTopTen: topTen.filter((t) => t.isReal).length,
    nullClaims,
  };
}
