import { z } from 'zod';
import { idText, isoDate, rangeInOrder } from './common.js';

/**
 * Sources of a timeline, a service log and search: incidents, safeguarding concerns, complaints, restrictive practice
 * reviews and the restrictions register. Speak-up reports are deliberately absent and must stay so: their reporters
 * are protected, and only the guardian sees them, in the guardian's own views.
 *
 * To add a source: name it here, give its resource in `sourceResource` (timeline.service.ts), its query in
 * `sourceQueries` (timeline.repository.ts) and its table in `sourceTables` (links.repository.ts).
 */
export const timelineSources = ['incident', 'safeguarding', 'complaint', 'review', 'restriction'] as const;
export type TimelineSource = (typeof timelineSources)[number];

/** A record on a timeline, as another record names it. */
export const recordRefSchema = z.strictObject({ source: z.enum(timelineSources), id: z.number().int().positive().max(2_147_483_647) });
export type RecordRef = z.infer<typeof recordRefSchema>;

export const timelineLinkSchema = z.object({
  linkId: z.number(),
  source: z.enum(timelineSources),
  id: z.number(),
  relation: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
});
export type TimelineLink = z.infer<typeof timelineLinkSchema>;

export const timelineItemSchema = z.object({
  source: z.enum(timelineSources),
  id: z.number(),
  at: z.string(),
  title: z.string(),
  summary: z.string(),
  harm: z.object({ physical: z.string(), psychological: z.string() }).optional(),
  status: z.string(),
  serviceId: z.number(),
  serviceName: z.string(),
  links: z.array(timelineLinkSchema),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelinePageSchema = z.object({ items: z.array(timelineItemSchema), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

/** What a search answers: the newest matches, up to its limit (a search has no further pages). */
export const searchResultsSchema = z.object({ items: z.array(timelineItemSchema) });

/** `sources=incident,complaint` as a de-duplicated list of known sources. */
export const sourcesParam = z
  .string()
  .max(200)
  .describe(`Comma-separated, any of: ${timelineSources.join(', ')}`)
  .transform((value) => [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.enum(timelineSources)).min(1, 'Name at least one source'));

const dateRange = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const timelineQuery = z
  .strictObject({
    sources: sourcesParam.optional(),
    ...dateRange,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(300).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(...rangeInOrder);
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const searchQuery = z
  .strictObject({
    q: z.string().trim().min(2, 'Search for at least two characters').max(100),
    sources: sourcesParam.optional(),
    serviceId: idText.optional(),
    ...dateRange,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(...rangeInOrder);
export type SearchQuery = z.infer<typeof searchQuery>;

/** Where a page ended: the last item's time, source and id, in the order newest first. */
export interface TimelineCursor { at: string; source: TimelineSource; id: number }

/** Encode a keyset cursor as an opaque URL-safe string. */
export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.source, cursor.id]), 'utf8').toString('base64url');
}

const cursorTuple = z.tuple([z.string().max(40), z.enum(timelineSources), z.number().int().positive()]);

/** Decode a cursor made by `encodeCursor`; null when it is not one. */
export function decodeCursor(value: string): TimelineCursor | null {
  try {
    const parsed = cursorTuple.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { at: parsed.data[0], source: parsed.data[1], id: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/** Newest first; ties broken by source then id, both descending: the total order the cursor walks. */
export function compareNewestFirst(a: TimelineCursor, b: TimelineCursor): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.source !== b.source) return a.source < b.source ? 1 : -1;
  return b.id - a.id;
}

