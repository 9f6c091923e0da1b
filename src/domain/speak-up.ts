import { z } from 'zod';
import { outcomeLessonSchema } from './learning.js';
import { id, nonEmptyText, pageQuery } from './common.js';

// Freedom to Speak Up (DOMAIN.md §5.3 and §6): a worker raises a concern named, confidential or anonymous.

/** Speak-up modes (DOMAIN.md §6.1): named, confidential (identity known only to the guardian) or anonymous (identity never stored). */
export const speakUpModes = ['named', 'confidential', 'anonymous'] as const;
export type SpeakUpMode = (typeof speakUpModes)[number];

export const speakUpModeLabels: Record<SpeakUpMode, string> = {
  named: 'Named',
  confidential: 'Confidential (only the guardian knows who you are)',
  anonymous: 'Anonymous (nobody knows who you are; you get a receipt key)',
};

/** The life of a report, in order: received → triaged → investigating → closed. */
export const speakUpStatuses = ['received', 'triaged', 'investigating', 'closed'] as const;
export type SpeakUpStatus = (typeof speakUpStatuses)[number];

export const speakUpStatusLabels: Record<SpeakUpStatus, string> = {
  received: 'Received',
  triaged: 'Triaged',
  investigating: 'Being looked into',
  closed: 'Closed',
};

/** What a concern is about, as the guardian classifies it. */
export const speakUpCategories = [
  'patient_safety', 'restrictive_practice', 'bullying_harassment', 'closed_culture', 'staffing', 'other',
] as const;
export type SpeakUpCategory = (typeof speakUpCategories)[number];

export const speakUpCategoryLabels: Record<SpeakUpCategory, string> = {
  patient_safety: 'Safety of people supported',
  restrictive_practice: 'Restrictive practice',
  bullying_harassment: 'Bullying or harassment',
  closed_culture: 'Closed culture',
  staffing: 'Staffing',
  other: 'Other',
};

/**
 * Whether a report may move from one status to another: forward along received → triaged → investigating → closed
 * (steps may be skipped), or a closed report reopened for investigation. Staying put is allowed.
 */
export function canMoveStatus(from: SpeakUpStatus, to: SpeakUpStatus): boolean {
  if (from === to) return true;
  if (from === 'closed') return to === 'investigating';
  return speakUpStatuses.indexOf(to) > speakUpStatuses.indexOf(from);
}

/** A theme tag as stored: trimmed, lower-case, inner whitespace collapsed to one space. */
export function normaliseTheme(theme: string): string {
  return theme.trim().toLowerCase().replace(/\s+/g, ' ');
}

// Receipt keys: what an anonymous reporter keeps to read replies and add information.
// 32 symbols (A–Z without I and O, digits 2–9) so that each carries 5 bits and nothing is easily misread.
export const RECEIPT_KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Symbols in a key: 20 × 5 = 100 bits of randomness, shown as five groups of four. */
export const RECEIPT_KEY_LENGTH = 20;

/** Show a key's symbols in groups of four: ABCD-EFGH-JKLM-NPQR-STUV. */
export function formatReceiptKey(symbols: string): string {
  return symbols.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * The canonical form of a key as typed (case, spaces and hyphens ignored), or null when it cannot be a key.
 * The canonical form is what is hashed and stored.
 */
export function normaliseReceiptKey(typed: string): string | null {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length !== RECEIPT_KEY_LENGTH) return null;
  for (const symbol of symbols) if (!RECEIPT_KEY_ALPHABET.includes(symbol)) return null;
  return symbols;
}

const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).optional();

/** What a reporter sends. Nothing here identifies them; for named and confidential reports the account does. */
export const speakUpInput = z.strictObject({
  mode: z.enum(speakUpModes),
  serviceId: id.optional(),
  whatHappened: nonEmptyText(5000),
  raisedElsewhere: z.boolean().optional(),
  wouldLikeToHappen: optionalText(2000),
});
export type SpeakUpInput = z.infer<typeof speakUpInput>;

/** The answer to a new report; `receiptKey` only for anonymous reports, shown this once and never stored. */
export const speakUpCreated = z.object({ id: z.number(), receiptKey: z.string().optional() });

