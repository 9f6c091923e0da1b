import { z } from 'zod';
import { recordRefSchema, timelineLinkSchema, timelineSources } from './timeline.js';

/** How one record stands to another: an incident `raised` a safeguarding concern; a complaint `relates_to` an incident. */
export const linkRelations = ['raised', 'relates_to', 'led_to'] as const;
export type LinkRelation = (typeof linkRelations)[number];

export const linkInput = z
  .strictObject({ from: recordRefSchema, to: recordRefSchema, relation: z.enum(linkRelations) })
  .refine((l) => l.from.source !== l.to.source || l.from.id !== l.to.id, { path: ['to'], message: 'A record cannot be linked to itself' });
export type LinkInput = z.infer<typeof linkInput>;

export const linkSchema = z.object({
  id: z.number(),
  from: z.object({ source: z.enum(timelineSources), id: z.number() }),
  to: z.object({ source: z.enum(timelineSources), id: z.number() }),
  relation: z.enum(linkRelations),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Link = z.infer<typeof linkSchema>;

/** `?source=incident&id=12`: the record whose links are wanted. */
export const recordLinksQuery = z.strictObject({ source: z.enum(timelineSources), id: z.coerce.number().int().positive().max(2_147_483_647) });

export const recordLinksSchema = z.object({ items: z.array(timelineLinkSchema) });
