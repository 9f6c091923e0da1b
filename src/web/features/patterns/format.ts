import type { Pattern } from '../../../domain/patterns.js';
import { formatNumber } from '../../components/formatDate.js';

// How a finding's figures are put into words. Pure, so the wording is unit tested.

export const patternStatusLabels: Record<Pattern['status'], string> = {
  open: 'Open',
  dismissed: 'Dismissed',
  in_learning: 'In a learning response',
};

/** "Strong", "Moderate" or "Weak", from the 0–1 strength the detectors give. */
export function strengthWord(strength: number): 'Strong' | 'Moderate' | 'Weak' {
  if (strength >= 0.75) return 'Strong';
  if (strength >= 0.5) return 'Moderate';
  return 'Weak';
}

/** "Strong (0.92)": the word and the number, so nothing rests on the bar's length or colour. */
export function strengthText(strength: number): string {
  return `${strengthWord(strength)} (${clamp01(strength).toFixed(2)})`;
}

export const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

/** "p < 0.001", "p = 0.004", "p = 0.03". */
export function pValueText(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  if (p > 0.99) return 'p > 0.99';
  return `p = ${p.toFixed(2)}`;
}

/** "95 % CI 1.8 to 4.2". */
export function ciText([low, high]: readonly [number, number]): string {
  return `95 % CI ${formatNumber(low, 2)} to ${formatNumber(high, 2)}`;
}

/** What the statistic says, in a short plain sentence (its name as the API gives it when unknown). */
export function statisticWords(statistic: Pattern['statistic']): string {
  const v = formatNumber(statistic.value, 2);
  switch (statistic.name) {
    case 'rate_ratio':
      return `${v} times the usual rate (rate ratio)`;
    case 'odds_ratio':
      return `${v} times the usual odds (odds ratio)`;
    case 'share_ratio':
      return `${v} times the expected share (share ratio)`;
    case 'observed_to_expected':
      return `${v} times as many as expected (observed to expected)`;
    case 'mention_share_after':
      return `Mentioned in ${formatNumber(statistic.value * 100, 0)} % of records since`;
    default:
      return `${statistic.name.replace(/_/g, ' ')}: ${v}`;
  }
}

/** The statistic with its p-value and confidence interval, as one line. */
export function statisticText(statistic: Pattern['statistic']): string {
  return [
    statisticWords(statistic),
    statistic.pValue === undefined ? null : pValueText(statistic.pValue),
    statistic.ci95 ? ciText(statistic.ci95) : null,
  ].filter(Boolean).join('; ');
}

const evidenceWords: Record<string, { label: string; path: string | null }> = {
  incident: { label: 'Incident', path: '/incidents' },
  safeguarding_concern: { label: 'Safeguarding concern', path: '/safeguarding' },
  complaint: { label: 'Complaint', path: '/complaints' },
  restriction: { label: 'Restriction', path: '/restrictions' },
  restrictive_intervention: { label: 'Restrictive intervention', path: null },
  practice_review: { label: 'Practice review', path: '/reviews' },
};

/** The words and (when the record has a page) the link for one piece of evidence. */
export function evidenceItem(e: Pattern['evidence'][number]): { text: string; to: string | null } {
  const known = evidenceWords[e.kind] ?? { label: e.kind.replace(/_/g, ' '), path: null };
  return { text: `${known.label} ${e.ref ?? e.id}`, to: known.path ? `${known.path}/${e.id}` : null };
}

/** Where the scope's own page is, if it has one. */
export function scopePath(scope: Pattern['scope']): string | null {
  if (scope.id === null) return null;
  switch (scope.type) {
    case 'person':
      return `/people/${scope.id}`;
    case 'service':
      return `/services/${scope.id}`;
    case 'staff':
      return `/staff/${scope.id}`;
    case 'organisation':
    case 'region':
      return null;
  }
}

/** The restrictive interventions chart for the finding's person or service (escalation and improvement only). */
export function measurePath(pattern: Pick<Pattern, 'kind' | 'scope'>): string | null {
  if (pattern.kind !== 'escalation' && pattern.kind !== 'improvement') return null;
  const { type, id } = pattern.scope;
  if (type === 'organisation') return '/measures/restrictive_interventions?scope=organisation';
  if ((type === 'person' || type === 'service' || type === 'region') && id !== null) {
    return `/measures/restrictive_interventions?scope=${type}:${id}`;
  }
  return null;
}

/** "23 findings", "1 finding". */
export const findingsCount = (n: number) => `${formatNumber(n)} ${n === 1 ? 'finding' : 'findings'}`;
