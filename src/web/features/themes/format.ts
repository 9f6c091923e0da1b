import { formatMonth } from '../../components/formatDate.js';
import type { Theme, ThemeSource } from './api.js';

export const sourceLabels: Record<ThemeSource, { one: string; many: string }> = {
  incident: { one: 'incident', many: 'Incidents' },
  safeguarding_concern: { one: 'safeguarding concern', many: 'Safeguarding' },
  complaint: { one: 'complaint', many: 'Complaints' },
  speak_up: { one: 'speak-up report', many: 'Speak-up' },
  practice_review: { one: 'practice review', many: 'Practice reviews' },
};

/** A count as shown: suppressed small numbers read "fewer than 5". */
export const countText = (n: number | null) => (n === null ? 'fewer than 5' : n.toLocaleString('en-GB'));
export const countCell = (n: number | null) => (n === null ? '<5' : n.toLocaleString('en-GB'));

/** The trend in words, for screen readers and as the chart's label: "Highest 7 in Oct 2026; 3 in Nov 2026". */
export function trendText(trend: Theme['trend']): string {
  const known = trend.filter((p): p is { month: string; count: number } => p.count !== null);
  if (!trend.length) return 'No months in the period.';
  if (!known.length) return 'Every month has fewer than 5.';
  const peak = known.reduce((a, p) => (p.count > a.count ? p : a));
  const last = trend.at(-1)!;
  return `Highest ${peak.count} in ${formatMonth(peak.month)}; ${countText(last.count)} in ${formatMonth(last.month)}.`;
}

const examplePaths: Partial<Record<string, string>> = {
  incident: '/incidents', safeguarding_concern: '/safeguarding', complaint: '/complaints', speak_up: '/speak-up/cases',
};

/** The words and link for an example record. */
export function exampleItem(e: Theme['examples'][number]): { text: string; to: string | null } {
  const label = sourceLabels[e.kind as ThemeSource]?.one ?? e.kind.replace(/_/g, ' ');
  const path = examplePaths[e.kind];
  return { text: `${label.charAt(0).toUpperCase()}${label.slice(1)} ${e.ref ?? e.id}`, to: path ? `${path}/${e.id}` : null };
}
