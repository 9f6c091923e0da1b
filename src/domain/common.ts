import { z } from 'zod';

/** A record id as it appears in a URL path: a positive whole number. */
export const idParam = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const id = z.number().int().positive().max(2_147_483_647);

/** A calendar date as YYYY-MM-DD that exists (no 31 Feb). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'This date does not exist');

/** A month as YYYY-MM. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM');

export const nonEmptyText = (max: number) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);

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
