import { contributoryFactorLabels, type ContributoryFactor } from '../../../domain/contributory-factors.js';
import { evidenceSources, type Evidence, type EvidenceInput, type EvidenceSource, type Verdict } from '../../../domain/learning.js';

export const verdictLabels: Record<Verdict, string> = {
  effective: 'Effective',
  not_yet_evident: 'Not yet evident',
  worsened: 'Worsened',
  insufficient_data: 'Not enough data',
};

export const factorList = (factors: readonly ContributoryFactor[]) => factors.map((f) => contributoryFactorLabels[f]);

/** Where a piece of evidence lives in Lantern, when it has a page of its own. */
export function evidenceHref(e: Pick<Evidence, 'source' | 'id' | 'key'>): string | null {
  switch (e.source) {
    case 'incident': return e.id ? `/incidents/${e.id}` : null;
    case 'safeguarding_concern': return e.id ? `/safeguarding/${e.id}` : null;
    case 'complaint': return e.id ? `/complaints/${e.id}` : null;
    case 'restriction': return e.id ? `/restrictions/${e.id}` : null;
    case 'pattern': return e.key && /^\d+$/.test(e.key) ? `/patterns/${e.key}` : null;
    case 'practice_review': return e.id ? `/reviews/${e.id}` : null;
    case 'speak_up':
      return null;
  }
}

/** `?from=incident:123,complaint:4` → evidence; anything unrecognised is left out. */
export function parseFrom(from: string | null): EvidenceInput[] {
  if (!from) return [];
  const out: EvidenceInput[] = [];
  for (const part of from.split(',')) {
    const [source, raw] = part.trim().split(':');
    const id = Number(raw);
    if (!source || !(evidenceSources as readonly string[]).includes(source) || !Number.isInteger(id) || id <= 0) continue;
    if (source === 'pattern') out.push({ source, key: String(id) });
    else out.push({ source: source as Exclude<EvidenceSource, 'pattern'>, id });
  }
  return out;
}

export const evidenceCode = (e: EvidenceInput) => (e.source === 'pattern' ? `pattern:${e.key}` : `${e.source}:${e.id}`);
