import { linkRelations, type LinkInput, type LinkRelation } from '../../../domain/links.js';
import { restrictionStatusLabels } from '../../../domain/restrictions.js';
import type { RecordRef, TimelineLink, TimelineSource } from '../../../domain/timeline.js';
import type { Capability } from '../auth/permissions.js';
import { outcomeLabels } from '../complaints/labels.js';
import { statusLabels as incidentStatusLabels } from '../incidents/labels.js';
import { statusShort as concernStatusLabels } from '../safeguarding/labels.js';

/** Each source's names: a filter's label for many, the kind of one, and one named in a sentence ("safeguarding concern 12"). */
export const sourceNames: Record<TimelineSource, { many: string; kind: string; one: string }> = {
  incident: { many: 'Incidents', kind: 'Incident', one: 'incident' },
  safeguarding: { many: 'Safeguarding concerns', kind: 'Safeguarding concern', one: 'safeguarding concern' },
  complaint: { many: 'Complaints and feedback', kind: 'Complaint or feedback', one: 'complaint' },
  review: { many: 'Practice reviews', kind: 'Practice review', one: 'practice review' },
  restriction: { many: 'Restrictions', kind: 'Restriction', one: 'restriction' },
};

/** The capability that lets a role read each source, so that filters and forms offer only what the server will answer. */
export const readCapability: Record<TimelineSource, Capability> = {
  incident: 'readIncidents',
  safeguarding: 'readSafeguarding',
  complaint: 'readComplaints',
  review: 'readPracticeReviews',
  restriction: 'readRestrictions',
};

/** A record's own page. */
export function recordPath(ref: RecordRef): string {
  switch (ref.source) {
    case 'incident': return `/incidents/${ref.id}`;
    case 'safeguarding': return `/safeguarding/${ref.id}`;
    case 'complaint': return `/complaints/${ref.id}`;
    case 'restriction': return `/restrictions/${ref.id}`;
    case 'review': return `/reviews/${ref.id}`;
  }
}

/** A record named in a sentence: "safeguarding concern 12". */
export const recordName = (ref: RecordRef): string => `${sourceNames[ref.source].one} ${ref.id}`;

/** Reviews and restrictions are dated by the day (their time is midnight UTC), so they are shown without a time. */
export const isDatedByDay = (source: TimelineSource): boolean => source === 'review' || source === 'restriction';

const complaintStatusLabels: Record<string, string> = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  responded: 'Responded',
  ...Object.fromEntries(Object.entries(outcomeLabels).map(([outcome, label]) => [outcome, `Responded: ${label.toLowerCase()}`])),
};

const statusLabelsBySource: Record<TimelineSource, Record<string, string>> = {
  incident: incidentStatusLabels,
  safeguarding: concernStatusLabels,
  complaint: complaintStatusLabels,
  review: { held: 'Held' },
  restriction: restrictionStatusLabels,
};

/** A timeline item's status in the words its own page uses ("Waiting for review", "Enquiry open"). */
export const statusText = (source: TimelineSource, status: string): string => statusLabelsBySource[source][status] ?? status;

/** How a link reads from each end: this incident "raised" the concern; the concern "was raised by" the incident. */
const relationWords: Record<LinkRelation, Record<TimelineLink['direction'], string>> = {
  raised: { outgoing: 'raised', incoming: 'was raised by' },
  relates_to: { outgoing: 'relates to', incoming: 'relates to' },
  led_to: { outgoing: 'led to', incoming: 'followed from' },
};

const isRelation = (value: string): value is LinkRelation => (linkRelations as readonly string[]).includes(value);

/** A record's link as a sentence about the other record: "Raised safeguarding concern 12", "Was raised by incident 318". */
export function linkText(link: Pick<TimelineLink, 'relation' | 'direction' | 'source' | 'id'>): string {
  const words = isRelation(link.relation) ? relationWords[link.relation][link.direction] : link.relation.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${recordName(link)}`;
}

/** What the user may say about how this record stands to another, each a relation read from this record's end. */
export const linkChoices = linkRelations.flatMap((relation) => {
  const { outgoing, incoming } = relationWords[relation];
  const choices = [{ value: `${relation}:outgoing`, relation, direction: 'outgoing' as const, words: outgoing }];
  // "Relates to" reads the same from either end, so it is offered once.
  return incoming === outgoing ? choices : [...choices, { value: `${relation}:incoming`, relation, direction: 'incoming' as const, words: incoming }];
});
export const linkChoiceValues = linkChoices.map((c) => c.value) as [string, ...string[]];

/** The link to send for "this record <choice> the other record": an incoming choice makes the other record its `from`. */
export function linkInputFor(choice: string, self: RecordRef, other: RecordRef): LinkInput {
  const chosen = linkChoices.find((c) => c.value === choice);
  if (!chosen) throw new Error(`Not a link choice: ${choice}`);
  return chosen.direction === 'outgoing'
    ? { from: self, to: other, relation: chosen.relation }
    : { from: other, to: self, relation: chosen.relation };
}

/** Where a server error about a link belongs on the form: its relation, or (either end, or the pair) the record chosen. */
export function linkFieldFor(path: string): string {
  if (path === 'relation') return 'choice';
  return /^(from|to)(\.|$)/.test(path) ? 'otherId' : path;
}