export const followUpInput = z.strictObject({
  receiptKey: z.string().trim().min(1, 'Required').max(100),
  message: nonEmptyText(5000).optional(),
});
export type FollowUpInput = z.infer<typeof followUpInput>;

/** A guardian reply as a reporter sees it: the words and the day, nothing about who or when exactly. */
export const replyForReporter = z.object({ text: z.string(), on: z.string() });

/**
 * What the holder of a receipt key learns: the status, what they reported, the conversation since (their own messages
 * and the guardian's replies, by day, no names), and whether their message was added.
 */
export const followUpResult = z.object({
  status: z.enum(speakUpStatuses),
  receivedOn: z.string(),
  whatHappened: z.string(),
  messages: z.array(replyForReporter.extend({ from: z.enum(['you', 'guardian']) })),
  isMessageAdded: z.boolean(),
  /** What the report led to ("you said, we did"): lesson statements and actions in plain words, nothing about who. */
  outcomes: z.array(outcomeLessonSchema).optional(),
});
export type FollowUpResult = z.infer<typeof followUpResult>;

/** A named or confidential reporter's own report, with the guardian's replies. */
export const ownSpeakUpSchema = z.object({
  id: z.number(),
  mode: z.enum(speakUpModes),
  status: z.enum(speakUpStatuses),
  receivedOn: z.string(),
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  whatHappened: z.string(),
  replies: z.array(replyForReporter),
});
export type OwnSpeakUp = z.infer<typeof ownSpeakUpSchema>;

const themes = z
  .array(z.string().max(200).transform(normaliseTheme).pipe(z.string().min(1, 'Required').max(60, 'At most 60 characters')))
  .max(20, 'At most 20 themes')
  .transform((list) => [...new Set(list)]);
const categories = z.array(z.enum(speakUpCategories)).max(speakUpCategories.length).transform((list) => [...new Set(list)]);

/** The guardian's changes: status, themes and categories (each list replaces the old one), and the outcome. */
export const speakUpUpdate = z
  .strictObject({
    status: z.enum(speakUpStatuses).optional(),
    themes: themes.optional(),
    categories: categories.optional(),
    outcome: nonEmptyText(5000).nullable().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), 'Send at least one change');
export type SpeakUpUpdate = z.infer<typeof speakUpUpdate>;

export const speakUpReplyInput = z.strictObject({ message: nonEmptyText(5000) });

export const speakUpListQuery = z.strictObject({
  status: z.enum(speakUpStatuses).optional(),
  theme: z.string().max(200).transform(normaliseTheme).pipe(z.string().min(1).max(60)).optional(),
  category: z.enum(speakUpCategories).optional(),
  mode: z.enum(speakUpModes).optional(),
  ...pageQuery,
});
export type SpeakUpListQuery = z.infer<typeof speakUpListQuery>;

/** A report in the guardian's list: no narrative and no reporter identity. */
export const speakUpSummarySchema = z.object({
  id: z.number(),
  mode: z.enum(speakUpModes),
  status: z.enum(speakUpStatuses),
  receivedOn: z.string(),
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  categories: z.array(z.enum(speakUpCategories)),
  themes: z.array(z.string()),
  hasOutcome: z.boolean(),
  messageCount: z.number(),
});
export type SpeakUpSummary = z.infer<typeof speakUpSummarySchema>;

/** One entry of a report's thread as the guardian sees it. */
export const speakUpMessageSchema = z.object({
  author: z.enum(['reporter', 'guardian']),
  authorName: z.string().nullable(),
  text: z.string(),
  on: z.string(),
});

/** A whole report for the guardian; `reporter` only for named and confidential reports. */
export const speakUpDetailSchema = speakUpSummarySchema.omit({ hasOutcome: true, messageCount: true }).extend({
  whatHappened: z.string(),
  raisedElsewhere: z.boolean().nullable(),
  wouldLikeToHappen: z.string().nullable(),
  outcome: z.string().nullable(),
  reporter: z.object({ name: z.string(), email: z.string() }).nullable(),
  thread: z.array(speakUpMessageSchema),
});
export type SpeakUpDetail = z.infer<typeof speakUpDetailSchema>;
