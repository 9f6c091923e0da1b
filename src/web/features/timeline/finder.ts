import type { RecordRef, TimelineItem, TimelineSource } from '../../../domain/timeline.js';
import { formatDate, formatDateTime } from '../../components/formatDate.js';
import { isDatedByDay, sourceNames } from './labels.js';

/** What the user asked the link form to find: a kind of record, and words, a reference or a number. */
export interface Finding { source: TimelineSource; q: string }

/** Enough of a record's summary to tell it from the others found, cut at the end of a word. */
export function shortened(text: string, length = 140): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The record numbers are database ids: whole numbers that fit the API's limit. */
const recordNumber = (q: string): number | null => (/^\d{1,9}$/.test(q) && Number(q) > 0 ? Number(q) : null);

/** Whether the finder can look: at least two characters for a search, or a record's number. */
export const canFind = (q: string): boolean => q.trim().length >= 2 || recordNumber(q.trim()) !== null;

/**
 * The records the user may choose to link to: the one with the number typed (when a number was, and the search did not
 * already find it), then what the search found; never the record itself.
 */
export function candidatesFor(finding: Finding | null, found: readonly TimelineItem[] | undefined, self: RecordRef) {
  if (!finding) return [];
  const isSelf = (ref: RecordRef) => ref.source === self.source && ref.id === self.id;
  const matches = (found ?? []).filter((item) => !isSelf(item));
  const byNumber = recordNumber(finding.q);
  const numbered = byNumber !== null && !isSelf({ source: finding.source, id: byNumber }) && !matches.some((item) => item.id === byNumber)
    ? [{ value: byNumber, label: `${sourceNames[finding.source].kind} ${byNumber} (by its number)` }]
    : [];
  const when = (item: TimelineItem) => (isDatedByDay(item.source) ? formatDate(item.at.slice(0, 10)) : formatDateTime(item.at));
  return [
    ...numbered,
    ...matches.map((item) => ({
      value: item.id, label: `${sourceNames[item.source].kind} ${item.id}, ${when(item)}, ${item.serviceName}`, hint: shortened(item.summary),
    })),
  ];
}
