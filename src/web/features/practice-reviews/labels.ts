import { joinWords } from '../../../domain/words.js';
import { isRestrictionJustified, type PracticeReview, type PracticeReviewKind } from '../../../domain/practice-reviews.js';

/** A review's kind as a page title begins: "Post-incident review for Kai H.". */
export const kindTitles: Record<PracticeReviewKind, string> = {
  post_incident: 'Post-incident review',
  periodic: 'Periodic review of restrictions',
};

/** Who can take part in a review, besides the staff named. */
export const participantCodes = ['person', 'family', 'advocate', 'staff'] as const;
export type ParticipantCode = (typeof participantCodes)[number];

export const participantLabels: Record<ParticipantCode, string> = {
  person: 'The person supported',
  family: 'Family or friends',
  advocate: 'An advocate',
  staff: 'Staff',
};

/** Who took part, in words: "Kai H., family and staff (Chloe Adams, Sam Lee)"; "Nobody recorded" when no one. */
export function participantsText(p: PracticeReview['participants'], personName: string): string {
  const names = p.staffMembers.map((s) => s.name);
  const parts = [
    p.person ? personName : null,
    p.family ? 'family or friends' : null,
    p.advocate ? 'an advocate' : null,
    p.staff ? (names.length ? `staff (${names.join(', ')})` : 'staff') : null,
  ].filter((part): part is string => part !== null);
  if (!parts.length) return 'Nobody recorded';
  const text = joinWords(parts);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

type Judged = { isNecessary: boolean; isProportionate: boolean; isLeastRestrictive: boolean };

/**
 * A restriction's judgement in words: "Justified" only when it is necessary, proportionate and the least restrictive
 * option (isRestrictionJustified); otherwise which of the three it is not.
 */
export function judgementText(a: Judged): string {
  if (isRestrictionJustified(a)) return 'Justified';
  const fails = [
    a.isNecessary ? null : 'not necessary',
    a.isProportionate ? null : 'not proportionate',
    a.isLeastRestrictive ? null : 'not the least restrictive option',
  ].filter((f): f is string => f !== null);
  return `Not justified: ${joinWords(fails)}`;
}

/** The restrictions a review judged, for a list: "2 restrictions, 1 not justified", "1 restriction, justified". */
export function assessmentsSummary(assessments: readonly Judged[]): string {
  const count = assessments.length;
  if (count === 0) return 'No restrictions judged';
  const notJustified = assessments.filter((a) => !isRestrictionJustified(a)).length;
  const noun = count === 1 ? '1 restriction' : `${count} restrictions`;
  if (notJustified === 0) return `${noun}, ${count === 1 ? 'justified' : 'all justified'}`;
  return `${noun}, ${count === 1 ? 'not justified' : `${notJustified} not justified`}`;
}

/** A restriction's description cut to a few words at most, to name it in a question: "Kitchen locked from 8pm…". */
export function shortName(description: string, max = 50): string {
  const text = description.trim().replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
