import { z } from 'zod';

/** Kinds of finding, as the API names them, with the words people read. */
export const patternKindLabels = {
  time_hotspot: 'Time hotspot',
  trigger: 'Trigger',
  staffing_agency: 'Agency staffing',
  staff_overrepresented: 'Staff member over-represented',
  escalation: 'Escalation',
  improvement: 'Improvement',
  cross_service_theme: 'Theme across services',
  cross_source_theme: 'Theme across sources',
  blanket_restriction: 'Blanket restriction',
} as const;
export type PatternKindName = keyof typeof patternKindLabels;
export const patternKindNames = Object.keys(patternKindLabels) as PatternKindName[];

export const patternStatuses = ['open', 'dismissed', 'in_learning'] as const;

export const patternSchema = z.object({
  id: z.number(),
  kind: z.enum(patternKindNames as [PatternKindName, ...PatternKindName[]]),
  scope: z.object({ type: z.enum(['organisation', 'region', 'service', 'person', 'staff']), id: z.number().nullable() }),
  title: z.string(),
  summary: z.string(),
  statistic: z.object({ name: z.string(), value: z.number(), pValue: z.number().optional(), ci95: z.tuple([z.number(), z.number()]).optional() }),
  /** 0–1: how strong the finding is, comparable across kinds. */
  strength: z.number(),
  evidence: z.array(z.object({ kind: z.string(), id: z.number(), ref: z.string().optional() })),
  status: z.enum(patternStatuses),
  dismissal: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  firstFoundAt: z.string(),
  lastFoundAt: z.string(),
});
export type Pattern = z.infer<typeof patternSchema>;

export const patternRunSchema = z.object({
  status: z.enum(['running', 'finished', 'failed']),
  stage: z.string(),
  /** 0–1. */
  progress: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  found: z.number().nullable().optional(),
});
export type PatternRun = z.infer<typeof patternRunSchema>;

export const patternListSchema = z.object({ patterns: z.array(patternSchema), run: patternRunSchema.nullable() });

export const patternDismissal = z.strictObject({ reason: z.string().trim().min(5, 'Say why, in a few words').max(2000) });
