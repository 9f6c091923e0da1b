import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { get } from '../../api/client.js';

const count = z.number().nullable();
export const themeSchema = z.object({
  key: z.string(),
  name: z.string(),
  total: count,
  bySource: z.object({ incident: count, safeguarding_concern: count, complaint: count, speak_up: count, practice_review: count }),
  byService: z.array(z.object({ serviceId: z.number(), name: z.string(), count })),
  trend: z.array(z.object({ month: z.string(), count })),
  examples: z.array(z.object({ kind: z.string(), id: z.number(), ref: z.string().optional() })),
});
export type Theme = z.infer<typeof themeSchema>;
export type ThemeSource = keyof Theme['bySource'];

const themesSchema = z.object({
  scope: z.string(), from: z.string(), to: z.string(), isSuppressed: z.boolean(),
  sources: z.array(z.enum(['incident', 'safeguarding_concern', 'complaint', 'speak_up', 'practice_review'])),
  themes: z.array(themeSchema),
});
export type ThemesAnswer = z.infer<typeof themesSchema>;

export interface ThemesQuery { scope: string; from: string; to: string }

/** Themes across every source for a scope and period (GET /api/v1/themes). */
export function useThemes(q: ThemesQuery) {
  return useQuery({
    queryKey: ['themes', q] as const,
    queryFn: ({ signal }) => get('/api/v1/themes', themesSchema, { ...q }, signal),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
