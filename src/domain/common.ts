import { z } from 'zod';

/** The largest id both databases store (a 32-bit integer): larger ones are refused, not sent to PostgreSQL. */
export const MAX_ID = 2_147_483_647;
/** A record's id in a body. */
export const id = z.number().int().positive().max(MAX_ID);
/** A record's id in a path or query string. */
export const idText = z.coerce.number().int().positive().max(MAX_ID);
/** A record id as it appears in a URL path. */
export const idParam = z.strictObject({ id: idText });

/**
 * The years a record's dates can fall in. Wider would take typing slips (0202 for 2026, a review "due" in 9999 that
 * is never overdue) and a day after 9999-12-31 that no longer sorts as text.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;
const isPlausibleYear = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};
const yearsMessage = `Use a date between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** A calendar date as YYYY-MM-DD that exists (no 31 Feb), in a plausible year. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'This date does not exist')
  .refine(isPlausibleYear, yearsMessage);

/** An instant in ISO 8601 with its offset (2026-11-26T18:30:00Z), in a plausible year. */
export const isoInstant = (message: string) => z.iso.datetime({ offset: true, message }).refine(isPlausibleYear, yearsMessage);

/** A filter's `from` and `to` in order, or the problem is on `to`: for a query schema's `.refine`. */
export const rangeInOrder: [(q: { from?: string; to?: string }) => boolean, { path: string[]; message: string }] = [
  (q) => !q.from || !q.to || q.from <= q.to,
  { path: ['to'], message: 'The end is before the start' },
];

/** A month as YYYY-MM. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM');

/** Something to read: a letter, digit, mark of punctuation or symbol (not only zero-width or direction characters). */
const hasVisibleText = (text: string) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(text);

export const nonEmptyText = (max: number) =>
  z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`).refine((text) => text === '' || hasVisibleText(text), 'Required');

/** Page through a list: `limit` rows after `offset`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
